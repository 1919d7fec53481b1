// A partition of the municipalities into K regions, with the tallies that make
// the agreement with existing divisions cheap to update: per target division the
// contingency counts (proposed region x target region), per region its size and
// population. A move of one municipality changes O(number of targets) numbers, so
// the delta of a move and the move itself cost a few dozen operations and never
// allocate; the local search (proposal/search.hpp) evaluates millions of them.
//
// Agreement with a target division d, over the municipalities d places:
//   adjusted Rand index ARI_d (Hubert-Arabie), from the pair counts
//     S_P = sum_r C(a_r, 2), S_d = sum_j C(b_j, 2), S_Pd = sum_rj C(n_rj, 2);
//   pair agreement A_d = (pairs on which P and d agree - pairs on which they
//     disagree) / all pairs, where a pair agrees when both put it together or both
//     keep it apart: 1 - 2 (S_P + S_d - 2 S_Pd) / C(n, 2).
// The quality of a partition is the weighted mean over the targets of one of the two.
#pragma once

#include "adjacency/adjacency_graph.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace regiomap {

struct TargetDivision {
    std::string layer_id;
    double weight = 1.0;
    std::vector<int> region_of;  // per municipality; -1: the division does not place it
    int region_count = 0;
};

enum class Objective { adjusted_rand, pair_agreement };

struct PartitionProblem {
    const AdjacencyGraph* graph = nullptr;  // the contiguity graph (with --keep-province: within provinces only)
    std::vector<std::int64_t> population;   // per municipality
    std::vector<TargetDivision> targets;
    int regions = 0;                        // K
    double lower_bound = 0.5;               // region population at least this times the mean
    double upper_bound = 2.0;               // and at most this times the mean
    // Per municipality: -1, or the group of --fixed it belongs to. A fixed municipality
    // never moves, and regions holding different groups are never merged.
    std::vector<int> fixed_group;
    Objective objective = Objective::adjusted_rand;
    // Per node: how many municipalities it stands for (a coarsened problem's nodes are
    // groups of municipalities, proposal/coarsening.hpp); empty: every node is one.
    std::vector<int> weight;

    std::size_t municipalities() const { return population.size(); }
    std::int64_t total_population() const;
    int weight_of(int node) const { return weight.empty() ? 1 : weight[node]; }
    bool fixed(int municipality) const { return !fixed_group.empty() && fixed_group[municipality] >= 0; }
    double mean_population() const { return static_cast<double>(total_population()) / regions; }
};

struct PartitionMove {
    int municipality = -1;
    int from = -1;
    int to = -1;
};

class Partition {
public:
    // `region_of` gives every municipality a region in [0, K).
    Partition(const PartitionProblem& problem, std::vector<int> region_of);

    const PartitionProblem& problem() const { return *problem_; }
    const std::vector<int>& assignment() const { return region_of_; }
    int region_of(int municipality) const { return region_of_[municipality]; }
    int size(int region) const { return size_[region]; }
    std::int64_t population(int region) const { return population_[region]; }

    PartitionMove apply(int municipality, int to);
    void undo(const PartitionMove& move) { apply(move.municipality, move.from); }

    double adjusted_rand(std::size_t target) const;
    double pair_agreement(std::size_t target) const;
    double quality() const;                          // weighted mean of the problem's objective
    double quality_after(int municipality, int to) const;  // as if moved; O(targets)

    // How far region populations lie outside the bounds, summed, in units of the mean.
    double violation() const { return violation_; }
    // The same summed afresh from the region populations (O(K)): violation() is kept by
    // increments, which after moves and their undoing may differ from it in the last bits.
    double recomputed_violation() const;
    double violation_after(int municipality, int to) const;

    // Whether the region of `municipality` stays one connected area without it
    // (and is not left empty). Uses scratch buffers the partition owns.
    bool can_leave(int municipality) const;
    // Whether `municipality` borders region `to` (a neighbour of it lies there).
    bool touches(int municipality, int to) const;

private:
    struct Sums {
        double proposed_pairs = 0;  // S_P over the municipalities the target places
        double joint_pairs = 0;     // S_Pd
    };
    double index_of(std::size_t target, const Sums& sums) const;
    double agreement_of(std::size_t target, const Sums& sums) const;
    double region_violation(std::int64_t population) const;

    const PartitionProblem* problem_;
    std::vector<int> region_of_;
    std::vector<int> size_;
    std::vector<std::int64_t> population_;
    double lower_ = 0, upper_ = 0, mean_ = 1;
    double violation_ = 0;
    // Per target: the region sizes counting only municipalities it places, the
    // contingency table (K x its regions, row-major), and the pair sums.
    std::vector<std::vector<int>> placed_size_;
    std::vector<std::vector<int>> contingency_;
    std::vector<double> target_pairs_;  // S_d
    std::vector<double> all_pairs_;     // C(placed municipalities, 2)
    std::vector<Sums> sums_;
    double weight_total_ = 0;
    // Scratch for can_leave: a visit stamp per municipality and a stack.
    mutable std::vector<unsigned> stamp_;
    mutable unsigned epoch_ = 0;
    mutable std::vector<int> stack_;
};

// Population per region of an assignment into `regions` regions.
std::vector<std::int64_t> region_populations(const PartitionProblem& problem, const std::vector<int>& region_of);

}  // namespace regiomap
