// What `regiomap compare-layers` prints or writes.
#pragma once

#include "analysis/layer_comparison.hpp"
#include "core/output.hpp"

#include <string>
#include <vector>

namespace regiomap {


// The comparisons of compare_all_layers(governance, layer_ids, weight). The text fits kTerminalWidth: a split part
// names its municipalities up to the width and then "+N more"; `wide` names them all.
// JSON and CSV carry each split as fields (parts with their municipalities).
std::string format_layer_comparisons(const Governance& governance, const std::vector<std::string>& layer_ids,
                                     Weight weight, const std::vector<LayerComparison>& comparisons,
                                     OutputFormat format, bool wide = false);

}  // namespace regiomap
