// The GeoPackage outputs of `incongruence --out` and `initiatives map --out` (and the
// report's regiomap.gpkg): results as typed layers, written by io/geopackage_writer.
#pragma once

#include "analysis/incongruence.hpp"
#include "initiatives/initiative_map.hpp"
#include "io/geopackage_writer.hpp"
#include "store/store.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace regiomap {

// The scores as a GeoPackage layer "incongruence": one feature per municipality (its shape,
// the columns of the CSV output, typed), in the order of `ranked`, with the attribution of
// the municipality layer and the scored layers, and `qml` as its QGIS style (empty: none).
inline constexpr const char* kIncongruenceKind = "incongruence";
GeoPackageLayer incongruence_layer(const Store& store, const IncongruenceModel& model,
                                   const std::vector<IncongruenceScore>& ranked, const std::string& qml);

// A GeoPackage holding incongruence_layer, in the store's CRS, marked as a regiomap output
// of kind "incongruence" (write_geopackage). With a `style` (a .qml file) the layer carries
// that QGIS style in the GeoPackage, and under StyleFiles::inside_and_beside also as
// <file>.qml beside it. Each file is checked against `policy` first and written
// atomically; a failed write leaves no temporary file.
void write_incongruence_geopackage(const Store& store, const IncongruenceModel& model,
                                   const std::vector<IncongruenceScore>& ranked, const std::filesystem::path& file,
                                   const std::filesystem::path& style, const OutputPolicy& policy,
                                   StyleFiles style_files = StyleFiles::inside_and_beside);

// One GeoPackage layer per division, "initiatives_per_<layer>": its regions (shape, region_code,
// region_name) with the number of initiatives and of those with a formal agreement (NULL
// where unknown), with the attribution of the municipality layer and the division.
std::vector<GeoPackageLayer> initiatives_per_region_layers(const Store& store, const InitiativeMap& map);

// initiatives_per_region_layers in a GeoPackage in the store's CRS, marked as a regiomap
// output of kind "initiatives map", checked against `policy` and written atomically
// (write_geopackage: a failed write leaves no temporary file).
inline constexpr const char* kInitiativeMapKind = "initiatives map";
void write_initiative_map_geopackage(const Store& store, const InitiativeMap& map, const std::filesystem::path& file,
                                     const OutputPolicy& policy);

}  // namespace regiomap
