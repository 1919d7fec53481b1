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
    double difference = 0;             // observed - expected: below zero, under-served
};

// What the check concludes (docs/METRICS.md).
enum class BalanceVerdict {
    not_applicable,    // the concern is market leader in no region of the division
    nothing_to_judge,  // no application lies in its leader regions
    unbalanced,        // p < kBalanceSignificance
    no_evidence,       // p >= kBalanceSignificance: no evidence of imbalance
};

// A region outside the concern's leader regions that an entry touches.
struct OutsideRegion {
    int region = 0;
    std::string leader;  // that region's market leader; empty: unknown
    double share = 0;    // of the entry's population
};

// An entry with weight outside the leader regions.
struct OutsideEntry {
    std::string id;
    std::string name;
    std::vector<OutsideRegion> regions;
};

// An entry without municipalities: its location did not resolve.
struct UnplacedEntry {
    std::string id;
    std::string name;
    std::string location;  // as published
};

// Which test gave the p-value of the verdict.
enum class PValueMethod {
    none,                    // no test: nothing to judge
    chi_square,              // chi-square goodness of fit
    exact_multinomial,       // exact multinomial test, as expected counts are below 5
    chi_square_approximate,  // chi-square though expected counts are below 5: too many outcomes for the exact test
};

// The p-value below which the distribution is judged unbalanced.
inline constexpr double kBalanceSignificance = 0.05;

struct BalanceResult {
    std::string concern;
    std::vector<RegionTally> regions;  // the insurer's market-leader regions
    int entries_considered = 0;        // entries with the insurer, after the status filter
    std::vector<OutsideEntry> outside;    // entries with weight outside the leader regions
    std::vector<UnplacedEntry> unplaced;  // entries without municipalities
    double total_inside = 0;
    double chi_square = 0;
    int degrees = 0;
    double chi_square_p = 1;
    std::optional<double> exact_p;     // exact multinomial test, when counts are whole and expected values small
    double p_value = 1;                // the one the verdict uses
    PValueMethod p_value_method = PValueMethod::none;
    std::optional<double> max_min_ratio;  // observed/expected, max over min; nullopt when a region has none
    double gini = 0;                   // Gini coefficient of observed/expected over the regions
    BalanceVerdict verdict = BalanceVerdict::not_applicable;
    // Fewer applications inside than leader regions: a test can hardly show imbalance.
    bool too_few_to_judge = false;
    std::vector<std::size_t> most_under_served_first;  // indices into `regions`, lowest difference first
};

BalanceResult check_balance(const Governance& governance, const MarketLeaders& leaders,
                            const std::vector<LocatedInitiative>& located, const std::string& concern,
                            const BalanceOptions& options);

// What adding a candidate application does to the balance: a lower Gini coefficient
// improves it, and at the same Gini a higher p-value; the same Gini and p-value leave it.
enum class CandidateEffect { improves, worsens, no_change };
CandidateEffect candidate_effect(const BalanceResult& without, const BalanceResult& with);


}  // namespace regiomap
