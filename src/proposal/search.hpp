// Building and improving partitions (proposal/partition.hpp).
//
// Construction merges regions agglomeratively along the adjacency graph, always
// taking the merge of two neighbouring regions that leaves the best quality (a
// merge past the upper population bound is charged for its excess). Local search
// is simulated annealing over boundary moves (one municipality into a neighbouring
// region) and swaps (a municipality and its neighbour across the border trade
// places); every accepted move keeps both regions connected. The population bounds
// enter as a penalty, heavy enough that a feasible partition always beats an
// infeasible one. Everything is deterministic for a seed: each restart has its own
// random stream, whatever the number of threads.
#pragma once

#include "proposal/partition.hpp"

#include <atomic>
#include <cstdint>
#include <random>
#include <vector>

namespace regiomap {

using Random = std::mt19937_64;

// Penalty per unit of violation (region population outside the bounds, in means).
inline constexpr double kBoundPenalty = 4.0;

// Merges the regions of `start` (labels 0..count-1, each connected) down to
// problem.regions regions; relabels the result 0..K-1. `noise` > 0 adds a random
// amount up to that size to every merge's score (used to vary restarts). Stops
// early (fewer merges) only when no two regions touch any more.
std::vector<int> merge_regions(const PartitionProblem& problem, std::vector<int> start, Random* random = nullptr,
                               double noise = 0);

// Makes every region of `labels` (values >= 0, or -1 for unplaced) one connected
// area: the smaller parts of a region and unplaced municipalities join the
// neighbouring region they share most borders with. Returns the municipalities
// that were moved (a part with no neighbouring region stays). With `only`, just those labels
// are looked at for cut-off parts: the caller knows the other regions to be connected.
std::vector<int> make_contiguous(const AdjacencyGraph& graph, std::vector<int>& labels,
                                 const std::vector<int>& only = {});

struct AnnealSettings {
    std::size_t iterations = 1'000'000;
    double start_temperature = 2e-2;
    double end_temperature = 1e-7;
    double swap_share = 0.2;
    // Minimal-change mode: at most `max_changed` municipalities in another region
    // than in `reference`; and no move may make the bound violation worse.
    const std::vector<int>* reference = nullptr;
    int max_changed = -1;
    bool bounds_never_worse = false;
    // Set from another thread (a workbench client gone, the server stopping): the anneal ends at
    // its next check, every 1,024 steps, with the best partition it has seen.
    const std::atomic<bool>* stop = nullptr;
};

struct AnnealOutcome {
    std::vector<int> region_of;  // the best partition seen
    double score = 0;            // quality - kBoundPenalty * violation
    double quality = 0;
    double violation = 0;
    std::size_t evaluated_moves = 0;
};

double penalised(const Partition& partition);

AnnealOutcome anneal(const PartitionProblem& problem, std::vector<int> start, const AnnealSettings& settings,
                     std::uint64_t seed);

// The best single move under the settings' constraints (move budget, bounds never
// worse, contiguity), or a move with municipality -1 when none improves.
PartitionMove best_single_move(const Partition& partition, const AnnealSettings& settings);

// One anneal per start (restart i with seed derived from `seed` and i), on the available cores.
std::vector<AnnealOutcome> anneal_each(const PartitionProblem& problem, const std::vector<std::vector<int>>& starts,
                                       const AnnealSettings& settings, std::uint64_t seed);

// Runs one anneal per start (restart i with seed derived from `seed` and i) on the
// available cores and returns the best (ties: the lowest restart).
AnnealOutcome anneal_restarts(const PartitionProblem& problem, const std::vector<std::vector<int>>& starts,
                              const AnnealSettings& settings, std::uint64_t seed);

// Region-level moves that keep K: two neighbouring regions merged into one, and another
// region split in two: along the border of a target division (its municipalities in one
// target region against the rest, for every target region it holds part of), or its most
// populous municipality alone; each side made connected. The single-municipality moves of
// `anneal` can never do this (a region is never emptied). Every such candidate is scored as
// it stands (on the available cores); the `candidates` best are annealed with `settings` (one
// anneal each, on the available cores) and the best result returned when it beats `start`,
// else `start` itself.
AnnealOutcome merge_split(const PartitionProblem& problem, const std::vector<int>& start,
                          const AnnealSettings& settings, std::size_t candidates, std::uint64_t seed);

}  // namespace regiomap
