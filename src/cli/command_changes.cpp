// changes: how the divisions changed between two loaded years, after the crosswalk.
#include "cli/commands.hpp"
#include "history/division_changes.hpp"
#include "history/stored_crosswalk.hpp"
#include "present/year_changes_text.hpp"
#include "store/store.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>

namespace regiomap::cli {

namespace {
struct ChangesArguments {
    std::string store = Store::kDefaultPath;
    int from_year = 0;
    int to_year = 0;
    std::vector<std::string> layers{"zorgkantoor", "ggd", "jeugdregio"};
    OutputFormat format = OutputFormat::table;
    CsvDialect csv_dialect = CsvDialect::plain;
};
}  // namespace

void setup_changes(CLI::App& app) {
    auto arguments = std::make_shared<ChangesArguments>();
    CLI::App* command = app.add_subcommand(
        "changes", "How the divisions changed between two loaded years: per layer the municipalities now in another "
                   "region (through the crosswalk derived from the boundaries), the regions created and removed, and "
                   "the change in incongruence (mean C, fully congruent municipalities, most improved and worsened).");
    add_store_option(*command, arguments->store);
    add_year_pair_options(*command, arguments->from_year, arguments->to_year);
    command->add_option("--layers", arguments->layers, "layers scored over, comma-separated")
        ->delimiter(',')
        ->capture_default_str();
    add_format_option(*command, arguments->format);
    add_csv_dialect_option(*command, arguments->csv_dialect);
    command->callback([arguments] {
        if (arguments->from_year >= arguments->to_year) {
            throw UsageError(fmt::format("--from {} must be before --to {}", arguments->from_year, arguments->to_year));
        }
        const Store before_store(arguments->store, arguments->from_year);
        const Store after_store = before_store.at_year(arguments->to_year);
        const Governance before = read_governance(before_store);
        const Governance after = read_governance(after_store);
        for (const Governance* year : {&before, &after}) {
            for (const auto& layer : arguments->layers) year->division(layer);  // NotFoundError names the layers there are
        }
        const Crosswalk crosswalk = crosswalk_between(before_store, after_store);
        const YearChanges changes = compare_years(before, after, crosswalk, arguments->layers);
        std::cout << in_csv_dialect(format_year_changes(before, after, changes, arguments->format), arguments->format,
                                    arguments->csv_dialect);
    });
}

}  // namespace regiomap::cli
