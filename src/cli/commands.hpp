// The table of subcommands: each setup_<command> binds its options to a
// plain struct and registers a callback that calls one library function.
#pragma once

#include "core/number_format.hpp"
#include "core/output.hpp"

#include "core/error.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <vector>

#include <map>
#include <optional>
#include <string>

namespace regiomap::cli {

void setup_load(CLI::App& app);
void setup_layers(CLI::App& app);
void setup_memberships(CLI::App& app);
void setup_lookup(CLI::App& app);
void setup_profile(CLI::App& app);
void setup_incongruence(CLI::App& app);
void setup_compare_layers(CLI::App& app);
void setup_whatif(CLI::App& app);
void setup_initiatives(CLI::App& app);
void setup_leaders(CLI::App& app);
void setup_balance(CLI::App& app);
void setup_applications(CLI::App& app);
void setup_map(CLI::App& app);
void setup_report(CLI::App& app);
void setup_region(CLI::App& app);
void setup_adjacency(CLI::App& app);
void setup_crosswalk(CLI::App& app);
void setup_changes(CLI::App& app);
void setup_propose(CLI::App& app);
void setup_serve(CLI::App& app);

inline void add_store_option(CLI::App& command, std::string& store) {
    command.add_option("--store", store, "the regiomap store (SpatiaLite file)")->capture_default_str();
}

// --from YEAR --to YEAR for the commands that compare two loaded years.
inline void add_year_pair_options(CLI::App& command, int& from_year, int& to_year) {
    command.add_option("--from", from_year, "the earlier year (any year loaded)")->required()->option_text("YEAR");
    command.add_option("--to", to_year, "the later year")->required()->option_text("YEAR");
}

// --year for every command that reads the store: which year's divisions it answers for.
inline void add_year_option(CLI::App& command, std::optional<int>& year) {
    command.add_option("--year", year, "the year of the divisions to use (default: the latest year loaded)")
        ->option_text("YEAR");
}

inline void add_format_option(CLI::App& command, OutputFormat& format) {
    static const std::map<std::string, OutputFormat> formats{
        {"table", OutputFormat::table}, {"csv", OutputFormat::csv}, {"json", OutputFormat::json}};
    command.add_option("--format", format, "output format: table, csv or json (default table)")
        ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
}

// --wide for every command with a table format: by default a table fits 120 columns (long texts become
// numbered notes under it, names too long are cut with "~", lists end in "+N more"); --wide prints everything inline.
inline void add_wide_option(CLI::App& command, bool& wide) {
    command.add_flag("--wide", wide,
                     "table format: print long texts inline and names and lists whole, however wide the lines get "
                     "(default: fit 120 columns, long texts as numbered notes under the table)");
}

// --decimal for the commands that read the user's own tables.
inline void add_decimal_option(CLI::App& command, DecimalConvention& convention) {
    static const std::map<std::string, DecimalConvention> conventions{{"auto", DecimalConvention::automatic},
                                                                      {"comma", DecimalConvention::comma},
                                                                      {"point", DecimalConvention::point}};
    command
        .add_option("--decimal", convention,
                    "decimal separator of the numbers in your tables: comma (1.234,56), point (1,234.56) or auto "
                    "(default: both read, text that could be read two ways refused)")
        ->transform(CLI::CheckedTransformer(conventions, CLI::ignore_case))
        ->option_text("auto|comma|point");
}

// --csv-dialect for every command with --format csv.
inline void add_csv_dialect_option(CLI::App& command, CsvDialect& dialect) {
    static const std::map<std::string, CsvDialect> dialects{{"plain", CsvDialect::plain},
                                                            {"excel-nl", CsvDialect::excel_nl}};
    command
        .add_option("--csv-dialect", dialect,
                    "with --format csv: plain (',' and decimal point, the default) or excel-nl (';', decimal comma, "
                    "UTF-8 byte-order mark, as Excel with Dutch settings opens it)")
        ->transform(CLI::CheckedTransformer(dialects, CLI::ignore_case))
        ->option_text("plain|excel-nl");
}

// A command's output as it is printed or written: CSV in the dialect asked for.
inline std::string in_csv_dialect(std::string text, OutputFormat format, CsvDialect dialect) {
    return format == OutputFormat::csv ? csv_in_dialect(text, dialect) : text;
}

// A command's text result: on stdout, or into --output FILE under the output policy.
inline void print_or_write(const std::string& text, OutputFormat format, const std::string& output,
                           const OutputPolicy& policy) {
    if (output.empty()) {
        std::cout << text;
        return;
    }
    write_output_file(output,
                      format == OutputFormat::csv    ? OutputKind::csv
                      : format == OutputFormat::json ? OutputKind::json
                                                     : OutputKind::text,
                      text, policy);
}

// --layers as given, each once: a layer named twice would count its table twice in every score.
inline void require_distinct_layers(const std::vector<std::string>& layers) {
    for (std::size_t i = 0; i < layers.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            if (layers[i] == layers[j]) throw UsageError("--layers names '" + layers[i] + "' twice; name each layer once");
        }
    }
}

}  // namespace regiomap::cli
