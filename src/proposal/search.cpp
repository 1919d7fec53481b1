#include "proposal/search.hpp"

#include "core/worker_threads.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <map>
#include <set>
#include <thread>

namespace regiomap {

namespace {

// Plain draws from the engine (the standard distributions may differ between
// library versions; the proposals must not).
std::size_t below(Random& random, std::size_t count) { return static_cast<std::size_t>(random() % count); }
double unit(Random& random) { return static_cast<double>(random() >> 11) * 0x1.0p-53; }

double pairs_of(double count) { return count * (count - 1) / 2; }

// Regions being merged: per region its population, fixed group, and per target its
// placed size and contingency row; and the pair sums of the whole partition.
class Agglomeration {
public:
    Agglomeration(const PartitionProblem& problem, const std::vector<int>& labels, int count)
        : problem_(problem), alive_(count, 1), population_(count, 0), group_(count, -1), neighbours_(count) {
        const std::size_t targets = problem.targets.size();
        placed_.assign(targets, std::vector<double>(count, 0));
        rows_.assign(targets, std::vector<std::vector<double>>(count));
        proposed_pairs_.assign(targets, 0);
        joint_pairs_.assign(targets, 0);
        target_pairs_.assign(targets, 0);
        all_pairs_.assign(targets, 0);
        for (std::size_t t = 0; t < targets; ++t) {
            for (auto& row : rows_[t]) row.assign(problem.targets[t].region_count, 0);
        }
        for (std::size_t m = 0; m < labels.size(); ++m) {
            const int r = labels[m];
            population_[r] += problem.population[m];
            if (problem.fixed(static_cast<int>(m))) group_[r] = problem.fixed_group[m];
            for (std::size_t t = 0; t < targets; ++t) {
                const int j = problem.targets[t].region_of[m];
                if (j < 0) continue;
                placed_[t][r] += problem.weight_of(static_cast<int>(m));
                rows_[t][r][j] += problem.weight_of(static_cast<int>(m));
            }
            for (int other : problem.graph->neighbours(static_cast<int>(m))) {
                if (labels[other] != r) neighbours_[r].insert(labels[other]);
            }
        }
        for (std::size_t t = 0; t < targets; ++t) {
            std::vector<double> target_size(problem.targets[t].region_count, 0);
            double placed = 0;
            for (int r = 0; r < count; ++r) {
                proposed_pairs_[t] += pairs_of(placed_[t][r]);
                placed += placed_[t][r];
                for (int j = 0; j < problem.targets[t].region_count; ++j) {
                    joint_pairs_[t] += pairs_of(rows_[t][r][j]);
                    target_size[j] += rows_[t][r][j];
                }
            }
            for (double b : target_size) target_pairs_[t] += pairs_of(b);
            all_pairs_[t] = pairs_of(placed);
        }
        mean_ = problem.mean_population();
    }

    // Quality after merging r and s (r == s: as it is).
    double quality_with(int r, int s) const {
        double total = 0, weights = 0;
        for (std::size_t t = 0; t < problem_.targets.size(); ++t) {
            double proposed = proposed_pairs_[t], joint = joint_pairs_[t];
            if (r != s) {
                proposed += placed_[t][r] * placed_[t][s];
                const auto& a = rows_[t][r];
                const auto& b = rows_[t][s];
                for (std::size_t j = 0; j < a.size(); ++j) joint += a[j] * b[j];
            }
            double value = 1.0;
            if (all_pairs_[t] > 0) {
                if (problem_.objective == Objective::adjusted_rand) {
                    const double expected = proposed * target_pairs_[t] / all_pairs_[t];
                    const double maximum = (proposed + target_pairs_[t]) / 2;
                    value = maximum == expected ? 1.0 : (joint - expected) / (maximum - expected);
                } else {
                    value = 1.0 - 2.0 * (proposed + target_pairs_[t] - 2.0 * joint) / all_pairs_[t];
                }
            }
            total += problem_.targets[t].weight * value;
            weights += problem_.targets[t].weight;
        }
        return weights > 0 ? total / weights : 0;
    }

    double excess(std::int64_t population) const {
        return std::max(0.0, static_cast<double>(population) - problem_.upper_bound * mean_) / mean_;
    }

    // The best merge, or {-1, -1} when no two live regions touch.
    std::pair<int, int> best_merge(Random* random, double noise) const {
        std::pair<int, int> best{-1, -1};
        double best_score = -1e300;
        for (int r = 0; r < static_cast<int>(alive_.size()); ++r) {
            if (!alive_[r]) continue;
            for (int s : neighbours_[r]) {
                if (s <= r) continue;
                if (group_[r] >= 0 && group_[s] >= 0 && group_[r] != group_[s]) continue;
                double score = quality_with(r, s) -
                               kBoundPenalty * (excess(population_[r] + population_[s]) - excess(population_[r]) -
                                                excess(population_[s]));
                if (random && noise > 0) score += noise * unit(*random);
                if (score > best_score) {
                    best_score = score;
                    best = {r, s};
                }
            }
        }
        return best;
    }

    void merge(int r, int s) {
        for (std::size_t t = 0; t < problem_.targets.size(); ++t) {
            proposed_pairs_[t] += placed_[t][r] * placed_[t][s];
            auto& a = rows_[t][r];
            const auto& b = rows_[t][s];
            for (std::size_t j = 0; j < a.size(); ++j) {
                joint_pairs_[t] += a[j] * b[j];
                a[j] += b[j];
            }
            placed_[t][r] += placed_[t][s];
        }
        population_[r] += population_[s];
        if (group_[r] < 0) group_[r] = group_[s];
        alive_[s] = 0;
        for (int other : neighbours_[s]) {
            neighbours_[other].erase(s);
            if (other != r) {
                neighbours_[other].insert(r);
                neighbours_[r].insert(other);
            }
        }
        neighbours_[r].erase(s);
        neighbours_[s].clear();
    }

private:
    const PartitionProblem& problem_;
    std::vector<char> alive_;
    std::vector<std::int64_t> population_;
    std::vector<int> group_;
    std::vector<std::set<int>> neighbours_;
    std::vector<std::vector<double>> placed_;
    std::vector<std::vector<std::vector<double>>> rows_;
    std::vector<double> proposed_pairs_, joint_pairs_, target_pairs_, all_pairs_;
    double mean_ = 1;
};

// Labels renumbered 0..count-1 in order of first appearance.
int relabel(std::vector<int>& labels) {
    std::map<int, int> renumbered;
    for (int& label : labels) {
        auto [it, added] = renumbered.emplace(label, static_cast<int>(renumbered.size()));
        label = it->second;
    }
    return static_cast<int>(renumbered.size());
}

}  // namespace

std::vector<int> merge_regions(const PartitionProblem& problem, std::vector<int> start, Random* random, double noise) {
    int count = relabel(start);
    Agglomeration regions(problem, start, count);
    std::vector<int> parent(count);
    for (int r = 0; r < count; ++r) parent[r] = r;
    for (int live = count; live > problem.regions; --live) {
        auto [r, s] = regions.best_merge(random, noise);
        if (r < 0) break;
        regions.merge(r, s);
        parent[s] = r;
    }
    auto root = [&](int r) {
        while (parent[r] != r) r = parent[r];
        return r;
    };
    for (int& label : start) label = root(label);
    relabel(start);
    return start;
}

std::vector<int> make_contiguous(const AdjacencyGraph& graph, std::vector<int>& labels, const std::vector<int>& only) {
    const std::vector<int> original = labels;
    std::map<int, std::vector<int>> members;
    for (std::size_t m = 0; m < labels.size(); ++m) {
        if (labels[m] < 0) continue;
        if (!only.empty() && std::find(only.begin(), only.end(), labels[m]) == only.end()) continue;
        members[labels[m]].push_back(static_cast<int>(m));
    }
    for (const auto& [label, list] : members) {
        auto parts = graph.parts(list);
        for (std::size_t part = 1; part < parts.size(); ++part) {
            for (int m : parts[part]) labels[m] = -1;
        }
    }
    for (bool progress = true; progress;) {
        progress = false;
        for (std::size_t m = 0; m < labels.size(); ++m) {
            if (labels[m] >= 0) continue;
            std::map<int, int> borders;
            for (int other : graph.neighbours(static_cast<int>(m))) {
                if (labels[other] >= 0) ++borders[labels[other]];
            }
            if (borders.empty()) continue;
            // The region it shares most borders with; its original region first on a tie.
            int chosen = -1, most = 0;
            for (auto [label, shared] : borders) {
                if (shared > most || (shared == most && label == original[m])) {
                    chosen = label;
                    most = shared;
                }
            }
            labels[m] = chosen;
            progress = true;
        }
    }
    std::vector<int> moved;
    for (std::size_t m = 0; m < labels.size(); ++m) {
        if (labels[m] < 0) labels[m] = original[m];  // nothing it could join
        if (labels[m] != original[m]) moved.push_back(static_cast<int>(m));
    }
    return moved;
}

double penalised(const Partition& partition) { return partition.quality() - kBoundPenalty * partition.violation(); }

namespace {

// Change in the number of municipalities away from the reference if `m` moved to `to`.
int changed_delta(const AnnealSettings& settings, int m, int from, int to) {
    if (!settings.reference) return 0;
    const int home = (*settings.reference)[m];
    return (home == from ? 1 : 0) - (home == to ? 1 : 0);
}

int changed_count(const AnnealSettings& settings, const std::vector<int>& region_of) {
    if (!settings.reference) return 0;
    int changed = 0;
    for (std::size_t m = 0; m < region_of.size(); ++m) changed += region_of[m] != (*settings.reference)[m];
    return changed;
}

bool within_budget(const AnnealSettings& settings, int changed) {
    return settings.max_changed < 0 || changed <= settings.max_changed;
}

}  // namespace

PartitionMove best_single_move(const Partition& partition, const AnnealSettings& settings) {
    const PartitionProblem& problem = partition.problem();
    const int changed = changed_count(settings, partition.assignment());
    const double current = penalised(partition);
    PartitionMove best;
    double best_gain = 1e-12;
    for (int m = 0; m < static_cast<int>(problem.municipalities()); ++m) {
        if (problem.fixed(m)) continue;
        const int from = partition.region_of(m);
        bool leaving_checked = false, can_leave = false;
        int last_tried = -1;
        for (int other : problem.graph->neighbours(m)) {
            const int to = partition.region_of(other);
            if (to == from || to == last_tried) continue;
            last_tried = to;
            if (!within_budget(settings, changed + changed_delta(settings, m, from, to))) continue;
            const double violation = partition.violation_after(m, to);
            if (settings.bounds_never_worse && violation > partition.violation() + 1e-12) continue;
            const double gain = partition.quality_after(m, to) - kBoundPenalty * violation - current;
            if (gain <= best_gain) continue;
            if (!leaving_checked) {
                can_leave = partition.can_leave(m);
                leaving_checked = true;
            }
            if (!can_leave) break;
            best_gain = gain;
            best = {m, from, to};
        }
    }
    return best;
}

AnnealOutcome anneal(const PartitionProblem& problem, std::vector<int> start, const AnnealSettings& settings,
                     std::uint64_t seed) {
    Random random(seed);
    Partition partition(problem, std::move(start));
    AnnealOutcome outcome;
    int changed = changed_count(settings, partition.assignment());
    double quality = partition.quality();
    double score = quality - kBoundPenalty * partition.violation();
    outcome.region_of = partition.assignment();
    outcome.score = score;
    const std::size_t count = problem.municipalities();
    const double cooling = std::log(settings.end_temperature / settings.start_temperature);
    std::size_t step = 0;
    // The temperature is worked out only for a move that would lose: most steps draw a
    // neighbour in the same region and never get that far.
    auto accept = [&](double delta) {
        if (delta >= 0) return true;
        const double temperature =
            settings.start_temperature * std::exp(cooling * static_cast<double>(step) / static_cast<double>(settings.iterations));
        return unit(random) < std::exp(delta / temperature);
    };
    for (; step < settings.iterations; ++step) {
        if ((step & 1023) == 0 && settings.stop && settings.stop->load(std::memory_order_relaxed)) break;
        const int m = static_cast<int>(below(random, count));
        if (problem.fixed(m)) continue;
        const auto& neighbours = problem.graph->neighbours(m);
        if (neighbours.empty()) continue;
        const int other = neighbours[below(random, neighbours.size())];
        const int from = partition.region_of(m);
        const int to = partition.region_of(other);
        if (from == to) continue;
        const bool swap = !problem.fixed(other) && unit(random) < settings.swap_share;
        const int first_change = changed_delta(settings, m, from, to);
        if (!swap) {
            if (!within_budget(settings, changed + first_change)) continue;
            const double violation = partition.violation_after(m, to);
            if (settings.bounds_never_worse && violation > partition.violation() + 1e-12) continue;
            const double next_quality = partition.quality_after(m, to);
            ++outcome.evaluated_moves;
            const double next = next_quality - kBoundPenalty * violation;
            if (!accept(next - score) || !partition.can_leave(m)) continue;
            partition.apply(m, to);
            changed += first_change;
            quality = next_quality;
            score = next;
        } else {
            // m crosses into `to`, its neighbour `other` crosses back into `from`.
            const int second_change = changed_delta(settings, other, to, from);
            if (!within_budget(settings, changed + first_change + second_change)) continue;
            if (!partition.can_leave(m)) continue;
            const double violation_before = partition.violation();
            const PartitionMove first = partition.apply(m, to);
            outcome.evaluated_moves += 2;
            bool kept = false;
            if (partition.touches(other, from) && partition.can_leave(other)) {
                const double violation = partition.violation_after(other, from);
                if (!settings.bounds_never_worse || violation <= violation_before + 1e-12) {
                    const double next_quality = partition.quality_after(other, from);
                    const double next = next_quality - kBoundPenalty * violation;
                    if (accept(next - score)) {
                        partition.apply(other, from);
                        changed += first_change + second_change;
                        quality = next_quality;
                        score = next;
                        kept = true;
                    }
                }
            }
            if (!kept) partition.undo(first);
        }
        if (score > outcome.score + 1e-12) {
            outcome.score = score;
            outcome.region_of = partition.assignment();
        }
    }
    Partition best(problem, outcome.region_of);
    outcome.quality = best.quality();
    outcome.violation = best.violation();
    return outcome;
}

std::vector<AnnealOutcome> anneal_each(const PartitionProblem& problem, const std::vector<std::vector<int>>& starts,
                                       const AnnealSettings& settings, std::uint64_t seed) {
    std::vector<AnnealOutcome> outcomes(starts.size());
    std::vector<std::exception_ptr> failures(starts.size());
    std::atomic<std::size_t> next{0};
    auto work = [&](std::size_t) {
        for (std::size_t i; (i = next.fetch_add(1)) < starts.size();) {
            try {
                outcomes[i] = anneal(problem, starts[i], settings, seed * 1'000'003 + i);
            } catch (...) {
                failures[i] = std::current_exception();
            }
        }
    };
    run_workers(worker_threads(starts.size()), work);
    for (const auto& failure : failures) {
        if (failure) std::rethrow_exception(failure);
    }
    return outcomes;
}

AnnealOutcome anneal_restarts(const PartitionProblem& problem, const std::vector<std::vector<int>>& starts,
                              const AnnealSettings& settings, std::uint64_t seed) {
    std::vector<AnnealOutcome> outcomes = anneal_each(problem, starts, settings, seed);
    std::size_t best = 0;
    std::size_t evaluated = 0;
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        evaluated += outcomes[i].evaluated_moves;
        if (outcomes[i].score > outcomes[best].score + 1e-12) best = i;
    }
    AnnealOutcome result = std::move(outcomes[best]);
    result.evaluated_moves = evaluated;
    return result;
}

namespace {

// The ways merge_split may split region `region` in two: per target division, each of
// its target regions the region holds part of (those municipalities against the rest),
// and its most populous municipality alone (Tilburg apart from Hart van Brabant; no
// division's border runs there). Each side is a list of municipalities; none if the
// region holds a fixed municipality.
std::vector<std::vector<int>> split_sides(const PartitionProblem& problem, const std::vector<int>& members) {
    std::vector<std::vector<int>> sides;
    if (members.size() < 2) return sides;
    for (int m : members) {
        if (problem.fixed(m)) return sides;
    }
    std::set<std::vector<int>> seen;
    for (const auto& target : problem.targets) {
        std::map<int, std::vector<int>> by_target_region;
        for (int m : members) {
            if (target.region_of[m] >= 0) by_target_region[target.region_of[m]].push_back(m);  // -1: not placed
        }
        if (by_target_region.size() < 2) continue;
        for (auto& [target_region, side] : by_target_region) {
            if (seen.insert(side).second) sides.push_back(std::move(side));
        }
    }
    const int most_populous = *std::max_element(members.begin(), members.end(), [&](int a, int b) {
        return problem.population[a] < problem.population[b];
    });
    if (std::vector<int> alone{most_populous}; seen.insert(alone).second) sides.push_back(std::move(alone));
    return sides;
}

}  // namespace

AnnealOutcome merge_split(const PartitionProblem& problem, const std::vector<int>& start,
                          const AnnealSettings& settings, std::size_t candidates, std::uint64_t seed) {
    const int regions = problem.regions;
    const Partition current(problem, start);
    AnnealOutcome kept;
    kept.region_of = start;
    kept.score = penalised(current);
    kept.quality = current.quality();
    kept.violation = current.violation();
    std::vector<std::set<int>> touching(regions);
    std::vector<std::vector<int>> members(regions);
    for (std::size_t m = 0; m < start.size(); ++m) {
        members[start[m]].push_back(static_cast<int>(m));
        for (int other : problem.graph->neighbours(static_cast<int>(m))) {
            if (start[other] != start[m]) touching[start[m]].insert(start[other]);
        }
    }
    struct Split {
        int region;
        std::vector<int> side;
    };
    std::vector<Split> splits;
    for (int t = 0; t < regions; ++t) {
        for (auto& side : split_sides(problem, members[t])) splits.push_back({t, std::move(side)});
    }
    // Every candidate: regions r and s merged (s holds no fixed municipality), and a third
    // region split, its side taking s's label.
    struct Candidate {
        int merged_into, merged, split;
    };
    std::vector<Candidate> found;
    for (int r = 0; r < regions; ++r) {
        for (int s : touching[r]) {
            if (s <= r) continue;
            if (std::any_of(members[s].begin(), members[s].end(), [&](int m) { return problem.fixed(m); })) continue;
            for (std::size_t split = 0; split < splits.size(); ++split) {
                if (splits[split].region != r && splits[split].region != s) {
                    found.push_back({r, s, static_cast<int>(split)});
                }
            }
        }
    }
    // Only the split region's two sides can be cut: the merged regions touch, every other
    // region is as connected as in `start`.
    auto layout_of = [&](const Candidate& candidate) {
        std::vector<int> labels = start;
        for (int m : members[candidate.merged]) labels[m] = candidate.merged_into;
        for (int m : splits[candidate.split].side) labels[m] = candidate.merged;
        make_contiguous(*problem.graph, labels, {candidate.merged, splits[candidate.split].region});
        return labels;
    };
    // Scored on the available cores (tens of thousands of candidates at K = 42), each as moves
    // on a partition of `start` that each worker owns, undone after: nothing is allocated per
    // candidate but its layout. A candidate that empties a region is left out.
    constexpr double kLeftOut = -1e300;
    std::vector<double> score(found.size(), kLeftOut);
    std::atomic<std::size_t> next{0};
    run_workers(worker_threads(found.size()), [&](std::size_t) {
        Partition scratch(problem, start);
        std::vector<PartitionMove> moves;
        for (std::size_t i; (i = next.fetch_add(1)) < found.size();) {
            const std::vector<int> labels = layout_of(found[i]);
            moves.clear();
            for (std::size_t m = 0; m < labels.size(); ++m) {
                if (labels[m] != start[m]) moves.push_back(scratch.apply(static_cast<int>(m), labels[m]));
            }
            bool empty = false;
            for (int region = 0; region < regions && !empty; ++region) empty = scratch.size(region) == 0;
            // The quality comes from integer pair counts, so it is exact whatever came before;
            // the violation is summed afresh for the same reason.
            if (!empty) score[i] = scratch.quality() - kBoundPenalty * scratch.recomputed_violation();
            for (auto move = moves.rbegin(); move != moves.rend(); ++move) scratch.undo(*move);
        }
    });
    // Best first; ties in the order found, so the order never depends on anything but the data.
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < found.size(); ++i) {
        if (score[i] > kLeftOut) order.push_back(i);
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return score[a] > score[b]; });
    if (order.size() > candidates) order.resize(candidates);
    if (order.empty()) return kept;
    std::vector<std::vector<int>> starts;
    for (std::size_t i : order) starts.push_back(layout_of(found[i]));
    AnnealOutcome best = anneal_restarts(problem, starts, settings, seed);
    if (best.score > kept.score + 1e-12) return best;
    kept.evaluated_moves = best.evaluated_moves;
    return kept;
}

}  // namespace regiomap
