#include "analysis/contiguity.hpp"

namespace regiomap {

DivisionContiguity division_contiguity(const AdjacencyGraph& graph, const Division& division) {
    DivisionContiguity result;
    result.layer_id = division.layer_id;
    result.region_count = static_cast<int>(division.members.size());
    for (std::size_t region = 0; region < division.members.size(); ++region) {
        if (division.members[region].empty()) continue;
        auto parts = graph.parts(division.members[region]);
        if (parts.size() > 1) result.split_regions.push_back({static_cast<int>(region), std::move(parts)});
    }
    return result;
}

AdjacencySummary summarise_adjacency(const Governance& governance, const std::vector<AdjacencyRecord>& records,
                                     LinkUse use, const std::vector<std::string>& layer_ids) {
    AdjacencySummary summary;
    summary.link_use = use;
    for (const auto& record : records) {
        if (record.kind == AdjacencyKind::border) ++summary.border_pairs;
        else if (record.kind == AdjacencyKind::point_contact) summary.point_contacts.push_back(record);
        else summary.links.push_back(record);
    }
    const AdjacencyGraph graph = AdjacencyGraph::from_records(governance.index_of, records, use);
    summary.graph_parts = graph.parts();
    std::vector<std::string> ids = layer_ids;
    if (ids.empty()) {
        for (const auto& division : governance.divisions) ids.push_back(division.layer_id);
    }
    for (const auto& id : ids) summary.divisions.push_back(division_contiguity(graph, governance.division(id)));
    return summary;
}

}  // namespace regiomap
