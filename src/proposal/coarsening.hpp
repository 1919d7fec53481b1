// The search space, shrunk: municipalities that every weighted division puts in
// the same region (and that are connected, and share their --fixed group) form
// one node, a "block". Moving a block moves what no division would ever split,
// so the local search explores layouts instead of slivers; the few places where
// the population bounds need a block split are left to a final pass over single
// municipalities. On the bundled data the 355 municipalities fall into 64 blocks
// for zorgkantoor, GGD and youth care.
#pragma once

#include "proposal/partition.hpp"

#include <memory>
#include <vector>

namespace regiomap {

struct CoarseProblem {
    std::unique_ptr<AdjacencyGraph> graph;   // between blocks; owned here, problem.graph points to it
    PartitionProblem problem;                // nodes are blocks, weighted by their municipalities
    std::vector<int> block_of;               // per municipality
    std::vector<std::vector<int>> members;   // per block, ascending
};

CoarseProblem coarsen(const PartitionProblem& fine);

// Per municipality the region of its block.
std::vector<int> expand(const CoarseProblem& coarse, const std::vector<int>& block_regions);

// Per block the label most of its municipalities (by count, ties: the lowest label) carry in `labels`.
std::vector<int> coarse_labels(const CoarseProblem& coarse, const std::vector<int>& labels);

}  // namespace regiomap
