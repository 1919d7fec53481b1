#include "cli/commands.hpp"
#include "present/layers_text.hpp"

#include <iostream>
#include <memory>

namespace regiomap::cli {

namespace {
struct MembershipsArguments {
    std::string store = Store::kDefaultPath;
    std::optional<int> year;  // --year; none: the latest loaded
    std::string layer;
    OutputFormat format = OutputFormat::table;
    CsvDialect csv_dialect = CsvDialect::plain;
    bool wide = false;
};
}  // namespace

void setup_memberships(CLI::App& app) {
    auto arguments = std::make_shared<MembershipsArguments>();
    CLI::App* command = app.add_subcommand(
        "memberships", "Every municipality's region in one layer (CSV columns: municipality_code,"
                       "municipality_name,region_code,region_name,overlap_share).");
    add_store_option(*command, arguments->store);
    add_year_option(*command, arguments->year);
    command->add_option("--layer", arguments->layer, "layer id (see 'regiomap layers')")->required();
    add_format_option(*command, arguments->format);
    add_csv_dialect_option(*command, arguments->csv_dialect);
    add_wide_option(*command, arguments->wide);
    command->callback([arguments] {
        const Store store(arguments->store, arguments->year);
        const LayerRecord layer = store.layer(arguments->layer);  // throws for an unknown layer, naming the layers
        std::cout << in_csv_dialect(format_memberships(layer, store.memberships(arguments->layer), arguments->format,
                                                       arguments->wide),
                                    arguments->format, arguments->csv_dialect);
    });
}

}  // namespace regiomap::cli
