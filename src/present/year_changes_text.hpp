// `regiomap changes`: how the divisions changed between two years, as a table, CSV or JSON.
#pragma once

#include "core/language.hpp"
#include "core/output.hpp"
#include "history/division_changes.hpp"

#include <string>

namespace regiomap {

std::string to_string(RegionFate change);  // "recoded", "merged", "split"

enum class RegionSide { created, removed };
// What became of a removed region ("merged into") or where a created one came from ("formed from"),
// in the language asked for; the counterparts' names follow it.
std::string region_change_wording(RegionFate change, RegionSide side, Language language);

std::string format_year_changes(const Governance& before, const Governance& after, const YearChanges& changes,
                                OutputFormat format);

}  // namespace regiomap
