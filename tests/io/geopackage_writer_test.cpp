// The one GeoPackage writer, read back through GDAL as ogrinfo would: layers, CRS,
// field names and types, values, styles in layer_styles, and what a failure leaves.
#include "io/geopackage_writer.hpp"

#include "../support.hpp"
#include "core/error.hpp"
#include "io/store_layers.hpp"
#include "store/sqlite.hpp"

#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <map>

using namespace regiomap;
using namespace regiomap::test;

namespace {

std::vector<unsigned char> wkb_of(const char* wkt) {
    OGRGeometry* geometry = nullptr;
    REQUIRE(OGRGeometryFactory::createFromWkt(wkt, nullptr, &geometry) == OGRERR_NONE);
    OGRGeometryUniquePtr owned(geometry);
    std::vector<unsigned char> wkb(static_cast<std::size_t>(owned->WkbSize()));
    owned->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
    return wkb;
}

const char* kStyle =
    "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
    "<qgis version=\"3.28.0\" styleCategories=\"Symbology|Labeling\">\n"
    "  <renderer-v2 type=\"singleSymbol\"/>\n"
    "</qgis>\n";

// Two regions (a polygon, written as a multipolygon) and two places (points).
std::vector<GeoPackageLayer> two_layers() {
    GeoPackageLayer regions;
    regions.name = "regions";
    regions.fields = {{"code", FieldType::string}, {"inhabitants", FieldType::integer}, {"share", FieldType::real}};
    regions.features.push_back(
        {{std::string("R1"), std::int64_t{3000}, 0.25}, wkb_of("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))")});
    regions.features.push_back({{std::string("R2"), FieldValue(), std::int64_t{1}},
                                wkb_of("MULTIPOLYGON (((10 0, 20 0, 20 10, 10 10, 10 0)))")});
    regions.qml = kStyle;
    regions.attribution = "Bron: CBS, Kadaster & <test> - Regio's 2020";
    GeoPackageLayer places;
    places.name = "places";
    places.geometry_type = GeometryType::point;
    places.fields = {{"name", FieldType::string}};
    places.features.push_back({{std::string("Bédorp")}, wkb_of("POINT (5 5)")});
    places.features.push_back({{std::string("nowhere")}, {}});
    places.attribution = "test";
    return {regions, places};
}

GDALDatasetUniquePtr open_geopackage(const std::filesystem::path& file) {
    GDALAllRegister();
    const char* drivers[] = {"GPKG", nullptr};
    return GDALDatasetUniquePtr(
        GDALDataset::Open(file.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr));
}

// name -> type of every field of a layer, as ogrinfo lists them.
std::map<std::string, OGRFieldType> field_types(OGRLayer& layer) {
    std::map<std::string, OGRFieldType> types;
    OGRFeatureDefn* definition = layer.GetLayerDefn();
    for (int i = 0; i < definition->GetFieldCount(); ++i) {
        types[definition->GetFieldDefn(i)->GetNameRef()] = definition->GetFieldDefn(i)->GetType();
    }
    return types;
}

std::string first_value(GDALDataset& dataset, const std::string& sql) {
    OGRLayer* result = dataset.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    REQUIRE(result);
    OGRFeatureUniquePtr row(result->GetNextFeature());
    std::string value = row && row->IsFieldSetAndNotNull(0) ? row->GetFieldAsString(0) : "<none>";
    dataset.ReleaseResultSet(result);
    return value;
}

std::size_t files_in(const std::filesystem::path& folder) {
    return static_cast<std::size_t>(
        std::distance(std::filesystem::directory_iterator(folder), std::filesystem::directory_iterator()));
}

}  // namespace

TEST_CASE("a GeoPackage of two layers has their CRS, typed fields, values and geometries") {
    TemporaryFolder folder;
    const auto file = folder / "out.gpkg";
    write_geopackage(file, "test kind", "EPSG:3035", two_layers(), {});
    CHECK(geopackage_output_kind(file) == "test kind");
    auto dataset = open_geopackage(file);
    REQUIRE(dataset);
    // regions, places, the style table and the output mark
    CHECK(dataset->GetLayerCount() == 4);

    OGRLayer* regions = dataset->GetLayerByName("regions");
    REQUIRE(regions);
    REQUIRE(regions->GetSpatialRef());
    CHECK(std::string(regions->GetSpatialRef()->GetAuthorityCode(nullptr)) == "3035");
    CHECK(regions->GetGeomType() == wkbMultiPolygon);
    CHECK(field_types(*regions) ==
          std::map<std::string, OGRFieldType>{{"code", OFTString}, {"inhabitants", OFTInteger64}, {"share", OFTReal}});
    CHECK(regions->GetFeatureCount() == 2);
    OGRFeatureUniquePtr r1(regions->GetNextFeature());
    CHECK(std::string(r1->GetFieldAsString("code")) == "R1");
    CHECK(r1->GetFieldAsInteger64("inhabitants") == 3000);
    CHECK(r1->GetFieldAsDouble("share") == 0.25);
    REQUIRE(r1->GetGeometryRef());
    CHECK(wkbFlatten(r1->GetGeometryRef()->getGeometryType()) == wkbMultiPolygon);
    OGRFeatureUniquePtr r2(regions->GetNextFeature());
    CHECK(r2->IsFieldNull(r2->GetFieldIndex("inhabitants")));
    CHECK(r2->GetFieldAsDouble("share") == 1.0);  // a whole number in a real field

    OGRLayer* places = dataset->GetLayerByName("places");
    REQUIRE(places);
    CHECK(places->GetGeomType() == wkbPoint);
    OGRFeatureUniquePtr place(places->GetNextFeature());
    CHECK(std::string(place->GetFieldAsString("name")) == "Bédorp");
    CHECK(place->GetGeometryRef()->toPoint()->getX() == 5.0);
    OGRFeatureUniquePtr nowhere(places->GetNextFeature());
    CHECK(nowhere->GetGeometryRef() == nullptr);

    CHECK(first_value(*dataset, "SELECT description FROM gpkg_contents WHERE table_name = 'places'") == "test");
}

TEST_CASE("a layer's style is in layer_styles, the QGIS way, with the attribution as notes") {
    TemporaryFolder folder;
    const auto file = folder / "out.gpkg";
    write_geopackage(file, "test kind", "EPSG:28992", two_layers(), {});
    CHECK(files_in(folder.path()) == 1);  // no style file beside unless asked
    auto dataset = open_geopackage(file);
    REQUIRE(dataset);
    OGRLayer* styles = dataset->GetLayerByName("layer_styles");
    REQUIRE(styles);
    CHECK(styles->GetFeatureCount() == 1);  // places has no style
    OGRFeatureUniquePtr row(styles->GetNextFeature());
    CHECK(std::string(row->GetFieldAsString("f_table_catalog")).empty());
    CHECK(std::string(row->GetFieldAsString("f_table_schema")).empty());
    CHECK(std::string(row->GetFieldAsString("f_table_name")) == "regions");
    CHECK(std::string(row->GetFieldAsString("f_geometry_column")) == dataset->GetLayerByName("regions")->GetGeometryColumn());
    CHECK(row->GetFieldAsInteger("useAsDefault") == 1);
    const std::string qml = row->GetFieldAsString("styleQML");
    CHECK_THAT(qml, Catch::Contains("<userNotes value=\"Bron: CBS, Kadaster &amp; &lt;test&gt; - Regio&apos;s 2020\"/>"));
    CHECK_THAT(qml, Catch::Contains("<Option name=\"regiomap/attribution\" type=\"QString\" value=\"Bron: CBS, Kadaster"));
    CHECK_THAT(qml, Catch::Contains("styleCategories=\"Symbology|Labeling|Notes|CustomProperties\""));
    CHECK_THAT(qml, Catch::Contains("<renderer-v2 type=\"singleSymbol\"/>"));
    CHECK(std::string(row->GetFieldAsString("description")) == "Bron: CBS, Kadaster & <test> - Regio's 2020");
}

TEST_CASE("styles beside the GeoPackage: FILE.qml for one styled layer, FILE.LAYER.qml for several") {
    TemporaryFolder folder;
    write_geopackage(folder / "one.gpkg", "test kind", "EPSG:28992", two_layers(), {}, StyleFiles::inside_and_beside);
    CHECK_THAT(file_contents(folder / "one.qml"), Catch::Contains("<userNotes value=\"Bron: CBS"));
    auto layers = two_layers();
    layers[1].qml = kStyle;
    write_geopackage(folder / "two.gpkg", "test kind", "EPSG:28992", layers, {}, StyleFiles::inside_and_beside);
    CHECK(std::filesystem::exists(folder / "two.regions.qml"));
    CHECK_THAT(file_contents(folder / "two.places.qml"), Catch::Contains("<userNotes value=\"test\"/>"));
    CHECK_FALSE(std::filesystem::exists(folder / "two.qml"));
}

TEST_CASE("a GeoPackage replaces a previous one of its kind, and nothing else") {
    TemporaryFolder folder;
    const auto file = folder / "out.gpkg";
    write_geopackage(file, "test kind", "EPSG:28992", two_layers(), {});
    write_geopackage(file, "test kind", "EPSG:28992", two_layers(), {});
    CHECK_THROWS_WITH(write_geopackage(file, "other kind", "EPSG:28992", two_layers(), {}),
                      Catch::Contains("not a previous regiomap output of this kind (GeoPackage)"));
    std::ofstream(folder / "notes.gpkg") << "my notes";
    CHECK_THROWS_AS(write_geopackage(folder / "notes.gpkg", "test kind", "EPSG:28992", two_layers(), {}), OutputError);
    CHECK(file_contents(folder / "notes.gpkg") == "my notes");
    CHECK(geopackage_output_kind(file) == "test kind");
}

TEST_CASE("a failed GeoPackage write leaves the previous file and no temporary") {
    TemporaryFolder folder;
    const auto file = folder / "out.gpkg";
    write_geopackage(file, "test kind", "EPSG:28992", two_layers(), {});
    const std::string before = file_contents(file);
    auto broken = two_layers();
    broken[0].features[1].wkb = {1, 2, 3};  // not WKB: found while the temporary is being built
    CHECK_THROWS_WITH(write_geopackage(file, "test kind", "EPSG:28992", broken, {}),
                      Catch::Contains("layer regions, feature 2: the geometry is not valid WKB"));
    CHECK(file_contents(file) == before);
    CHECK(files_in(folder.path()) == 1);
    // a point in a multipolygon layer
    broken = two_layers();
    broken[0].features[0].wkb = wkb_of("POINT (1 1)");
    CHECK_THROWS_WITH(write_geopackage(folder / "new.gpkg", "test kind", "EPSG:28992", broken, {}),
                      Catch::Contains("a POINT where the layer holds Multi Polygon"));
    CHECK(files_in(folder.path()) == 1);
    // a GeoPackage in a folder that is not there
    CHECK_THROWS_WITH(write_geopackage(folder / "absent" / "out.gpkg", "test kind", "EPSG:28992", two_layers(), {}),
                      Catch::Contains("does not exist"));
}

TEST_CASE("layers that break the writer's contract are refused before any file is touched") {
    TemporaryFolder folder;
    const auto file = folder / "out.gpkg";
    auto layers = two_layers();
    layers[0].features[0].values[1] = std::string("3000");  // text in an integer field
    CHECK_THROWS_WITH(write_geopackage(file, "k", "EPSG:28992", layers, {}),
                      Catch::Contains("layer regions, feature 1: field inhabitants is integer"));
    layers = two_layers();
    layers[0].features[0].values.pop_back();
    CHECK_THROWS_WITH(write_geopackage(file, "k", "EPSG:28992", layers, {}), Catch::Contains("2 values for 3 fields"));
    layers = two_layers();
    layers[0].attribution.clear();
    CHECK_THROWS_WITH(write_geopackage(file, "k", "EPSG:28992", layers, {}),
                      Catch::Contains("has a style but no attribution"));
    layers = two_layers();
    layers[1].name = "regions";
    CHECK_THROWS_WITH(write_geopackage(file, "k", "EPSG:28992", layers, {}), Catch::Contains("two GeoPackage layers"));
    layers = two_layers();
    layers[0].qml = "<style/>";
    CHECK_THROWS_WITH(write_geopackage(file, "k", "EPSG:28992", layers, {}), Catch::Contains("not a QGIS style"));
    CHECK_THROWS_WITH(write_geopackage(file, "k", "EPSG:99999999", two_layers(), {}),
                      Catch::Contains("the CRS 'EPSG:99999999' is not one GDAL knows"));
    CHECK(files_in(folder.path()) == 0);
}

TEST_CASE("the attribution joins a style that names no categories or already has them") {
    const std::string all = "<qgis version=\"3.28\">\n</qgis>\n";
    const std::string styled = qml_with_attribution(all, "Bron: CBS");
    CHECK(styled.find("styleCategories") == std::string::npos);  // none named: QGIS reads all
    CHECK_THAT(styled, Catch::Contains("<userNotes value=\"Bron: CBS\"/>\n  <customproperties>"));
    CHECK(styled.substr(styled.size() - 8) == "</qgis>\n");
    const std::string named = "<qgis styleCategories=\"Notes|Symbology|CustomProperties\">\n</qgis>";
    CHECK_THAT(qml_with_attribution(named, "x"), Catch::Contains("styleCategories=\"Notes|Symbology|CustomProperties\""));
}

namespace {

// The hand-made three municipalities, loaded into a store whose CRS is ETRS89-LAEA (EPSG:3035)
// rather than RD New, so a literal EPSG:28992 anywhere in the writer shows.
std::filesystem::path laea_store(const TemporaryFolder& folder) {
    auto manifest = small_manifest({boundary_layer("split", small("regions_60_40.geojson"))});
    manifest["crs"] = "EPSG:3035";
    manifest["attribution"] = "Bron: test";
    manifest["municipalities"]["crs"] = "EPSG:28992";
    manifest["layers"][0]["crs"] = "EPSG:28992";
    const auto store = folder / "laea.sqlite";
    load({write_manifest(folder, manifest), store, false}, silent);
    return store;
}

}  // namespace

TEST_CASE("the store keeps its CRS, and an outline layer written from it is in that CRS") {
    TemporaryFolder folder;
    const Store store(laea_store(folder));
    CHECK(store.crs() == "EPSG:3035");
    auto outlines = region_outline_layer(store, "split", region_outline_qml());
    CHECK(outlines.name == "regions_split");
    CHECK(outlines.attribution == "Bron: test - Gemeenten 2020 (hand-made), Layer split 2020 (hand-made test layer)");
    const auto file = folder / "outlines.gpkg";
    write_geopackage(file, "outlines", store.crs(), {outlines}, {});
    auto dataset = open_geopackage(file);
    REQUIRE(dataset);
    OGRLayer* layer = dataset->GetLayerByName("regions_split");
    REQUIRE(layer);
    CHECK(std::string(layer->GetSpatialRef()->GetAuthorityCode(nullptr)) == "3035");
    CHECK(field_types(*layer) == std::map<std::string, OGRFieldType>{{"region_code", OFTString},
                                                                      {"region_name", OFTString},
                                                                      {"municipalities", OFTInteger64},
                                                                      {"population", OFTInteger64}});
    // By hand: R1 holds Aadorp (1000) and Bédorp (2000, 60% in R1), R2 holds Cestad (7000).
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> found;
    for (auto& feature : *layer) {
        found[feature->GetFieldAsString("region_code")] = {feature->GetFieldAsInteger64("municipalities"),
                                                           feature->GetFieldAsInteger64("population")};
        // The shape is in LAEA metres: RD's (100000, 400000) lies near (3.9e6, 3.1e6) there.
        OGREnvelope box;
        feature->GetGeometryRef()->getEnvelope(&box);
        CHECK(box.MinX > 3.5e6);
    }
    CHECK(found == std::map<std::string, std::pair<std::int64_t, std::int64_t>>{{"R1", {2, 3000}}, {"R2", {1, 7000}}});
    CHECK(first_value(*dataset, "SELECT styleName FROM layer_styles") == "regions_split");
}

TEST_CASE("a store without its CRS row falls back to its geometry columns' SRID") {
    TemporaryFolder folder;
    const auto path = laea_store(folder);
    {
        Database database(path, Database::Mode::create);
        database.execute("DELETE FROM regiomap_meta WHERE key = 'crs'");
    }
    CHECK(Store(path).crs() == "EPSG:3035");
    {
        Database database(path, Database::Mode::create);
        // an undefined SRID, as a store written by a program that knew none would hold
        database.execute("INSERT INTO spatial_ref_sys (srid, auth_name, auth_srid, ref_sys_name, proj4text, srtext) "
                         "VALUES (0, 'NONE', 0, 'Undefined', '', 'Undefined')");
        database.execute("UPDATE geometry_columns SET srid = 0");
    }
    CHECK_THROWS_WITH(Store(path).crs(), Catch::Contains("the store records no CRS; run 'regiomap load' again"));
}
