#include "cli/commands.hpp"
#include "layers/layer_reports.hpp"

#include <iostream>
#include <memory>

namespace regiomap::cli {

namespace {
struct LookupArguments {
    std::string store = Store::kDefaultPath;
    std::vector<std::string> queries;
    OutputFormat format = OutputFormat::table;
    CsvDialect csv_dialect = CsvDialect::plain;
};
}  // namespace

void setup_lookup(CLI::App& app) {
    auto arguments = std::make_shared<LookupArguments>();
    CLI::App* command = app.add_subcommand(
        "lookup", "Find municipalities by code (GM0345) or name of any year, in any case, with or without accents, "
                  "or a common variant ('Den Bosch'), and show their region in every layer.");
    add_store_option(*command, arguments->store);
    command->add_option("municipality", arguments->queries, "codes or names")->required();
    add_format_option(*command, arguments->format);
    add_csv_dialect_option(*command, arguments->csv_dialect);
    command->callback([arguments] {
        std::cout << in_csv_dialect(format_lookup(Store(arguments->store), arguments->queries, arguments->format),
                                    arguments->format, arguments->csv_dialect);
    });
}

}  // namespace regiomap::cli
