// GeoPackage layers built from what the store holds, for every output that
// carries map layers (the report's regiomap.gpkg, `incongruence --format gpkg`,
// `initiatives map --format gpkg`): the attribution line and the region outlines
// of each division.
#pragma once

#include "io/geopackage_writer.hpp"
#include "store/store.hpp"

#include <string>
#include <vector>

namespace regiomap {

// The store's attribution (the manifest's, e.g. "Bron: CBS, Kadaster (CC-BY 4.0); ...") followed
// by the title and year of each of `layer_ids` ("Gemeenten (Wmo) 2020"), with the source of a
// layer that does not come from CBS. Throws NotFoundError for a layer the store lacks.
std::string attribution_line(const Store& store, const std::vector<std::string>& layer_ids);

// "regions_zorgkantoor": the name of a division's outline layer.
std::string region_outline_layer_name(const std::string& layer_id);

// The bundled QGIS style of an outline layer (styles/region_outlines.qml, found at run time).
std::string region_outline_qml();

// One division's regions as a multipolygon layer with fields region_code, region_name,
// municipalities (how many the store assigns to the region) and population (their sum;
// NULL when a member's population is unknown), in region-code order, with the attribution
// of the municipality layer and this division, and `qml` as its style (empty: none).
GeoPackageLayer region_outline_layer(const Store& store, const std::string& layer_id, const std::string& qml);

// region_outline_layer for every division of the store but the municipality layer, in the
// store's layer order, each styled with `qml`.
std::vector<GeoPackageLayer> region_outline_layers(const Store& store, const std::string& qml);

}  // namespace regiomap
