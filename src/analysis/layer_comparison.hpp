// How two region divisions relate, from the contingency table of memberships:
// adjusted Rand index, normalised variation of information, nesting and
// split regions. Definitions and worked examples: docs/METRICS.md.
#pragma once

#include "analysis/governance.hpp"
#include "core/output.hpp"

#include <string>
#include <vector>

namespace regiomap {

enum class Weight { count, population, area };
std::string to_string(Weight weight);

// Weighted items in two partitions: labels_a[i], labels_b[i] in [0, regions).
struct PartitionPair {
    std::vector<int> labels_a;
    std::vector<int> labels_b;
    std::vector<double> weights;  // all 1 for counts
    int regions_a = 0;
    int regions_b = 0;
};

// Adjusted Rand index with pairs of distinct items weighted by the product of
// their weights (for unit weights: the Hubert-Arabie ARI). 1 for identical partitions.
double adjusted_rand_index(const PartitionPair& pair);
// Variation of information H(A|B) + H(B|A) (natural log) divided by the joint
// entropy H(A,B): 0 for identical partitions, 1 for independent ones.
double normalized_variation_of_information(const PartitionPair& pair);

struct SplitPart {
    int region = 0;  // region of the other layer
    int municipalities = 0;
    std::int64_t population = 0;
    std::vector<int> members;  // the municipalities in this part (indices), by name
};

struct SplitRegion {
    int region = 0;  // region of the layer that is split
    std::vector<SplitPart> parts;  // largest population first
};

struct LayerComparison {
    std::string layer_a;
    std::string layer_b;
    double adjusted_rand = 0;
    double normalized_vi = 0;
    double nested_a_in_b = 0;  // share of A's regions lying wholly inside one region of B
    double nested_b_in_a = 0;
    std::vector<SplitRegion> a_split_over_b;
    std::vector<SplitRegion> b_split_over_a;
    int municipalities_compared = 0;  // those with a region in both layers
    int default_memberships = 0;      // of those, how many are in a or b on a default basis (not published)
};

// Only municipalities with a region in both layers take part.
LayerComparison compare_layers(const Governance& governance, const Division& a, const Division& b, Weight weight);

// Every pair of `layer_ids` once: (first, second), (first, third), ..., (second, third), ...
std::vector<LayerComparison> compare_all_layers(const Governance& governance, const std::vector<std::string>& layer_ids,
                                                Weight weight);

}  // namespace regiomap
