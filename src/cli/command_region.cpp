// region: one region seen from every side (src/analysis/region_view.hpp).
#include "analysis/region_view.hpp"
#include "present/region_view_text.hpp"
#include "cli/commands.hpp"

#include <iostream>
#include <memory>

namespace regiomap::cli {

namespace {
struct RegionArguments {
    std::string store = Store::kDefaultPath;
    std::optional<int> year;  // --year; none: the latest loaded
    std::string query;
    std::string layer;
    OutputFormat format = OutputFormat::table;
    CsvDialect csv_dialect = CsvDialect::plain;
    bool wide = false;
};
}  // namespace

void setup_region(CLI::App& app) {
    auto arguments = std::make_shared<RegionArguments>();
    CLI::App* command = app.add_subcommand(
        "region", "One region of any layer, by code (ZK23, GG2514) or name: its municipalities with population; for "
                  "every other division the regions it overlaps, with the municipalities in each part; its insurers "
                  "(zorgkantoor insurer, market leader, published largest insurer, work-structure lead) with basis "
                  "and year. A name several layers use is refused with the candidates (exit code 4): give the code "
                  "or --layer.");
    add_store_option(*command, arguments->store);
    add_year_option(*command, arguments->year);
    command->add_option("region", arguments->query, "region code or name")->required();
    command->add_option("--layer", arguments->layer, "look only in this layer (e.g. zorgkantoor, ggd, jeugdregio)");
    add_format_option(*command, arguments->format);
    add_csv_dialect_option(*command, arguments->csv_dialect);
    add_wide_option(*command, arguments->wide);
    command->callback([arguments] {
        const Governance governance = read_governance(Store(arguments->store, arguments->year));
        const RegionRef region = require_one_region(find_regions(governance, arguments->query, arguments->layer));
        std::cout << in_csv_dialect(format_region_view(governance, region_view(governance, region), arguments->format,
                                                       arguments->wide),
                                    arguments->format, arguments->csv_dialect);
    });
}

}  // namespace regiomap::cli
