#include "cli/commands.hpp"
#include "present/layers_text.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>

namespace regiomap::cli {

namespace {
struct LayersArguments {
    std::string store = Store::kDefaultPath;
    std::optional<int> year;  // --year; none: the latest loaded
    OutputFormat format = OutputFormat::table;
    CsvDialect csv_dialect = CsvDialect::plain;
    bool all_notes = false;
    bool wide = false;
};
}  // namespace

void setup_layers(CLI::App& app) {
    auto arguments = std::make_shared<LayersArguments>();
    CLI::App* command = app.add_subcommand(
        "layers", "One line per layer: id, title, year, regions, municipalities covered, source.");
    add_store_option(*command, arguments->store);
    add_year_option(*command, arguments->year);
    add_format_option(*command, arguments->format);
    add_csv_dialect_option(*command, arguments->csv_dialect);
    command->add_flag("--all-notes", arguments->all_notes,
                      fmt::format("every load finding of every layer (default: the first {} per layer)", kFindingsPerLayer));
    add_wide_option(*command, arguments->wide);
    command->callback([arguments] {
        std::cout << in_csv_dialect(format_layers(layer_overview(Store(arguments->store, arguments->year)), arguments->format,
                                                  arguments->all_notes ? 0 : kFindingsPerLayer, arguments->wide),
                                    arguments->format, arguments->csv_dialect);
    });
}

}  // namespace regiomap::cli
