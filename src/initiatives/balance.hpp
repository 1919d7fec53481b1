// The balanced-distribution rule: an insurer spreads the applications it
// supports evenly over the regions where it is market leader (one insurer's
// framework: "following the division of our regional purchasing teams").
// Definitions and the verdict threshold: docs/METRICS.md.
#pragma once

#include "initiatives/initiative_map.hpp"
#include "initiatives/market_leaders.hpp"

#include <optional>
#include <string>
#include <vector>

namespace regiomap {

enum class CountMode { main_region, fractional };
enum class Expectation { equal, population };

struct BalanceOptions {
    std::vector<InitiativeStatus> statuses;  // empty: every status
    Expectation expected = Expectation::equal;
    CountMode count = CountMode::main_region;
};

struct RegionTally {
    int region = 0;
    double observed = 0;
    double expected = 0;
    std::vector<std::string> entries;  // ids of the entries counted here
};

// The p-value below which the distribution is judged unbalanced.
inline constexpr double kBalanceSignificance = 0.05;

struct BalanceResult {
    std::string concern;
    std::vector<RegionTally> regions;  // the insurer's market-leader regions
    int entries_considered = 0;        // entries with the insurer, after the status filter
    std::vector<std::string> outside;  // "id name: region(s)" for weight outside the leader regions
    std::vector<std::string> unplaced; // "id name: reason" for entries without municipalities
    double total_inside = 0;
    double chi_square = 0;
    int degrees = 0;
    double chi_square_p = 1;
    std::optional<double> exact_p;     // exact multinomial test, when counts are whole and expected values small
    double p_value = 1;                // the one the verdict uses
    std::string p_value_method;
    std::optional<double> max_min_ratio;  // observed/expected, max over min; nullopt when a region has none
    double gini = 0;                   // Gini coefficient of observed/expected over the regions
    std::string verdict;
};

BalanceResult check_balance(const Governance& governance, const MarketLeaders& leaders,
                            const std::vector<LocatedInitiative>& located, const std::string& concern,
                            const BalanceOptions& options);


}  // namespace regiomap
