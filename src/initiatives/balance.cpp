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

std::string format_balance(const Governance& g, const MarketLeaders& leaders, const BalanceResult& result,
                           const BalanceOptions& options, const std::optional<BalanceResult>& with_candidate,
                           OutputFormat format, bool wide) {
    const Division& d = g.division(leaders.division);
    std::vector<RegionTally> ranked = result.regions;
    std::sort(ranked.begin(), ranked.end(), [](const RegionTally& a, const RegionTally& b) {
        return (a.observed - a.expected) < (b.observed - b.expected);
    });
    auto ratio_text = [](const std::optional<double>& ratio) {
        return ratio ? fmt::format("{:.2f}", *ratio) : std::string("infinite (a region has none)");
    };
    if (format == OutputFormat::json) {
        nlohmann::json regions = nlohmann::json::array();
        for (const auto& tally : ranked) {
            regions.push_back({{"region_code", d.region_codes[tally.region]}, {"region_name", d.region_names[tally.region]},
                               {"observed", tally.observed}, {"expected", tally.expected}, {"entries", tally.entries}});
        }
        nlohmann::json out = {{"insurer_concern", result.concern}, {"division", leaders.division},
                              {"leader_basis", leaders.basis}, {"entries_considered", result.entries_considered},
                              {"regions_most_under_served_first", regions}, {"chi_square", result.chi_square},
                              {"degrees_of_freedom", result.degrees}, {"chi_square_p", result.chi_square_p},
                              {"exact_multinomial_p", result.exact_p ? nlohmann::json(*result.exact_p) : nlohmann::json(nullptr)},
                              {"p_value", result.p_value}, {"p_value_method", result.p_value_method},
                              {"max_min_ratio", result.max_min_ratio ? nlohmann::json(*result.max_min_ratio) : nlohmann::json(nullptr)},
                              {"gini", result.gini}, {"verdict", result.verdict}, {"outside_leader_regions", result.outside},
                              {"not_placed", result.unplaced}};
        if (with_candidate) {
            out["with_candidate"] = {{"p_value", with_candidate->p_value}, {"gini", with_candidate->gini},
                                     {"chi_square", with_candidate->chi_square}, {"verdict", with_candidate->verdict}};
        }
        return json_text(out);
    }
    std::string text = fmt::format(
        "Insurer concern {}: market leader in {} {} region{}.\nLeaders: {}.\nCounting: {}; expected: {}; statuses: {}.\n"
        "{} entries with {} considered; {:.4g} counted inside its leader regions.\n\n",
        result.concern, result.regions.size(), leaders.division, result.regions.size() == 1 ? "" : "s", leaders.basis,
        options.count == CountMode::main_region ? "each entry in its main region by population (default)"
                                                : "each entry split over regions by population share",
        options.expected == Expectation::equal ? "equal per region (default)" : "proportional to population",
        [&] {
            if (options.statuses.empty()) return std::string("all");
            std::vector<std::string> names;
            for (auto s : options.statuses) names.push_back(to_string(s));
            return fmt::format("{}", fmt::join(names, ", "));
        }(),
        result.entries_considered, result.concern, result.total_inside);
    std::vector<std::vector<std::string>> rows;
    for (const auto& tally : ranked) {
        rows.push_back({d.region_codes[tally.region], d.region_names[tally.region], fmt::format("{:.4g}", tally.observed),
                        fmt::format("{:.2f}", tally.expected), fmt::format("{:+.2f}", tally.observed - tally.expected),
                        fmt::format("{}", fmt::join(tally.entries, " "))});
    }
    text += "Leader regions, most under-served first:\n";
    text += format_text_table({"region", "name", "observed", "expected", "difference", "entries"}, rows,
                              {false, false, true, true, true, false});
    if (!result.regions.empty() && result.total_inside > 0) {
        text += fmt::format("\nchi-square {:.3f} with {} degrees of freedom, p = {:.4f}", result.chi_square, result.degrees,
                            result.chi_square_p);
        if (result.exact_p) text += fmt::format("; exact multinomial p = {:.4f}", *result.exact_p);
        text += fmt::format("\nmax/min ratio of observed to expected: {}; Gini coefficient: {:.3f}\n",
                            ratio_text(result.max_min_ratio), result.gini);
    }
    text += fmt::format("Verdict (threshold p < {}): {}\n", kBalanceSignificance, result.verdict);
    if (!result.outside.empty()) {
        text += fmt::format("\nOutside {}'s leader regions ({}):\n", result.concern, result.outside.size());
        for (const auto& line : result.outside) text += "  " + line + "\n";
    }
    if (!result.unplaced.empty()) {
        text += fmt::format("\nNot placed ({}):\n", result.unplaced.size());
        for (const auto& line : result.unplaced) text += "  " + line + "\n";
    }
    if (with_candidate) {
        const bool better = with_candidate->gini < result.gini - 1e-12 ||
                            (std::abs(with_candidate->gini - result.gini) <= 1e-12 && with_candidate->p_value > result.p_value);
        const bool same = std::abs(with_candidate->gini - result.gini) <= 1e-12 &&
                          std::abs(with_candidate->p_value - result.p_value) <= 1e-12;
        text += fmt::format("\nWith the candidate: Gini {:.3f} -> {:.3f}, p {:.4f} -> {:.4f}, chi-square {:.3f} -> {:.3f}: "
                            "the candidate {} the balance.\n",
                            result.gini, with_candidate->gini, result.p_value, with_candidate->p_value, result.chi_square,
                            with_candidate->chi_square, same ? "does not change" : better ? "IMPROVES" : "WORSENS");
    }
    return wide ? text : wrap_long_lines(text);
}

}  // namespace regiomap
