#include "present/year_changes_text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

namespace regiomap {

namespace {

std::string region_label(const Division& division, int region) {
    return fmt::format("{} {}", division.region_codes[region], division.region_names[region]);
}

std::string region_list(const Division& division, const std::vector<int>& regions) {
    if (regions.empty()) return "-";
    std::vector<std::string> labels;
    for (int region : regions) labels.push_back(region_label(division, region));
    return fmt::format("{}", fmt::join(labels, ", "));
}

// "Z2 Zorg Twee (merged into Z1 Zorg Een)", "ZK33 ... (formed from ZK05 ..., ZK15 ...)": `own` is the
// division the records' regions belong to, `other` the division of their counterparts.
std::string region_change_list(const Division& own, const Division& other, const std::vector<RegionChangeRecord>& records,
                               RegionSide side) {
    std::vector<std::string> labels;
    for (const auto& record : records) {
        const std::string counterparts =
            record.counterparts.empty()
                ? std::string(side == RegionSide::removed ? "no municipality of the later year"
                                                          : "no municipality of the earlier year")
                : region_list(other, record.counterparts);
        labels.push_back(fmt::format("{} ({} {})", region_label(own, record.region),
                                     region_change_wording(record.change, side, Language::en), counterparts));
    }
    return fmt::format("{}", fmt::join(labels, "; "));
}

}  // namespace

std::string region_change_wording(RegionFate change, RegionSide side, Language language) {
    const bool removed = side == RegionSide::removed;
    switch (change) {
        case RegionFate::split:
            return removed ? in_language(language, "verdeeld over", "split over")
                           : in_language(language, "afgesplitst van", "split off");
        case RegionFate::merged:
            return removed ? in_language(language, "opgegaan in", "merged into")
                           : in_language(language, "gevormd uit", "formed from");
        case RegionFate::recoded: break;
    }
    return removed ? in_language(language, "nu", "now") : in_language(language, "voorheen", "formerly");
}

std::string to_string(RegionFate change) {
    switch (change) {
        case RegionFate::recoded: return "recoded";
        case RegionFate::merged: return "merged";
        case RegionFate::split: return "split";
    }
    return "recoded";
}

std::string format_year_changes(const Governance& before, const Governance& after, const YearChanges& changes,
                                OutputFormat format) {
    const int from = changes.from_year, to = changes.to_year;
    if (format == OutputFormat::csv) {
        std::string text = csv_line({"layer", "municipality_code", "municipality_name", "predecessor_code",
                                     "predecessor_name", fmt::format("region_{}", from), fmt::format("region_{}", to)});
        for (const auto& layer : changes.layers) {
            if (!layer.in_both) continue;
            const Division& earlier = before.division(layer.layer_id);
            const Division& later = after.division(layer.layer_id);
            for (const auto& move : layer.moves) {
                text += csv_line({layer.layer_id, after.codes[move.municipality], after.names[move.municipality],
                                  before.codes[move.predecessor], before.names[move.predecessor],
                                  earlier.region_codes[move.region_before], later.region_codes[move.region_after]});
            }
        }
        return text;
    }
    auto delta_json = [&](const CongruenceDelta& delta) {
        return nlohmann::json{{"municipality_code", after.codes[delta.municipality]},
                              {"municipality_name", after.names[delta.municipality]},
                              {"predecessor_code", before.codes[delta.predecessor]},
                              {"congruence_before", delta.before},
                              {"congruence_after", delta.after}};
    };
    if (format == OutputFormat::json) {
        nlohmann::json layers = nlohmann::json::array();
        for (const auto& layer : changes.layers) {
            nlohmann::json item{{"layer", layer.layer_id}, {"in_both_years", layer.in_both},
                                {"regions_before", layer.regions_before}, {"regions_after", layer.regions_after}};
            if (layer.in_both) {
                const Division& earlier = before.division(layer.layer_id);
                const Division& later = after.division(layer.layer_id);
                nlohmann::json moves = nlohmann::json::array();
                for (const auto& move : layer.moves) {
                    moves.push_back({{"municipality_code", after.codes[move.municipality]},
                                     {"municipality_name", after.names[move.municipality]},
                                     {"predecessor_code", before.codes[move.predecessor]},
                                     {"region_before", earlier.region_codes[move.region_before]},
                                     {"region_after", later.region_codes[move.region_after]}});
                }
                auto records_json = [](const std::vector<RegionChangeRecord>& records, const Division& own,
                                       const Division& other, const char* counterparts) {
                    nlohmann::json list = nlohmann::json::array();
                    for (const auto& record : records) {
                        nlohmann::json codes = nlohmann::json::array();
                        for (int region : record.counterparts) codes.push_back(other.region_codes[region]);
                        list.push_back({{"region_code", own.region_codes[record.region]},
                                        {"region_name", own.region_names[record.region]},
                                        {"change", to_string(record.change)},
                                        {counterparts, codes}});
                    }
                    return list;
                };
                const nlohmann::json created = records_json(layer.regions_created, later, earlier, "from_regions");
                const nlohmann::json removed = records_json(layer.regions_removed, earlier, later, "into_regions");
                item["moves"] = moves;
                item["regions_created"] = created;
                item["regions_removed"] = removed;
            }
            layers.push_back(item);
        }
        nlohmann::json improved = nlohmann::json::array(), worsened = nlohmann::json::array();
        for (const auto& delta : changes.most_improved) improved.push_back(delta_json(delta));
        for (const auto& delta : changes.most_worsened) worsened.push_back(delta_json(delta));
        return json_text({{"from_year", from},
                          {"to_year", to},
                          {"crosswalk", "derived from the boundaries"},
                          {"scored_layers", changes.scored_layers},
                          {"layers", layers},
                          {"mean_congruence_before", changes.mean_congruence_before},
                          {"mean_congruence_after", changes.mean_congruence_after},
                          {"fully_congruent_before", changes.fully_congruent_before},
                          {"fully_congruent_after", changes.fully_congruent_after},
                          {"most_improved", improved},
                          {"most_worsened", worsened}});
    }
    std::string text = wrap_text(
        fmt::format("Changes {} -> {}: every {} municipality compared with the region its predecessor with the largest "
                    "share of its area was in, through the crosswalk derived from the boundaries (regiomap "
                    "crosswalk --from {} --to {}).",
                    from, to, to, from, to),
        kTerminalWidth);
    std::vector<std::vector<std::string>> rows;
    for (const auto& layer : changes.layers) {
        if (!layer.in_both) {
            rows.push_back({layer.layer_id, "-", std::to_string(layer.regions_after), fmt::format("not loaded in {}", from),
                            "", ""});
            continue;
        }
        rows.push_back({layer.layer_id, std::to_string(layer.regions_before), std::to_string(layer.regions_after),
                        std::to_string(layer.moves.size()),
                        std::to_string(layer.regions_created.size()), std::to_string(layer.regions_removed.size())});
    }
    text += "\n" + format_text_table({"layer", fmt::format("regions {}", from), fmt::format("regions {}", to),
                                      "in another region", "created", "removed"},
                                     rows, {false, true, true, true, true, true});
    for (const auto& layer : changes.layers) {
        if (!layer.in_both || (layer.moves.empty() && layer.regions_created.empty() && layer.regions_removed.empty())) {
            continue;
        }
        const Division& earlier = before.division(layer.layer_id);
        const Division& later = after.division(layer.layer_id);
        text += fmt::format("\n{}:\n", layer.layer_id);
        if (!layer.regions_created.empty()) {
            text += wrap_text(fmt::format("  created: {}", region_change_list(later, earlier, layer.regions_created, RegionSide::created)),
                              kTerminalWidth, 4);
        }
        if (!layer.regions_removed.empty()) {
            text += wrap_text(fmt::format("  removed: {}", region_change_list(earlier, later, layer.regions_removed, RegionSide::removed)),
                              kTerminalWidth, 4);
        }
        for (const auto& move : layer.moves) {
            // The predecessor named only where it is another municipality (a merger).
            const std::string was = before.names[move.predecessor] == after.names[move.municipality]
                                        ? std::string()
                                        : fmt::format(" ({} in {})", before.names[move.predecessor], from);
            text += wrap_text(fmt::format("  {}{}: {} -> {}", after.names[move.municipality], was,
                                          region_label(earlier, move.region_before),
                                          region_label(later, move.region_after)),
                              kTerminalWidth, 4);
        }
    }
    text += "\n" + wrap_text(fmt::format("Incongruence over {}: mean C {:.3f} in {}, {:.3f} in {}; fully congruent "
                                         "(C = 1, T = 1) {} of {} in {}, {} of {} in {}.",
                                         fmt::join(changes.scored_layers, ", "), changes.mean_congruence_before, from,
                                         changes.mean_congruence_after, to, changes.fully_congruent_before,
                                         before.codes.size(), from, changes.fully_congruent_after, after.codes.size(),
                                         to),
                             kTerminalWidth);
    auto list = [&](const char* title, const std::vector<CongruenceDelta>& deltas) {
        if (deltas.empty()) return fmt::format("{}: none.\n", title);
        std::vector<std::vector<std::string>> lines;
        for (const auto& delta : deltas) {
            lines.push_back({after.names[delta.municipality], before.names[delta.predecessor],
                             fmt::format("{:.3f}", delta.before), fmt::format("{:.3f}", delta.after),
                             fmt::format("{:+.3f}", delta.after - delta.before)});
        }
        return fmt::format("{}:\n", title) +
               indent_lines(format_text_table({fmt::format("municipality {}", to), fmt::format("predecessor {}", from),
                                               fmt::format("C {}", from), fmt::format("C {}", to), "change"},
                                              lines, {false, false, true, true, true}),
                            "  ");
    };
    text += "\n" + list("Most improved", changes.most_improved);
    text += "\n" + list("Most worsened", changes.most_worsened);
    return text;
}

}  // namespace regiomap
