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
// Costs |a| x |b|: callers cap what they compare (kMaxComparedNameLength).
std::size_t edit_distance(std::string_view a, std::string_view b);

// Place names are shorter than this (the longest Dutch municipality name has 29
// characters); a query is cut to it before any distance is computed, so a
// megabyte of text costs no more than a long name.
inline constexpr std::size_t kMaxComparedNameLength = 100;

// User text as a message quotes it: unchanged up to `limit` bytes, else its
// first `limit` bytes (never cutting a UTF-8 character) and "... (N characters)".
std::string excerpt_for_message(std::string_view text, std::size_t limit = 80);

}  // namespace regiomap
