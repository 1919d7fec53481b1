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

std::vector<LayerComparison> compare_all_layers(const Governance& governance, const std::vector<std::string>& layer_ids,
                                                Weight weight) {
    std::vector<const Division*> layers;
    for (const auto& id : layer_ids) layers.push_back(&governance.division(id));
    std::vector<LayerComparison> comparisons;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        for (std::size_t j = i + 1; j < layers.size(); ++j) {
            comparisons.push_back(compare_layers(governance, *layers[i], *layers[j], weight));
        }
    }
    return comparisons;
}

}  // namespace regiomap
