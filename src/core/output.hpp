// Writing results: CSV quoting and atomic file replacement, so a reader
// never sees a half-written output file or store.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace regiomap {

enum class OutputFormat { table, csv, json };

// One CSV field, quoted per RFC 4180 when it holds a comma, quote or line break.
std::string csv_field(std::string_view value);
std::string csv_line(const std::vector<std::string>& fields);

// A path in the same folder as `target`, unique to this process, for building
// a replacement before it is moved into place.
std::filesystem::path sibling_temporary_path(const std::filesystem::path& target);

// Writes `content` to a temporary sibling and renames it over `target`.
void write_file_atomically(const std::filesystem::path& target, std::string_view content);

// 17407585 -> "17,407,585".
std::string format_thousands(std::int64_t value);

// Fixed-width text table for terminals; numbers right-aligned by the caller's choice.
std::string format_text_table(const std::vector<std::string>& header,
                              const std::vector<std::vector<std::string>>& rows,
                              const std::vector<bool>& right_aligned = {});

}  // namespace regiomap
