// Expected values computed by hand (natural logarithms):
//   A = {0 0 1 1}, B = {0 0 0 1}
//     sum C(n_ij,2) = 1, sum C(a_i,2) = 2, sum C(b_j,2) = 3, C(4,2) = 6
//     ARI = (1 - 2*3/6) / ((2+3)/2 - 2*3/6) = 0
//     H(A) = ln 2, H(B) = -(3/4 ln 3/4 + 1/4 ln 1/4) = 0.562335, H(A,B) = 1.039721
//     VI = 2 H(A,B) - H(A) - H(B) = 0.823959, NVI = VI / H(A,B) = 0.792481
//   A = {0 0 1 1 2 2} nested in B = {0 0 0 0 1 1}
//     ARI = (3 - 3*7/15) / ((3+7)/2 - 3*7/15) = 1.6 / 3.6 = 0.444444
//     H(A,B) = H(A) = ln 3, VI = ln 3 - H(B) = 0.462098, NVI = 0.420620
#include "analysis/layer_comparison.hpp"

#include "governance_fixture.hpp"

#include <catch2/catch.hpp>

using namespace regiomap;
using namespace regiomap::test;

namespace {
PartitionPair pair_of(std::vector<int> a, std::vector<int> b, double weight = 1.0) {
    PartitionPair pair{a, b, std::vector<double>(a.size(), weight), 0, 0};
    for (int x : a) pair.regions_a = std::max(pair.regions_a, x + 1);
    for (int x : b) pair.regions_b = std::max(pair.regions_b, x + 1);
    return pair;
}
}  // namespace

TEST_CASE("ARI and normalised VI of a hand-computed pair") {
    auto pair = pair_of({0, 0, 1, 1}, {0, 0, 0, 1});
    CHECK(adjusted_rand_index(pair) == Approx(0.0).margin(1e-12));
    CHECK(normalized_variation_of_information(pair) == Approx(0.792481).epsilon(1e-5));
}

TEST_CASE("ARI and normalised VI of a nested pair") {
    auto pair = pair_of({0, 0, 1, 1, 2, 2}, {0, 0, 0, 0, 1, 1});
    CHECK(adjusted_rand_index(pair) == Approx(0.444444).epsilon(1e-5));
    CHECK(normalized_variation_of_information(pair) == Approx(0.420620).epsilon(1e-5));
}

TEST_CASE("identical partitions give ARI 1 and VI 0, also with other labels and weights") {
    auto pair = pair_of({0, 0, 1, 1, 2}, {2, 2, 0, 0, 1});
    CHECK(adjusted_rand_index(pair) == Approx(1.0));
    CHECK(normalized_variation_of_information(pair) == Approx(0.0).margin(1e-12));
    auto doubled = pair_of({0, 0, 1, 1}, {0, 0, 0, 1}, 2.0);  // uniform weights scale every pair alike
    CHECK(adjusted_rand_index(doubled) == Approx(0.0).margin(1e-12));
}

TEST_CASE("nesting shares and split regions of a nested pair") {
    Governance governance = make_governance({1, 1, 1, 1, 1, 1}, {make_division("A", {0, 0, 1, 1, 2, 2}),
                                                                  make_division("B", {0, 0, 0, 0, 1, 1})});
    auto comparison = compare_layers(governance, governance.division("A"), governance.division("B"), Weight::count);
    CHECK(comparison.nested_a_in_b == 1.0);
    CHECK(comparison.nested_b_in_a == 0.5);  // B region 1 = {4 5} lies inside A region 2; B region 0 does not
    CHECK(comparison.a_split_over_b.empty());
    REQUIRE(comparison.b_split_over_a.size() == 1);
    CHECK(comparison.b_split_over_a[0].region == 0);
    CHECK(comparison.b_split_over_a[0].parts.size() == 2);
    CHECK(comparison.adjusted_rand == Approx(0.444444).epsilon(1e-5));
}
