#include "cli/commands.hpp"
#include "core/error.hpp"
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
                  "or a common variant ('Den Bosch'), and show their region in every layer. A name may be shortened to its "
                  "first words when only one municipality starts so ('Nuenen'). Names not found or naming several "
                  "municipalities are reported after the others, with suggestions or candidates (exit code 4).");
    add_store_option(*command, arguments->store);
    command->add_option("municipality", arguments->queries, "codes or names")->required();
    add_format_option(*command, arguments->format);
    add_csv_dialect_option(*command, arguments->csv_dialect);
    command->callback([arguments] {
        Store store(arguments->store);
        // Every name is looked up first: those found are printed, then every miss is reported (exit 4).
        const MunicipalityNames names = store.names();  // the result points into it
        LookupResult result = find_municipalities(names, arguments->queries);
        std::cout << in_csv_dialect(format_lookup(store, result.found, arguments->format), arguments->format,
                                    arguments->csv_dialect)
                  << std::flush;
        if (!result.misses.empty()) {
            throw NotFoundError(misses_message(result.misses, province_of_municipalities(store)));
        }
    });
}

}  // namespace regiomap::cli
