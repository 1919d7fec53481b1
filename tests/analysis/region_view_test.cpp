// The region view on a hand-made governance: six municipalities, populations 10..60,
// layer A = {0 0 0 1 1 1}, layer B = {0 0 1 1 2 2}. A's region 0 holds municipalities
// 0, 1, 2 (population 10 + 20 + 40 = 70); over B it is split into B0 = {0, 1} (30)
// and B1 = {2} (40), B1 first as the larger part.
#include "analysis/layer_comparison.hpp"
#include "analysis/region_view.hpp"
#include "core/error.hpp"

#include "governance_fixture.hpp"

#include <catch2/catch.hpp>

using namespace regiomap;
using namespace regiomap::test;

namespace {
Governance six_municipalities() {
    Governance g = make_governance({10, 20, 40, 30, 50, 60},
                                   {make_division("A", {0, 0, 0, 1, 1, 1}), make_division("B", {0, 0, 1, 1, 2, 2})});
    for (int m = 0; m < 6; ++m) g.zorgkantoor_insurer[m] = {m < 3 ? "Menzis" : "CZ", "designation", "2014", false};
    g.largest_insurer[1] = {"VGZ", "published figure", "2020", false};
    return g;
}
}  // namespace

TEST_CASE("a region view lists its municipalities and the parts of every other division") {
    const Governance g = six_municipalities();
    const RegionView view = region_view(g, require_one_region(find_regions(g, "a0")));
    CHECK(view.division->layer_id == "A");
    CHECK(view.members == std::vector<int>{0, 1, 2});
    CHECK(view.population == 70);
    REQUIRE(view.overlaps.size() == 1);
    CHECK(view.overlaps[0].division->layer_id == "B");
    REQUIRE(view.overlaps[0].parts.size() == 2);
    CHECK(view.overlaps[0].parts[0].region == 1);
    CHECK(view.overlaps[0].parts[0].members == std::vector<int>{2});
    CHECK(view.overlaps[0].parts[0].population == 40);
    CHECK(view.overlaps[0].parts[1].members == std::vector<int>{0, 1});
}

TEST_CASE("a region view names each insurer fact once with the municipalities it holds for") {
    const Governance g = six_municipalities();
    const RegionView view = region_view(g, require_one_region(find_regions(g, "A0")));
    REQUIRE(view.insurers.size() == 3);
    CHECK(view.insurers[0].role == RegionInsurerRole::zorgkantoor_insurer);
    CHECK(view.insurers[0].concern == "Menzis");
    CHECK(view.insurers[0].members == std::vector<int>{0, 1, 2});
    CHECK(view.insurers[1].role == RegionInsurerRole::market_leader);
    CHECK(view.insurers[1].concern == "Menzis");
    CHECK(view.insurers[2].role == RegionInsurerRole::largest_insurer_published);
    CHECK(view.insurers[2].concern == "VGZ");
    CHECK(view.insurers[2].members == std::vector<int>{1});
}

TEST_CASE("regions are found by code or name, a name in two layers is ambiguous, an unknown one gets the nearest") {
    Governance g = six_municipalities();
    g.division("A").region_names[1] = "Twente";
    g.division("B").region_names[2] = "Twente";
    CHECK(find_regions(g, "twente").matches.size() == 2);
    CHECK_THROWS_AS(require_one_region(find_regions(g, "Twente")), NotFoundError);
    const RegionRef in_b = require_one_region(find_regions(g, "Twente", "B"));
    CHECK(in_b.division->layer_id == "B");
    CHECK(in_b.region == 2);
    const RegionSearch unknown = find_regions(g, "Twnte");
    CHECK(unknown.matches.empty());
    REQUIRE_FALSE(unknown.nearest.empty());
    CHECK(unknown.nearest.front() == "A1 Twente (A)");
    CHECK_THROWS_AS(find_regions(g, "Twente", "C"), NotFoundError);
}

TEST_CASE("split parts carry their municipalities") {
    const Governance g = six_municipalities();
    const auto comparison = compare_layers(g, g.division("A"), g.division("B"), Weight::count);
    REQUIRE(comparison.a_split_over_b.size() == 2);
    const auto& parts = comparison.a_split_over_b[0].parts;  // A0 over B: {0 1} in B0, {2} in B1
    REQUIRE(parts.size() == 2);
    CHECK(parts[0].members == std::vector<int>{2});  // largest population first: 40 against 30
    CHECK(parts[1].members == std::vector<int>{0, 1});
    CHECK(parts[1].municipalities == 2);
}
