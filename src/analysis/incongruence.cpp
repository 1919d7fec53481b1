#include "analysis/incongruence.hpp"

#include "core/error.hpp"

#include <algorithm>
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
    : governance_(governance), layer_ids_(std::move(layer_ids)), seen_(governance.codes.size(), 0) {
    if (layer_ids_.empty()) throw UsageError("choose at least one layer");
    for (const auto& id : layer_ids_) layers_.push_back(&governance.division(id));
    if (governance.has_division(kGgdLayer)) ggd_ = &governance.division(kGgdLayer);
}

IncongruenceScore IncongruenceModel::score(int municipality) const {
    IncongruenceScore score;
    score.municipality = municipality;
    const int layer_count = static_cast<int>(layers_.size());
    std::vector<const std::vector<int>*> tables;
    std::vector<int> touched;
    for (const Division* layer : layers_) {
        const int region = layer->region_of[municipality];
        score.regions.push_back(region);
        if (region < 0) continue;  // no region in this layer: this table is missing, not empty
        const auto& members = layer->members[region];
        tables.push_back(&members);
        for (int other : members) {
            if (other == municipality) continue;
            if (seen_[other]++ == 0) touched.push_back(other);
        }
    }
    std::set<int> ggds;
    if (ggd_ && ggd_->region_of[municipality] >= 0) ggds.insert(ggd_->region_of[municipality]);
    for (int other : touched) {
        ++score.partners_any;
        score.population_any += governance_.population_of(other);
        if (seen_[other] == layer_count) {
            ++score.partners_all;
            score.population_all += governance_.population_of(other);
        }
        if (ggd_ && ggd_->region_of[other] >= 0) ggds.insert(ggd_->region_of[other]);
        seen_[other] = 0;
    }
    // A municipality alone in its region in every layer meets the same (empty) set of
    // partners at every table: fully congruent.
    if (score.partners_any > 0) score.congruence = double(score.partners_all) / score.partners_any;
    if (score.population_any > 0) score.congruence_population = double(score.population_all) / double(score.population_any);

    std::vector<const std::vector<int>*> distinct;
    for (const auto* members : tables) {
        if (std::none_of(distinct.begin(), distinct.end(), [&](const auto* seen) { return *seen == *members; })) {
            distinct.push_back(members);
        }
    }
    score.tables = static_cast<int>(distinct.size());

    std::set<std::string> insurers;
    for (const auto* fact : {&governance_.zorgkantoor_insurer[municipality], &governance_.largest_insurer[municipality],
                             &governance_.work_structure_lead[municipality]}) {
        if (!fact->concern.empty()) insurers.insert(fact->concern);
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
    for (const auto& score : scores) {
        summary.mean_congruence += score.congruence;
        const double population = static_cast<double>(governance.population_of(score.municipality));
        weighted += population * score.congruence;
        weight += population;
        if (score.congruence == 1.0 && score.tables <= 1) ++summary.fully_congruent;
        if (score.insurer_mismatch == InsurerMismatch::yes) ++summary.insurer_mismatches;
        if (score.insurer_mismatch == InsurerMismatch::unknown) ++summary.insurer_unknown;
    }
    if (!scores.empty()) summary.mean_congruence /= static_cast<double>(scores.size());
    if (weight > 0) summary.population_weighted_congruence = weighted / weight;
    return summary;
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
