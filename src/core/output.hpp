// Writing results: CSV quoting, JSON text, and safe, atomic file replacement:
// a reader never sees a half-written output file or store, and an output
// never replaces the store, an input or a file that is not a previous output.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

class GDALDataset;

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

// A JSON document as text, indented by 2, with a final newline. Never throws on
// text that is not UTF-8 (such bytes become U+FFFD): every presenter's JSON goes
// through here, so a stray byte in a query cannot turn into an internal error.
std::string json_text(const nlohmann::json& document);

// A path in the same folder as `target`, unique to this process, for building
// a replacement before it is moved into place: ".NAME.tmp-PID" + extension.
std::filesystem::path sibling_temporary_path(const std::filesystem::path& target, std::string_view extension = {});

// Removes the temporaries (".NAME.tmp-PID...") that killed regiomap processes left
// beside `target`: those whose process is no longer running, and any older than
// a day (a process id may have been reused). Temporaries of running processes stay.
void remove_stale_temporaries(const std::filesystem::path& target);

// Where a write to `target` must land: the file a symbolic link points to (so
// the link stays a link), else `target` itself.
std::filesystem::path final_destination(const std::filesystem::path& target);

// Builds a replacement for `target` with `build(temporary)` in a temporary sibling
// and renames it into place; on any failure the temporary is removed and the
// previous `target` is left as it was. Throws OutputError naming the reason.
// Temporaries of killed runs beside `target` are removed first.
void replace_file(const std::filesystem::path& target, std::string_view temporary_extension,
                  const std::function<void(const std::filesystem::path&)>& build);

// Writes `content` to a temporary sibling and renames it over `target` (no checks
// of what `target` was: outputs the user names go through write_output_file).
void write_file_atomically(const std::filesystem::path& target, std::string_view content);

// What an output file holds, to tell a previous output of the same kind (which
// may be replaced) from any other file (which is kept unless --force).
//   csv:        the same header line as the one about to be written
//   json:       a JSON document with the same keys (of the object, or of the first
//               element of an array) as the one about to be written
//   text:       the same first line, up to its first colon
//   geopackage: a GeoPackage whose regiomap_output table names the same kind
//   map:        a PNG, SVG or PDF of the same format (its first 8 bytes)
enum class OutputKind { text, csv, json, geopackage, map };

struct OutputPolicy {
    bool force = false;  // replace any existing regular file (never a protected one)
    // The store and every input of the command: never written, whatever `force` says.
    std::vector<std::filesystem::path> protected_files;
};

// Throws OutputError unless `target` may be written: its folder exists and is a
// folder, it is not a folder itself, not a protected file (same file, through
// links too), and either does not exist, is empty, is a previous output of the
// same kind (`expected`: the content about to be written; for a GeoPackage the
// kind name given to mark_geopackage_output) or `policy.force` is set.
void check_output_target(const std::filesystem::path& target, OutputKind kind, std::string_view expected,
                         const OutputPolicy& policy);

// check_output_target, then write_file_atomically (into a link's target).
void write_output_file(const std::filesystem::path& target, OutputKind kind, std::string_view content,
                       const OutputPolicy& policy);

// Throws OutputError unless the folder `out` may be written by a command that fills a
// whole folder (report, propose --out): it is missing (its parent must exist), empty,
// holds `marker` (a file a previous run of that command left), or `force` is set.
// `what` names the command's output for the message ("regiomap report").
void check_output_folder(const std::filesystem::path& out, std::string_view marker, std::string_view what, bool force);

// A GeoPackage regiomap wrote carries an attributes table regiomap_output with
// rows (key, value): 'kind' (e.g. "incongruence") and 'written_by' ("regiomap").
inline constexpr const char* kGeopackageOutputTable = "regiomap_output";
void mark_geopackage_output(GDALDataset& dataset, const std::string& kind);

// The kind name a regiomap GeoPackage carries (key 'kind'); empty for any other file.
std::string geopackage_output_kind(const std::filesystem::path& file);

// 17407585 -> "17,407,585".
std::string format_thousands(std::int64_t value);

// Prose for a terminal: words wrapped at `width` columns, continuation lines
// indented by `indent` spaces; each line ends in a line break.
std::string wrap_text(std::string_view text, std::size_t width = 120, std::size_t indent = 0);

// A note as lines of at most `width` bytes, broken at spaces, each line after `indent`
// (continuation lines two spaces more): notes under tables stay within a terminal.
std::string wrap_note(const std::string& note, const std::string& indent, std::size_t width = 120);

// Fixed-width text table for terminals; numbers right-aligned by the caller's choice.
std::string format_text_table(const std::vector<std::string>& header,
                              const std::vector<std::vector<std::string>>& rows,
                              const std::vector<bool>& right_aligned = {});

// Every table command fits this many columns unless --wide is given: its readers
// work in a terminal. Long texts that would widen a table become numbered notes
// under it (TableNotes); names that still do not fit are cut (format_fitted_table).
inline constexpr std::size_t kTerminalWidth = 120;

// Columns `text` takes in a terminal (UTF-8 code points; no wide characters in our data).
std::size_t display_width(std::string_view text);

// `text` in at most `width` columns: a longer text is cut and ends in "~".
std::string shorten_to_width(std::string_view text, std::size_t width);

// Long texts a table refers to by number instead of repeating them in every row:
// each distinct text gets one number, in the order first referred to, and is
// printed once under the table. With `wide` (--wide), every text stays inline.
class TableNotes {
public:
    explicit TableNotes(bool wide = false) : wide_(wide) {}
    // The text itself when it is at most `inline_width` columns or the notes are
    // wide; else "[n]", the same n for the same text.
    std::string refer(const std::string& text, std::size_t inline_width = 0);
    bool empty() const { return texts_.empty(); }
    const std::vector<std::string>& texts() const { return texts_; }
    // "HEADING\n  [1] text...\n": each note wrapped at `width`, continuation lines
    // under its text; empty when no text was referred to.
    std::string format(std::string_view heading, std::size_t width = kTerminalWidth) const;

private:
    bool wide_ = false;
    std::vector<std::string> texts_;
};

// A text table that fits `width` columns: while it is wider, the widest of the
// `shrinkable` columns loses a column (never below `minimum_width`), and cells
// longer than their column are cut with "~". `width` 0 (--wide): never cut.
struct FittedTable {
    std::string text;
    bool shortened = false;  // some cell was cut: say so, and that --wide prints it whole
};
FittedTable format_fitted_table(const std::vector<std::string>& header,
                                const std::vector<std::vector<std::string>>& rows, const std::vector<bool>& right_aligned,
                                const std::vector<bool>& shrinkable, std::size_t width = kTerminalWidth,
                                std::size_t minimum_width = 12);

// `text` with every line wider than `width` wrapped at spaces, its continuation lines
// indented two more than the line itself: for reports of prose lines (balance,
// applications) whose sentences carry names of any length. Narrower lines stay as they are.
std::string wrap_long_lines(std::string_view text, std::size_t width = kTerminalWidth);

// Names joined by ", " in at most `width` columns: those that do not fit are
// counted, "Amersfoort, Baarn, +22 more". `width` 0 (--wide): every name.
std::string join_names_within(const std::vector<std::string>& names, std::size_t width);

// Every line of `text` prefixed with `indent`.
std::string indent_lines(std::string_view text, std::string_view indent);

}  // namespace regiomap
