// The reference case of the insurers' 2020 paper (shared/docs/DOMAIN.md) on
// the bundled CBS 2020 layers: Enschede congruent, Veenendaal fragmented.
#include "../support.hpp"
#include "analysis/incongruence.hpp"
#include "analysis/what_if.hpp"
#include "present/geopackage_layers.hpp"
#include "present/incongruence_text.hpp"

#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <map>

using namespace regiomap;
using namespace regiomap::test;

namespace {
const Governance& bundled_governance() {
    static const Governance governance = read_governance(bundled_store());
    return governance;
}
const std::vector<std::string> kPaperLayers{"zorgkantoor", "ggd", "jeugdregio"};
}  // namespace

TEST_CASE("Enschede is congruent: C = 1 and T = 1 over zorgkantoor, GGD and youth care") {
    const auto& g = bundled_governance();
    IncongruenceModel model(g, kPaperLayers);
    auto enschede = model.score(g.index_of.at("GM0153"));
    CHECK(enschede.congruence == 1.0);
    CHECK(enschede.tables == 1);
    CHECK(enschede.partners_any == 13);  // the other 13 Twente municipalities
    CHECK(enschede.insurer_mismatch == InsurerMismatch::no);  // Menzis and Menzis
}

TEST_CASE("Veenendaal is fragmented: C < 0.5, T >= 2 and an insurer mismatch") {
    const auto& g = bundled_governance();
    IncongruenceModel model(g, kPaperLayers);
    const int veenendaal = g.index_of.at("GM0345");
    auto score = model.score(veenendaal);
    CHECK(score.congruence < 0.5);
    CHECK(score.tables >= 2);
    CHECK(score.insurer_mismatch == InsurerMismatch::yes);  // largest Menzis, zorgkantoor Achmea (Zilveren Kruis)
    CHECK(g.largest_insurer[veenendaal].concern == "Menzis");
    CHECK(g.zorgkantoor_insurer[veenendaal].concern == "Achmea");
}

TEST_CASE("moving Veenendaal into the youth-care region of its GGD partners raises its C") {
    Governance g = bundled_governance();
    const int veenendaal = g.index_of.at("GM0345");
    const Division& ggd = g.division("ggd");
    const Division& youth = g.division("jeugdregio");
    std::map<int, int> partners_per_youth_region;
    for (int partner : ggd.members[ggd.region_of[veenendaal]]) {
        if (partner != veenendaal && youth.region_of[partner] != youth.region_of[veenendaal]) {
            ++partners_per_youth_region[youth.region_of[partner]];
        }
    }
    auto best = std::max_element(partners_per_youth_region.begin(), partners_per_youth_region.end(),
                                 [](const auto& x, const auto& y) { return x.second < y.second; });
    REQUIRE(best != partners_per_youth_region.end());
    auto changes = what_if(g, kPaperLayers, {{veenendaal, "jeugdregio", best->first}}).changes;
    bool found = false;
    for (const auto& change : changes) {
        if (change.before.municipality != veenendaal) continue;
        found = true;
        CHECK(change.after.congruence > change.before.congruence);
    }
    CHECK(found);
}

TEST_CASE("all scores for the 355 municipalities") {
    const auto& g = bundled_governance();
    IncongruenceModel model(g, kPaperLayers);
    auto scores = model.score_all();
    REQUIRE(scores.size() == 355);
    for (const auto& score : scores) {
        CHECK(score.congruence >= 0.0);
        CHECK(score.congruence <= 1.0);
        CHECK(score.partners_all <= score.partners_any);
        CHECK(score.tables >= 1);
        CHECK(score.tables <= 3);
    }
}

TEST_CASE("the incongruence GeoPackage opens with GDAL: 355 shapes with their scores, and a QGIS style beside it") {
    const auto& g = bundled_governance();
    IncongruenceModel model(g, kPaperLayers);
    auto scores = model.score_all();
    rank_most_fragmented_first(g, scores);
    TemporaryFolder folder;
    const auto file = folder / "incongruence.gpkg";
    write_incongruence_geopackage(bundled_store(), model, scores, file,
                                  std::filesystem::path(REGIOMAP_STYLES_DIR) / "incongruence.qml", {});
    CHECK(std::filesystem::exists(folder / "incongruence.qml"));
    CHECK(geopackage_output_kind(file) == "incongruence");
    // a second write replaces it: it is a previous output of the same kind
    write_incongruence_geopackage(bundled_store(), model, scores, file, {}, {});
    GDALDatasetUniquePtr dataset(GDALDataset::Open(file.string().c_str(), GDAL_OF_VECTOR));
    REQUIRE(dataset);
    OGRLayer* layer = dataset->GetLayerByName("incongruence");
    REQUIRE(layer);
    CHECK(layer->GetFeatureCount() == 355);
    int seen = 0;
    for (auto& feature : *layer) {
        CHECK(feature->GetGeometryRef() != nullptr);
        if (std::string(feature->GetFieldAsString("municipality_code")) == "GM0153") {
            CHECK(feature->GetFieldAsDouble("congruence_C") == 1.0);
            CHECK(feature->GetFieldAsInteger("tables_T") == 1);
            ++seen;
        }
    }
    CHECK(seen == 1);
}

TEST_CASE("what-if Veenendaal into ZK04: it takes ZK04's zorgkantoor insurer, P is 52, and --save's table holds the move") {
    Governance g = bundled_governance();
    const int veenendaal = g.index_of.at("GM0345");
    const Division& zorgkantoor = g.division("zorgkantoor");
    const int arnhem = zorgkantoor.region_index("ZK04");
    const std::string arnhem_insurer = g.zorgkantoor_insurer[zorgkantoor.members[arnhem].front()].concern;
    REQUIRE_FALSE(arnhem_insurer.empty());
    REQUIRE(g.zorgkantoor_insurer[veenendaal].concern != arnhem_insurer);
    const auto graph = AdjacencyGraph::from_records(g.index_of, regiomap::test::bundled_store().adjacency(), LinkUse::with_links);
    const WhatIfResult result = what_if(g, kPaperLayers, {{veenendaal, "zorgkantoor", arnhem}}, &graph);
    CHECK(g.zorgkantoor_insurer[veenendaal].concern == arnhem_insurer);
    for (const auto& change : result.changes) {
        if (change.before.municipality != veenendaal) continue;
        CHECK(change.before.parties == 33);
        CHECK(change.after.parties == 52);  // docs/METRICS.md: 48 municipalities + 2 insurers + 2 GGDs
    }
    CHECK(result.warnings.empty());  // Veenendaal borders Ede, which is in ZK04
    IncongruenceModel fresh(g, kPaperLayers);
    double total = 0;
    for (const auto& score : fresh.score_all()) total += score.congruence;
    CHECK(result.mean_congruence_after == Approx(total / 355).margin(1e-12));
    const std::string csv = division_memberships_csv(g, g.division("zorgkantoor"));
    CHECK_THAT(csv, Catch::Contains("GM0345,Veenendaal,ZK04,Arnhem\n"));
    CHECK(std::count(csv.begin(), csv.end(), '\n') == 356);
}

TEST_CASE("what-if: two moves of one municipality in one layer are refused, naming both") {
    const Governance& g = bundled_governance();
    const MunicipalityNames names = regiomap::test::bundled_store().names();
    CHECK_THROWS_WITH(parse_moves(g, names, {"Veenendaal:zorgkantoor=ZK04", "Veenendaal:zorgkantoor=ZK22"}),
                      Catch::Contains("both move Veenendaal in layer zorgkantoor"));
    CHECK(parse_moves(g, names, {"Veenendaal:zorgkantoor=ZK04", "Veenendaal:ggd=GG1911"}).size() == 2);
}
