// The municipalities as a graph: an edge where two share a border or, when links
// are used, are joined by a ferry, tunnel, bridge or administrative link. Point
// contacts are never edges. Regions are contiguous when their municipalities form
// one part of this graph.
#pragma once

#include "store/records.hpp"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace regiomap {

enum class LinkUse { borders_only, with_links };

class AdjacencyGraph {
public:
    AdjacencyGraph() = default;
    // `edges` between positions 0..count-1; duplicates and self-loops are dropped.
    AdjacencyGraph(std::size_t count, const std::vector<std::pair<int, int>>& edges);
    // From the store's records, municipalities by their index in `index_of` (code -> index).
    // Throws DataError for a record naming a code that is not there.
    static AdjacencyGraph from_records(const std::map<std::string, int>& index_of,
                                       const std::vector<AdjacencyRecord>& records, LinkUse use);

    std::size_t size() const { return neighbours_.size(); }
    const std::vector<int>& neighbours(int node) const { return neighbours_[node]; }  // ascending
    bool adjacent(int a, int b) const;
    std::size_t edge_count() const;

    // The connected parts of the subgraph the given nodes induce, each ascending,
    // the largest part first (ties: the one with the lowest node first).
    std::vector<std::vector<int>> parts(const std::vector<int>& nodes) const;
    // The connected parts of the whole graph.
    std::vector<std::vector<int>> parts() const;

    // The same graph without the edges for which `keep(a, b)` is false.
    template <typename Keep>
    AdjacencyGraph filtered(Keep keep) const {
        std::vector<std::pair<int, int>> kept;
        for (std::size_t a = 0; a < size(); ++a) {
            for (int b : neighbours_[a]) {
                if (static_cast<int>(a) < b && keep(static_cast<int>(a), b)) kept.emplace_back(static_cast<int>(a), b);
            }
        }
        return AdjacencyGraph(size(), kept);
    }

private:
    std::vector<std::vector<int>> neighbours_;
};

}  // namespace regiomap
