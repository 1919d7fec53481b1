// `regiomap crosswalk`: the crosswalk between two years as a table, CSV or JSON.
#pragma once

#include "core/output.hpp"
#include "history/crosswalk.hpp"

#include <string>

namespace regiomap {

std::string to_string(MunicipalChange change);
std::string to_string(LinkRole role);

// Every municipality that changed (with `all`, every municipality), each with its successors
// and both shares; CSV and JSON always carry every link.
std::string format_crosswalk(const Crosswalk& crosswalk, OutputFormat format, bool all);

}  // namespace regiomap
