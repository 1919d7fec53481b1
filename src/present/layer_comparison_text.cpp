#include "present/layer_comparison_text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace regiomap {

namespace {

std::string municipalities_word(int count) { return count == 1 ? "municipality" : "municipalities"; }

// "GG2514 GGD Regio Utrecht (24 municipalities, population 1,288,776): Amersfoort, Baarn, ..." in at most
// `width` columns (0: no limit): names that do not fit are counted as "+N more".
std::string describe_part(const Governance& governance, const Division& over, const SplitPart& part,
                          std::size_t width) {
    const std::string lead = fmt::format("{} {} ({} {}, population {}): ", over.region_codes[part.region],
                                         over.region_names[part.region], part.municipalities,
                                         municipalities_word(part.municipalities), format_thousands(part.population));
    std::vector<std::string> names;
    for (int m : part.members) names.push_back(governance.names[m]);
    const std::size_t lead_width = display_width(lead);
    return lead + join_names_within(names, width == 0 ? 0 : (width > lead_width + 8 ? width - lead_width : 8));
}

nlohmann::json split_json(const Governance& governance, const Division& split, const Division& over,
                          const SplitRegion& entry) {
    nlohmann::json parts = nlohmann::json::array();
    for (const auto& part : entry.parts) {
        nlohmann::json members = nlohmann::json::array();
        for (int m : part.members) members.push_back({{"code", governance.codes[m]}, {"name", governance.names[m]}});
        parts.push_back({{"region_code", over.region_codes[part.region]},
                         {"region_name", over.region_names[part.region]},
                         {"municipality_count", part.municipalities},
                         {"population", part.population},
                         {"municipalities", members}});
    }
    return {{"split_layer", split.layer_id}, {"region_code", split.region_codes[entry.region]},
            {"region_name", split.region_names[entry.region]}, {"over_layer", over.layer_id}, {"parts", parts}};
}

}  // namespace

std::string format_layer_comparisons(const Governance& governance, const std::vector<std::string>& layer_ids,
                                     Weight weight, const std::vector<LayerComparison>& comparisons,
                                     OutputFormat format, bool wide) {
    std::vector<const Division*> layers;
    for (const auto& id : layer_ids) layers.push_back(&governance.division(id));
    auto find = [&](const std::string& a, const std::string& b) -> const LayerComparison* {
        for (const auto& comparison : comparisons) {
            if ((comparison.layer_a == a && comparison.layer_b == b) || (comparison.layer_a == b && comparison.layer_b == a)) {
                return &comparison;
            }
        }
        return nullptr;
    };

    if (format == OutputFormat::json) {
        nlohmann::json out = {{"weight", to_string(weight)},
                              {"published_only", governance.published_only},
                              {"pairs", nlohmann::json::array()}};
        for (const auto& comparison : comparisons) {
            const Division& a = governance.division(comparison.layer_a);
            const Division& b = governance.division(comparison.layer_b);
            nlohmann::json split_lines = nlohmann::json::array();
            for (const auto& entry : comparison.a_split_over_b) split_lines.push_back(split_json(governance, a, b, entry));
            for (const auto& entry : comparison.b_split_over_a) split_lines.push_back(split_json(governance, b, a, entry));
            out["pairs"].push_back({{"layer_a", comparison.layer_a}, {"layer_b", comparison.layer_b},
                                    {"adjusted_rand_index", comparison.adjusted_rand},
                                    {"normalized_variation_of_information", comparison.normalized_vi},
                                    {"share_of_a_regions_nested_in_b", comparison.nested_a_in_b},
                                    {"share_of_b_regions_nested_in_a", comparison.nested_b_in_a},
                                    {"a_regions_split", comparison.a_split_over_b.size()},
                                    {"b_regions_split", comparison.b_split_over_a.size()},
                                    {"municipalities_compared", comparison.municipalities_compared},
                                    {"rests_on_default_memberships", comparison.default_memberships},
                                    {"splits", split_lines}});
        }
        return json_text(out);
    }
    if (format == OutputFormat::csv) {
        // One row per part of a split region, the pair's measures repeated on each (a pair without
        // splits has one row with the split columns empty): a long table a spreadsheet filters.
        std::string text = csv_line({"layer_a", "layer_b", "weight", "adjusted_rand_index",
                                     "normalized_variation_of_information", "share_a_nested_in_b",
                                     "share_b_nested_in_a", "a_regions_split", "b_regions_split",
                                     "municipalities_compared", "rests_on_default_memberships", "split_layer",
                                     "split_region_code", "split_region_name", "part_region_code", "part_region_name",
                                     "part_municipality_count", "part_population", "part_municipality_codes",
                                     "part_municipality_names"});
        for (const auto& c : comparisons) {
            const std::vector<std::string> measures{
                c.layer_a, c.layer_b, to_string(weight), fmt::format("{:.4f}", c.adjusted_rand),
                fmt::format("{:.4f}", c.normalized_vi), fmt::format("{:.4f}", c.nested_a_in_b),
                fmt::format("{:.4f}", c.nested_b_in_a), std::to_string(c.a_split_over_b.size()),
                std::to_string(c.b_split_over_a.size()), std::to_string(c.municipalities_compared),
                std::to_string(c.default_memberships)};
            const Division& a = governance.division(c.layer_a);
            const Division& b = governance.division(c.layer_b);
            bool any_split = false;
            auto add_splits = [&](const Division& split, const Division& over, const std::vector<SplitRegion>& entries) {
                for (const auto& entry : entries) {
                    for (const auto& part : entry.parts) {
                        std::vector<std::string> codes, names;
                        for (int m : part.members) {
                            codes.push_back(governance.codes[m]);
                            names.push_back(governance.names[m]);
                        }
                        std::vector<std::string> row = measures;
                        for (std::string field :
                             {split.layer_id, split.region_codes[entry.region], split.region_names[entry.region],
                              over.region_codes[part.region], over.region_names[part.region],
                              std::to_string(part.municipalities), std::to_string(part.population),
                              fmt::format("{}", fmt::join(codes, "; ")), fmt::format("{}", fmt::join(names, "; "))}) {
                            row.push_back(std::move(field));
                        }
                        text += csv_line(row);
                        any_split = true;
                    }
                }
            };
            add_splits(a, b, c.a_split_over_b);
            add_splits(b, a, c.b_split_over_a);
            if (!any_split) {
                std::vector<std::string> row = measures;
                row.resize(measures.size() + 9);
                text += csv_line(row);
            }
        }
        return text;
    }

    std::string text = fmt::format("Layer comparison over {} municipalities, weighted by {}.\n", governance.codes.size(),
                                   to_string(weight));
    // Default memberships: what a pair with such a layer rests on, or what --published-only left out.
    if (governance.published_only) {
        for (const auto& [layer_id, count] : governance.left_out_defaults) {
            text += wrap_note(fmt::format("Published memberships only: {} default memberships of {} left out; a pair "
                                          "with {} compares only the municipalities it publishes.",
                                          count, layer_id, layer_id),
                              "", 120);
        }
    }
    for (const auto* layer : layers) {
        if (const int defaults = layer->default_membership_count(); defaults > 0) {
            text += wrap_note(fmt::format("{}: {} of {} memberships are not published but follow {}; every score with "
                                          "{} rests on them (--published-only leaves them out).",
                                          layer->layer_id, defaults, governance.codes.size(), layer->default_layer,
                                          layer->layer_id),
                              "", 120);
        }
    }
    auto matrix = [&](const std::string& title, auto value) {
        std::vector<std::vector<std::string>> rows;
        std::vector<std::string> header{title};
        for (const auto* layer : layers) header.push_back(layer->layer_id);
        for (const auto* row_layer : layers) {
            std::vector<std::string> row{row_layer->layer_id};
            for (const auto* column_layer : layers) {
                if (row_layer == column_layer) {
                    row.push_back("-");
                    continue;
                }
                const LayerComparison* c = find(row_layer->layer_id, column_layer->layer_id);
                row.push_back(value(*c, c->layer_a == row_layer->layer_id));
            }
            rows.push_back(row);
        }
        std::vector<bool> right(header.size(), true);
        right[0] = false;
        text += "\n" + format_text_table(header, rows, right);
    };
    matrix("adjusted Rand index (1 = identical)",
           [](const LayerComparison& c, bool) { return fmt::format("{:.3f}", c.adjusted_rand); });
    matrix("normalised VI (0 = identical)",
           [](const LayerComparison& c, bool) { return fmt::format("{:.3f}", c.normalized_vi); });
    matrix("row regions nested in one column region", [](const LayerComparison& c, bool row_is_a) {
        return fmt::format("{:.2f}", row_is_a ? c.nested_a_in_b : c.nested_b_in_a);
    });
    matrix("row regions split over column regions", [](const LayerComparison& c, bool row_is_a) {
        return std::to_string(row_is_a ? c.a_split_over_b.size() : c.b_split_over_a.size());
    });
    text += wide ? "\nSplit regions, with the municipalities in each part:\n"
                 : "\nSplit regions, with the municipalities in each part (\"+N more\": --wide names them all):\n";
    auto describe_splits = [&](const Division& split, const Division& over, const std::vector<SplitRegion>& entries) {
        for (const auto& entry : entries) {
            text += fmt::format("  {} {} {} is split over {} {} regions:\n", split.layer_id,
                                split.region_codes[entry.region], split.region_names[entry.region], entry.parts.size(),
                                over.layer_id);
            for (const auto& part : entry.parts) {
                text += "    " + describe_part(governance, over, part, wide ? 0 : kTerminalWidth - 4) + "\n";
            }
        }
    };
    for (const auto& comparison : comparisons) {
        const Division& a = governance.division(comparison.layer_a);
        const Division& b = governance.division(comparison.layer_b);
        describe_splits(a, b, comparison.a_split_over_b);
        describe_splits(b, a, comparison.b_split_over_a);
    }
    return text;
}

}  // namespace regiomap
