// The adjacency summary (analysis/contiguity.hpp) as terminal text or JSON.
#pragma once

#include "analysis/contiguity.hpp"
#include "core/output.hpp"

#include <string>

namespace regiomap {

std::string format_adjacency(const Governance& governance, const AdjacencySummary& summary, OutputFormat format,
                             bool wide);

}  // namespace regiomap
