// What `regiomap region` (and `lookup` of a region code) prints or writes.
#pragma once

#include "analysis/region_view.hpp"
#include "core/output.hpp"

#include <string>

namespace regiomap {

// Table: fits kTerminalWidth (municipality lists end in "+N more", long bases are
// numbered notes) unless `wide`. CSV: one row per municipality with its region in
// every other division and its insurers. JSON: the view's fields.
std::string format_region_view(const Governance& governance, const RegionView& view, OutputFormat format,
                               bool wide = false);

}  // namespace regiomap
