#include "analysis/region_view.hpp"

#include "core/error.hpp"
#include "core/name_matching.hpp"
#include "initiatives/market_leaders.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <tuple>

namespace regiomap {

namespace {

using json = nlohmann::json;

std::string upper_ascii(std::string text) {
    for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
}

std::string candidate_label(const RegionRef& ref) {
    return fmt::format("{} {} ({})", ref.division->region_codes[ref.region], ref.division->region_names[ref.region],
                       ref.division->layer_id);
}

void sort_by_name(const Governance& governance, std::vector<int>& municipalities) {
    std::stable_sort(municipalities.begin(), municipalities.end(),
                     [&](int a, int b) { return governance.names[a] < governance.names[b]; });
}

}  // namespace

RegionSearch find_regions(const Governance& governance, const std::string& query, const std::string& layer_id) {
    RegionSearch search{query, {}, {}};
    std::vector<const Division*> divisions;
    for (const auto& division : governance.divisions) {
        if (layer_id.empty() || division.layer_id == layer_id) divisions.push_back(&division);
    }
    if (divisions.empty()) governance.division(layer_id);  // throws: no such layer, naming the layers
    // A code wins over a name: "ZK23" is one region even if some region were named so.
    const std::string code = upper_ascii(query);
    for (const auto* division : divisions) {
        for (std::size_t r = 0; r < division->region_codes.size(); ++r) {
            if (upper_ascii(division->region_codes[r]) == code) search.matches.push_back({division, static_cast<int>(r)});
        }
    }
    if (!search.matches.empty()) return search;
    const std::string wanted = normalize_name(query.substr(0, std::min(query.size(), kMaxComparedNameLength)));
    for (const auto* division : divisions) {
        for (std::size_t r = 0; r < division->region_names.size(); ++r) {
            if (normalize_name(division->region_names[r]) == wanted) {
                search.matches.push_back({division, static_cast<int>(r)});
            }
        }
    }
    if (!search.matches.empty() || wanted.empty()) return search;
    std::vector<std::pair<std::size_t, std::string>> scored;
    for (const auto* division : divisions) {
        for (std::size_t r = 0; r < division->region_names.size(); ++r) {
            const std::string name = normalize_name(division->region_names[r]);
            scored.emplace_back(edit_distance(wanted, name.substr(0, std::min(name.size(), kMaxComparedNameLength))),
                                candidate_label({division, static_cast<int>(r)}));
        }
    }
    std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 0; i < scored.size() && i < 3; ++i) search.nearest.push_back(scored[i].second);
    return search;
}

RegionRef require_one_region(const RegionSearch& search) {
    if (search.matches.size() == 1) return search.matches.front();
    const std::string quoted = excerpt_for_message(search.query);
    if (search.matches.empty()) {
        throw NotFoundError(fmt::format("no region matches '{}' in any layer{}", quoted,
                                        search.nearest.empty()
                                            ? std::string()
                                            : fmt::format("; nearest: {}", fmt::join(search.nearest, ", "))));
    }
    std::vector<std::string> candidates;
    for (const auto& ref : search.matches) candidates.push_back(candidate_label(ref));
    throw NotFoundError(fmt::format("'{}' names more than one region: {}; give its code or choose a layer with --layer",
                                    quoted, fmt::join(candidates, "; ")));
}

RegionView region_view(const Governance& governance, const RegionRef& ref) {
    const Division& division = *ref.division;
    RegionView view;
    view.division = ref.division;
    view.region = ref.region;
    view.members = division.members[ref.region];
    sort_by_name(governance, view.members);
    for (int m : view.members) view.population += governance.population_of(m);
    view.default_facts = default_region_facts(governance, division, ref.region);

    for (const auto& other : governance.divisions) {
        if (&other == ref.division) continue;
        std::map<int, OverlapPart> parts;
        for (int m : view.members) {
            auto& part = parts[other.region_of[m]];
            part.region = other.region_of[m];
            part.members.push_back(m);
            part.population += governance.population_of(m);
        }
        DivisionOverlap overlap{&other, {}};
        for (auto& [region, part] : parts) overlap.parts.push_back(std::move(part));
        std::stable_sort(overlap.parts.begin(), overlap.parts.end(), [](const OverlapPart& a, const OverlapPart& b) {
            return a.population != b.population ? a.population > b.population : a.region < b.region;
        });
        view.overlaps.push_back(std::move(overlap));
    }

    // Each distinct fact once, with the municipalities it holds for.
    auto add_facts = [&](const std::string& role, const std::vector<InsurerFact>& facts, bool published_only) {
        std::vector<RegionInsurer> found;
        for (int m : view.members) {
            const InsurerFact& fact = facts[m];
            if (fact.concern.empty() || (published_only && fact.by_zorgkantoor_rule)) continue;
            auto same = std::find_if(found.begin(), found.end(), [&](const RegionInsurer& entry) {
                return std::tie(entry.concern, entry.basis, entry.year) == std::tie(fact.concern, fact.basis, fact.year);
            });
            if (same == found.end()) same = found.insert(found.end(), {role, fact.concern, fact.basis, fact.year, {}});
            same->members.push_back(m);
        }
        for (auto& entry : found) view.insurers.push_back(std::move(entry));
    };
    add_facts("zorgkantoor insurer", governance.zorgkantoor_insurer, false);
    const MarketLeaders leaders = market_leaders(governance, division.layer_id);
    for (const auto& leader : leaders.regions) {
        if (leader.region != ref.region || leader.concern.empty()) continue;
        view.insurers.push_back({"market leader", leader.concern, leader.basis, leader.year, {}});
    }
    // Only published figures: elsewhere the largest insurer is the zorgkantoor rule, already shown above.
    add_facts("largest insurer (published)", governance.largest_insurer, true);
    add_facts("work-structure lead", governance.work_structure_lead, false);
    return view;
}

namespace {

std::string municipalities_text(std::size_t count) {
    return fmt::format("{} {}", count, count == 1 ? "municipality" : "municipalities");
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
            insurers.push_back({{"role", insurer.role}, {"concern", insurer.concern}, {"basis", insurer.basis},
                                {"year", insurer.year},
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
            } else if (insurer.members.size() == view.members.size()) {
                for_text = view.members.size() == 1 ? "its municipality" : fmt::format("all {}", view.members.size());
            } else {
                std::vector<std::string> names;
                for (int m : insurer.members) names.push_back(g.names[m]);
                for_text = join_names_within(names, wide ? 0 : 30);
            }
            for_texts.push_back(for_text);
            widths[0] = std::max(widths[0], display_width(insurer.role));
            widths[1] = std::max(widths[1], display_width(insurer.concern));
            widths[2] = std::max(widths[2], display_width(insurer.year));
            widths[3] = std::max(widths[3], display_width(for_text));
        }
        for (auto w : widths) fixed_width += w + 2;
        const std::size_t basis_width = kTerminalWidth > fixed_width ? kTerminalWidth - fixed_width : 0;
        for (std::size_t i = 0; i < view.insurers.size(); ++i) {
            const auto& insurer = view.insurers[i];
            insurer_rows.push_back(
                {insurer.role, insurer.concern, insurer.year, for_texts[i], notes.refer(insurer.basis, basis_width)});
        }
        text += indent_lines(format_text_table({"role", "concern", "year", "for", "basis"}, insurer_rows), "  ");
        if (!notes.empty()) text += "\n" + notes.format("Bases:");
    }

    text += "\n" + prose("Initiatives: the store holds none; they come from a register: regiomap initiatives map "
                         "REGISTER (the bundled RIVM 2016 list: geodata/initiatives/rivm_2016_formal_agreements.csv).");
    return text;
}

}  // namespace regiomap
