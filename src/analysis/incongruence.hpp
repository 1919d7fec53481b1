// Incongruence of a municipality's governance: how far the partners it
// meets differ from table to table. Definitions and worked examples:
// docs/METRICS.md.
#pragma once

#include "analysis/governance.hpp"

#include <cstdint>
#include <map>
#include <unordered_map>
#include <string>
#include <optional>
#include <vector>

namespace regiomap {

enum class InsurerMismatch { no, yes, unknown };
std::string to_string(InsurerMismatch mismatch);

struct IncongruenceScore {
    int municipality = 0;
    std::vector<int> regions;          // per chosen layer; -1 where the layer has none
    int partners_any = 0;              // |U(m)|: share at least one region
    int partners_all = 0;              // |I(m)|: share a region in every layer
    double congruence = 1.0;           // C(m) = |I| / |U|; 1 when U is empty
    std::int64_t population_any = 0;   // population of U(m)
    std::int64_t population_all = 0;   // population of I(m)
    // C_pop(m) = pop(I) / pop(U); none when not every municipality has a population figure.
    std::optional<double> congruence_population;
    int tables = 0;                    // T(m): distinct member sets over the layers
    int party_municipalities = 0;      // |U(m)|
    int party_insurers = 0;            // distinct of zorgkantoor insurer, largest insurer, work-structure lead
    int party_ggds = 0;                // distinct GGD regions of m and its partners
    int parties = 0;                   // P(m): the sum of the three
    InsurerMismatch insurer_mismatch = InsurerMismatch::unknown;
    // The scores use a membership that is not published but follows a default layer
    // (DEF-ZKxx of werkstructuur): a table of m holds one, or P counts a work-structure
    // lead found only through one. --published-only leaves those memberships out.
    bool rests_on_default = false;

    double incongruence() const { return 1.0 - congruence; }
};

// Scores every municipality over the given layers (ids of governance.divisions).
// A layer a municipality was left out of (Division::left_out, --published-only) does
// not count for it: U, I and T are taken over its other layers. A layer where it has
// no region for any other reason is a missing table: I is empty.
//
// Cost: U and I come from inclusion-exclusion over tallies of municipalities
// per combination of regions (one hash table per subset of the layers), so a
// score costs O(2^L) lookups instead of a walk over every partner: linear in
// the number of municipalities overall, whatever the region sizes.
class IncongruenceModel {
public:
    IncongruenceModel(const Governance& governance, std::vector<std::string> layer_ids);

    IncongruenceScore score(int municipality) const;
    std::vector<IncongruenceScore> score_all() const;
    // Mean C over all municipalities (1 when there are none).
    double mean_congruence() const;
    // The municipalities whose scores can change when `municipality` changes region:
    // itself and everyone at one of its tables.
    std::vector<int> partners(int municipality) const;

    // Before a municipality changes region in the governance the model reads:
    // forget it, change the division, then count it again.
    void forget(int municipality) { tally(municipality, -1); }
    void count(int municipality) { tally(municipality, +1); }

    const std::vector<std::string>& layer_ids() const { return layer_ids_; }
    const Governance& governance() const { return governance_; }

private:
    struct Tally {
        std::int64_t municipalities = 0;
        std::int64_t population = 0;
    };
    std::uint64_t key(int municipality, unsigned subset) const;
    const Tally& tally_of(int municipality, unsigned subset) const;
    void tally(int municipality, int sign);

    const Governance& governance_;
    bool population_complete_ = false;  // every municipality has a figure: population-weighted C means something
    std::vector<std::string> layer_ids_;
    std::vector<const Division*> layers_;
    const Division* ggd_ = nullptr;
    const Division* work_structure_ = nullptr;
    std::vector<std::uint64_t> radix_;                           // per layer: mixed-radix place value
    std::vector<std::unordered_map<std::uint64_t, Tally>> tallies_;  // per non-empty subset of layers
    std::vector<std::vector<std::map<int, int>>> ggds_;          // per layer, per region: GGD -> municipalities
};

// Population-weighted and plain national means, for the summary line.
struct IncongruenceSummary {
    double mean_congruence = 0;
    // None when a municipality scored has no population figure: a weight of zero would be a wrong mean.
    std::optional<double> population_weighted_congruence;
    int fully_congruent = 0;  // C = 1 and T = 1
    int insurer_mismatches = 0;
    int insurer_unknown = 0;
    int rests_on_default = 0;  // scores resting on a membership that is not published
};
IncongruenceSummary summarize(const Governance& governance, const std::vector<IncongruenceScore>& scores);

// One municipality as the insurers' paper shows it: its scores over the model's layers
// and, for every division where its membership is a default one, what that region holds.
struct MunicipalityProfile {
    int municipality = 0;
    IncongruenceScore score;
    std::map<std::string, DefaultRegionFacts> default_regions;  // layer id -> the default region's facts
};
std::vector<MunicipalityProfile> profile_municipalities(const IncongruenceModel& model,
                                                        const std::vector<int>& municipalities);

// Most fragmented first: lowest C, then most tables, then most parties, then code.
void rank_most_fragmented_first(const Governance& governance, std::vector<IncongruenceScore>& scores);

}  // namespace regiomap
