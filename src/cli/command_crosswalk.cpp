// crosswalk: where each municipality of one year went in another, derived from the boundaries.
#include "cli/commands.hpp"
#include "history/stored_crosswalk.hpp"
#include "present/crosswalk_text.hpp"
#include "store/store.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>

namespace regiomap::cli {

namespace {
struct CrosswalkArguments {
    std::string store = Store::kDefaultPath;
    int from_year = 0;
    int to_year = 0;
    bool all = false;
    bool wide = false;
    OutputFormat format = OutputFormat::table;
    CsvDialect csv_dialect = CsvDialect::plain;
};
}  // namespace

void setup_crosswalk(CLI::App& app) {
    auto arguments = std::make_shared<CrosswalkArguments>();
    CLI::App* command = app.add_subcommand(
        "crosswalk", "Where each municipality of one year went in another (merged, absorbed, split, renamed, boundary "
                     "corrections), with the share of its area in each successor and of the successor's area it "
                     "makes up: derived from the municipal boundaries of the two years in the store, not an official "
                     "list.");
    add_store_option(*command, arguments->store);
    add_year_pair_options(*command, arguments->from_year, arguments->to_year);
    command->add_flag("--all", arguments->all, "table format: every municipality, unchanged ones too");
    add_format_option(*command, arguments->format);
    add_wide_option(*command, arguments->wide);
    add_csv_dialect_option(*command, arguments->csv_dialect);
    command->callback([arguments] {
        if (arguments->from_year == arguments->to_year) {
            throw UsageError(fmt::format("--from and --to are both {}: give two different years", arguments->from_year));
        }
        if (arguments->from_year > arguments->to_year) {
            throw UsageError(fmt::format("--from {} is after --to {}: give the earlier year as --from (where a "
                                         "municipality of {} came from is its predecessors in the column 'of new' of "
                                         "'crosswalk --from {} --to {}')",
                                         arguments->from_year, arguments->to_year, arguments->from_year,
                                         arguments->to_year, arguments->from_year));
        }
        const Crosswalk crosswalk = crosswalk_between(arguments->store, arguments->from_year, arguments->to_year);
        // The merger list loaded with the store, where it has rows for these years: its address shares beside ours.
        const std::vector<PublishedChange> listed = Store(arguments->store).published_changes();
        std::optional<PublishedComparison> published;
        const auto step = changes_between(listed, arguments->from_year, arguments->to_year);
        if (!step.empty()) published = PublishedComparison{step.front().source, compare_with_published(crosswalk, step)};
        std::cout << in_csv_dialect(format_crosswalk(crosswalk, arguments->format, arguments->all,
                                                     published ? &*published : nullptr, arguments->wide),
                                    arguments->format, arguments->csv_dialect);
    });
}

}  // namespace regiomap::cli
