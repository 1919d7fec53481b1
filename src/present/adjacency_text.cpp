#include "present/adjacency_text.hpp"

#include "adjacency/borders.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace regiomap {

namespace {

using json = nlohmann::json;

std::string name_of(const Governance& governance, const std::string& code) {
    auto found = governance.index_of.find(code);
    return found == governance.index_of.end() ? code : governance.names[found->second];
}

json municipalities_json(const Governance& governance, const std::vector<int>& members) {
    json list = json::array();
    for (int m : members) list.push_back({{"code", governance.codes[m]}, {"name", governance.names[m]}});
    return list;
}

std::vector<std::string> names_of(const Governance& governance, const std::vector<int>& members) {
    std::vector<std::string> names;
    for (int m : members) names.push_back(governance.names[m]);
    return names;
}

std::string format_json(const Governance& governance, const AdjacencySummary& summary) {
    json point_contacts = json::array();
    for (const auto& record : summary.point_contacts) {
        point_contacts.push_back({{"a", record.municipality_a}, {"a_name", name_of(governance, record.municipality_a)},
                                  {"b", record.municipality_b}, {"b_name", name_of(governance, record.municipality_b)},
                                  {"border_within_tolerance_m", record.shared_border_m}});
    }
    json links = json::array();
    for (const auto& record : summary.links) {
        links.push_back({{"a", record.municipality_a}, {"a_name", name_of(governance, record.municipality_a)},
                         {"b", record.municipality_b}, {"b_name", name_of(governance, record.municipality_b)},
                         {"kind", to_string(record.kind)}, {"crossing", record.description}, {"source", record.source}});
    }
    json parts = json::array();
    for (const auto& part : summary.graph_parts) parts.push_back(municipalities_json(governance, part));
    json divisions = json::array();
    for (const auto& division : summary.divisions) {
        const Division& d = governance.division(division.layer_id);
        json regions = json::array();
        for (const auto& split : division.split_regions) {
            json region_parts = json::array();
            for (const auto& part : split.parts) region_parts.push_back(municipalities_json(governance, part));
            regions.push_back({{"region_code", d.region_codes[split.region]},
                               {"region_name", d.region_names[split.region]},
                               {"parts", region_parts}});
        }
        divisions.push_back({{"layer", division.layer_id}, {"regions", division.region_count},
                             {"not_contiguous", regions}});
    }
    return json_text({{"links_used", summary.link_use == LinkUse::with_links},
                      {"border_pairs", summary.border_pairs},
                      {"point_contacts", point_contacts},
                      {"links", links},
                      {"graph_parts", parts},
                      {"divisions", divisions}});
}

}  // namespace

std::string format_adjacency(const Governance& governance, const AdjacencySummary& summary, OutputFormat format,
                             bool wide) {
    if (format == OutputFormat::json) return format_json(governance, summary);
    if (format == OutputFormat::csv) {
        // One row per part of a region that is not contiguous: what a user filters in a spreadsheet.
        std::string text = csv_line({"layer", "region_code", "region_name", "part", "municipality_code",
                                     "municipality_name"});
        for (const auto& division : summary.divisions) {
            const Division& d = governance.division(division.layer_id);
            for (const auto& split : division.split_regions) {
                for (std::size_t part = 0; part < split.parts.size(); ++part) {
                    for (int m : split.parts[part]) {
                        text += csv_line({division.layer_id, d.region_codes[split.region], d.region_names[split.region],
                                          std::to_string(part + 1), governance.codes[m], governance.names[m]});
                    }
                }
            }
        }
        return text;
    }
    const std::size_t width = wide ? 0 : kTerminalWidth;
    auto prose = [&](const std::string& line, std::size_t indent = 2) {
        return wide ? line + "\n" : wrap_text(line, kTerminalWidth, indent);
    };
    std::string text = prose(fmt::format(
        "Neighbours: {} pairs of municipalities share a border (at least {:g} m of border within {:g} m of each other).",
        summary.border_pairs, kMinSharedBorderM, kBorderToleranceM));
    if (!summary.point_contacts.empty()) {
        std::vector<std::string> pairs;
        for (const auto& record : summary.point_contacts) {
            pairs.push_back(fmt::format("{} - {}", name_of(governance, record.municipality_a),
                                        name_of(governance, record.municipality_b)));
        }
        text += prose(fmt::format("Meeting only at a point, not neighbours ({}): {}.", pairs.size(),
                                  fmt::join(pairs, "; ")));
    }
    if (summary.links.empty()) {
        text += prose("Links across water: none in the store (the manifest names no links table).");
    } else {
        text += fmt::format("\nLinks across water ({}, {}):\n", summary.links.size(),
                            summary.link_use == LinkUse::with_links ? "used as neighbours" : "not used: --no-links");
        std::vector<std::vector<std::string>> rows;
        for (const auto& record : summary.links) {
            rows.push_back({name_of(governance, record.municipality_a), name_of(governance, record.municipality_b),
                            to_string(record.kind), record.description});
        }
        text += indent_lines(format_fitted_table({"from", "to", "kind", "crossing"}, rows, {false, false, false, false},
                                                 {false, false, false, true}, width == 0 ? 0 : width - 2)
                                 .text,
                             "  ");
    }
    text += "\n";
    if (summary.graph_parts.size() == 1) {
        text += prose(fmt::format("The graph is one connected part: every municipality can be reached from every "
                                  "other{}.",
                                  summary.link_use == LinkUse::with_links ? " over borders and links" : " over borders"));
    } else {
        text += fmt::format("The graph falls into {} parts:\n", summary.graph_parts.size());
        for (const auto& part : summary.graph_parts) {
            const std::string lead = fmt::format("  {} municipalit{}: ", part.size(), part.size() == 1 ? "y" : "ies");
            text += lead + join_names_within(names_of(governance, part), width == 0 ? 0 : width - lead.size()) + "\n";
        }
    }
    text += "\nRegions that are not one connected area on this graph:\n";
    for (const auto& division : summary.divisions) {
        const Division& d = governance.division(division.layer_id);
        if (division.split_regions.empty()) {
            text += fmt::format("  {}: all {} regions contiguous\n", division.layer_id, division.region_count);
            continue;
        }
        text += fmt::format("  {}: {} of {} regions not contiguous\n", division.layer_id, division.split_regions.size(),
                            division.region_count);
        for (const auto& split : division.split_regions) {
            text += fmt::format("    {} {}: {} parts\n", d.region_codes[split.region], d.region_names[split.region],
                                split.parts.size());
            for (const auto& part : split.parts) {
                const std::string lead = fmt::format("      {} municipalit{}: ", part.size(), part.size() == 1 ? "y" : "ies");
                text += lead + join_names_within(names_of(governance, part), width == 0 ? 0 : width - lead.size()) + "\n";
            }
        }
    }
    return text;
}

}  // namespace regiomap
