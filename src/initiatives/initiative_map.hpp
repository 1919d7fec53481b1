// Where initiatives are: each register entry located in municipalities, and
// the regions of every layer it touches with the share of its population.
#pragma once

#include "analysis/governance.hpp"
#include "core/output.hpp"
#include "initiatives/location_resolver.hpp"
#include "initiatives/register.hpp"
#include "store/store.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace regiomap {

struct LocatedInitiative {
    const Initiative* entry = nullptr;
    LocationResolution resolution;
};

// An entry's municipalities come from its `municipalities` column when given, else
// from its published location, else from its geometry (points: the municipality
// holding them; polygons: every municipality holding 1% or more of the polygon).
std::vector<LocatedInitiative> locate_initiatives(const Register& register_, const LocationResolver& resolver,
                                                  const Governance& governance, const Store& store);

struct RegionShare {
    int region = 0;
    double population_share = 0;  // of the initiative's population (municipality count where population is unknown)
};

// The regions of a division an initiative touches, largest share first.
std::vector<RegionShare> regions_touched(const Governance& governance, const Division& division,
                                         const std::vector<int>& municipalities);

// Per region of `division`: the initiatives that touch it and how many of them have a
// formal agreement (every one under `all_formal`; formal_unknown: entries that do not say).
struct RegionCount {
    int initiatives = 0;
    int formal = 0;
    int formal_unknown = 0;
};
std::vector<RegionCount> count_per_region(const Governance& governance, const Division& division,
                                          const std::vector<LocatedInitiative>& located, bool all_formal);

// How many entries were located fully, partly or not at all, and how many rest on an
// alias marked UNVERIFIED.
struct ResolutionTally {
    int full = 0;
    int partial = 0;
    int unresolved = 0;
    int unverified = 0;
};
ResolutionTally tally_resolutions(const std::vector<LocatedInitiative>& located);

// An initiative over one division: the regions it touches, largest share first.
struct InitiativeInDivision {
    std::vector<RegionShare> shares;
    bool crosses_border = false;  // it touches more than one region
};

struct MappedInitiative {
    const LocatedInitiative* located = nullptr;
    std::vector<InitiativeInDivision> divisions;  // one per division of the map, in its order
};

// One division's regions with their initiatives.
struct DivisionTally {
    const Division* division = nullptr;
    std::vector<RegionCount> counts;            // per region, in the division's order
    std::vector<int> regions_with_initiatives;  // most initiatives first, then by region code
};

// `initiatives map`: every initiative over every division of `layer_ids`, and per division
// the initiatives of each region. The located entries must outlive the result.
struct InitiativeMap {
    std::vector<std::string> layer_ids;
    std::vector<MappedInitiative> initiatives;
    std::vector<DivisionTally> divisions;
    std::vector<std::string> unverified;  // ids of the entries resting on an UNVERIFIED alias
};
InitiativeMap map_initiatives(const Governance& governance, const std::vector<LocatedInitiative>& located,
                              const std::vector<std::string>& layer_ids, bool all_formal);

}  // namespace regiomap

namespace regiomap {

// Everything the initiative commands read from the store, built once.
struct InitiativeWorkspace {
    explicit InitiativeWorkspace(const Store& store);

    Register read(const std::filesystem::path& file,
                  DecimalConvention convention = DecimalConvention::automatic) const {
        return read_register(file, names, insurers, convention);
    }
    // The register must outlive the result (it points into it).
    std::vector<LocatedInitiative> locate(const Register& register_) const {
        return locate_initiatives(register_, resolver, governance, store);
    }

    const Store& store;
    Governance governance;
    MunicipalityNames names;
    InsurerDirectory insurers;
    LocationResolver resolver;
};

}  // namespace regiomap
