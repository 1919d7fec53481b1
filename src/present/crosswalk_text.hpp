// `regiomap crosswalk`: the crosswalk between two years as a table, CSV or JSON.
#pragma once

#include "core/output.hpp"
#include "history/crosswalk.hpp"

#include <string>

namespace regiomap {

std::string to_string(MunicipalChange change);
std::string to_string(LinkRole role);

// The published merger list rows of the crosswalk's years, checked against it, to show beside it.
struct PublishedComparison {
    std::string source;               // the list's file, as the manifest names it
    CrosswalkComparison comparison;   // its rows between the two years, each checked
};

// Every municipality that changed (with `all`, every municipality), each with its successors
// and both shares; CSV and JSON always carry every link. With a published list that has rows for
// these years, each link the list names also carries the list's share of the old municipality's
// addresses, and the text says how many of its rows the boundaries reproduce.
std::string format_crosswalk(const Crosswalk& crosswalk, OutputFormat format, bool all,
                             const PublishedComparison* published = nullptr, bool wide = false);

}  // namespace regiomap
