// `regiomap changes`: how the divisions changed between two years, as a table, CSV or JSON.
#pragma once

#include "core/output.hpp"
#include "history/division_changes.hpp"

#include <string>

namespace regiomap {

std::string to_string(RegionFate change);  // "recoded", "merged", "split"

std::string format_year_changes(const Governance& before, const Governance& after, const YearChanges& changes,
                                OutputFormat format);

}  // namespace regiomap
