// The GeoPackages regiomap writes from the bundled CBS 2020 data, read back as
// ogrinfo would: the store's CRS (RD New), the layers, their fields and styles.
#include "../support.hpp"
#include "present/geopackage_layers.hpp"
#include "present/incongruence_text.hpp"
#include "core/output.hpp"
#include "core/resources.hpp"
#include "io/geopackage_writer.hpp"
#include "io/store_layers.hpp"

#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <map>

using namespace regiomap;
using namespace regiomap::test;

namespace {

const Governance& bundled_governance() {
    static const Governance governance = read_governance(bundled_store());
    return governance;
}

GDALDatasetUniquePtr open_geopackage(const std::filesystem::path& file) {
    GDALAllRegister();
    const char* drivers[] = {"GPKG", nullptr};
    return GDALDatasetUniquePtr(
        GDALDataset::Open(file.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr));
}

std::vector<std::string> field_names(OGRLayer& layer) {
    std::vector<std::string> names;
    OGRFeatureDefn* definition = layer.GetLayerDefn();
    for (int i = 0; i < definition->GetFieldCount(); ++i) names.emplace_back(definition->GetFieldDefn(i)->GetNameRef());
    return names;
}

std::string style_of(GDALDataset& dataset, const std::string& layer) {
    OGRLayer* styles = dataset.GetLayerByName("layer_styles");
    REQUIRE(styles);
    for (auto& row : *styles) {
        if (row->GetFieldAsString("f_table_name") == layer) return row->GetFieldAsString("styleQML");
    }
    return "";
}

}  // namespace

TEST_CASE("the incongruence GeoPackage is in RD New, has the CSV's columns and carries its style with the attribution") {
    const auto& g = bundled_governance();
    IncongruenceModel model(g, {"zorgkantoor", "ggd", "jeugdregio"});
    auto scores = model.score_all();
    rank_most_fragmented_first(g, scores);
    TemporaryFolder folder;
    const auto file = folder / "scores.gpkg";
    write_incongruence_geopackage(bundled_store(), model, scores, file, find_qml("incongruence"), {}, StyleFiles::inside);
    CHECK_FALSE(std::filesystem::exists(folder / "scores.qml"));
    auto dataset = open_geopackage(file);
    REQUIRE(dataset);
    OGRLayer* layer = dataset->GetLayerByName("incongruence");
    REQUIRE(layer);
    CHECK(std::string(layer->GetSpatialRef()->GetAuthorityName(nullptr)) == "EPSG");
    CHECK(std::string(layer->GetSpatialRef()->GetAuthorityCode(nullptr)) == "28992");
    CHECK(layer->GetFeatureCount() == 355);
    // The same columns as the CSV output, in its order.
    const std::string csv = format_incongruence(model, scores, summarize(model.governance(), scores), 0, OutputFormat::csv);
    CHECK(csv_line(field_names(*layer)) == csv.substr(0, csv.find('\n') + 1));
    const auto* definition = layer->GetLayerDefn();
    CHECK(definition->GetFieldDefn(definition->GetFieldIndex("rank"))->GetType() == OFTInteger64);
    CHECK(definition->GetFieldDefn(definition->GetFieldIndex("congruence_C"))->GetType() == OFTReal);
    CHECK(definition->GetFieldDefn(definition->GetFieldIndex("zorgkantoor_code"))->GetType() == OFTString);
    OGRFeatureUniquePtr first(layer->GetNextFeature());
    CHECK(first->GetFieldAsInteger("rank") == 1);
    const std::string qml = style_of(*dataset, "incongruence");
    CHECK_THAT(qml, Catch::Contains("<renderer-v2 type=\"graduatedSymbol\" attr=\"congruence_C\""));
    CHECK_THAT(qml, Catch::Contains("<userNotes value=\"Bron: CBS, Kadaster (CC-BY 4.0)"));
    CHECK_THAT(qml, Catch::Contains("Gemeenten (Wmo) 2020, Zorgkantoorregio&apos;s (Wlz) 2020, GGD-regio&apos;s (Wpg) 2020, "
                                    "Jeugdzorgregio&apos;s (Jeugdwet) 2020"));
}

TEST_CASE("every division's outlines: its regions, all 355 municipalities and the 17,407,585 inhabitants of 2020") {
    const auto outlines = region_outline_layers(bundled_store(), region_outline_qml());
    std::map<std::string, std::size_t> regions;
    for (const auto& layer : outlines) {
        regions[layer.name] = layer.features.size();
        std::int64_t municipalities = 0, population = 0;
        for (const auto& feature : layer.features) {
            municipalities += std::get<std::int64_t>(feature.values[2]);
            population += std::get<std::int64_t>(feature.values[3]);
            CHECK_FALSE(feature.wkb.empty());
        }
        CHECK(municipalities == 355);
        CHECK(population == 17407585);  // CBS, population on 1 January 2020
        CHECK_THAT(layer.attribution, Catch::StartsWith("Bron: CBS, Kadaster"));
    }
    // The region counts of CBS's 2020 divisions (geodata/SOURCES.md) and the 36 work-structure regions.
    CHECK(regions == std::map<std::string, std::size_t>{{"regions_zorgkantoor", 31},
                                                        {"regions_ggd", 25},
                                                        {"regions_jeugdregio", 42},
                                                        {"regions_provincie", 12},
                                                        {"regions_veiligheidsregio", 25},
                                                        {"regions_werkstructuur", 36}});
}

TEST_CASE("the report's GeoPackage: the scores and every division's outlines, each layer styled") {
    const auto& g = bundled_governance();
    IncongruenceModel model(g, {"zorgkantoor", "ggd", "jeugdregio"});
    auto scores = model.score_all();
    rank_most_fragmented_first(g, scores);
    std::vector<GeoPackageLayer> layers{
        incongruence_layer(bundled_store(), model, scores, read_resource_text(find_qml("incongruence")))};
    for (auto& outline : region_outline_layers(bundled_store(), region_outline_qml())) layers.push_back(std::move(outline));
    TemporaryFolder folder;
    const auto file = folder / "regiomap.gpkg";
    write_geopackage(file, "report", bundled_store().crs(), layers, {});
    auto dataset = open_geopackage(file);
    REQUIRE(dataset);
    CHECK(dataset->GetLayerCount() == 7 + 2);  // + layer_styles, regiomap_output
    for (const auto& layer : layers) {
        OGRLayer* written = dataset->GetLayerByName(layer.name.c_str());
        REQUIRE(written);
        CHECK(written->GetFeatureCount() == static_cast<GIntBig>(layer.features.size()));
        CHECK(std::string(written->GetSpatialRef()->GetAuthorityCode(nullptr)) == "28992");
        CHECK_THAT(style_of(*dataset, layer.name), Catch::Contains("<userNotes value=\"Bron: CBS, Kadaster"));
    }
    OGRLayer* ggd = dataset->GetLayerByName("regions_ggd");
    CHECK(field_names(*ggd) == std::vector<std::string>{"region_code", "region_name", "municipalities", "population"});
}
