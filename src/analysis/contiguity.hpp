// Which municipalities are neighbours, what holds the graph together, and which
// regions of each division are not one connected area on that graph.
#pragma once

#include "adjacency/adjacency_graph.hpp"
#include "analysis/governance.hpp"

#include <string>
#include <vector>

namespace regiomap {

struct RegionParts {
    int region = -1;
    std::vector<std::vector<int>> parts;  // municipality indices, largest part first
};

struct DivisionContiguity {
    std::string layer_id;
    int region_count = 0;
    std::vector<RegionParts> split_regions;  // only regions in more than one part
};

struct AdjacencySummary {
    LinkUse link_use = LinkUse::with_links;
    int border_pairs = 0;
    std::vector<AdjacencyRecord> point_contacts;  // not neighbours
    std::vector<AdjacencyRecord> links;           // the links in the store (used only with_links)
    std::vector<std::vector<int>> graph_parts;    // the connected parts of the whole graph
    std::vector<DivisionContiguity> divisions;
};

// Regions of `division` that fall apart on `graph`.
DivisionContiguity division_contiguity(const AdjacencyGraph& graph, const Division& division);

// The summary over every division in `layer_ids` (all divisions when empty).
AdjacencySummary summarise_adjacency(const Governance& governance, const std::vector<AdjacencyRecord>& records,
                                     LinkUse use, const std::vector<std::string>& layer_ids);

}  // namespace regiomap
