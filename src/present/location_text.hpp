// How a part of an initiative's location was matched, in words, from the fields the
// location resolver returns. The one place these sentences are worded: the initiatives
// text, CSV and JSON use it.
#pragma once

#include "initiatives/location_resolver.hpp"

#include <string>

namespace regiomap {

// e.g. "Den Bosch ('s-Hertogenbosch, informal name ...)", "group Drechtsteden (6 municipalities;
// source: ...)", "ggd region GG11 Twente (14 municipalities)", "22 of the 24 municipalities of
// province PV21 Fryslân as published; ...", or why nothing matched.
std::string part_match_text(const ResolvedPart& part);

// The match as JSON writes it: nothing, no_location, listed, municipality, alias, region,
// counted_province, whole_province or geometry.
std::string part_match_kind_text(PartMatch match);

}  // namespace regiomap
