// Expected values from published tables (chi-square critical values) and from
// enumerations done by hand.
#include "initiatives/statistics.hpp"

#include <catch2/catch.hpp>

using namespace regiomap;

TEST_CASE("chi-square p-values match the published critical values") {
    CHECK(chi_square_p_value(3.841, 1) == Approx(0.05).epsilon(1e-3));
    CHECK(chi_square_p_value(5.991, 2) == Approx(0.05).epsilon(1e-3));
    CHECK(chi_square_p_value(11.070, 5) == Approx(0.05).epsilon(1e-3));
    CHECK(chi_square_p_value(23.209, 10) == Approx(0.01).epsilon(1e-3));
    CHECK(chi_square_p_value(6.635, 1) == Approx(0.01).epsilon(1e-3));
    CHECK(chi_square_p_value(1.0, 1) == Approx(0.3173).epsilon(1e-3));
    CHECK(chi_square_p_value(0.0, 3) == 1.0);
}

TEST_CASE("Pearson's statistic") {
    CHECK(chi_square_statistic({3, 1}, {2, 2}) == Approx(1.0));
    CHECK(chi_square_statistic({5, 5, 5}, {5, 5, 5}) == 0.0);
}

TEST_CASE("exact multinomial p-values enumerated by hand") {
    // two equally likely regions, 2 applications both in one: P(2,0) = P(0,2) = 1/4, P(1,1) = 1/2
    CHECK(*exact_multinomial_p_value({2, 0}, {0.5, 0.5}) == Approx(0.5));
    // 4 applications 3:1: P(k) = C(4,k)/16; outcomes no more likely than 4/16: k = 0, 1, 3, 4 -> 10/16
    CHECK(*exact_multinomial_p_value({3, 1}, {0.5, 0.5}) == Approx(0.625));
    // three regions, all 3 applications in one: 3 of the 10 outcomes, each 1/27
    CHECK(*exact_multinomial_p_value({3, 0, 0}, {1.0 / 3, 1.0 / 3, 1.0 / 3}) == Approx(3.0 / 27.0));
    // perfectly even is the most likely outcome: every outcome counts
    CHECK(*exact_multinomial_p_value({1, 1}, {0.5, 0.5}) == Approx(1.0));
    CHECK_FALSE(exact_multinomial_p_value({100, 100, 100, 100, 100, 100, 100, 100}, std::vector<double>(8, 0.125), 1000));
}

TEST_CASE("Gini coefficient") {
    CHECK(gini_coefficient({1, 1, 1}) == 0.0);
    CHECK(gini_coefficient({0, 0, 3}) == Approx(2.0 / 3.0));  // sum |xi - xj| = 12 over 2 * 9 * mean 1
    CHECK(gini_coefficient({}) == 0.0);
}
