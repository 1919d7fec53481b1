// Where initiatives are: each register entry located in municipalities, and
// the regions of every layer it touches with the share of its population.
#pragma once

#include "analysis/governance.hpp"
#include "core/output.hpp"
#include "initiatives/location_resolver.hpp"
#include "initiatives/register.hpp"
#include "io/geopackage_writer.hpp"
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

// The table formats fit kTerminalWidth (kTerminalWidth in core/output.hpp): long source
// texts become numbered notes, lists are wrapped or cut; `wide` prints them inline.
std::string format_resolution(const Governance& governance, const std::vector<LocatedInitiative>& located,
                              OutputFormat format, bool wide = false);

std::string format_initiative_map(const Governance& governance, const std::vector<LocatedInitiative>& located,
                                  const std::vector<std::string>& layer_ids, bool all_formal, OutputFormat format,
                                  bool wide = false);

// One GeoPackage layer per division, "initiatives_per_<layer>": its regions (shape, region_code,
// region_name) with the number of initiatives and of those with a formal agreement (NULL
// where unknown), with the attribution of the municipality layer and the division.
std::vector<GeoPackageLayer> initiatives_per_region_layers(const Store& store, const Governance& governance,
                                                           const std::vector<LocatedInitiative>& located,
                                                           const std::vector<std::string>& layer_ids, bool all_formal);

// initiatives_per_region_layers in a GeoPackage in the store's CRS, marked as a regiomap
// output of kind "initiatives map", checked against `policy` and written atomically
// (write_geopackage: a failed write leaves no temporary file).
inline constexpr const char* kInitiativeMapKind = "initiatives map";
void write_initiative_map_geopackage(const Store& store, const Governance& governance,
                                     const std::vector<LocatedInitiative>& located,
                                     const std::vector<std::string>& layer_ids, bool all_formal,
                                     const std::filesystem::path& file, const OutputPolicy& policy);

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
