#include "analysis/incongruence.hpp"

#include "core/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <limits>
#include <set>

namespace regiomap {

std::string to_string(InsurerMismatch mismatch) {
    switch (mismatch) {
        case InsurerMismatch::no: return "no";
        case InsurerMismatch::yes: return "yes";
        case InsurerMismatch::unknown: return "unknown";
    }
    return "unknown";
}

IncongruenceModel::IncongruenceModel(const Governance& governance, std::vector<std::string> layer_ids)
    : governance_(governance),
      population_complete_(governance.municipalities_without_population() == 0),
      layer_ids_(std::move(layer_ids)) {
    if (layer_ids_.empty()) throw UsageError("choose at least one layer");
    if (layer_ids_.size() > 16) throw UsageError("score over at most 16 layers at once");
    for (const auto& id : layer_ids_) layers_.push_back(&governance.division(id));
    if (governance.has_division(kGgdLayer)) ggd_ = &governance.division(kGgdLayer);
    if (governance.has_division(kWorkStructureLayer)) work_structure_ = &governance.division(kWorkStructureLayer);
    // Mixed-radix keys: one digit per layer, with room for "no region".
    std::uint64_t place = 1;
    for (const Division* layer : layers_) {
        radix_.push_back(place);
        const std::uint64_t digits = layer->region_codes.size() + 1;
        if (place > std::numeric_limits<std::uint64_t>::max() / digits) {
            throw UsageError("too many layers and regions to score at once");
        }
        place *= digits;
    }
    tallies_.resize(std::size_t{1} << layers_.size());
    ggds_.resize(layers_.size());
    for (std::size_t l = 0; l < layers_.size(); ++l) ggds_[l].resize(layers_[l]->region_codes.size());
    for (std::size_t m = 0; m < governance.codes.size(); ++m) count(static_cast<int>(m));
    int without_table = 0;
    for (std::size_t m = 0; m < governance.codes.size(); ++m) {
        bool any_table = false;
        for (const Division* layer : layers_) any_table = any_table || !layer->left_out(static_cast<int>(m));
        without_table += any_table ? 0 : 1;
    }
    if (without_table > 0) {
        throw UsageError(fmt::format("with --published-only, {} municipalities have no published membership in any of "
                                     "the layers {}, so they have no table to score; add a layer such as zorgkantoor",
                                     without_table, fmt::join(layer_ids_, ", ")));
    }
}

std::uint64_t IncongruenceModel::key(int municipality, unsigned subset) const {
    std::uint64_t value = 0;
    for (std::size_t l = 0; l < layers_.size(); ++l) {
        if ((subset & (1u << l)) == 0) continue;
        const int region = layers_[l]->region_of[municipality];
        value += radix_[l] * static_cast<std::uint64_t>(region < 0 ? layers_[l]->region_codes.size() : region);
    }
    return value;
}

const IncongruenceModel::Tally& IncongruenceModel::tally_of(int municipality, unsigned subset) const {
    return tallies_[subset].at(key(municipality, subset));
}

void IncongruenceModel::tally(int municipality, int sign) {
    const std::int64_t population = governance_.population_of(municipality);
    for (unsigned subset = 1; subset < tallies_.size(); ++subset) {
        Tally& entry = tallies_[subset][key(municipality, subset)];
        entry.municipalities += sign;
        entry.population += sign * population;
    }
    if (!ggd_ || ggd_->region_of[municipality] < 0) return;
    const int ggd = ggd_->region_of[municipality];
    for (std::size_t l = 0; l < layers_.size(); ++l) {
        const int region = layers_[l]->region_of[municipality];
        if (region < 0) continue;
        auto& counts = ggds_[l][region];
        if ((counts[ggd] += sign) == 0) counts.erase(ggd);
    }
}

IncongruenceScore IncongruenceModel::score(int municipality) const {
    IncongruenceScore score;
    score.municipality = municipality;
    const std::size_t layer_count = layers_.size();
    unsigned present = 0;   // the layers in which m has a region
    unsigned left_out = 0;  // the layers that do not count for m (--published-only)
    for (std::size_t l = 0; l < layer_count; ++l) {
        const int region = layers_[l]->region_of[municipality];
        score.regions.push_back(region);
        if (region >= 0) present |= 1u << l;
        if (layers_[l]->left_out(municipality)) left_out |= 1u << l;
        if (layers_[l]->region_has_default_member(region)) score.rests_on_default = true;
    }
    const std::int64_t own_population = governance_.population_of(municipality);
    // |R_1 u ... u R_L| by inclusion-exclusion over the layers where m has a region;
    // every intersection holds m itself, which is taken out afterwards.
    std::int64_t union_count = 0, union_population = 0;
    for (unsigned subset = 1; subset < tallies_.size(); ++subset) {
        if ((subset & present) != subset) continue;
        const Tally& entry = tally_of(municipality, subset);
        const int sign = (std::popcount(subset) % 2 == 1) ? 1 : -1;
        union_count += sign * entry.municipalities;
        union_population += sign * entry.population;
    }
    if (present != 0) {
        score.partners_any = static_cast<int>(union_count - 1);
        score.population_any = union_population - own_population;
    }
    // A missing table means no partner is shared at every table; a layer left out does not count.
    const unsigned all = static_cast<unsigned>(tallies_.size() - 1);
    if (present != 0 && (present | left_out) == all) {
        const Tally& everywhere = tally_of(municipality, present);
        score.partners_all = static_cast<int>(everywhere.municipalities - 1);
        score.population_all = everywhere.population - own_population;
    }
    // A municipality alone in its region in every layer meets the same (empty) set of
    // partners at every table: fully congruent.
    if (score.partners_any > 0) score.congruence = double(score.partners_all) / score.partners_any;
    if (population_complete_) {
        score.congruence_population =
            score.population_any > 0 ? double(score.population_all) / double(score.population_any) : 1.0;
    }

    // Tables: two layers give m the same table when their regions hold the same members,
    // i.e. |R_a| = |R_b| = |R_a n R_b|.
    std::vector<int> table_of(layer_count, -1);
    for (std::size_t a = 0; a < layer_count; ++a) {
        if (!(present & (1u << a)) || table_of[a] >= 0) continue;
        table_of[a] = score.tables++;
        const auto size_a = tally_of(municipality, 1u << a).municipalities;
        for (std::size_t b = a + 1; b < layer_count; ++b) {
            if (!(present & (1u << b)) || table_of[b] >= 0) continue;
            const auto size_b = tally_of(municipality, 1u << b).municipalities;
            const auto shared = tally_of(municipality, (1u << a) | (1u << b)).municipalities;
            if (size_a == size_b && size_a == shared) table_of[b] = table_of[a];
        }
    }

    std::set<int> ggds;
    if (ggd_ && ggd_->region_of[municipality] >= 0) ggds.insert(ggd_->region_of[municipality]);
    for (std::size_t l = 0; l < layer_count; ++l) {
        if (score.regions[l] < 0) continue;
        for (const auto& [ggd, members] : ggds_[l][score.regions[l]]) ggds.insert(ggd);
    }
    std::set<std::string> insurers;
    for (const auto* fact : {&governance_.zorgkantoor_insurer[municipality], &governance_.largest_insurer[municipality]}) {
        if (!fact->concern.empty()) insurers.insert(fact->concern);
    }
    if (const auto& lead = governance_.work_structure_lead[municipality].concern; !lead.empty()) {
        // a lead found through a default work-structure membership counts, marked, where it adds a party
        if (insurers.insert(lead).second && work_structure_ && work_structure_->basis[municipality] == MembershipBasis::layer_default) {
            score.rests_on_default = true;
        }
    }
    score.party_municipalities = score.partners_any;
    score.party_insurers = static_cast<int>(insurers.size());
    score.party_ggds = static_cast<int>(ggds.size());
    score.parties = score.party_municipalities + score.party_insurers + score.party_ggds;

    const InsurerFact& largest = governance_.largest_insurer[municipality];
    const InsurerFact& zorgkantoor = governance_.zorgkantoor_insurer[municipality];
    if (!largest.concern.empty() && !zorgkantoor.concern.empty() && !largest.by_zorgkantoor_rule) {
        score.insurer_mismatch = largest.concern == zorgkantoor.concern ? InsurerMismatch::no : InsurerMismatch::yes;
    }
    return score;
}

std::vector<IncongruenceScore> IncongruenceModel::score_all() const {
    std::vector<IncongruenceScore> scores;
    scores.reserve(governance_.codes.size());
    for (std::size_t m = 0; m < governance_.codes.size(); ++m) scores.push_back(score(static_cast<int>(m)));
    return scores;
}

double IncongruenceModel::mean_congruence() const {
    if (governance_.codes.empty()) return 1.0;
    double total = 0;
    for (std::size_t m = 0; m < governance_.codes.size(); ++m) total += score(static_cast<int>(m)).congruence;
    return total / static_cast<double>(governance_.codes.size());
}

std::vector<int> IncongruenceModel::partners(int municipality) const {
    std::vector<int> result{municipality};
    for (const Division* layer : layers_) {
        const int region = layer->region_of[municipality];
        if (region < 0) continue;
        result.insert(result.end(), layer->members[region].begin(), layer->members[region].end());
    }
    std::sort(result.begin(), result.end());
    result.erase(std::unique(result.begin(), result.end()), result.end());
    return result;
}

IncongruenceSummary summarize(const Governance& governance, const std::vector<IncongruenceScore>& scores) {
    IncongruenceSummary summary;
    double weighted = 0, weight = 0;
    int without_population = 0;
    for (const auto& score : scores) {
        summary.mean_congruence += score.congruence;
        if (!governance.population[score.municipality]) ++without_population;
        const double population = static_cast<double>(governance.population_of(score.municipality));
        weighted += population * score.congruence;
        weight += population;
        if (score.congruence == 1.0 && score.tables <= 1) ++summary.fully_congruent;
        if (score.insurer_mismatch == InsurerMismatch::yes) ++summary.insurer_mismatches;
        if (score.insurer_mismatch == InsurerMismatch::unknown) ++summary.insurer_unknown;
        if (score.rests_on_default) ++summary.rests_on_default;
    }
    if (!scores.empty()) summary.mean_congruence /= static_cast<double>(scores.size());
    if (weight > 0 && without_population == 0) summary.population_weighted_congruence = weighted / weight;
    return summary;
}

std::vector<MunicipalityProfile> profile_municipalities(const IncongruenceModel& model,
                                                        const std::vector<int>& municipalities) {
    const Governance& g = model.governance();
    std::vector<MunicipalityProfile> profiles;
    for (int m : municipalities) {
        MunicipalityProfile profile{m, model.score(m), {}};
        for (const auto& d : g.divisions) {
            const int region = d.region_of[m];
            if (region < 0 || d.left_out(m) || d.basis[m] != MembershipBasis::layer_default) continue;
            if (auto facts = default_region_facts(g, d, region)) profile.default_regions.emplace(d.layer_id, *facts);
        }
        profiles.push_back(std::move(profile));
    }
    return profiles;
}

void rank_most_fragmented_first(const Governance& governance, std::vector<IncongruenceScore>& scores) {
    std::sort(scores.begin(), scores.end(), [&](const IncongruenceScore& a, const IncongruenceScore& b) {
        if (a.congruence != b.congruence) return a.congruence < b.congruence;
        if (a.tables != b.tables) return a.tables > b.tables;
        if (a.parties != b.parties) return a.parties > b.parties;
        return governance.codes[a.municipality] < governance.codes[b.municipality];
    });
}

}  // namespace regiomap
