#include "history/division_changes.hpp"

#include "analysis/incongruence.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace regiomap {

namespace {

// Per municipality of the later year: its predecessor with the largest share of its area
// (-1 when the crosswalk gives none).
std::vector<int> main_predecessors(const Governance& before, const Governance& after, const Crosswalk& crosswalk) {
    std::vector<int> predecessor(after.codes.size(), -1);
    for (std::size_t m = 0; m < after.codes.size(); ++m) {
        const CrosswalkPredecessorView* view = crosswalk.find_to(after.codes[m]);
        if (!view || view->links.empty()) continue;
        const CrosswalkLink& largest = crosswalk.links[view->links.front()];  // share of the TO area descending
        if (auto found = before.index_of.find(largest.from_code); found != before.index_of.end()) {
            predecessor[m] = found->second;
        }
    }
    return predecessor;
}

}  // namespace

YearChanges compare_years(const Governance& before, const Governance& after, const Crosswalk& crosswalk,
                          const std::vector<std::string>& scored_layers, std::size_t listed) {
    YearChanges changes;
    changes.from_year = before.division_year;
    changes.to_year = after.division_year;
    changes.scored_layers = scored_layers;
    const std::vector<int> predecessor = main_predecessors(before, after, crosswalk);

    for (const Division& later : after.divisions) {
        LayerYearChanges layer;
        layer.layer_id = later.layer_id;
        layer.regions_after = static_cast<int>(later.members.size());
        if (!before.has_division(later.layer_id)) {
            layer.in_both = false;
            changes.layers.push_back(std::move(layer));
            continue;
        }
        const Division& earlier = before.division(later.layer_id);
        layer.regions_before = static_cast<int>(earlier.members.size());
        const std::set<std::string> codes_before(earlier.region_codes.begin(), earlier.region_codes.end());
        const std::set<std::string> codes_after(later.region_codes.begin(), later.region_codes.end());
        // How many later municipalities went from each earlier region to each later one.
        std::map<std::pair<int, int>, int> flows;
        for (std::size_t m = 0; m < after.codes.size(); ++m) {
            const int p = predecessor[m];
            if (p < 0 || later.region_of[m] < 0 || earlier.region_of[p] < 0) continue;
            ++flows[{earlier.region_of[p], later.region_of[m]}];
        }
        auto ranked = [](std::vector<std::pair<int, int>> counted, const std::vector<std::string>& codes) {
            std::sort(counted.begin(), counted.end(), [&](const auto& a, const auto& b) {
                return a.second != b.second ? a.second > b.second : codes[a.first] < codes[b.first];
            });
            std::vector<int> regions;
            for (const auto& [region, count] : counted) regions.push_back(region);
            return regions;
        };
        for (std::size_t r = 0; r < later.region_codes.size(); ++r) {
            if (codes_before.count(later.region_codes[r])) continue;
            std::vector<std::pair<int, int>> sources;
            for (const auto& [flow, count] : flows) {
                if (flow.second == static_cast<int>(r)) sources.push_back({flow.first, count});
            }
            RegionChangeRecord created{static_cast<int>(r), RegionFate::recoded, ranked(sources, earlier.region_codes)};
            if (created.counterparts.size() > 1) {
                created.change = RegionFate::merged;
            } else if (created.counterparts.size() == 1 && codes_after.count(earlier.region_codes[created.counterparts[0]])) {
                created.change = RegionFate::split;  // the region it came from continues beside it
            }
            layer.regions_created.push_back(std::move(created));
        }
        for (std::size_t r = 0; r < earlier.region_codes.size(); ++r) {
            if (codes_after.count(earlier.region_codes[r])) continue;
            std::vector<std::pair<int, int>> targets;
            for (const auto& [flow, count] : flows) {
                if (flow.first == static_cast<int>(r)) targets.push_back({flow.second, count});
            }
            RegionChangeRecord removed{static_cast<int>(r), RegionFate::recoded, ranked(targets, later.region_codes)};
            if (removed.counterparts.size() > 1) {
                removed.change = RegionFate::split;
            } else if (removed.counterparts.size() == 1) {
                const int target = removed.counterparts[0];
                const bool with_others = std::any_of(flows.begin(), flows.end(), [&](const auto& flow) {
                    return flow.first.second == target && flow.first.first != static_cast<int>(r);
                });
                if (with_others) removed.change = RegionFate::merged;
            }
            layer.regions_removed.push_back(std::move(removed));
        }
        for (std::size_t m = 0; m < after.codes.size(); ++m) {
            const int p = predecessor[m];
            const int now = later.region_of[m];
            if (p < 0 || now < 0 || earlier.region_of[p] < 0) continue;
            if (earlier.region_codes[earlier.region_of[p]] != later.region_codes[now]) {
                layer.moves.push_back({static_cast<int>(m), p, earlier.region_of[p], now});
            }
        }
        changes.layers.push_back(std::move(layer));
    }

    changes.municipalities.resize(after.codes.size());
    for (std::size_t m = 0; m < after.codes.size(); ++m) {
        MunicipalityYearChange& municipality = changes.municipalities[m];
        municipality.municipality = static_cast<int>(m);
        municipality.predecessor = predecessor[m];
        if (const CrosswalkPredecessorView* view = crosswalk.find_to(after.codes[m])) {
            // Corrections move a small part of a neighbour that continues: no merger.
            for (std::size_t link : view->links) {
                if (crosswalk.links[link].role != LinkRole::correction) ++municipality.formed_from;
            }
        }
    }
    for (const LayerYearChanges& layer : changes.layers) {
        for (const RegionMove& move : layer.moves) changes.municipalities[move.municipality].layers_moved.push_back(layer.layer_id);
    }

    const IncongruenceModel model_before(before, scored_layers);
    const IncongruenceModel model_after(after, scored_layers);
    const auto scores_before = model_before.score_all();
    const auto scores_after = model_after.score_all();
    changes.mean_congruence_before = model_before.mean_congruence();
    changes.mean_congruence_after = model_after.mean_congruence();
    // Counted as `incongruence` counts them.
    changes.fully_congruent_before = summarize(before, scores_before).fully_congruent;
    changes.fully_congruent_after = summarize(after, scores_after).fully_congruent;
    std::vector<CongruenceDelta> deltas;
    for (std::size_t m = 0; m < after.codes.size(); ++m) {
        const int p = predecessor[m];
        if (p < 0) continue;
        const double was = scores_before[p].congruence;
        const double is = scores_after[m].congruence;
        changes.municipalities[m].before = was;
        changes.municipalities[m].after = is;
        if (is != was) deltas.push_back({static_cast<int>(m), p, was, is});
    }
    // Ties by the later code, so the lists do not depend on the order of the scores.
    auto rise = [&](const CongruenceDelta& a, const CongruenceDelta& b) {
        const double da = a.after - a.before, db = b.after - b.before;
        return da != db ? da > db : after.codes[a.municipality] < after.codes[b.municipality];
    };
    std::sort(deltas.begin(), deltas.end(), rise);
    for (const auto& delta : deltas) {
        if (delta.after > delta.before && changes.most_improved.size() < listed) changes.most_improved.push_back(delta);
    }
    for (auto it = deltas.rbegin(); it != deltas.rend(); ++it) {
        if (it->after < it->before && changes.most_worsened.size() < listed) changes.most_worsened.push_back(*it);
    }
    return changes;
}

}  // namespace regiomap
