#include "present/crosswalk_text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <optional>

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

// The list's share of the old municipality's addresses going to the new one, when the list names the link.
std::optional<double> address_share(const PublishedComparison* published, const CrosswalkLink& link) {
    if (!published) return std::nullopt;
    for (const auto& row : published->comparison.rows) {
        if (row.published.old_code == link.from_code && row.published.new_code == link.to_code) {
            return row.published.address_share;
        }
    }
    return std::nullopt;
}

}  // namespace

std::string format_crosswalk(const Crosswalk& crosswalk, OutputFormat format, bool all,
                             const PublishedComparison* published, bool wide) {
    if (published && published->comparison.rows.empty()) published = nullptr;
    if (format == OutputFormat::csv) {
        std::string text = csv_line({"from_year", "from_code", "from_name", "change", "to_year", "to_code", "to_name",
                                     "role", "share_of_from_area", "share_of_to_area", "area_km2",
                                     "published_address_share"});
        for (const auto& municipality : crosswalk.from) {
            for (std::size_t index : municipality.links) {
                const CrosswalkLink& link = crosswalk.links[index];
                text += csv_line({std::to_string(crosswalk.from_year), link.from_code, link.from_name,
                                  to_string(municipality.change), std::to_string(crosswalk.to_year), link.to_code,
                                  link.to_name, to_string(link.role), fmt::format("{:.4f}", link.share_of_from),
                                  fmt::format("{:.4f}", link.share_of_to), fmt::format("{:.3f}", link.area / 1e6),
                                  [&] {
                                      const auto addresses = address_share(published, link);
                                      return addresses ? fmt::format("{:.4f}", *addresses) : std::string();
                                  }()});
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
                if (const auto addresses = address_share(published, link)) {
                    successors.back()["published_address_share"] = *addresses;
                }
            }
            municipalities.push_back({{"code", municipality.code}, {"name", municipality.name},
                                      {"change", to_string(municipality.change)}, {"successors", successors}});
        }
        nlohmann::json list = nullptr;
        if (published) {
            list = {{"source", published->source},
                    {"rows", published->comparison.rows.size()},
                    {"rows_reproduced", published->comparison.reproduced_count()}};
        }
        return json_text({{"from_year", crosswalk.from_year},
                          {"to_year", crosswalk.to_year},
                          {"derived_from", "boundaries"},
                          {"published_list", list},
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
            std::vector<std::string> row{first ? link.from_code : "", first ? link.from_name : "",
                                         first ? to_string(municipality.change) : "", link.to_code, link.to_name,
                                         share(link.share_of_from), share(link.share_of_to)};
            if (published) {
                const auto addresses = address_share(published, link);
                row.push_back(addresses ? share(*addresses) : "");
            }
            rows.push_back(std::move(row));
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
    std::vector<std::string> headings{"code", fmt::format("{} municipality", crosswalk.from_year), "change", "code",
                                      fmt::format("{} municipality", crosswalk.to_year), "of old", "of new"};
    std::vector<bool> right{false, false, false, false, false, true, true};
    if (published) {
        const auto& comparison = published->comparison;
        std::vector<std::string> unlisted;
        for (std::size_t index : comparison.unlisted_changes) {
            unlisted.push_back(fmt::format("{} ({})", crosswalk.from[index].name, to_string(crosswalk.from[index].change)));
        }
        std::string line = fmt::format(
            "Published merger list {}: {} rows for {}-{}, {} of them reproduced by the boundaries{}. addr.: the "
            "list's share of the old municipality's addresses going to the new one.",
            published->source, comparison.rows.size(), crosswalk.from_year, crosswalk.to_year,
            comparison.reproduced_count(),
            unlisted.empty() ? ""
                             : fmt::format("; derived here but not in the list: {}", fmt::join(unlisted, ", ")));
        text += wrap_text(line, kTerminalWidth) + "\n";
        headings.push_back("addr.");
        right.push_back(true);
    }
    // The two name columns give way first; --wide prints them whole.
    std::vector<bool> shrinkable(headings.size(), false);
    shrinkable[1] = shrinkable[4] = true;
    const FittedTable fitted = format_fitted_table(headings, rows, right, shrinkable, wide ? 0 : kTerminalWidth);
    text += fitted.text;
    if (fitted.shortened) text += "(names cut at \"~\" to fit 120 columns; --wide prints them whole)\n";
    return text;
}

}  // namespace regiomap
