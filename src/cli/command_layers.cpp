#include "cli/commands.hpp"
#include "layers/layer_reports.hpp"

#include <iostream>
#include <memory>

namespace regiomap::cli {

namespace {
struct LayersArguments {
    std::string store = Store::kDefaultPath;
    OutputFormat format = OutputFormat::table;
};
}  // namespace

void setup_layers(CLI::App& app) {
    auto arguments = std::make_shared<LayersArguments>();
    CLI::App* command = app.add_subcommand(
        "layers", "One line per layer: id, title, year, regions, municipalities covered, source.");
    add_store_option(*command, arguments->store);
    add_format_option(*command, arguments->format);
    command->callback([arguments] { std::cout << format_layers(Store(arguments->store), arguments->format); });
}

}  // namespace regiomap::cli
