// Matching of place names as people write them: case, accents, punctuation
// and spacing do not count ("Súdwest-Fryslân" == "sudwest fryslan",
// "Bergen (NH.)" == "Bergen NH", "'s-Hertogenbosch" == "s Hertogenbosch").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace regiomap {

// Lower-case ASCII letters and digits separated by single spaces.
// Latin-1 accented letters fold to their base letter; every other
// non-alphanumeric character separates words.
std::string normalize_name(std::string_view name);

// The items of a list as people write them: split at any of the separator
// characters, spaces trimmed, empty items dropped ("CZ; VGZ" -> "CZ", "VGZ").
std::vector<std::string> split_written_list(std::string_view text, std::string_view separators);

// Levenshtein distance in bytes, for "did you mean" suggestions on normalised names.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace regiomap
