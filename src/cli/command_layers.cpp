#include "cli/commands.hpp"
#include "layers/layer_reports.hpp"

#include <iostream>
#include <memory>

namespace regiomap::cli {

namespace {
struct LayersArguments {
    std::string store = Store::kDefaultPath;
    OutputFormat format = OutputFormat::table;
    CsvDialect csv_dialect = CsvDialect::plain;
};
}  // namespace

void setup_layers(CLI::App& app) {
    auto arguments = std::make_shared<LayersArguments>();
    CLI::App* command = app.add_subcommand(
        "layers", "One line per layer: id, title, year, regions, municipalities covered, source.");
    add_store_option(*command, arguments->store);
    add_format_option(*command, arguments->format);
    add_csv_dialect_option(*command, arguments->csv_dialect);
    command->callback([arguments] {
        std::cout << in_csv_dialect(format_layers(Store(arguments->store), arguments->format), arguments->format,
                                    arguments->csv_dialect);
    });
}

}  // namespace regiomap::cli
