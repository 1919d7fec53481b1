#include "io/geopackage_writer.hpp"

#include "core/error.hpp"
#include "core/gdal_errors.hpp"

#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <set>

namespace regiomap {

namespace {

// The table QGIS reads styles from (the QGIS GeoPackage styling convention:
// github.com/pka/qgpkg/blob/master/qgis_geopackage_extension.md).
constexpr const char* kLayerStylesTable = "layer_styles";

const char* type_name(FieldType type) {
    switch (type) {
        case FieldType::string: return "string";
        case FieldType::integer: return "integer";
        case FieldType::real: return "real";
    }
    return "unknown";
}

bool value_fits(const FieldValue& value, FieldType type) {
    if (std::holds_alternative<std::monostate>(value)) return true;
    switch (type) {
        case FieldType::string: return std::holds_alternative<std::string>(value);
        case FieldType::integer: return std::holds_alternative<std::int64_t>(value);
        case FieldType::real: return std::holds_alternative<double>(value) || std::holds_alternative<std::int64_t>(value);
    }
    return false;
}

// The caller's part of the contract, checked before any file is touched.
void check_layers(const std::vector<GeoPackageLayer>& layers) {
    std::set<std::string> names;
    for (const auto& layer : layers) {
        if (layer.name.empty()) throw Error("a GeoPackage layer needs a name");
        if (!names.insert(layer.name).second) throw Error("two GeoPackage layers are named " + layer.name);
        if (layer.name == kLayerStylesTable || layer.name == kGeopackageOutputTable) {
            throw Error("GeoPackage layer name " + layer.name + " is reserved");
        }
        if (!layer.qml.empty() && layer.attribution.empty()) {
            throw Error("GeoPackage layer " + layer.name + " has a style but no attribution");
        }
        std::set<std::string> field_names;
        for (const auto& field : layer.fields) {
            if (!field_names.insert(field.name).second) {
                throw Error(fmt::format("GeoPackage layer {} has two fields named {}", layer.name, field.name));
            }
        }
        for (std::size_t f = 0; f < layer.features.size(); ++f) {
            const auto& feature = layer.features[f];
            if (feature.values.size() != layer.fields.size()) {
                throw Error(fmt::format("GeoPackage layer {}, feature {}: {} values for {} fields", layer.name, f + 1,
                                        feature.values.size(), layer.fields.size()));
            }
            for (std::size_t i = 0; i < layer.fields.size(); ++i) {
                if (!value_fits(feature.values[i], layer.fields[i].type)) {
                    throw Error(fmt::format("GeoPackage layer {}, feature {}: field {} is {}, the value is not",
                                            layer.name, f + 1, layer.fields[i].name, type_name(layer.fields[i].type)));
                }
            }
            if (layer.geometry_type == GeometryType::none && !feature.wkb.empty()) {
                throw Error(fmt::format("GeoPackage layer {} has no geometry column, feature {} has a geometry",
                                        layer.name, f + 1));
            }
        }
    }
}

std::size_t styled_layer_count(const std::vector<GeoPackageLayer>& layers) {
    std::size_t count = 0;
    for (const auto& layer : layers) count += layer.qml.empty() ? 0 : 1;
    return count;
}

std::string xml_escaped(const std::string& text) {
    std::string escaped;
    for (char c : text) {
        switch (c) {
            case '&': escaped += "&amp;"; break;
            case '<': escaped += "&lt;"; break;
            case '>': escaped += "&gt;"; break;
            case '"': escaped += "&quot;"; break;
            case '\'': escaped += "&apos;"; break;
            default: escaped.push_back(c);
        }
    }
    return escaped;
}

OGRwkbGeometryType ogr_type(GeometryType type) {
    switch (type) {
        case GeometryType::multipolygon: return wkbMultiPolygon;
        case GeometryType::point: return wkbPoint;
        case GeometryType::none: return wkbNone;
    }
    return wkbUnknown;
}

OGRFieldType ogr_type(FieldType type) {
    switch (type) {
        case FieldType::string: return OFTString;
        case FieldType::integer: return OFTInteger64;
        case FieldType::real: return OFTReal;
    }
    return OFTString;
}

class GeoPackageBuilder {
public:
    GeoPackageBuilder(const std::filesystem::path& file, OGRSpatialReference& srs) : file_(file), srs_(srs) {}

    // `styles[i]`: the style of layers[i] with its attribution (empty: none).
    void build(const std::filesystem::path& temporary, const std::string& kind,
               const std::vector<GeoPackageLayer>& layers, const std::vector<std::string>& styles) {
        QuietGdalErrors quiet;
        CPLErrorReset();
        GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
        if (!driver) throw Error("GDAL has no GeoPackage driver");
        GDALDatasetUniquePtr dataset(driver->Create(temporary.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!dataset) fail("cannot create a GeoPackage");
        std::vector<StyleRow> styled;
        for (std::size_t l = 0; l < layers.size(); ++l) {
            OGRLayer* written = write_layer(*dataset, layers[l]);
            if (!styles[l].empty()) styled.push_back({&layers[l], written->GetGeometryColumn(), &styles[l]});
        }
        if (!styled.empty()) write_styles(*dataset, styled);
        mark_geopackage_output(*dataset, kind);
        CPLErrorReset();
        dataset.reset();  // closing writes the last pages: a full disk shows here
        if (CPLGetLastErrorType() == CE_Failure) fail("cannot finish the GeoPackage");
    }

private:
    struct StyleRow {
        const GeoPackageLayer* layer;
        std::string geometry_column;
        const std::string* qml;
    };

    [[noreturn]] void fail(const std::string& what) const {
        throw OutputError(file_.string(), what + (CPLGetLastErrorMsg()[0] ? std::string(": ") + CPLGetLastErrorMsg() : ""));
    }

    OGRLayer* write_layer(GDALDataset& dataset, const GeoPackageLayer& layer) {
        const bool spatial = layer.geometry_type != GeometryType::none;
        const std::string description = "DESCRIPTION=" + layer.attribution;
        const char* options[] = {description.c_str(), nullptr};
        OGRLayer* written = dataset.CreateLayer(layer.name.c_str(), spatial ? &srs_ : nullptr,
                                                ogr_type(layer.geometry_type), const_cast<char**>(options));
        if (!written) fail("cannot create layer " + layer.name);
        for (const auto& field : layer.fields) {
            OGRFieldDefn definition(field.name.c_str(), ogr_type(field.type));
            if (written->CreateField(&definition) != OGRERR_NONE) {
                fail(fmt::format("cannot create field {} of layer {}", field.name, layer.name));
            }
        }
        if (written->StartTransaction() != OGRERR_NONE) fail("cannot start a transaction on layer " + layer.name);
        for (std::size_t f = 0; f < layer.features.size(); ++f) {
            const auto& source = layer.features[f];
            OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(written->GetLayerDefn()));
            for (std::size_t i = 0; i < source.values.size(); ++i) {
                const int index = static_cast<int>(i);
                const FieldValue& value = source.values[i];
                if (const auto* text = std::get_if<std::string>(&value)) {
                    feature->SetField(index, text->c_str());
                } else if (const auto* whole = std::get_if<std::int64_t>(&value)) {
                    if (layer.fields[i].type == FieldType::real) {
                        feature->SetField(index, static_cast<double>(*whole));
                    } else {
                        feature->SetField(index, static_cast<GIntBig>(*whole));
                    }
                } else if (const auto* real = std::get_if<double>(&value)) {
                    feature->SetField(index, *real);
                } else {
                    feature->SetFieldNull(index);
                }
            }
            if (!source.wkb.empty()) feature->SetGeometryDirectly(geometry_of(layer, f).release());
            if (written->CreateFeature(feature.get()) != OGRERR_NONE) {
                fail(fmt::format("cannot write feature {} of layer {}", f + 1, layer.name));
            }
        }
        if (written->CommitTransaction() != OGRERR_NONE) fail("cannot commit layer " + layer.name);
        return written;
    }

    OGRGeometryUniquePtr geometry_of(const GeoPackageLayer& layer, std::size_t f) const {
        const auto& wkb = layer.features[f].wkb;
        OGRGeometry* parsed = nullptr;
        if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &parsed, wkb.size()) != OGRERR_NONE || !parsed) {
            delete parsed;
            throw Error(fmt::format("GeoPackage layer {}, feature {}: the geometry is not valid WKB", layer.name, f + 1));
        }
        OGRGeometryUniquePtr geometry(parsed);
        if (layer.geometry_type == GeometryType::multipolygon) {
            geometry.reset(OGRGeometryFactory::forceToMultiPolygon(geometry.release()));
        }
        if (wkbFlatten(geometry->getGeometryType()) != ogr_type(layer.geometry_type)) {
            throw Error(fmt::format("GeoPackage layer {}, feature {}: a {} where the layer holds {}", layer.name, f + 1,
                                    geometry->getGeometryName(), OGRGeometryTypeToName(ogr_type(layer.geometry_type))));
        }
        geometry->assignSpatialReference(&srs_);
        return geometry;
    }

    void write_styles(GDALDataset& dataset, const std::vector<StyleRow>& styled) {
        const char* options[] = {"FID=id", nullptr};
        OGRLayer* table = dataset.CreateLayer(kLayerStylesTable, nullptr, wkbNone, const_cast<char**>(options));
        if (!table) fail(std::string("cannot create table ") + kLayerStylesTable);
        struct Column {
            const char* name;
            OGRFieldType type;
            int width;
        };
        for (const Column& column : {Column{"f_table_catalog", OFTString, 256}, Column{"f_table_schema", OFTString, 256},
                                     Column{"f_table_name", OFTString, 256}, Column{"f_geometry_column", OFTString, 256},
                                     Column{"styleName", OFTString, 30}, Column{"styleQML", OFTString, 0},
                                     Column{"styleSLD", OFTString, 0}, Column{"useAsDefault", OFTInteger, 0},
                                     Column{"description", OFTString, 0}, Column{"owner", OFTString, 30},
                                     Column{"ui", OFTString, 30}, Column{"update_time", OFTDateTime, 0}}) {
            OGRFieldDefn field(column.name, column.type);
            field.SetWidth(column.width);
            if (std::string_view(column.name) == "useAsDefault") field.SetSubType(OFSTBoolean);
            if (std::string_view(column.name) == "update_time") field.SetDefault("CURRENT_TIMESTAMP");
            if (table->CreateField(&field) != OGRERR_NONE) fail(std::string("cannot create field ") + column.name);
        }
        for (const auto& [layer, geometry_column, qml] : styled) {
            OGRFeatureUniquePtr row(OGRFeature::CreateFeature(table->GetLayerDefn()));
            // QGIS finds a layer's default style by an empty catalog and schema, the table and its geometry column.
            row->SetField("f_table_catalog", "");
            row->SetField("f_table_schema", "");
            row->SetField("f_table_name", layer->name.c_str());
            row->SetField("f_geometry_column", geometry_column.c_str());
            row->SetField("styleName", layer->name.c_str());
            row->SetField("styleQML", qml->c_str());
            row->SetField("styleSLD", "");
            row->SetField("useAsDefault", 1);
            row->SetField("description", layer->attribution.c_str());
            row->SetField("owner", "regiomap");
            row->SetField("ui", "");
            if (table->CreateFeature(row.get()) != OGRERR_NONE) fail("cannot write the style of layer " + layer->name);
        }
    }

    const std::filesystem::path& file_;
    OGRSpatialReference& srs_;
};

}  // namespace

std::filesystem::path style_file_beside(const std::filesystem::path& file, const std::string& layer_name,
                                        std::size_t styled_layers) {
    std::filesystem::path beside = file;
    beside.replace_extension(styled_layers == 1 ? ".qml" : "." + layer_name + ".qml");
    return beside;
}

std::string qml_with_attribution(const std::string& qml, const std::string& attribution) {
    const auto start = qml.find("<qgis");
    const auto start_end = start == std::string::npos ? start : qml.find('>', start);
    const auto close = qml.rfind("</qgis>");
    if (start_end == std::string::npos || close == std::string::npos || close < start_end) {
        throw Error("not a QGIS style document: no <qgis> element");
    }
    std::string styled = qml;
    const std::string escaped = xml_escaped(attribution);
    // Inserted from the back, so the positions found above stay right.
    styled.insert(close, fmt::format("  <userNotes value=\"{0}\"/>\n"
                                     "  <customproperties>\n"
                                     "    <Option type=\"Map\">\n"
                                     "      <Option name=\"regiomap/attribution\" type=\"QString\" value=\"{0}\"/>\n"
                                     "    </Option>\n"
                                     "  </customproperties>\n",
                                     escaped));
    // A style that names its categories gets the two it now carries; one that names none holds all.
    const std::string attribute = "styleCategories=\"";
    const auto categories = styled.find(attribute, start);
    if (categories != std::string::npos && categories < start_end) {
        const auto value_start = categories + attribute.size();
        const auto value_end = styled.find('"', value_start);
        std::string value = styled.substr(value_start, value_end - value_start);
        for (const char* category : {"Notes", "CustomProperties"}) {
            if (("|" + value + "|").find(std::string("|") + category + "|") == std::string::npos) {
                value += std::string(value.empty() ? "" : "|") + category;
            }
        }
        styled.replace(value_start, value_end - value_start, value);
    }
    return styled;
}

void write_geopackage(const std::filesystem::path& file, const std::string& kind, const std::string& crs,
                      const std::vector<GeoPackageLayer>& layers, const OutputPolicy& policy, StyleFiles style_files) {
    check_layers(layers);
    OGRSpatialReference srs;
    {
        QuietGdalErrors quiet;
        if (srs.SetFromUserInput(crs.c_str()) != OGRERR_NONE) {
            throw Error("the CRS '" + crs + "' is not one GDAL knows" + last_gdal_message());
        }
    }
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::vector<std::string> styles;
    for (const auto& layer : layers) {
        styles.push_back(layer.qml.empty() ? std::string() : qml_with_attribution(layer.qml, layer.attribution));
    }
    check_output_target(file, OutputKind::geopackage, kind, policy);
    const std::size_t styled = styled_layer_count(layers);
    std::vector<std::pair<std::filesystem::path, std::string>> beside;
    if (style_files == StyleFiles::inside_and_beside) {
        for (std::size_t l = 0; l < layers.size(); ++l) {
            if (styles[l].empty()) continue;
            beside.emplace_back(style_file_beside(file, layers[l].name, styled), styles[l]);
            check_output_target(beside.back().first, OutputKind::text, beside.back().second, policy);
        }
    }
    GDALAllRegister();
    GeoPackageBuilder builder(file, srs);
    replace_file(file, ".gpkg",
                 [&](const std::filesystem::path& temporary) { builder.build(temporary, kind, layers, styles); });
    for (const auto& [path, text] : beside) write_file_atomically(path, text);
}

}  // namespace regiomap
