// `changes` on two hand-made years, worked out by hand.
//
// 2020: Aadorp [0,10] km, Bedorp [10,20], Cestad [20,40] (x from 100 km; all 10 km high).
//   zorg: Z1 = Aadorp + Bedorp, Z2 = Cestad;  ggd: G1 = Aadorp, G2 = Bedorp + Cestad.
//   Every municipality shares a region with a partner in one layer only: C = 0 for all three.
// 2021: Bedorp and Cestad merged into Becestad (GM9010, [10,40]: 1/3 Bedorp, 2/3 Cestad, so
//   its predecessor with the largest share is Cestad). zorg and ggd are each one region over all.
//   Aadorp and Becestad meet at every table: C = 1 and T = 1 for both.
// So per layer one move (Becestad: Z2 -> Z1, G2 -> G1, from Cestad's regions), Z2 and G2
// removed, nothing created; mean C 0 -> 1, fully congruent 0 of 3 -> 2 of 2; both improved.
#include "history/division_changes.hpp"
#include "history/stored_crosswalk.hpp"
#include "present/year_changes_text.hpp"
#include "layers/loader.hpp"
#include "store/store.hpp"
#include "../support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <fstream>

using namespace regiomap;
using namespace regiomap::test;

namespace {

std::string square_features(const std::vector<std::tuple<std::string, std::string, int, int>>& parts) {
    std::string features;
    for (const auto& [code, name, from_km, to_km] : parts) {
        const int x0 = 100000 + from_km * 1000, x1 = 100000 + to_km * 1000;
        features += fmt::format(
            R"({}{{"type":"Feature","properties":{{"code":"{}","name":"{}"}},"geometry":{{"type":"Polygon",)"
            R"("coordinates":[[[{},400000],[{},400000],[{},410000],[{},410000],[{},400000]]]}}}})",
            features.empty() ? "" : ",", code, name, x0, x1, x1, x0, x0);
    }
    return R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},)"
           R"("features":[)" +
           features + "]}";
}

nlohmann::json layer_of(const std::string& id, const std::string& file, int year) {
    return {{"id", id}, {"title", id}, {"year", year}, {"given_as", "boundaries"}, {"file", file},
            {"code_field", "code"}, {"name_field", "name"}, {"crs", "EPSG:28992"}, {"source", "hand-made"}};
}

}  // namespace

TEST_CASE("changes between two hand-made years: moves through the crosswalk, removed regions, mean C 0 -> 1") {
    TemporaryFolder folder;
    auto write = [&](const std::string& name, const std::string& text) { std::ofstream(folder / name) << text; };
    write("g2020.geojson", square_features({{"GM9001", "Aadorp", 0, 10}, {"GM9002", "Bedorp", 10, 20},
                                            {"GM9003", "Cestad", 20, 40}}));
    write("z2020.geojson", square_features({{"Z1", "Zorg Een", 0, 20}, {"Z2", "Zorg Twee", 20, 40}}));
    write("d2020.geojson", square_features({{"G1", "GGD Een", 0, 10}, {"G2", "GGD Twee", 10, 40}}));
    write("g2021.geojson", square_features({{"GM9001", "Aadorp", 0, 10}, {"GM9010", "Becestad", 10, 40}}));
    write("z2021.geojson", square_features({{"Z1", "Zorg Een", 0, 40}}));
    write("d2021.geojson", square_features({{"G1", "GGD Een", 0, 40}}));
    nlohmann::json years = nlohmann::json::array();
    for (int year : {2020, 2021}) {
        nlohmann::json municipalities = layer_of("gemeente", fmt::format("g{}.geojson", year), year);
        years.push_back({{"division_year", year},
                         {"municipalities", municipalities},
                         {"layers", {layer_of("zorg", fmt::format("z{}.geojson", year), year),
                                     layer_of("ggd", fmt::format("d{}.geojson", year), year)}}});
    }
    write("manifest.json", nlohmann::json{{"crs", "EPSG:28992"}, {"attribution", "test"}, {"years", years}}.dump(2));
    const auto store = folder / "store.sqlite";
    load({folder / "manifest.json", store, false}, silent);

    const Governance before = read_governance(Store(store, 2020));
    const Governance after = read_governance(Store(store, 2021));
    const YearChanges changes = compare_years(before, after, crosswalk_between(store, 2020, 2021), {"zorg", "ggd"});
    REQUIRE(changes.layers.size() == 2);
    for (const auto& layer : changes.layers) {
        INFO(layer.layer_id);
        const Division& earlier = before.division(layer.layer_id);
        const Division& later = after.division(layer.layer_id);
        CHECK(layer.regions_before == 2);
        CHECK(layer.regions_after == 1);
        REQUIRE(layer.moves.size() == 1);
        CHECK(after.codes[layer.moves[0].municipality] == "GM9010");
        CHECK(before.codes[layer.moves[0].predecessor] == "GM9003");  // Cestad: 2/3 of Becestad
        CHECK(earlier.region_codes[layer.moves[0].region_before] == (layer.layer_id == "zorg" ? "Z2" : "G2"));
        CHECK(later.region_codes[layer.moves[0].region_after] == (layer.layer_id == "zorg" ? "Z1" : "G1"));
        CHECK(layer.regions_created.empty());
        REQUIRE(layer.regions_removed.size() == 1);
        const RegionChangeRecord& removed = layer.regions_removed[0];
        CHECK(earlier.region_codes[removed.region] == (layer.layer_id == "zorg" ? "Z2" : "G2"));
        // Its only municipality (Cestad, in Becestad) is now in Z1/G1, which holds Aadorp too: merged.
        CHECK(removed.change == RegionFate::merged);
        REQUIRE(removed.counterparts.size() == 1);
        CHECK(later.region_codes[removed.counterparts[0]] == (layer.layer_id == "zorg" ? "Z1" : "G1"));
    }
    CHECK(changes.mean_congruence_before == Approx(0.0));
    CHECK(changes.mean_congruence_after == Approx(1.0));
    CHECK(changes.fully_congruent_before == 0);
    CHECK(changes.fully_congruent_after == 2);
    REQUIRE(changes.most_improved.size() == 2);
    CHECK(after.codes[changes.most_improved[0].municipality] == "GM9001");
    CHECK(after.codes[changes.most_improved[1].municipality] == "GM9010");
    CHECK(changes.most_improved[1].before == Approx(0.0));
    CHECK(changes.most_improved[1].after == Approx(1.0));
    CHECK(changes.most_worsened.empty());

    const std::string text = format_year_changes(before, after, changes, OutputFormat::table);
    CHECK(text.find("removed: Z2 Zorg Twee (merged into Z1 Zorg Een)") != std::string::npos);
    CHECK(text.find("removed: G2 GGD Twee (merged into G1 GGD Een)") != std::string::npos);

    // Every municipality of 2021, as the change map shows it.
    REQUIRE(changes.municipalities.size() == 2);
    const MunicipalityYearChange& aadorp = changes.municipalities[after.index_of.at("GM9001")];
    CHECK(before.codes[aadorp.predecessor] == "GM9001");
    CHECK(aadorp.formed_from == 1);
    CHECK(aadorp.layers_moved.empty());
    CHECK(aadorp.congruence_change() == Approx(1.0));
    const MunicipalityYearChange& becestad = changes.municipalities[after.index_of.at("GM9010")];
    CHECK(before.codes[becestad.predecessor] == "GM9003");
    CHECK(becestad.formed_from == 2);  // Bedorp and Cestad
    CHECK(becestad.layers_moved == std::vector<std::string>{"zorg", "ggd"});
    CHECK(becestad.before == Approx(0.0));
    CHECK(becestad.after == Approx(1.0));
}
