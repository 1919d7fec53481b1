#include "present/region_view_text.hpp"

#include "present/insurer_basis_text.hpp"
#include "present/layers_text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace regiomap {

namespace {
using json = nlohmann::json;
}  // namespace

namespace {

std::string municipalities_text(std::size_t count) {
    return fmt::format("{} {}", count, count == 1 ? "municipality" : "municipalities");
}

std::string role_text(RegionInsurerRole role) {
    switch (role) {
        case RegionInsurerRole::zorgkantoor_insurer: return "zorgkantoor insurer";
        case RegionInsurerRole::market_leader: return "market leader";
        case RegionInsurerRole::largest_insurer_published: return "largest insurer (published)";
        case RegionInsurerRole::work_structure_lead: return "work-structure lead";
    }
    return "";
}

std::string basis_text(const RegionInsurer& insurer) {
    return insurer.market_leader ? leader_basis_line(*insurer.market_leader) : insurer.basis;
}

std::string part_region_code(const Division& division, int region) {
    return region < 0 ? std::string() : division.region_codes[region];
}

std::string part_region_name(const Division& division, int region) {
    return region < 0 ? std::string("no region (left out by --published-only)") : division.region_names[region];
}

}  // namespace

std::string format_region_view(const Governance& g, const RegionView& view, OutputFormat format, bool wide) {
    const Division& d = *view.division;
    const std::string code = d.region_codes[view.region], name = d.region_names[view.region];
    if (format == OutputFormat::json) {
        json municipalities = json::array();
        for (int m : view.members) {
            municipalities.push_back({{"code", g.codes[m]}, {"name", g.names[m]},
                                      {"population", g.population[m] ? json(*g.population[m]) : json(nullptr)}});
        }
        json overlaps = json::array();
        for (const auto& overlap : view.overlaps) {
            json parts = json::array();
            for (const auto& part : overlap.parts) {
                json members = json::array();
                for (int m : part.members) members.push_back({{"code", g.codes[m]}, {"name", g.names[m]}});
                parts.push_back({{"region_code", part.region < 0 ? json(nullptr) : json(part_region_code(*overlap.division, part.region))},
                                 {"region_name", part.region < 0 ? json(nullptr) : json(part_region_name(*overlap.division, part.region))},
                                 {"municipality_count", part.members.size()},
                                 {"population", part.population},
                                 {"municipalities", members}});
            }
            overlaps.push_back({{"layer", overlap.division->layer_id}, {"regions", overlap.parts.size()}, {"parts", parts}});
        }
        json insurers = json::array();
        for (const auto& insurer : view.insurers) {
            json members = json::array();
            for (int m : insurer.members) members.push_back(g.codes[m]);
            insurers.push_back({{"role", role_text(insurer.role)}, {"concern", insurer.concern},
                                {"basis", basis_text(insurer)}, {"year", insurer.year},
                                {"municipality_codes", insurer.members.empty() ? json(nullptr) : members}});
        }
        json out = {{"layer", d.layer_id},
                    {"layer_title", d.title},
                    {"year", d.year},
                    {"region_code", code},
                    {"region_name", name},
                    {"population", view.population},
                    {"population_date", g.population_date},
                    {"default_region", view.default_facts ? json(describe_default_region(*view.default_facts)) : json(nullptr)},
                    {"municipalities", municipalities},
                    {"overlaps", overlaps},
                    {"insurers", insurers},
                    {"initiatives", nullptr},
                    {"initiatives_note", "initiatives come from a register: regiomap initiatives map REGISTER"}};
        return json_text(out);
    }
    if (format == OutputFormat::csv) {
        // One row per municipality: its region in every other division and its insurers.
        std::vector<std::string> header{"layer", "region_code", "region_name", "municipality_code", "municipality_name",
                                        "population"};
        for (const auto& overlap : view.overlaps) {
            header.push_back(overlap.division->layer_id + "_code");
            header.push_back(overlap.division->layer_id + "_name");
        }
        for (const char* column : {"zorgkantoor_insurer", "largest_insurer", "largest_insurer_basis", "work_structure_lead"}) {
            header.emplace_back(column);
        }
        std::string text = csv_line(header);
        for (int m : view.members) {
            std::vector<std::string> row{d.layer_id, code, name, g.codes[m], g.names[m],
                                         g.population[m] ? std::to_string(*g.population[m]) : std::string()};
            for (const auto& overlap : view.overlaps) {
                const int region = overlap.division->region_of[m];
                row.push_back(part_region_code(*overlap.division, region));
                row.push_back(region < 0 ? std::string() : overlap.division->region_names[region]);
            }
            row.push_back(g.zorgkantoor_insurer[m].concern);
            row.push_back(g.largest_insurer[m].concern);
            row.push_back(g.largest_insurer[m].by_zorgkantoor_rule ? std::string("zorgkantoor rule")
                                                                    : g.largest_insurer[m].basis);
            row.push_back(g.work_structure_lead[m].concern);
            text += csv_line(row);
        }
        return text;
    }

    const std::size_t width = wide ? 0 : kTerminalWidth;
    auto prose = [&](const std::string& line) { return wide ? line + "\n" : wrap_text(line, kTerminalWidth, 2); };
    std::string text = prose(fmt::format("{} region {} {} ({}, {}): {}, population {} on {}.", d.layer_id, code, name,
                                         d.title, d.year, municipalities_text(view.members.size()),
                                         format_thousands(view.population), g.population_date));
    if (view.default_facts) text += prose("NOT PUBLISHED: " + describe_default_region(*view.default_facts) + ".");

    std::vector<std::vector<std::string>> rows;
    for (int m : view.members) {
        rows.push_back({g.codes[m], g.names[m], g.population[m] ? format_thousands(*g.population[m]) : "unknown"});
    }
    text += "\nMunicipalities:\n" + indent_lines(format_text_table({"code", "municipality", "population"}, rows,
                                                                   {false, false, true}),
                                                 "  ");

    text += wide ? "\nIn the other divisions:\n"
                 : "\nIn the other divisions (\"+N more\": --wide names them all):\n";
    for (const auto& overlap : view.overlaps) {
        const Division& other = *overlap.division;
        text += overlap.parts.size() == 1
                    ? fmt::format("  {}: all in one region\n", other.layer_id)
                    : fmt::format("  {}: split over {} regions\n", other.layer_id, overlap.parts.size());
        for (const auto& part : overlap.parts) {
            std::vector<std::string> names;
            for (int m : part.members) names.push_back(g.names[m]);
            const std::string lead =
                fmt::format("    {}{} ({}, population {}): ",
                            part.region < 0 ? "" : part_region_code(other, part.region) + " ",
                            part_region_name(other, part.region), municipalities_text(part.members.size()),
                            format_thousands(part.population));
            const std::size_t lead_width = display_width(lead);
            text += lead + join_names_within(names, width == 0 ? 0 : (width > lead_width + 8 ? width - lead_width : 8)) +
                    "\n";
        }
    }

    text += "\nInsurers:\n";
    if (view.insurers.empty()) {
        text += "  none known: no zorgkantoor designation, published figure or work-structure lead for its municipalities\n";
    } else {
        TableNotes notes(wide);
        std::vector<std::vector<std::string>> insurer_rows;
        std::size_t fixed_width = 2;  // indent
        std::vector<std::size_t> widths{display_width("role"), display_width("concern"), display_width("year"),
                                        display_width("for")};
        std::vector<std::string> for_texts;
        for (const auto& insurer : view.insurers) {
            std::string for_text;
            if (insurer.members.empty()) {
                for_text = "the region";
            } else if (insurer.for_every_municipality) {
                for_text = view.members.size() == 1 ? "its municipality" : fmt::format("all {}", view.members.size());
            } else {
                std::vector<std::string> names;
                for (int m : insurer.members) names.push_back(g.names[m]);
                for_text = join_names_within(names, wide ? 0 : 30);
            }
            for_texts.push_back(for_text);
            widths[0] = std::max(widths[0], display_width(role_text(insurer.role)));
            widths[1] = std::max(widths[1], display_width(insurer.concern));
            widths[2] = std::max(widths[2], display_width(insurer.year));
            widths[3] = std::max(widths[3], display_width(for_text));
        }
        for (auto w : widths) fixed_width += w + 2;
        const std::size_t basis_width = kTerminalWidth > fixed_width ? kTerminalWidth - fixed_width : 0;
        for (std::size_t i = 0; i < view.insurers.size(); ++i) {
            const auto& insurer = view.insurers[i];
            insurer_rows.push_back({role_text(insurer.role), insurer.concern, insurer.year, for_texts[i],
                                    notes.refer(basis_text(insurer), basis_width)});
        }
        text += indent_lines(format_text_table({"role", "concern", "year", "for", "basis"}, insurer_rows), "  ");
        if (!notes.empty()) text += "\n" + notes.format("Bases:");
    }

    text += "\n" + prose("Initiatives: the store holds none; they come from a register: regiomap initiatives map "
                         "REGISTER (the bundled RIVM 2016 list: geodata/initiatives/rivm_2016_formal_agreements.csv).");
    return text;
}

}  // namespace regiomap
