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
std::string leader_of(const MarketLeaders& leaders, int region) {
    for (const auto& leader : leaders.regions) {
        if (leader.region == region && !leader.concern.empty()) return leader.concern;
    }
    return "";
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
        result.regions.push_back({leader.region, 0, 0, {}, 0});
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
        auto shares = regions_touched(g, division, item.resolution.municipalities);
        if (shares.empty()) {
            result.unplaced.push_back({entry.id, entry.name, entry.location});
            continue;
        }
        if (options.count == CountMode::main_region) shares = {{shares.front().region, 1.0}};
        OutsideEntry outside{entry.id, entry.name, {}};
        for (const auto& share : shares) {
            auto found = tally_of_region.find(share.region);
            if (found == tally_of_region.end()) {
                outside.regions.push_back({share.region, leader_of(leaders, share.region), share.population_share});
                continue;
            }
            auto& tally = result.regions[found->second];
            tally.observed += share.population_share;
            tally.entries.push_back(entry.id);
            result.total_inside += share.population_share;
        }
        if (!outside.regions.empty()) result.outside.push_back(std::move(outside));
    }

    const std::size_t k = result.regions.size();
    if (k == 0) {
        result.verdict = BalanceVerdict::not_applicable;
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
        tally.difference = tally.observed - tally.expected;
        observed.push_back(tally.observed);
        expected.push_back(tally.expected);
        probabilities.push_back(probability);
    }
    result.degrees = static_cast<int>(k) - 1;
    for (std::size_t i = 0; i < k; ++i) result.most_under_served_first.push_back(i);
    std::sort(result.most_under_served_first.begin(), result.most_under_served_first.end(),
              [&](std::size_t a, std::size_t b) { return result.regions[a].difference < result.regions[b].difference; });
    if (result.total_inside <= 0) {
        result.verdict = BalanceVerdict::nothing_to_judge;
        return result;
    }
    result.chi_square = chi_square_statistic(observed, expected);
    result.chi_square_p = chi_square_p_value(result.chi_square, result.degrees);
    result.p_value = result.chi_square_p;
    result.p_value_method = PValueMethod::chi_square;
    const bool whole_counts = options.count == CountMode::main_region;
    const bool small = std::any_of(expected.begin(), expected.end(), [](double e) { return e < 5.0; });
    if (whole_counts && small) {
        std::vector<int> counts;
        for (double o : observed) counts.push_back(static_cast<int>(std::lround(o)));
        result.exact_p = exact_multinomial_p_value(counts, probabilities);
        if (result.exact_p) {
            result.p_value = *result.exact_p;
            result.p_value_method = PValueMethod::exact_multinomial;
        } else {
            result.p_value_method = PValueMethod::chi_square_approximate;
        }
    }
    std::vector<double> ratios;
    for (const auto& tally : result.regions) ratios.push_back(tally.expected > 0 ? tally.observed / tally.expected : 0);
    const double lowest = *std::min_element(ratios.begin(), ratios.end());
    const double highest = *std::max_element(ratios.begin(), ratios.end());
    if (lowest > 0) result.max_min_ratio = highest / lowest;
    result.gini = gini_coefficient(ratios);
    result.verdict = result.p_value < kBalanceSignificance ? BalanceVerdict::unbalanced : BalanceVerdict::no_evidence;
    result.too_few_to_judge = result.total_inside < double(k);
    return result;
}

CandidateEffect candidate_effect(const BalanceResult& without, const BalanceResult& with) {
    const bool same_gini = std::abs(with.gini - without.gini) <= 1e-12;
    if (same_gini && std::abs(with.p_value - without.p_value) <= 1e-12) return CandidateEffect::no_change;
    const bool better = with.gini < without.gini - 1e-12 || (same_gini && with.p_value > without.p_value);
    return better ? CandidateEffect::improves : CandidateEffect::worsens;
}

}  // namespace regiomap
