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
