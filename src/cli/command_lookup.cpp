#include "analysis/region_view.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "layers/layer_queries.hpp"
#include "present/layers_text.hpp"
#include "present/region_view_text.hpp"

#include <fmt/format.h>

#include <iostream>
#include <optional>
#include <memory>

namespace regiomap::cli {

namespace {
struct LookupArguments {
    std::string store = Store::kDefaultPath;
    std::optional<int> year;  // --year; none: the latest loaded
    std::vector<std::string> queries;
    OutputFormat format = OutputFormat::table;
    CsvDialect csv_dialect = CsvDialect::plain;
    bool wide = false;
};
}  // namespace

void setup_lookup(CLI::App& app) {
    auto arguments = std::make_shared<LookupArguments>();
    CLI::App* command = app.add_subcommand(
        "lookup", "Find municipalities by code (GM0345) or name of any year, in any case, with or without accents, "
                  "or a common variant ('Den Bosch'), and show their region in every layer. A name may be shortened to its "
                  "first words when only one municipality starts so ('Nuenen'). A name no municipality has but one region "
                  "has ('ZK23') is answered with that region's view, as by 'regiomap region'. Names not found or naming several "
                  "municipalities are reported after the others, with suggestions or candidates (exit code 4).");
    add_store_option(*command, arguments->store);
    add_year_option(*command, arguments->year);
    command->add_option("municipality", arguments->queries, "codes or names")->required();
    add_format_option(*command, arguments->format);
    add_csv_dialect_option(*command, arguments->csv_dialect);
    add_wide_option(*command, arguments->wide);
    command->callback([arguments] {
        Store store(arguments->store, arguments->year);
        // Every name is looked up first: those found are printed, then every miss is reported (exit 4).
        const MunicipalityNames names = store.names();  // the result points into it
        LookupResult result = find_municipalities(names, arguments->queries);
        // A name no municipality has may be a region of some layer ("ZK23", "Twente"): answered with the region view.
        std::vector<RegionView> views;
        std::vector<std::string> region_problems;
        std::optional<Governance> governance;
        std::vector<NameSearch> misses;
        for (auto& miss : result.misses) {
            if (miss.outcome != NameSearch::Outcome::missing) {
                misses.push_back(std::move(miss));
                continue;
            }
            if (!governance) governance = read_governance(store);
            const RegionSearch regions = find_regions(*governance, miss.query);
            if (regions.matches.size() == 1) {
                views.push_back(region_view(*governance, regions.matches.front()));
            } else if (regions.matches.size() > 1) {
                try {
                    require_one_region(regions);
                } catch (const NotFoundError& error) {
                    region_problems.push_back(error.what() + std::string(" (regiomap region NAME --layer ID)"));
                }
            } else {
                misses.push_back(std::move(miss));
            }
        }
        // CSV and JSON hold one kind of record: a region view stands alone, or goes with the table format.
        const bool only_a_region = result.found.empty() && views.size() == 1;
        if (arguments->format == OutputFormat::table || !only_a_region) {
            std::cout << in_csv_dialect(format_lookup(lookup_view(store, result.found), arguments->format, arguments->wide), arguments->format,
                                        arguments->csv_dialect);
        }
        for (const auto& view : views) {
            if (arguments->format == OutputFormat::table) {
                std::cout << (result.found.empty() && &view == &views.front() ? "" : "\n")
                          << format_region_view(*governance, view, arguments->format, arguments->wide);
            } else if (only_a_region) {
                std::cout << in_csv_dialect(format_region_view(*governance, view, arguments->format, arguments->wide),
                                            arguments->format, arguments->csv_dialect);
            } else {
                region_problems.push_back(fmt::format("'{}' is region {} of {}: regiomap region {} --format ... prints it",
                                                      view.division->region_codes[view.region],
                                                      view.division->region_codes[view.region],
                                                      view.division->layer_id, view.division->region_codes[view.region]));
            }
        }
        std::cout << std::flush;
        if (!misses.empty() || !region_problems.empty()) {
            const auto province_of = province_of_municipalities(store);
            std::vector<std::string> lines;
            for (const auto& miss : misses) lines.push_back(misses_message({miss}, province_of));
            for (const auto& problem : region_problems) lines.push_back(problem);
            throw NotFoundError(lines.size() == 1 ? lines.front()
                                                  : fmt::format("{} names not found:\n  {}", lines.size(),
                                                                fmt::join(lines, "\n  ")));
        }
    });
}

}  // namespace regiomap::cli
