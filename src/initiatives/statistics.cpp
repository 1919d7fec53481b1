#include "initiatives/statistics.hpp"

#include <cmath>
#include <functional>
#include <numeric>

namespace regiomap {

namespace {

// Series for P(a, x), converging for x < a + 1.
double lower_series(double a, double x) {
    double term = 1.0 / a, sum = term;
    for (int n = 1; n < 1000; ++n) {
        term *= x / (a + n);
        sum += term;
        if (std::abs(term) < std::abs(sum) * 1e-15) break;
    }
    return sum * std::exp(-x + a * std::log(x) - std::lgamma(a));
}

// Continued fraction (modified Lentz) for Q(a, x), converging for x >= a + 1.
double upper_fraction(double a, double x) {
    const double tiny = 1e-300;
    double b = x + 1.0 - a, c = 1.0 / tiny, d = 1.0 / b, h = d;
    for (int i = 1; i < 1000; ++i) {
        const double an = -i * (i - a);
        b += 2.0;
        d = an * d + b;
        if (std::abs(d) < tiny) d = tiny;
        c = b + an / c;
        if (std::abs(c) < tiny) c = tiny;
        d = 1.0 / d;
        const double delta = d * c;
        h *= delta;
        if (std::abs(delta - 1.0) < 1e-15) break;
    }
    return std::exp(-x + a * std::log(x) - std::lgamma(a)) * h;
}

}  // namespace

double regularized_gamma_q(double a, double x) {
    if (x <= 0) return 1.0;
    return x < a + 1.0 ? 1.0 - lower_series(a, x) : upper_fraction(a, x);
}

double chi_square_p_value(double statistic, int degrees) {
    if (degrees <= 0) return 1.0;
    return regularized_gamma_q(degrees / 2.0, statistic / 2.0);
}

double chi_square_statistic(const std::vector<double>& observed, const std::vector<double>& expected) {
    double statistic = 0;
    for (std::size_t i = 0; i < observed.size(); ++i) {
        if (expected[i] > 0) statistic += (observed[i] - expected[i]) * (observed[i] - expected[i]) / expected[i];
    }
    return statistic;
}

std::optional<double> exact_multinomial_p_value(const std::vector<int>& observed, const std::vector<double>& probabilities,
                                                std::uint64_t max_outcomes) {
    const int total = std::accumulate(observed.begin(), observed.end(), 0);
    const std::size_t k = observed.size();
    // Number of outcomes: C(total + k - 1, k - 1).
    double outcomes = 1;
    for (std::size_t i = 1; i < k; ++i) outcomes = outcomes * double(total + i) / double(i);
    if (outcomes > double(max_outcomes)) return std::nullopt;

    std::vector<double> log_p(k);
    for (std::size_t i = 0; i < k; ++i) log_p[i] = probabilities[i] > 0 ? std::log(probabilities[i]) : -INFINITY;
    auto log_probability = [&](const std::vector<int>& counts) {
        double value = std::lgamma(total + 1.0);
        for (std::size_t i = 0; i < k; ++i) {
            value -= std::lgamma(counts[i] + 1.0);
            if (counts[i] > 0) value += counts[i] * log_p[i];
        }
        return value;
    };
    const double observed_log = log_probability(observed);
    double p_value = 0;
    std::vector<int> counts(k, 0);
    std::function<void(std::size_t, int)> visit = [&](std::size_t category, int left) {
        if (category + 1 == k) {
            counts[category] = left;
            const double value = log_probability(counts);
            if (value <= observed_log + 1e-9) p_value += std::exp(value);
            return;
        }
        for (int n = 0; n <= left; ++n) {
            counts[category] = n;
            visit(category + 1, left - n);
        }
    };
    visit(0, total);
    return std::min(1.0, p_value);
}

double gini_coefficient(const std::vector<double>& values) {
    if (values.empty()) return 0;
    const double mean = std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
    if (mean <= 0) return 0;
    double differences = 0;
    for (double a : values) {
        for (double b : values) differences += std::abs(a - b);
    }
    return differences / (2.0 * double(values.size()) * double(values.size()) * mean);
}

}  // namespace regiomap
