// Hand-made layers whose answers can be worked out on paper: three 10x10 km
// municipalities in a row; Bédorp (the middle one) split 60/40 or 40/35/25.
#include "layers/loader.hpp"

#include "../support.hpp"
#include "core/error.hpp"
#include "layers/manifest.hpp"

#include <catch2/catch.hpp>

using namespace regiomap;
using namespace regiomap::test;

namespace {
const MembershipRecord& membership(const Dataset& dataset, const std::string& layer, const std::string& code) {
    for (const auto& record : dataset.memberships) {
        if (record.layer_id == layer && record.municipality_code == code) return record;
    }
    FAIL("no membership for " << code << " in " << layer);
    throw std::logic_error("unreachable");
}
Dataset build(const std::vector<nlohmann::json>& layers) {
    TemporaryFolder folder;
    return build_dataset(Manifest::read(write_manifest(folder, small_manifest(layers))), false, silent);
}
}  // namespace

TEST_CASE("a municipality split 60/40 goes to the 60% region with share 0.6 and a warning") {
    Dataset dataset = build({boundary_layer("split", small("regions_60_40.geojson"))});
    CHECK(membership(dataset, "split", "GM9001").region_code == "R1");
    CHECK(*membership(dataset, "split", "GM9001").overlap_share == Approx(1.0));
    CHECK(membership(dataset, "split", "GM9002").region_code == "R1");
    CHECK(*membership(dataset, "split", "GM9002").overlap_share == Approx(0.6));
    CHECK(membership(dataset, "split", "GM9003").region_code == "R2");
    REQUIRE(dataset.findings.size() == 1);
    CHECK(dataset.findings[0].severity == FindingSeverity::warning);
    CHECK(dataset.findings[0].subject_code == "GM9002");
    CHECK(dataset.findings[0].message.find("R2 Regio Twee 0.400") != std::string::npos);
}

TEST_CASE("a municipality split 40/35/25 is reported ambiguous with the competing regions") {
    Dataset dataset = build({boundary_layer("three", small("regions_40_35_25.geojson"))});
    CHECK(membership(dataset, "three", "GM9002").region_code == "A1");
    CHECK(*membership(dataset, "three", "GM9002").overlap_share == Approx(0.4));
    std::vector<LoadFinding> ambiguous;
    for (const auto& finding : dataset.findings) {
        if (finding.severity == FindingSeverity::ambiguous) ambiguous.push_back(finding);
    }
    REQUIRE(ambiguous.size() == 1);
    CHECK(ambiguous[0].subject_code == "GM9002");
    CHECK(ambiguous[0].message.find("A2 Midden 0.350") != std::string::npos);
    CHECK(ambiguous[0].message.find("A3 Oost 0.250") != std::string::npos);
    // Midden is nobody's largest overlap: a warning, since a region without members is suspicious
    CHECK(dataset.findings.size() == 2);
}

TEST_CASE("a layer in WGS84 is reprojected to RD New and gives the same memberships") {
    Dataset dataset = build({boundary_layer("wgs", small("regions_60_40_wgs84.geojson"))});
    CHECK(dataset.layers.back().reprojected);
    CHECK(dataset.layers.back().source_crs == "EPSG:4326");
    CHECK(membership(dataset, "wgs", "GM9002").region_code == "R1");
    CHECK(*membership(dataset, "wgs", "GM9002").overlap_share == Approx(0.6).margin(0.001));
}

TEST_CASE("a membership table is resolved through names of any year and dissolved into regions") {
    Dataset dataset = build({table_layer("tafels", small("table.csv"))});
    CHECK(membership(dataset, "tafels", "GM9001").region_code == "T1");
    CHECK(membership(dataset, "tafels", "GM9002").region_code == "T1");  // written "bedorp"
    const auto& cestad = membership(dataset, "tafels", "GM9003");      // written "Oud-Cestad" (merged)
    CHECK(cestad.region_code == "T2");
    CHECK(cestad.basis == MembershipBasis::published);
    CHECK_FALSE(cestad.overlap_share);
    CHECK(cestad.note.find("Oud-Cestad") != std::string::npos);
    for (const auto& region : dataset.regions) {
        if (region.layer_id == "tafels" && region.code == "T1") {
            CHECK(area(*dataset.geos, region.geometry.get()) == Approx(200e6));  // two 100 km² squares
        }
    }
}

TEST_CASE("a table layer with a default layer fills the gaps from it and says which rows are published") {
    auto table = table_layer("partial", small("table_partial.csv"));
    table["default_layer"] = "split";
    Dataset dataset = build({boundary_layer("split", small("regions_60_40.geojson")), table});
    CHECK(membership(dataset, "partial", "GM9001").basis == MembershipBasis::published);
    CHECK(membership(dataset, "partial", "GM9002").basis == MembershipBasis::layer_default);
    CHECK(membership(dataset, "partial", "GM9002").region_code == "DEF-R1");
    CHECK(membership(dataset, "partial", "GM9003").region_code == "DEF-R2");
    const auto& layer = dataset.layers.back();
    CHECK(layer.published_count == 1);
    CHECK(layer.default_count == 2);
    CHECK(layer.region_count == 3);  // T1, DEF-R1, DEF-R2
}

TEST_CASE("population comes from the table and CBS spellings become name variants") {
    Dataset dataset = build({});
    std::int64_t total = 0;
    for (const auto& municipality : dataset.municipalities) total += municipality.population.value_or(0);
    CHECK(total == 10000);
    CHECK(dataset.names.resolve("Bédorp (gemeente)").entry->targets.front().code == "GM9002");
}

TEST_CASE("loading writes a store that reads back, and loading again gives the same content") {
    TemporaryFolder folder;
    auto manifest = write_manifest(folder, small_manifest({boundary_layer("split", small("regions_60_40.geojson"))}));
    auto store_path = folder / "store.sqlite";
    load({manifest, store_path, false}, silent);
    auto first = Store(store_path).memberships("split");
    load({manifest, store_path, false}, silent);
    Store store(store_path);
    auto second = store.memberships("split");
    REQUIRE(first.size() == 3);
    REQUIRE(second.size() == 3);
    for (std::size_t i = 0; i < first.size(); ++i) {
        CHECK(first[i].region_code == second[i].region_code);
        CHECK(first[i].overlap_share == second[i].overlap_share);
    }
    CHECK(store.layers().size() == 2);
    CHECK(store.layer("split").region_count == 2);
    CHECK_THROWS_AS(store.layer("nope"), NotFoundError);
}

TEST_CASE("loading the same data twice gives the same content in every regiomap table") {
    TemporaryFolder folder;
    auto manifest = write_manifest(folder, small_manifest({boundary_layer("split", small("regions_60_40.geojson")),
                                                           table_layer("tafels", small("table.csv"))}));
    auto dump = [](const std::filesystem::path& path) {
        Database database(path, Database::Mode::read_only);
        std::string text;
        for (const char* table : {"municipalities", "layers", "regions", "memberships", "load_findings",
                                  "municipality_names", "municipality_name_targets", "place_aliases", "regiomap_meta"}) {
            Statement rows = database.prepare(std::string("SELECT * FROM ") + table + " ORDER BY 1, 2");
            const int columns = sqlite3_column_count(rows.handle());
            while (rows.step()) {
                for (int c = 0; c < columns; ++c) {
                    auto blob = rows.blob(c);
                    text += std::string(blob.begin(), blob.end()) + "|";
                }
                text += "\n";
            }
        }
        return text;
    };
    load({manifest, folder / "first.sqlite", false}, silent);
    load({manifest, folder / "second.sqlite", false}, silent);
    const std::string first = dump(folder / "first.sqlite");
    CHECK(first.size() > 1000);
    CHECK(first == dump(folder / "second.sqlite"));
}

// Regression (issue 7, found by fuzzing): the default memberships were appended to the very
// list being walked, a heap use after free as soon as the list grew. Here it must grow: 3 self,
// 3 split and 1 published memberships fill a capacity of 8 before the 2 defaults are added.
// AddressSanitizer builds report the old code; every build checks the result.
TEST_CASE("a table layer with a default layer loads when the membership list has to grow") {
    Dataset dataset = build_dataset(Manifest::read(kDataDir / "small" / "manifest_default_layer.json"), false, silent);
    REQUIRE(dataset.memberships.size() == 3 + 3 + 3);
    CHECK(membership(dataset, "tafels", "GM9001").basis == MembershipBasis::published);
    CHECK(membership(dataset, "tafels", "GM9002").region_code == "DEF-R1");
    CHECK(membership(dataset, "tafels", "GM9002").note == "not published; follows split region R1");
    CHECK(membership(dataset, "tafels", "GM9003").region_code == "DEF-R2");
    CHECK(dataset.layers.back().default_count == 2);
}
