// The statistics of the balanced-distribution check, written out because
// they are small and their tests pin them to published tables.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace regiomap {

// Regularised upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a).
double regularized_gamma_q(double a, double x);

// P(X >= statistic) for a chi-square distribution with `degrees` degrees of freedom.
double chi_square_p_value(double statistic, int degrees);

// Pearson's statistic Σ (o - e)^2 / e.
double chi_square_statistic(const std::vector<double>& observed, const std::vector<double>& expected);

// Exact multinomial goodness-of-fit test: the probability, under the given
// category probabilities, of every outcome with the same total that is no more
// likely than the observed one. nullopt when there are more than `max_outcomes`
// outcomes to enumerate.
std::optional<double> exact_multinomial_p_value(const std::vector<int>& observed, const std::vector<double>& probabilities,
                                                std::uint64_t max_outcomes = 5'000'000);

// Gini coefficient of non-negative values: 0 for equal values, towards 1 when one holds all.
double gini_coefficient(const std::vector<double>& values);

}  // namespace regiomap
