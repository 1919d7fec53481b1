// JSON and CSV carry a split region's parts, and a region view's overlaps and insurers,
// as fields with their municipalities, not as sentences.
#include "present/layer_comparison_text.hpp"
#include "present/region_view_text.hpp"

#include "../analysis/governance_fixture.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace regiomap;
using namespace regiomap::test;

namespace {
// A0 = {0, 1, 2} lies in B0 (0, 1) and B1 (2); A1 = {3, 4, 5} in B1 (3) and B2 (4, 5).
Governance six_municipalities() {
    Governance g = make_governance({10, 20, 40, 30, 50, 60},
                                   {make_division("A", {0, 0, 0, 1, 1, 1}), make_division("B", {0, 0, 1, 1, 2, 2})});
    for (int m = 0; m < 6; ++m) g.zorgkantoor_insurer[m] = {m < 3 ? "Menzis" : "CZ", "designation", "2014", false};
    return g;
}
}  // namespace

TEST_CASE("compare-layers JSON names every part of a split region with its municipalities") {
    const Governance g = six_municipalities();
    const std::vector<std::string> layers{"A", "B"};
    const auto comparisons = compare_all_layers(g, layers, Weight::count);
    REQUIRE(comparisons.size() == 1);
    const auto out = nlohmann::json::parse(format_layer_comparisons(g, layers, Weight::count, comparisons, OutputFormat::json));
    const auto& pair = out["pairs"][0];
    CHECK(pair["a_regions_split"] == 2);
    CHECK(pair["b_regions_split"] == 1);  // B1 holds 2 (A0) and 3 (A1)
    const auto& first = pair["splits"][0];
    CHECK(first["split_layer"] == "A");
    CHECK(first["region_code"] == "A0");
    REQUIRE(first["parts"].size() == 2);
    CHECK(first["parts"][0]["region_code"] == "B1");  // largest population first: 40 against 30
    CHECK(first["parts"][0]["municipalities"][0]["name"] == "Dorp 2");
    CHECK(first["parts"][1]["municipality_count"] == 2);
    CHECK(first["parts"][1]["population"] == 30);
}

TEST_CASE("compare-layers CSV has one row per part, its municipalities in their own columns") {
    const Governance g = six_municipalities();
    const std::vector<std::string> layers{"A", "B"};
    const std::string csv =
        format_layer_comparisons(g, layers, Weight::count, compare_all_layers(g, layers, Weight::count), OutputFormat::csv);
    CHECK(csv.find(",A,A0,A region 0,B0,B region 0,2,30,GM9000; GM9001,Dorp 0; Dorp 1\n") != std::string::npos);
}

TEST_CASE("region view JSON carries each overlap part and insurer as fields") {
    const Governance g = six_municipalities();
    const RegionView view = region_view(g, require_one_region(find_regions(g, "A0")));
    const auto out = nlohmann::json::parse(format_region_view(g, view, OutputFormat::json));
    CHECK(out["region_code"] == "A0");
    CHECK(out["population"] == 70);
    const auto& overlap = out["overlaps"][0];
    CHECK(overlap["layer"] == "B");
    CHECK(overlap["regions"] == 2);
    CHECK(overlap["parts"][0]["region_code"] == "B1");
    CHECK(overlap["parts"][0]["municipalities"][0]["code"] == "GM9002");
    CHECK(out["insurers"][0]["role"] == "zorgkantoor insurer");
    CHECK(out["insurers"][0]["concern"] == "Menzis");
}
