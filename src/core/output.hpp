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

// How CSV output is written. Presenters always write the plain dialect with
// csv_line (comma between fields, decimal point); the command line turns the
// whole text into the dialect asked for in one place, csv_in_dialect.
enum class CsvDialect {
    plain,     // RFC 4180: ',' between fields, decimal point, no byte-order mark
    excel_nl,  // what Excel with Dutch settings opens as columns and numbers: UTF-8 BOM, ';', decimal comma
};

// CSV written by csv_line, rewritten in `dialect`. A field is numeric when it is
// wholly a number as presenters write one ("-0.25", "1.0000", "66493"); only
// numeric fields get the decimal comma, so "EUR 35000 requested" or a code stay
// as they are. Fields are quoted again as the dialect's separator needs.
std::string csv_in_dialect(std::string_view csv, CsvDialect dialect);

// A path in the same folder as `target`, unique to this process, for building
// a replacement before it is moved into place.
std::filesystem::path sibling_temporary_path(const std::filesystem::path& target);

// Writes `content` to a temporary sibling and renames it over `target`.
void write_file_atomically(const std::filesystem::path& target, std::string_view content);

// 17407585 -> "17,407,585".
std::string format_thousands(std::int64_t value);

// Prose for a terminal: words wrapped at `width` columns, continuation lines
// indented by `indent` spaces; each line ends in a line break.
std::string wrap_text(std::string_view text, std::size_t width = 120, std::size_t indent = 0);

// Fixed-width text table for terminals; numbers right-aligned by the caller's choice.
std::string format_text_table(const std::vector<std::string>& header,
                              const std::vector<std::vector<std::string>>& rows,
                              const std::vector<bool>& right_aligned = {});

}  // namespace regiomap
