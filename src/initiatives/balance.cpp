#include "initiatives/balance.hpp"

#include "core/error.hpp"
#include "initiatives/statistics.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>

namespace regiomap {

namespace {
std::string leader_label(const MarketLeaders& leaders, int region) {
    for (const auto& leader : leaders.regions) {
        if (leader.region == region && !leader.concern.empty()) return "led by " + leader.concern;
    }
    return "leader unknown";
}
}  // namespace

BalanceResult check_balance(const Governance& g, const MarketLeaders& leaders, const std::vector<LocatedInitiative>& located,
                            const std::string& concern, const BalanceOptions& options) {
    const Division& division = g.division(leaders.division);
    BalanceResult result;
    result.concern = concern;
    std::map<int, std::size_t> tally_of_region;
    double population_of_leader_regions = 0;
    for (const auto& leader : leaders.regions) {
        if (leader.concern != concern) continue;
        tally_of_region[leader.region] = result.regions.size();
        result.regions.push_back({leader.region, 0, 0, {}});
        for (int m : division.members[leader.region]) population_of_leader_regions += static_cast<double>(g.population_of(m));
    }
    for (const auto& item : located) {
        const Initiative& entry = *item.entry;
        if (std::find(entry.concerns.begin(), entry.concerns.end(), concern) == entry.concerns.end()) continue;
        if (!options.statuses.empty() &&
            std::find(options.statuses.begin(), options.statuses.end(), entry.status) == options.statuses.end()) {
            continue;
        }
        ++result.entries_considered;
        const std::string label = entry.id + " " + entry.name;
        auto shares = regions_touched(g, division, item.resolution.municipalities);
        if (shares.empty()) {
            result.unplaced.push_back(label + ": location not resolved (\"" + entry.location + "\")");
            continue;
        }
        if (options.count == CountMode::main_region) shares = {{shares.front().region, 1.0}};
        std::vector<std::string> outside_regions;
        for (const auto& share : shares) {
            auto found = tally_of_region.find(share.region);
            if (found == tally_of_region.end()) {
                outside_regions.push_back(fmt::format("{} {} ({}, {:.0f}%)", division.region_codes[share.region],
                                                      division.region_names[share.region],
                                                      leader_label(leaders, share.region), 100 * share.population_share));
                continue;
            }
            auto& tally = result.regions[found->second];
            tally.observed += share.population_share;
            tally.entries.push_back(entry.id);
            result.total_inside += share.population_share;
        }
        if (!outside_regions.empty()) result.outside.push_back(label + ": " + fmt::format("{}", fmt::join(outside_regions, "; ")));
    }

    const std::size_t k = result.regions.size();
    if (k == 0) {
        result.verdict = "not applicable: " + concern + " is market leader in no " + leaders.division + " region";
        return result;
    }
    std::vector<double> observed, expected, probabilities;
    for (auto& tally : result.regions) {
        double probability = 1.0 / double(k);
        if (options.expected == Expectation::population && population_of_leader_regions > 0) {
            double population = 0;
            for (int m : division.members[tally.region]) population += static_cast<double>(g.population_of(m));
            probability = population / population_of_leader_regions;
        }
        tally.expected = result.total_inside * probability;
        observed.push_back(tally.observed);
        expected.push_back(tally.expected);
        probabilities.push_back(probability);
    }
    result.degrees = static_cast<int>(k) - 1;
    if (result.total_inside <= 0) {
        result.verdict = "no applications in the leader regions: nothing to judge";
        return result;
    }
    result.chi_square = chi_square_statistic(observed, expected);
    result.chi_square_p = chi_square_p_value(result.chi_square, result.degrees);
    result.p_value = result.chi_square_p;
    result.p_value_method = "chi-square goodness of fit";
    const bool whole_counts = options.count == CountMode::main_region;
    const bool small = std::any_of(expected.begin(), expected.end(), [](double e) { return e < 5.0; });
    if (whole_counts && small) {
        std::vector<int> counts;
        for (double o : observed) counts.push_back(static_cast<int>(std::lround(o)));
        result.exact_p = exact_multinomial_p_value(counts, probabilities);
        if (result.exact_p) {
            result.p_value = *result.exact_p;
            result.p_value_method = "exact multinomial test (expected counts below 5)";
        } else {
            result.p_value_method = "chi-square goodness of fit (too many outcomes for the exact test; expected counts below 5 make it approximate)";
        }
    }
    std::vector<double> ratios;
    for (const auto& tally : result.regions) ratios.push_back(tally.expected > 0 ? tally.observed / tally.expected : 0);
    const double lowest = *std::min_element(ratios.begin(), ratios.end());
    const double highest = *std::max_element(ratios.begin(), ratios.end());
    if (lowest > 0) result.max_min_ratio = highest / lowest;
    result.gini = gini_coefficient(ratios);
    if (result.p_value < kBalanceSignificance) {
        result.verdict = fmt::format("UNBALANCED: p = {:.4f} < {} ({})", result.p_value, kBalanceSignificance,
                                     result.p_value_method);
    } else {
        result.verdict = fmt::format("no evidence of imbalance: p = {:.4f} >= {} ({})", result.p_value,
                                     kBalanceSignificance, result.p_value_method);
    }
    if (result.total_inside < double(k)) {
        result.verdict += fmt::format("; with {:.4g} application{} over {} regions a test can hardly show imbalance",
                                      result.total_inside, result.total_inside == 1 ? "" : "s", k);
    }
    return result;
}

}  // namespace regiomap
