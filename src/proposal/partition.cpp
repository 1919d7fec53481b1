#include "proposal/partition.hpp"

#include <algorithm>
#include <numeric>

namespace regiomap {

namespace {

double pairs_of(double count) { return count * (count - 1) / 2; }

}  // namespace

std::int64_t PartitionProblem::total_population() const {
    return std::accumulate(population.begin(), population.end(), std::int64_t{0});
}

std::vector<std::int64_t> region_populations(const PartitionProblem& problem, const std::vector<int>& region_of) {
    std::vector<std::int64_t> totals(problem.regions, 0);
    for (std::size_t m = 0; m < region_of.size(); ++m) totals[region_of[m]] += problem.population[m];
    return totals;
}

Partition::Partition(const PartitionProblem& problem, std::vector<int> region_of)
    : problem_(&problem), region_of_(std::move(region_of)) {
    const int regions = problem.regions;
    size_.assign(regions, 0);
    population_.assign(regions, 0);
    for (std::size_t m = 0; m < region_of_.size(); ++m) {
        ++size_[region_of_[m]];
        population_[region_of_[m]] += problem.population[m];
    }
    mean_ = problem.mean_population();
    lower_ = problem.lower_bound * mean_;
    upper_ = problem.upper_bound * mean_;
    for (int r = 0; r < regions; ++r) violation_ += region_violation(population_[r]);

    const std::size_t targets = problem.targets.size();
    placed_size_.assign(targets, std::vector<int>(regions, 0));
    contingency_.resize(targets);
    target_pairs_.assign(targets, 0);
    all_pairs_.assign(targets, 0);
    sums_.assign(targets, {});
    for (std::size_t t = 0; t < targets; ++t) {
        const TargetDivision& target = problem.targets[t];
        weight_total_ += target.weight;
        contingency_[t].assign(static_cast<std::size_t>(regions) * target.region_count, 0);
        std::vector<int> target_size(target.region_count, 0);
        int placed = 0;
        for (std::size_t m = 0; m < region_of_.size(); ++m) {
            const int j = target.region_of[m];
            if (j < 0) continue;
            const int w = problem.weight_of(static_cast<int>(m));
            placed += w;
            target_size[j] += w;
            placed_size_[t][region_of_[m]] += w;
            contingency_[t][static_cast<std::size_t>(region_of_[m]) * target.region_count + j] += w;
        }
        all_pairs_[t] = pairs_of(placed);
        for (int b : target_size) target_pairs_[t] += pairs_of(b);
        for (int a : placed_size_[t]) sums_[t].proposed_pairs += pairs_of(a);
        for (int n : contingency_[t]) sums_[t].joint_pairs += pairs_of(n);
    }
    stamp_.assign(region_of_.size(), 0);
    stack_.reserve(region_of_.size());
}

double Partition::region_violation(std::int64_t population) const {
    const double value = static_cast<double>(population);
    if (value < lower_) return (lower_ - value) / mean_;
    if (value > upper_) return (value - upper_) / mean_;
    return 0;
}

double Partition::recomputed_violation() const {
    double total = 0;
    for (const std::int64_t people : population_) total += region_violation(people);
    return total;
}

double Partition::index_of(std::size_t t, const Sums& sums) const {
    if (all_pairs_[t] <= 0) return 1.0;
    const double expected = sums.proposed_pairs * target_pairs_[t] / all_pairs_[t];
    const double maximum = (sums.proposed_pairs + target_pairs_[t]) / 2;
    if (maximum == expected) return 1.0;
    return (sums.joint_pairs - expected) / (maximum - expected);
}

double Partition::agreement_of(std::size_t t, const Sums& sums) const {
    if (all_pairs_[t] <= 0) return 1.0;
    return 1.0 - 2.0 * (sums.proposed_pairs + target_pairs_[t] - 2.0 * sums.joint_pairs) / all_pairs_[t];
}

double Partition::adjusted_rand(std::size_t target) const { return index_of(target, sums_[target]); }
double Partition::pair_agreement(std::size_t target) const { return agreement_of(target, sums_[target]); }

double Partition::quality() const {
    double total = 0;
    for (std::size_t t = 0; t < sums_.size(); ++t) {
        const double value = problem_->objective == Objective::adjusted_rand ? index_of(t, sums_[t])
                                                                              : agreement_of(t, sums_[t]);
        total += problem_->targets[t].weight * value;
    }
    return weight_total_ > 0 ? total / weight_total_ : 0;
}

double Partition::quality_after(int municipality, int to) const {
    const int from = region_of_[municipality];
    double total = 0;
    for (std::size_t t = 0; t < sums_.size(); ++t) {
        const TargetDivision& target = problem_->targets[t];
        Sums sums = sums_[t];
        const int j = target.region_of[municipality];
        if (j >= 0 && from != to) {
            const int* row_from = &contingency_[t][static_cast<std::size_t>(from) * target.region_count];
            const int* row_to = &contingency_[t][static_cast<std::size_t>(to) * target.region_count];
            // C(a + w, 2) - C(a, 2) = w a + w (w - 1) / 2 and C(a - w, 2) - C(a, 2) = -w a + w (w + 1) / 2.
            const double w = problem_->weight_of(municipality);
            sums.proposed_pairs += w * (placed_size_[t][to] - placed_size_[t][from]) + w * w;
            sums.joint_pairs += w * (row_to[j] - row_from[j]) + w * w;
        }
        const double value =
            problem_->objective == Objective::adjusted_rand ? index_of(t, sums) : agreement_of(t, sums);
        total += target.weight * value;
    }
    return weight_total_ > 0 ? total / weight_total_ : 0;
}

double Partition::violation_after(int municipality, int to) const {
    const int from = region_of_[municipality];
    if (from == to) return violation_;
    const std::int64_t moved = problem_->population[municipality];
    return violation_ - region_violation(population_[from]) - region_violation(population_[to]) +
           region_violation(population_[from] - moved) + region_violation(population_[to] + moved);
}

PartitionMove Partition::apply(int municipality, int to) {
    const int from = region_of_[municipality];
    PartitionMove move{municipality, from, to};
    if (from == to) return move;
    const std::int64_t moved = problem_->population[municipality];
    violation_ = violation_after(municipality, to);
    for (std::size_t t = 0; t < sums_.size(); ++t) {
        const TargetDivision& target = problem_->targets[t];
        const int j = target.region_of[municipality];
        if (j < 0) continue;
        int& cell_from = contingency_[t][static_cast<std::size_t>(from) * target.region_count + j];
        int& cell_to = contingency_[t][static_cast<std::size_t>(to) * target.region_count + j];
        const int w = problem_->weight_of(municipality);
        sums_[t].proposed_pairs += static_cast<double>(w) * (placed_size_[t][to] - placed_size_[t][from]) + w * w;
        sums_[t].joint_pairs += static_cast<double>(w) * (cell_to - cell_from) + w * w;
        placed_size_[t][from] -= w;
        placed_size_[t][to] += w;
        cell_from -= w;
        cell_to += w;
    }
    --size_[from];
    ++size_[to];
    population_[from] -= moved;
    population_[to] += moved;
    region_of_[municipality] = to;
    return move;
}

bool Partition::touches(int municipality, int to) const {
    for (int other : problem_->graph->neighbours(municipality)) {
        if (region_of_[other] == to) return true;
    }
    return false;
}

bool Partition::can_leave(int municipality) const {
    const int region = region_of_[municipality];
    if (size_[region] <= 1) return false;
    // The region was connected; without the municipality it stays so exactly when
    // its neighbours inside the region still reach each other. Search from one of
    // them until all are found.
    const auto& graph = *problem_->graph;
    int inside = 0, first = -1;
    for (int other : graph.neighbours(municipality)) {
        if (region_of_[other] == region) {
            ++inside;
            if (first < 0) first = other;
        }
    }
    if (inside <= 1) return inside == 1;
    if (++epoch_ == 0) {  // the stamps wrapped: start again
        std::fill(stamp_.begin(), stamp_.end(), 0);
        epoch_ = 1;
    }
    stamp_[municipality] = epoch_;
    stamp_[first] = epoch_;
    stack_.clear();
    stack_.push_back(first);
    int found = 1;
    while (!stack_.empty()) {
        const int node = stack_.back();
        stack_.pop_back();
        for (int other : graph.neighbours(node)) {
            if (region_of_[other] != region || stamp_[other] == epoch_) continue;
            stamp_[other] = epoch_;
            if (graph.adjacent(municipality, other) && ++found == inside) return true;
            stack_.push_back(other);
        }
    }
    return false;
}

}  // namespace regiomap
