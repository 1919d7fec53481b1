// adjacency: which municipalities are neighbours and which regions fall apart on that graph.
#include "analysis/contiguity.hpp"
#include "cli/commands.hpp"
#include "present/adjacency_text.hpp"

#include <iostream>
#include <memory>

namespace regiomap::cli {

namespace {
struct AdjacencyArguments {
    std::string store = Store::kDefaultPath;
    std::optional<int> year;  // --year; none: the latest loaded
    std::vector<std::string> layers;
    bool no_links = false;
    OutputFormat format = OutputFormat::table;
    CsvDialect csv_dialect = CsvDialect::plain;
    bool wide = false;
};
}  // namespace

void setup_adjacency(CLI::App& app) {
    auto arguments = std::make_shared<AdjacencyArguments>();
    CLI::App* command = app.add_subcommand(
        "adjacency", "Which municipalities are neighbours (a shared border of at least 10 m, within 1.5 m; points do "
                     "not count) and which are joined across water (the manifest's links table: ferries, tunnels, "
                     "administrative links with a reason); the connected parts of that graph, and per division the "
                     "regions that are not one connected area on it.");
    add_store_option(*command, arguments->store);
    add_year_option(*command, arguments->year);
    command->add_option("--layer", arguments->layers, "only these divisions (default: all)");
    command->add_flag("--no-links", arguments->no_links, "borders only: leave out ferries, tunnels and other links");
    add_format_option(*command, arguments->format);
    add_csv_dialect_option(*command, arguments->csv_dialect);
    add_wide_option(*command, arguments->wide);
    command->callback([arguments] {
        const Store store(arguments->store, arguments->year);
        const Governance governance = read_governance(store);
        const auto summary = summarise_adjacency(governance, store.adjacency(),
                                                 arguments->no_links ? LinkUse::borders_only : LinkUse::with_links,
                                                 arguments->layers);
        std::cout << in_csv_dialect(format_adjacency(governance, summary, arguments->format, arguments->wide),
                                    arguments->format, arguments->csv_dialect);
    });
}

}  // namespace regiomap::cli
