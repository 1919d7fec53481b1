// The one GeoPackage writer of regiomap (GDAL's GPKG driver): several vector
// layers, each with named, typed fields and features carrying WKB geometry, in
// the CRS of the store, optionally each with a QGIS style.
//
// Contract of write_geopackage:
//   - the file is checked against the output policy first (check_output_target:
//     a previous regiomap GeoPackage of the same kind may be replaced, never the
//     store, an input or another file without --force);
//   - it is built in a temporary beside the target and renamed into place, so a
//     reader never sees half a GeoPackage and a failed write leaves nothing
//     behind (the previous file stays as it was);
//   - it is marked as a regiomap output of `kind` (mark_geopackage_output);
//   - a layer's QGIS style goes into the GeoPackage's `layer_styles` table, the
//     QGIS convention (QGIS applies it when it opens the layer), with the layer's
//     attribution added to the style (QGIS shows it as the layer's notes), and
//     optionally also into a .qml file beside the GeoPackage.
#pragma once

#include "core/output.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

namespace regiomap {

enum class FieldType { string, integer, real };

struct GeoPackageField {
    std::string name;
    FieldType type = FieldType::string;
};

// One field's value in one feature: absent (NULL), text, a whole number or a real number.
// A value must match its field's type (a whole number may fill a real field).
using FieldValue = std::variant<std::monostate, std::string, std::int64_t, double>;

enum class GeometryType {
    multipolygon,  // polygons are written as multipolygons
    point,
    none,  // an attributes table (no geometry column)
};

struct GeoPackageFeature {
    std::vector<FieldValue> values;  // one per field of the layer, in the layer's order
    std::vector<unsigned char> wkb;  // the geometry as WKB in the GeoPackage's CRS; empty: none
};

struct GeoPackageLayer {
    std::string name;  // the table name (letters, digits, '_')
    GeometryType geometry_type = GeometryType::multipolygon;
    std::vector<GeoPackageField> fields;
    std::vector<GeoPackageFeature> features;
    // A whole QGIS style document (.qml text); empty: the layer has no style.
    std::string qml;
    // Where the data comes from, e.g. "Bron: CBS, Kadaster ...; gemeente 2020": the layer's
    // description in gpkg_contents and, in its style, the notes and a custom property.
    // Required for a layer with a style.
    std::string attribution;
};

enum class StyleFiles {
    inside,              // styles only in the layer_styles table
    inside_and_beside,   // also as .qml files beside the GeoPackage (see style_file_beside)
};

// Where the style of `layer_name` lands beside `file` under StyleFiles::inside_and_beside:
// FILE.qml when only one layer of the GeoPackage has a style (the name QGIS looks for
// beside a single-layer file), else FILE.LAYER.qml.
std::filesystem::path style_file_beside(const std::filesystem::path& file, const std::string& layer_name,
                                        std::size_t styled_layers);

// Writes `layers` into the GeoPackage `file` in `crs` ("EPSG:28992", or anything GDAL's
// SetFromUserInput reads) under the contract above. Throws OutputError when the file may
// not or cannot be written (naming the file, and the layer and feature where GDAL fails).
// Layers that break the types above are refused with an Error (exit code 5: a fault of
// regiomap, not of the user's input): a value of the wrong type, a style without attribution
// or that is no QGIS document, two layers of one name, before any file is touched; a
// geometry that is not WKB or not of the layer's type while the temporary is built (which
// is then removed, the previous file left as it was).
void write_geopackage(const std::filesystem::path& file, const std::string& kind, const std::string& crs,
                      const std::vector<GeoPackageLayer>& layers, const OutputPolicy& policy,
                      StyleFiles style_files = StyleFiles::inside);

// `qml` with the attribution added where QGIS shows it: the layer's notes (<userNotes>,
// shown in the layers panel) and a custom property "regiomap/attribution"; the style's
// categories are extended by Notes and CustomProperties so QGIS reads both. Throws Error
// when `qml` is not a QGIS style document (no <qgis ...> element).
std::string qml_with_attribution(const std::string& qml, const std::string& attribution);

}  // namespace regiomap
