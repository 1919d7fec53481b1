#include "analysis/layer_comparison.hpp"

#include "core/error.hpp"
#include "core/output.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>

namespace regiomap {

std::string to_string(Weight weight) {
    switch (weight) {
        case Weight::count: return "count";
        case Weight::population: return "population";
        case Weight::area: return "area";
    }
    return "count";
}

namespace {

struct Contingency {
    std::map<std::pair<int, int>, double> cells;         // weight per (a, b)
    std::map<std::pair<int, int>, double> cell_squares;  // sum of squared item weights per cell
    std::vector<double> rows, columns, row_squares, column_squares;
    double total = 0, total_squares = 0;
};

Contingency tabulate(const PartitionPair& pair) {
    Contingency table;
    table.rows.assign(static_cast<std::size_t>(pair.regions_a), 0);
    table.row_squares.assign(static_cast<std::size_t>(pair.regions_a), 0);
    table.columns.assign(static_cast<std::size_t>(pair.regions_b), 0);
    table.column_squares.assign(static_cast<std::size_t>(pair.regions_b), 0);
    for (std::size_t i = 0; i < pair.labels_a.size(); ++i) {
        const int a = pair.labels_a[i], b = pair.labels_b[i];
        const double w = pair.weights[i];
        table.cells[{a, b}] += w;
        table.cell_squares[{a, b}] += w * w;
        table.rows[a] += w;
        table.row_squares[a] += w * w;
        table.columns[b] += w;
        table.column_squares[b] += w * w;
        table.total += w;
        table.total_squares += w * w;
    }
    return table;
}

// Weight of the pairs of distinct items inside a group: ((sum w)^2 - sum w^2) / 2.
double pair_weight(double sum, double sum_of_squares) { return (sum * sum - sum_of_squares) / 2.0; }

double entropy_term(double part, double total) { return part > 0 ? -(part / total) * std::log(part / total) : 0.0; }

}  // namespace

double adjusted_rand_index(const PartitionPair& pair) {
    const Contingency table = tabulate(pair);
    double index = 0, sum_rows = 0, sum_columns = 0;
    for (const auto& [cell, weight] : table.cells) index += pair_weight(weight, table.cell_squares.at(cell));
    for (std::size_t a = 0; a < table.rows.size(); ++a) sum_rows += pair_weight(table.rows[a], table.row_squares[a]);
    for (std::size_t b = 0; b < table.columns.size(); ++b) {
        sum_columns += pair_weight(table.columns[b], table.column_squares[b]);
    }
    const double all_pairs = pair_weight(table.total, table.total_squares);
    if (all_pairs <= 0) return 1.0;
    const double expected = sum_rows * sum_columns / all_pairs;
    const double maximum = (sum_rows + sum_columns) / 2.0;
    if (maximum == expected) return 1.0;  // both partitions trivial (one region, or all singletons) and equal
    return (index - expected) / (maximum - expected);
}

double normalized_variation_of_information(const PartitionPair& pair) {
    const Contingency table = tabulate(pair);
    double h_a = 0, h_b = 0, h_ab = 0;
    for (double row : table.rows) h_a += entropy_term(row, table.total);
    for (double column : table.columns) h_b += entropy_term(column, table.total);
    for (const auto& [cell, weight] : table.cells) h_ab += entropy_term(weight, table.total);
    if (h_ab <= 0) return 0.0;
    return (2 * h_ab - h_a - h_b) / h_ab;
}

namespace {

std::vector<SplitRegion> splits(const Governance& governance, const Division& split, const Division& over) {
    std::vector<SplitRegion> result;
    for (std::size_t region = 0; region < split.members.size(); ++region) {
        std::map<int, SplitPart> parts;
        for (int municipality : split.members[region]) {
            const int other = over.region_of[municipality];
            if (other < 0) continue;
            auto& part = parts[other];
            part.region = other;
            ++part.municipalities;
            part.population += governance.population_of(municipality);
            part.members.push_back(municipality);
        }
        if (parts.size() < 2) continue;
        SplitRegion entry{static_cast<int>(region), {}};
        for (auto& [other, part] : parts) {
            std::stable_sort(part.members.begin(), part.members.end(), [&](int x, int y) {
                return governance.names[x] < governance.names[y];
            });
            entry.parts.push_back(std::move(part));
        }
        std::sort(entry.parts.begin(), entry.parts.end(), [](const SplitPart& x, const SplitPart& y) {
            return x.population != y.population ? x.population > y.population : x.region < y.region;
        });
        result.push_back(std::move(entry));
    }
    return result;
}

double nested_share(const Division& inner, const std::vector<SplitRegion>& split) {
    int non_empty = 0;
    for (const auto& members : inner.members) non_empty += members.empty() ? 0 : 1;
    return non_empty == 0 ? 0.0 : double(non_empty - static_cast<int>(split.size())) / non_empty;
}

}  // namespace

LayerComparison compare_layers(const Governance& governance, const Division& a, const Division& b, Weight weight) {
    PartitionPair pair;
    pair.regions_a = static_cast<int>(a.region_codes.size());
    pair.regions_b = static_cast<int>(b.region_codes.size());
    for (std::size_t m = 0; m < governance.codes.size(); ++m) {
        if (a.region_of[m] < 0 || b.region_of[m] < 0) continue;
        pair.labels_a.push_back(a.region_of[m]);
        pair.labels_b.push_back(b.region_of[m]);
        switch (weight) {
            case Weight::count: pair.weights.push_back(1.0); break;
            case Weight::population: pair.weights.push_back(static_cast<double>(governance.population_of(static_cast<int>(m)))); break;
            case Weight::area: pair.weights.push_back(governance.area_m2[m] / 1e6); break;
        }
    }
    LayerComparison comparison;
    for (std::size_t m = 0; m < governance.codes.size(); ++m) {
        if (a.region_of[m] < 0 || b.region_of[m] < 0) continue;
        ++comparison.municipalities_compared;
        const bool by_default =
            a.basis[m] == MembershipBasis::layer_default || b.basis[m] == MembershipBasis::layer_default;
        comparison.default_memberships += by_default ? 1 : 0;
    }
    comparison.layer_a = a.layer_id;
    comparison.layer_b = b.layer_id;
    comparison.adjusted_rand = adjusted_rand_index(pair);
    comparison.normalized_vi = normalized_variation_of_information(pair);
    comparison.a_split_over_b = splits(governance, a, b);
    comparison.b_split_over_a = splits(governance, b, a);
    comparison.nested_a_in_b = nested_share(a, comparison.a_split_over_b);
    comparison.nested_b_in_a = nested_share(b, comparison.b_split_over_a);
    return comparison;
}

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
                                     Weight weight, OutputFormat format, bool wide) {
    std::vector<const Division*> layers;
    for (const auto& id : layer_ids) layers.push_back(&governance.division(id));
    std::vector<LayerComparison> comparisons;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        for (std::size_t j = i + 1; j < layers.size(); ++j) {
            comparisons.push_back(compare_layers(governance, *layers[i], *layers[j], weight));
        }
    }
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
