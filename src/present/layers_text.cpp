#include "present/layers_text.hpp"

#include "core/name_matching.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>

namespace regiomap {

namespace {

using nlohmann::json;

std::string share_text(const std::optional<double>& share) {
    return share ? fmt::format("{:.4f}", *share) : std::string();
}

json share_json(const std::optional<double>& share) {
    return share ? json(std::round(*share * 10000.0) / 10000.0) : json(nullptr);
}

}  // namespace
namespace {

std::string covered_text(const LayerRecord& layer, int municipality_count) {
    if (layer.default_count > 0) {
        return fmt::format("{} of {} published, {} by default", layer.published_count, municipality_count,
                           layer.default_count);
    }
    return fmt::format("{} of {}", layer.municipalities_covered, municipality_count);
}


}  // namespace

// "Divisions of 2025 (...)": the year shown, the other years and how to choose one, and the population's date.
std::string divisions_heading(const LayerOverview& overview) {
    std::vector<std::string> others;
    for (int year : overview.years_loaded) {
        if (year != overview.division_year) others.push_back(std::to_string(year));
    }
    std::string text = fmt::format("Divisions of {}", overview.division_year);
    if (!others.empty()) text += fmt::format(" (also in the store: {}; choose with --year)", fmt::join(others, ", "));
    text += overview.population_date.empty()
                ? fmt::format("; no population figures for {} (give your own: regiomap load --population {}=FILE)",
                              overview.division_year, overview.division_year)
                : fmt::format("; population on {}", overview.population_date);
    return text + ".";
}

std::string format_layers(const LayerOverview& overview, OutputFormat format, std::size_t findings_per_layer, bool wide) {
    const auto& layers = overview.layers;
    const int municipality_count = overview.municipality_count;
    if (format == OutputFormat::json) {
        json out = json::array();
        for (const auto& layer : layers) {
            out.push_back({{"division_year", overview.division_year}, {"id", layer.id}, {"title", layer.title},
                           {"year", layer.year},
                           {"given_as", layer.given_as}, {"regions", layer.region_count},
                           {"municipalities_covered", layer.municipalities_covered},
                           {"municipalities_published", layer.published_count},
                           {"municipalities_by_default", layer.default_count},
                           {"default_layer", layer.default_layer}, {"municipalities_total", municipality_count},
                           {"source", layer.source}, {"file", layer.file}, {"source_crs", layer.source_crs},
                           {"region_count_note", layer.region_count_note}});
        }
        return json_text(out);
    }
    if (format == OutputFormat::csv) {
        std::string text = csv_line({"division_year", "id", "title", "year", "given_as", "regions", "municipalities_covered",
                                     "municipalities_published", "municipalities_by_default", "municipalities_total",
                                     "source"});
        for (const auto& layer : layers) {
            text += csv_line({std::to_string(overview.division_year), layer.id, layer.title, std::to_string(layer.year),
                              layer.given_as,
                              std::to_string(layer.region_count), std::to_string(layer.municipalities_covered),
                              std::to_string(layer.published_count), std::to_string(layer.default_count),
                              std::to_string(municipality_count), layer.source});
        }
        return text;
    }
    std::vector<std::vector<std::string>> rows;
    std::string notes;
    // Sources repeat (CBS for every boundary layer) and are long: numbered under the table unless --wide.
    const std::vector<std::string> header{"id", "title", "year", "regions", "municipalities", "source"};
    std::vector<std::size_t> widths(header.size() - 1, 0);
    for (std::size_t i = 0; i + 1 < header.size(); ++i) widths[i] = display_width(header[i]);
    for (const auto& layer : layers) {
        for (const auto& [i, cell] : {std::pair<std::size_t, std::string>{0, layer.id}, {1, layer.title},
                                      {2, std::to_string(layer.year)}, {3, std::to_string(layer.region_count)},
                                      {4, covered_text(layer, municipality_count)}}) {
            widths[i] = std::max(widths[i], display_width(cell));
        }
    }
    std::size_t used = 2 * (header.size() - 1);
    for (auto w : widths) used += w;
    const std::size_t source_width = kTerminalWidth > used ? kTerminalWidth - used : 0;
    TableNotes sources(wide);
    auto note_line = [&](const std::string& line) { return wide ? line + "\n" : wrap_text(line, kTerminalWidth, 4); };
    for (const auto& layer : layers) {
        rows.push_back({layer.id, layer.title, std::to_string(layer.year), std::to_string(layer.region_count),
                        covered_text(layer, municipality_count), sources.refer(layer.source, source_width)});
        if (!layer.region_count_note.empty()) notes += note_line(fmt::format("  {}: {}", layer.id, layer.region_count_note));
        if (layer.given_as == "membership table") {
            std::string line = fmt::format("  {}: membership table {}; {} municipalities as published", layer.id,
                                           layer.file, layer.published_count);
            if (layer.default_count > 0) {
                line += fmt::format(", {} not published and shown in their {} region", layer.default_count,
                                    layer.default_layer);
            }
            notes += note_line(line + "; region shapes dissolved from municipalities");
        }
        if (layer.reprojected) notes += note_line(fmt::format("  {}: reprojected from {}", layer.id, layer.source_crs));
        const auto& findings = overview.findings.at(layer.id);
        const std::size_t shown = findings_per_layer == 0 ? findings.size() : std::min(findings.size(), findings_per_layer);
        for (std::size_t i = 0; i < shown; ++i) {
            notes += note_line(fmt::format("  {}: {}: {}", layer.id, to_string(findings[i].severity), findings[i].message));
        }
        if (shown < findings.size()) {
            notes += note_line(fmt::format("  {}: ... and {} more findings (all of them: regiomap layers --all-notes)",
                                           layer.id, findings.size() - shown));
        }
    }
    std::string text = wrap_text(divisions_heading(overview), kTerminalWidth) + "\n" +
                       format_text_table(header, rows, {false, false, false, true, false, false});
    if (!sources.empty()) text += "\n" + sources.format("Sources:");
    if (!notes.empty()) text += "\nNotes:\n" + notes;
    return text;
}

std::string format_memberships(const LayerRecord& layer, const std::vector<MembershipRow>& rows, OutputFormat format,
                               bool wide) {
    if (format == OutputFormat::csv) {
        std::string text = csv_line(
            {"municipality_code", "municipality_name", "region_code", "region_name", "overlap_share", "basis"});
        for (const auto& row : rows) {
            text += csv_line({row.municipality_code, row.municipality_name, row.region_code, row.region_name,
                              share_text(row.overlap_share), to_string(row.basis)});
        }
        return text;
    }
    if (format == OutputFormat::json) {
        json out = {{"layer", layer.id}, {"title", layer.title}, {"year", layer.year}, {"given_as", layer.given_as}};
        json list = json::array();
        for (const auto& row : rows) {
            list.push_back({{"municipality_code", row.municipality_code}, {"municipality_name", row.municipality_name},
                            {"region_code", row.region_code}, {"region_name", row.region_name},
                            {"overlap_share", share_json(row.overlap_share)}, {"basis", to_string(row.basis)},
                            {"note", row.note}});
        }
        out["memberships"] = list;
        return json_text(out);
    }
    std::vector<std::vector<std::string>> table;
    for (const auto& row : rows) {
        table.push_back({row.municipality_code, row.municipality_name, row.region_code, row.region_name,
                         share_text(row.overlap_share), to_string(row.basis)});
    }
    const FittedTable fitted =
        format_fitted_table({"code", "municipality", "region", "region name", "overlap", "basis"}, table,
                            {false, false, false, false, true, false}, {false, true, false, true, false, false},
                            wide ? 0 : kTerminalWidth);
    return fmt::format("{} ({}, {}): {} municipalities\n", layer.title, layer.id, layer.year, rows.size()) +
           fitted.text +
           (fitted.shortened ? "(names cut at \"~\" to fit 120 columns; --wide prints them whole)\n" : "");
}

std::string describe_default_region(const DefaultRegionFacts& facts) {
    const int count = static_cast<int>(facts.member_names.size());
    std::string which;
    if (facts.whole_origin) {
        which = fmt::format("all {} of them", count);
    } else {
        constexpr std::size_t kNamesShown = 8;
        std::vector<std::string> shown(facts.member_names.begin(),
                                       facts.member_names.begin() + std::min(facts.member_names.size(), kNamesShown));
        which = fmt::format("{} of its {}: {}{}", count, facts.origin_size, fmt::join(shown, ", "),
                            facts.member_names.size() > kNamesShown ? ", ..." : "");
    }
    return fmt::format("the municipalities of {} region {} {} that no published {} region lists ({})",
                       facts.default_layer, facts.origin_code, facts.origin_name, facts.layer_id, which);
}
std::string misses_message(const std::vector<NameSearch>& misses, const std::map<std::string, std::string>& province_of) {
    if (misses.size() == 1) return miss_message(misses.front(), province_of);
    std::string message = fmt::format("{} names not found:", misses.size());
    for (const auto& miss : misses) message += "\n  " + miss_message(miss, province_of);
    return message;
}

std::string format_lookup(const LookupView& view, OutputFormat format, bool wide) {
    const std::string& population_date = view.population_date;
    json out = json::array();
    std::string text;
    std::string csv = csv_line({"query", "municipality_code", "municipality_name", "share_of_named_place", "layer",
                                "region_code", "region_name", "overlap_share", "basis"});
    for (const auto& answer : view.answers) {
        const NameResolution& resolution = *answer.resolution;
        const std::string query = excerpt_for_message(resolution.query);
        const NameEntry& entry = *resolution.entry;
        const std::string how = resolution.how.empty() ? entry.explanation : entry.explanation + "; " + resolution.how;
        json found_item = {{"query", resolution.query}, {"matched", entry.name}, {"basis", how}};
        json targets = json::array();
        const std::string heading = fmt::format("{}: {} ({})", query, entry.name, how);
        text += wide ? heading + "\n" : wrap_text(heading, kTerminalWidth, 4);
        for (const auto& target : answer.targets) {
            const MunicipalityRow& municipality = target.municipality;
            json item = {{"municipality_code", municipality.code}, {"municipality_name", municipality.name},
                         {"share_of_named_place", target.share_of_named_place},
                         {"population", municipality.population ? json(*municipality.population) : json(nullptr)},
                         {"population_date", population_date}};
            text += fmt::format("  {} {}", municipality.code, municipality.name);
            if (answer.targets.size() > 1) {
                // Shares of a later year's name are of its area (crosswalk); of the merger list, of addresses;
                // carried forward through the crosswalk, of either.
                const bool carried = entry.explanation.find("from the boundaries") != std::string::npos;
                const std::string unit = entry.basis == NameBasis::later ? "the area of "
                                         : carried                       ? ""
                                                                         : "the addresses of ";
                text += fmt::format(" ({:.1f}% of {}{})", target.share_of_named_place * 100, unit, entry.name);
            }
            text += municipality.population
                        ? fmt::format(", population {} on {}\n", format_thousands(*municipality.population), population_date)
                        : population_date.empty() ? ", no population figures for this year\n"
                                                  : ", population unknown\n";
            std::vector<std::vector<std::string>> rows;
            std::vector<std::string> default_notes;
            json regions = json::array();
            for (const auto& [membership, default_region] : target.memberships) {
                std::string basis = to_string(membership.basis);
                if (membership.overlap_share) basis += fmt::format(" {}", share_text(membership.overlap_share));
                rows.push_back({membership.layer_id, membership.region_code, membership.region_name, basis});
                json region = {{"layer", membership.layer_id}, {"region_code", membership.region_code},
                               {"region_name", membership.region_name},
                               {"overlap_share", share_json(membership.overlap_share)},
                               {"basis", to_string(membership.basis)}, {"note", membership.note}};
                if (default_region) {
                    const std::string description = describe_default_region(*default_region);
                    region["default_region"] = "not published; " + description;
                    default_notes.push_back(
                        fmt::format("{} {}: not published; {}", membership.layer_id, membership.region_code, description));
                }
                regions.push_back(region);
                csv += csv_line({resolution.query, municipality.code, municipality.name,
                                 fmt::format("{:.4f}", target.share_of_named_place), membership.layer_id,
                                 membership.region_code, membership.region_name, share_text(membership.overlap_share),
                                 to_string(membership.basis)});
            }
            item["regions"] = regions;
            targets.push_back(item);
            // A year of municipal boundaries only (2016-2019) has no regions to list.
            const std::string table = rows.empty() ? std::string("(no region layers in this year)\n")
                                                   : format_text_table({"layer", "region", "region name", "basis"}, rows);
            for (std::size_t start = 0; start < table.size();) {
                std::size_t end = table.find('\n', start);
                text += "    " + table.substr(start, end - start + 1);
                start = end + 1;
            }
            for (const auto& note : default_notes) text += wrap_note(note, "    ", 120);
        }
        found_item["municipalities"] = targets;
        out.push_back(found_item);
    }
    if (format == OutputFormat::json) return json_text(out);
    if (format == OutputFormat::csv) return csv;
    return text;
}

}  // namespace regiomap
