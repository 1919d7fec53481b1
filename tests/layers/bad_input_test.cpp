// Every kind of bad input gets one message naming the file, the feature or
// row and the problem, and leaves the store exactly as it was.
#include "layers/loader.hpp"

#include "../support.hpp"
#include "core/error.hpp"

#include <catch2/catch.hpp>

using namespace regiomap;
using namespace regiomap::test;

namespace {

struct BadCase {
    const char* name;
    nlohmann::json manifest;
    std::vector<std::string> message_parts;  // all must appear in the message
};

std::vector<BadCase> bad_cases() {
    auto with_layer = [](nlohmann::json layer) { return small_manifest({std::move(layer)}); };
    auto population = [](const std::string& file) {
        auto manifest = small_manifest();
        manifest["municipalities"]["population"]["file"] = file;
        return manifest;
    };
    auto mergers = [](const std::string& file) {
        auto manifest = small_manifest();
        manifest["municipalities"]["names"]["mergers"] = file;
        return manifest;
    };
    auto no_crs_layer = boundary_layer("r", bad("no_crs.topojson"));
    auto unknown_crs_layer = boundary_layer("r", bad("no_crs.topojson"));
    unknown_crs_layer["crs"] = "EPSG:999999";
    auto assumed_crs_layer = boundary_layer("r", bad("no_crs.topojson"));
    assumed_crs_layer["crs"] = "EPSG:28992";
    return {
        {"missing file", with_layer(boundary_layer("r", bad("does_not_exist.geojson"))),
         {"does_not_exist.geojson", "file not found"}},
        {"empty file", with_layer(boundary_layer("r", bad("empty_file.geojson"))), {"empty_file.geojson", "file is empty"}},
        {"unreadable format", with_layer(boundary_layer("r", bad("garbage.geojson"))),
         {"garbage.geojson", "not a vector format GDAL can read"}},
        {"no features", with_layer(boundary_layer("r", bad("no_features.geojson"))),
         {"no_features.geojson", "no features"}},
        {"missing code field", with_layer(boundary_layer("r", bad("missing_code_field.geojson"))),
         {"missing_code_field.geojson", "missing field 'code'", "kode"}},
        {"duplicate codes", with_layer(boundary_layer("r", bad("duplicate_codes.geojson"))),
         {"duplicate_codes.geojson", "feature #2 (code R1)", "duplicate code (also feature #1)"}},
        {"invalid geometry", with_layer(boundary_layer("r", bad("bowtie.geojson"))),
         {"bowtie.geojson", "feature #1 (code R1)", "invalid geometry", "Self-intersection", "--repair"}},
        {"not a polygon", with_layer(boundary_layer("r", bad("line.geojson"))),
         {"line.geojson", "feature #1 (code R1)", "LINESTRING, not a polygon"}},
        {"no CRS", with_layer(no_crs_layer), {"no_crs.topojson", "no coordinate reference system"}},
        {"unknown CRS", with_layer(unknown_crs_layer), {"no_crs.topojson", "unknown coordinate reference system 'EPSG:999999'"}},
        {"wrong CRS", with_layer(boundary_layer("r", bad("rd_coordinates_as_wgs84.geojson"))),
         {"rd_coordinates_as_wgs84.geojson", "feature #1 (code R1)"}},
        {"table naming an unknown municipality", with_layer(table_layer("t", bad("table_unknown_municipality.csv"))),
         {"table_unknown_municipality.csv", "row 3 (line 4)", "no municipality matches 'Atlantis'"}},
        {"table naming a municipality twice", with_layer(table_layer("t", bad("table_duplicate_municipality.csv"))),
         {"table_duplicate_municipality.csv", "row 2 (line 3)", "listed twice"}},
        {"table leaving municipalities out", with_layer(table_layer("t", small("table_partial.csv"))),
         {"table_partial.csv", "leaves out 2 of 3 municipalities", "GM9002 Bédorp"}},
        {"table with a missing column", with_layer([] {
             auto layer = table_layer("t", small("table.csv"));
             layer["region_code_field"] = "regio";
             return layer;
         }()),
         {"table.csv", "missing column 'regio'", "region, region_name, municipality, remark"}},
        {"population of an unknown municipality", population(bad("population_unknown_code.csv")),
         {"population_unknown_code.csv", "row 3 (line 4)", "unknown municipality code 'GM9004'"}},
        {"population that is not a number", population(bad("population_not_a_number.csv")),
         {"population_not_a_number.csv", "row 2 (line 3)", "'twee duizend' is not a whole number"}},
        // Hostile files found by fuzzing (issue 7): each was an internal error (exit 5) or a wrong answer.
        {"unclosed ring", with_layer(boundary_layer("r", bad("unclosed_ring.geojson"))),
         {"unclosed_ring.geojson", "feature #1 (code R1)", "ring 1 is not closed"}},
        {"coordinate that is not a number", with_layer(boundary_layer("r", bad("nan_coordinate.geojson"))),
         {"nan_coordinate.geojson", "feature #1 (code R1)", "coordinate 3 of ring 1 is not a number"}},
        {"Latin-1 name in a boundary file", with_layer(boundary_layer("r", bad("latin1_name.geojson"))),
         {"latin1_name.geojson", "feature #1 (code R1)", "not UTF-8", "save the file as UTF-8"}},
        {"Latin-1 text in a table", with_layer(table_layer("t", bad("table_latin1.csv"))),
         {"table_latin1.csv", "row 2 (line 3), column municipality", "not UTF-8", "save the file as UTF-8"}},
        {"merger listed twice", mergers(bad("mergers_duplicate.csv")),
         {"mergers_duplicate.csv", "row 4 (line 5)", "GM8001 -> GM9003 is listed twice (also row 1)"}},
        {"merger shares above 1", mergers(bad("mergers_over_one.csv")),
         {"mergers_over_one.csv", "row 3 (line 4)", "shares of the addresses of GM8002 add up to 1.050"}},
        {"mergers in a cycle", mergers(bad("mergers_cycle.csv")),
         {"mergers_cycle.csv", "cycle", "GM8001 -> GM8003 (row 1)", "GM8003 -> GM8001 (row 2)"}},
    };
}

}  // namespace

TEST_CASE("bad input fails with a message naming file, place and problem, and leaves the store unchanged") {
    TemporaryFolder folder;
    auto store_path = folder / "store.sqlite";
    auto good = write_manifest(folder, small_manifest({boundary_layer("split", small("regions_60_40.geojson"))}));
    load({good, store_path, false}, silent);
    const std::string before = file_contents(store_path);

    for (const auto& bad_case : bad_cases()) {
        DYNAMIC_SECTION(bad_case.name) {
            auto manifest = write_manifest(folder, bad_case.manifest);
            try {
                load({manifest, store_path, false}, silent);
                FAIL("load accepted " << bad_case.name);
            } catch (const DataError& error) {
                std::string message = error.what();
                INFO(message);
                for (const auto& part : bad_case.message_parts) CHECK(message.find(part) != std::string::npos);
                CHECK(error.exit_code() == ExitCode::data_error);
            }
            CHECK(file_contents(store_path) == before);
            // nothing left behind but the store and the manifest
            CHECK(std::distance(std::filesystem::directory_iterator(folder.path()), std::filesystem::directory_iterator()) == 2);
        }
    }
}

TEST_CASE("load with repair fixes an invalid geometry with MakeValid and records it") {
    TemporaryFolder folder;
    auto manifest = write_manifest(folder, small_manifest({boundary_layer("r", bad("bowtie.geojson"))}));
    auto store_path = folder / "store.sqlite";
    load({manifest, store_path, true}, silent);
    auto findings = Store(store_path).findings("r");
    REQUIRE_FALSE(findings.empty());
    CHECK(findings.front().severity == FindingSeverity::repair);
    CHECK(findings.front().message.find("MakeValid") != std::string::npos);
}

TEST_CASE("a CRS from the manifest is assumed when the file declares none") {
    TemporaryFolder folder;
    auto layer = boundary_layer("r", bad("no_crs.topojson"));
    layer["crs"] = "EPSG:28992";
    Dataset dataset = build_dataset(Manifest::read(write_manifest(folder, small_manifest({layer}))), false, silent);
    CHECK(dataset.layers.back().source_crs == "EPSG:28992");
    CHECK_FALSE(dataset.layers.back().reprojected);
}

TEST_CASE("a file that is not a regiomap store is never overwritten or read") {
    TemporaryFolder folder;
    auto manifest = write_manifest(folder, small_manifest());
    auto text_file = folder / "notes.sqlite";
    std::ofstream(text_file) << "my notes";
    CHECK_THROWS_AS(load({manifest, text_file, false}, silent), StoreError);
    CHECK(file_contents(text_file) == "my notes");
    CHECK_THROWS_AS(Store(text_file), StoreError);

    auto other_database = folder / "other.sqlite";
    {
        Database database(other_database, Database::Mode::create);
        database.execute("CREATE TABLE t (x); INSERT INTO t VALUES (1);");
    }
    const std::string before = file_contents(other_database);
    try {
        load({manifest, other_database, false}, silent);
        FAIL("overwrote another application's database");
    } catch (const StoreError& error) {
        CHECK(std::string(error.what()).find("not a regiomap store") != std::string::npos);
        CHECK(error.exit_code() == ExitCode::store_error);
    }
    CHECK(file_contents(other_database) == before);
    CHECK_THROWS_WITH(Store(folder / "missing.sqlite"), Catch::Contains("run 'regiomap load' first"));
}

TEST_CASE("a broken manifest names the key that is wrong") {
    TemporaryFolder folder;
    auto manifest = small_manifest({boundary_layer("r", small("regions_60_40.geojson"))});
    manifest["layers"][0].erase("code_field");
    CHECK_THROWS_WITH(Manifest::read(write_manifest(folder, manifest)),
                      Catch::Contains("layers[0] (id r)") && Catch::Contains("missing text field 'code_field'"));
    manifest = small_manifest({boundary_layer("r", small("regions_60_40.geojson")),
                               boundary_layer("r", small("regions_60_40.geojson"))});
    CHECK_THROWS_WITH(Manifest::read(write_manifest(folder, manifest)), Catch::Contains("duplicate layer id 'r'"));
}

TEST_CASE("a coordinate that is not a number is refused under --repair too") {
    // Under --repair, GEOS MakeValid used to get the NaN and fail (exit 5).
    TemporaryFolder folder;
    auto manifest = write_manifest(folder, small_manifest({boundary_layer("r", bad("nan_coordinate.geojson"))}));
    CHECK_THROWS_AS(load({manifest, folder / "store.sqlite", true}, silent), DataError);
    CHECK_THROWS_WITH(load({manifest, folder / "store.sqlite", true}, silent),
                      Catch::Contains("nan_coordinate.geojson: feature #1 (code R1): coordinate 3 of ring 1"));
    CHECK_FALSE(std::filesystem::exists(folder / "store.sqlite"));
}

TEST_CASE("a number out of range in the manifest names its place") {
    // 1e999 used to escape as nlohmann's out_of_range: exit 5 without the file named.
    CHECK_THROWS_AS(Manifest::read(bad("manifest_overflow.json")), DataError);
    CHECK_THROWS_WITH(Manifest::read(bad("manifest_overflow.json")),
                      Catch::Contains("manifest_overflow.json: at division_year: not valid JSON") &&
                          Catch::Contains("number overflow"));
    TemporaryFolder folder;
    auto manifest = small_manifest({boundary_layer("r", small("regions_60_40.geojson"))});
    manifest["layers"][0]["year"] = 4000000000U;
    CHECK_THROWS_WITH(Manifest::read(write_manifest(folder, manifest)),
                      Catch::Contains("layers[0] (id r)") && Catch::Contains("integer field 'year' is out of range"));
    manifest["layers"][0]["year"] = 2020;
    manifest["layers"][0]["title"] = 12;
    CHECK_THROWS_WITH(Manifest::read(write_manifest(folder, manifest)), Catch::Contains("missing text field 'title'"));
}
