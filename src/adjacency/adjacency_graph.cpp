#include "adjacency/adjacency_graph.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <numeric>

namespace regiomap {

AdjacencyGraph::AdjacencyGraph(std::size_t count, const std::vector<std::pair<int, int>>& edges)
    : neighbours_(count) {
    for (auto [a, b] : edges) {
        if (a == b) continue;
        neighbours_[a].push_back(b);
        neighbours_[b].push_back(a);
    }
    for (auto& list : neighbours_) {
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
    }
}

AdjacencyGraph AdjacencyGraph::from_records(const std::map<std::string, int>& index_of,
                                            const std::vector<AdjacencyRecord>& records, LinkUse use) {
    std::vector<std::pair<int, int>> edges;
    auto index = [&](const std::string& code) {
        auto found = index_of.find(code);
        if (found == index_of.end()) {
            throw DataError("", "adjacency", "municipality code '" + code + "' is not in the store");
        }
        return found->second;
    };
    for (const auto& record : records) {
        if (record.kind == AdjacencyKind::point_contact) continue;
        if (is_link(record.kind) && use == LinkUse::borders_only) continue;
        edges.emplace_back(index(record.municipality_a), index(record.municipality_b));
    }
    return AdjacencyGraph(index_of.size(), edges);
}

bool AdjacencyGraph::adjacent(int a, int b) const {
    const auto& list = neighbours_[a];
    return std::binary_search(list.begin(), list.end(), b);
}

std::size_t AdjacencyGraph::edge_count() const {
    std::size_t ends = 0;
    for (const auto& list : neighbours_) ends += list.size();
    return ends / 2;
}

std::vector<std::vector<int>> AdjacencyGraph::parts(const std::vector<int>& nodes) const {
    std::vector<int> sorted = nodes;
    std::sort(sorted.begin(), sorted.end());
    auto member = [&](int node) { return std::binary_search(sorted.begin(), sorted.end(), node); };
    std::vector<char> seen(size(), 0);
    std::vector<std::vector<int>> found;
    for (int start : sorted) {
        if (seen[start]) continue;
        std::vector<int> part{start};
        seen[start] = 1;
        for (std::size_t next = 0; next < part.size(); ++next) {
            for (int other : neighbours_[part[next]]) {
                if (!seen[other] && member(other)) {
                    seen[other] = 1;
                    part.push_back(other);
                }
            }
        }
        std::sort(part.begin(), part.end());
        found.push_back(std::move(part));
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const auto& x, const auto& y) { return x.size() > y.size(); });
    return found;
}

std::vector<std::vector<int>> AdjacencyGraph::parts() const {
    std::vector<int> all(size());
    std::iota(all.begin(), all.end(), 0);
    return parts(all);
}

}  // namespace regiomap
