#include "proposal/coarsening.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace regiomap {

CoarseProblem coarsen(const PartitionProblem& fine) {
    const std::size_t count = fine.municipalities();
    auto signature = [&](int m) {
        std::vector<int> labels;
        for (const auto& target : fine.targets) labels.push_back(target.region_of[m]);
        labels.push_back(fine.fixed_group.empty() ? -1 : fine.fixed_group[m]);
        return labels;
    };
    const AdjacencyGraph same = fine.graph->filtered([&](int a, int b) { return signature(a) == signature(b); });
    CoarseProblem coarse;
    coarse.block_of.assign(count, -1);
    for (const auto& part : same.parts()) {
        const int block = static_cast<int>(coarse.members.size());
        for (int m : part) coarse.block_of[m] = block;
        coarse.members.push_back(part);
    }
    // Blocks in order of their first municipality, so the numbering does not depend on part sizes.
    std::vector<std::pair<int, int>> order;
    for (std::size_t block = 0; block < coarse.members.size(); ++block) {
        order.emplace_back(coarse.members[block].front(), static_cast<int>(block));
    }
    std::sort(order.begin(), order.end());
    std::vector<int> renumbered(coarse.members.size());
    std::vector<std::vector<int>> members(coarse.members.size());
    for (std::size_t position = 0; position < order.size(); ++position) {
        renumbered[order[position].second] = static_cast<int>(position);
        members[position] = std::move(coarse.members[order[position].second]);
    }
    coarse.members = std::move(members);
    for (int& block : coarse.block_of) block = renumbered[block];

    std::vector<std::pair<int, int>> edges;
    for (std::size_t m = 0; m < count; ++m) {
        for (int other : fine.graph->neighbours(static_cast<int>(m))) {
            if (coarse.block_of[m] != coarse.block_of[other]) edges.emplace_back(coarse.block_of[m], coarse.block_of[other]);
        }
    }
    const std::size_t blocks = coarse.members.size();
    coarse.graph = std::make_unique<AdjacencyGraph>(blocks, edges);
    PartitionProblem& problem = coarse.problem;
    problem = fine;
    problem.graph = coarse.graph.get();
    problem.population.assign(blocks, 0);
    problem.weight.assign(blocks, 0);
    problem.fixed_group.assign(blocks, -1);
    for (auto& target : problem.targets) target.region_of.assign(blocks, -1);
    for (std::size_t block = 0; block < blocks; ++block) {
        for (int m : coarse.members[block]) {
            problem.population[block] += fine.population[m];
            problem.weight[block] += fine.weight_of(m);
        }
        const int first = coarse.members[block].front();
        if (fine.fixed(first)) problem.fixed_group[block] = fine.fixed_group[first];
        for (std::size_t t = 0; t < problem.targets.size(); ++t) {
            problem.targets[t].region_of[block] = fine.targets[t].region_of[first];
        }
    }
    return coarse;
}

std::vector<int> expand(const CoarseProblem& coarse, const std::vector<int>& block_regions) {
    std::vector<int> regions(coarse.block_of.size());
    for (std::size_t m = 0; m < regions.size(); ++m) regions[m] = block_regions[coarse.block_of[m]];
    return regions;
}

std::vector<int> coarse_labels(const CoarseProblem& coarse, const std::vector<int>& labels) {
    std::vector<int> result(coarse.members.size(), -1);
    for (std::size_t block = 0; block < coarse.members.size(); ++block) {
        std::map<int, int> votes;
        for (int m : coarse.members[block]) ++votes[labels[m]];
        int best = -1, most = 0;
        for (auto [label, count] : votes) {
            if (count > most) {
                best = label;
                most = count;
            }
        }
        result[block] = best;
    }
    return result;
}

}  // namespace regiomap
