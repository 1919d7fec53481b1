#include "present/crosswalk_text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace regiomap {

std::string to_string(MunicipalChange change) {
    switch (change) {
        case MunicipalChange::unchanged: return "unchanged";
        case MunicipalChange::renamed: return "renamed";
        case MunicipalChange::merged: return "merged";
        case MunicipalChange::absorbed: return "absorbed";
        case MunicipalChange::absorbing: return "absorbing";
        case MunicipalChange::split: return "split";
        case MunicipalChange::boundary_correction: return "boundary correction";
    }
    return "unchanged";
}

std::string to_string(LinkRole role) {
    switch (role) {
        case LinkRole::continuation: return "continuation";
        case LinkRole::whole: return "whole";
        case LinkRole::split_part: return "split part";
        case LinkRole::correction: return "correction";
    }
    return "continuation";
}

namespace {

std::string share(double value) { return fmt::format("{:.3f}", value); }

std::string basis_line(const Crosswalk& crosswalk) {
    return fmt::format(
        "Crosswalk {} -> {}, derived from the municipal boundaries of both years by overlap of area (not an official "
        "list). A part smaller than {:.1f} km2 or {:.0f}% of the municipality is taken as a difference between the two "
        "drawings, not a change ({} such slivers left out; the largest {:.1f} km2).",
        crosswalk.from_year, crosswalk.to_year, crosswalk.thresholds.min_part_area / 1e6,
        crosswalk.thresholds.min_part_share * 100, crosswalk.slivers_left_out, crosswalk.largest_sliver_area / 1e6);
}

}  // namespace

std::string format_crosswalk(const Crosswalk& crosswalk, OutputFormat format, bool all) {
    if (format == OutputFormat::csv) {
        std::string text = csv_line({"from_year", "from_code", "from_name", "change", "to_year", "to_code", "to_name",
                                     "role", "share_of_from_area", "share_of_to_area", "area_km2"});
        for (const auto& municipality : crosswalk.from) {
            for (std::size_t index : municipality.links) {
                const CrosswalkLink& link = crosswalk.links[index];
                text += csv_line({std::to_string(crosswalk.from_year), link.from_code, link.from_name,
                                  to_string(municipality.change), std::to_string(crosswalk.to_year), link.to_code,
                                  link.to_name, to_string(link.role), fmt::format("{:.4f}", link.share_of_from),
                                  fmt::format("{:.4f}", link.share_of_to), fmt::format("{:.3f}", link.area / 1e6)});
            }
        }
        return text;
    }
    if (format == OutputFormat::json) {
        nlohmann::json municipalities = nlohmann::json::array();
        for (const auto& municipality : crosswalk.from) {
            nlohmann::json successors = nlohmann::json::array();
            for (std::size_t index : municipality.links) {
                const CrosswalkLink& link = crosswalk.links[index];
                successors.push_back({{"code", link.to_code}, {"name", link.to_name}, {"role", to_string(link.role)},
                                      {"share_of_from_area", link.share_of_from}, {"share_of_to_area", link.share_of_to},
                                      {"area_km2", link.area / 1e6}});
            }
            municipalities.push_back({{"code", municipality.code}, {"name", municipality.name},
                                      {"change", to_string(municipality.change)}, {"successors", successors}});
        }
        return json_text({{"from_year", crosswalk.from_year},
                          {"to_year", crosswalk.to_year},
                          {"derived_from", "boundaries"},
                          {"min_part_area_km2", crosswalk.thresholds.min_part_area / 1e6},
                          {"min_part_share", crosswalk.thresholds.min_part_share},
                          {"slivers_left_out", crosswalk.slivers_left_out},
                          {"municipalities", municipalities}});
    }
    std::vector<std::vector<std::string>> rows;
    std::size_t changed = 0;
    for (const auto& municipality : crosswalk.from) {
        const bool shown = all || municipality.change != MunicipalChange::unchanged;
        if (municipality.change != MunicipalChange::unchanged) ++changed;
        if (!shown) continue;
        bool first = true;
        for (std::size_t index : municipality.links) {
            const CrosswalkLink& link = crosswalk.links[index];
            rows.push_back({first ? link.from_code : "", first ? link.from_name : "",
                            first ? to_string(municipality.change) : "", link.to_code, link.to_name,
                            share(link.share_of_from), share(link.share_of_to)});
            first = false;
        }
    }
    std::string text = wrap_text(basis_line(crosswalk), kTerminalWidth) + "\n";
    text += fmt::format("{} municipalities in {}, {} in {}; {} of {} changed{}.\n", crosswalk.from.size(),
                        crosswalk.from_year, crosswalk.to.size(), crosswalk.to_year, changed, crosswalk.from_year,
                        all ? "" : " (shown; every municipality: --all)");
    text += wrap_text("of old: the share of the old municipality's area lying in the new one; of new: the share of "
                      "the new one's area that came from it.",
                      kTerminalWidth) +
            "\n";
    text += format_text_table({"code", fmt::format("{} municipality", crosswalk.from_year), "change", "code",
                               fmt::format("{} municipality", crosswalk.to_year), "of old", "of new"},
                              rows, {false, false, false, false, false, true, true});
    return text;
}

}  // namespace regiomap
