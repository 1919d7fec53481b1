// initiatives resolve|map, leaders, balance and applications check.
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "initiatives/applications.hpp"
#include "initiatives/balance.hpp"
#include "initiatives/initiative_map.hpp"
#include "initiatives/market_leaders.hpp"
#include "present/geopackage_layers.hpp"
#include "present/initiatives_text.hpp"

#include <iostream>
#include <memory>

namespace regiomap::cli {

namespace {

MarketLeaders leaders_for(const InitiativeWorkspace& workspace, const std::string& division,
                          const std::string& market_share_table, DecimalConvention convention) {
    return market_share_table.empty()
               ? market_leaders(workspace.governance, division)
               : market_leaders_from_table(workspace.governance, workspace.names, workspace.insurers, division,
                                           market_share_table, convention);
}

void add_market_share_option(CLI::App& command, std::string& table) {
    command.add_option("--market-shares", table,
                       "your own table of insured persons or market shares (columns municipality or region, concern, "
                       "insured or share; optional year, source; Dutch headers too), summed per concern and region; "
                       "regions it leaves out keep the zorgkantoor designation")
        ->check(CLI::ExistingFile);
}

}  // namespace

void setup_initiatives(CLI::App& app) {
    CLI::App* group = app.add_subcommand("initiatives", "Initiative registers: resolve published locations, map onto regions.");
    group->require_subcommand(1);

    struct ResolveArguments {
        std::string store = Store::kDefaultPath;
        std::optional<int> year;  // --year; none: the latest loaded
        std::string file;
        OutputFormat format = OutputFormat::table;
        DecimalConvention decimal = DecimalConvention::automatic;
        CsvDialect csv_dialect = CsvDialect::plain;
        bool wide = false;
    };
    auto resolve = std::make_shared<ResolveArguments>();
    CLI::App* resolve_command = group->add_subcommand(
        "resolve", "Resolve each initiative's published location to municipalities of the division year, with how, and "
                   "count how many resolved fully, partly and not at all.");
    add_store_option(*resolve_command, resolve->store);
    add_year_option(*resolve_command, resolve->year);
    resolve_command->add_option("register", resolve->file, "register (CSV, GeoJSON or GeoPackage)")
        ->required()
        ->check(CLI::ExistingFile);
    add_format_option(*resolve_command, resolve->format);
    add_decimal_option(*resolve_command, resolve->decimal);
    add_csv_dialect_option(*resolve_command, resolve->csv_dialect);
    add_wide_option(*resolve_command, resolve->wide);
    resolve_command->callback([resolve] {
        Store store(resolve->store, resolve->year);
        InitiativeWorkspace workspace(store);
        Register register_ = workspace.read(resolve->file, resolve->decimal);
        const auto located = workspace.locate(register_);
        std::cout << in_csv_dialect(format_resolution(workspace.governance, located, tally_resolutions(located),
                                                      resolve->format, resolve->wide),
                                    resolve->format, resolve->csv_dialect);
    });

    struct MapArguments {
        std::string store = Store::kDefaultPath;
        std::optional<int> year;  // --year; none: the latest loaded
        std::string file;
        std::vector<std::string> layers{"zorgkantoor", "ggd", "jeugdregio", "werkstructuur"};
        std::string format_name = "table";
        std::string output;
        bool force = false;
        bool all_formal = false;
        DecimalConvention decimal = DecimalConvention::automatic;
        CsvDialect csv_dialect = CsvDialect::plain;
        bool wide = false;
    };
    auto map = std::make_shared<MapArguments>();
    CLI::App* map_command = group->add_subcommand(
        "map", "Per initiative the regions of every layer it touches with the share of its population and a "
               "cross-border flag; per region the number of initiatives.");
    add_store_option(*map_command, map->store);
    add_year_option(*map_command, map->year);
    map_command->add_option("register", map->file, "register (CSV, GeoJSON or GeoPackage)")->required()->check(CLI::ExistingFile);
    map_command->add_option("--layers", map->layers, "layers, comma-separated")->delimiter(',')->capture_default_str();
    map_command->add_option("--format", map->format_name, "table, csv, json or gpkg (gpkg needs --output)")
        ->check(CLI::IsMember({"table", "csv", "json", "gpkg"}, CLI::ignore_case));
    map_command->add_option("--output", map->output,
                            "GeoPackage to write for --format gpkg; an existing file is replaced only if it is a "
                            "previous initiatives map, and never the store or the register");
    map_command->add_flag("--force", map->force, "replace an existing --output file of another kind");
    map_command->add_flag("--formal-agreements", map->all_formal,
                          "every entry has a formal municipality-insurer agreement (as in the RIVM 2016 list); "
                          "otherwise the register's formal_agreement column says so per entry");
    add_decimal_option(*map_command, map->decimal);
    add_csv_dialect_option(*map_command, map->csv_dialect);
    add_wide_option(*map_command, map->wide);
    map_command->callback([map] {
        Store store(map->store, map->year);
        InitiativeWorkspace workspace(store);
        Register register_ = workspace.read(map->file, map->decimal);
        auto located = workspace.locate(register_);
        if (map->format_name == "gpkg") {
            if (map->output.empty()) throw UsageError("--format gpkg needs --output FILE.gpkg");
            write_initiative_map_geopackage(store, map_initiatives(workspace.governance, located, map->layers, map->all_formal),
                                            map->output, OutputPolicy{map->force, {map->store, map->file}});
            std::cerr << "wrote " << map->output << "\n";
            return;
        }
        OutputFormat format = map->format_name == "csv"    ? OutputFormat::csv
                              : map->format_name == "json" ? OutputFormat::json
                                                           : OutputFormat::table;
        print_or_write(in_csv_dialect(format_initiative_map(workspace.governance,
                                                            map_initiatives(workspace.governance, located, map->layers,
                                                                            map->all_formal),
                                                            format, map->wide),
                                      format, map->csv_dialect),
                       format, map->output, OutputPolicy{map->force, {map->store, map->file}});
    });
}

void setup_leaders(CLI::App& app) {
    struct LeadersArguments {
        std::string store = Store::kDefaultPath;
        std::optional<int> year;  // --year; none: the latest loaded
        std::string division = "zorgkantoor";
        std::string market_shares;
        DecimalConvention decimal = DecimalConvention::automatic;
        OutputFormat format = OutputFormat::table;
        CsvDialect csv_dialect = CsvDialect::plain;
        bool wide = false;
    };
    auto arguments = std::make_shared<LeadersArguments>();
    CLI::App* command = app.add_subcommand(
        "leaders", "The market-leading insurer concern per region, with its basis and year.");
    add_store_option(*command, arguments->store);
    add_year_option(*command, arguments->year);
    command->add_option("--division", arguments->division, "layer whose regions to use")->capture_default_str();
    add_market_share_option(*command, arguments->market_shares);
    add_decimal_option(*command, arguments->decimal);
    add_format_option(*command, arguments->format);
    add_csv_dialect_option(*command, arguments->csv_dialect);
    add_wide_option(*command, arguments->wide);
    command->callback([arguments] {
        Store store(arguments->store, arguments->year);
        InitiativeWorkspace workspace(store);
        auto leaders = leaders_for(workspace, arguments->division, arguments->market_shares, arguments->decimal);
        std::cout << in_csv_dialect(format_market_leaders(workspace.governance, leaders, arguments->format, arguments->wide),
                                    arguments->format, arguments->csv_dialect);
    });
}

void setup_balance(CLI::App& app) {
    struct BalanceArguments {
        std::string store = Store::kDefaultPath;
        std::optional<int> year;  // --year; none: the latest loaded
        std::string insurer;
        std::string register_file;
        std::vector<std::string> statuses;
        std::string division = "zorgkantoor";
        std::string expected = "equal";
        std::string count = "main-region";
        std::string candidate;
        std::string market_shares;
        DecimalConvention decimal = DecimalConvention::automatic;
        OutputFormat format = OutputFormat::table;
        bool wide = false;
    };
    auto arguments = std::make_shared<BalanceArguments>();
    CLI::App* command = app.add_subcommand(
        "balance", "Does an insurer spread the applications it supports evenly over the regions where it is market "
                   "leader? Counts per leader region, expected counts, chi-square or exact test, max/min ratio, Gini, "
                   "verdict; entries outside its leader regions listed apart.");
    add_store_option(*command, arguments->store);
    add_year_option(*command, arguments->year);
    command->add_option("--insurer", arguments->insurer, "concern or brand, e.g. \"Zilveren Kruis\" (Achmea)")->required();
    command->add_option("--register", arguments->register_file, "initiative register")->required()->check(CLI::ExistingFile);
    command->add_option("--status", arguments->statuses, "count only these statuses, comma-separated")
        ->delimiter(',')
        ->check(CLI::IsMember({"idea", "application", "granted", "running", "ended", "unknown"}));
    command->add_option("--division", arguments->division, "layer of the purchasing regions")->capture_default_str();
    command->add_option("--expected", arguments->expected, "equal or population")
        ->check(CLI::IsMember({"equal", "population"}))
        ->capture_default_str();
    command->add_option("--count", arguments->count,
                        "main-region (an entry counts once, in the region holding most of its population) or "
                        "fractional (split by population share)")
        ->check(CLI::IsMember({"main-region", "fractional"}))
        ->capture_default_str();
    command->add_option("--candidate", arguments->candidate, "register of new applications: does adding them help?")
        ->check(CLI::ExistingFile);
    add_market_share_option(*command, arguments->market_shares);
    add_decimal_option(*command, arguments->decimal);
    add_format_option(*command, arguments->format);
    add_wide_option(*command, arguments->wide);
    command->callback([arguments] {
        Store store(arguments->store, arguments->year);
        InitiativeWorkspace workspace(store);
        const std::string concern = workspace.insurers.require_concern(arguments->insurer);
        BalanceOptions options;
        for (const auto& status : arguments->statuses) options.statuses.push_back(*initiative_status_from(status));
        options.expected = arguments->expected == "population" ? Expectation::population : Expectation::equal;
        options.count = arguments->count == "fractional" ? CountMode::fractional : CountMode::main_region;
        MarketLeaders leaders =
            leaders_for(workspace, arguments->division, arguments->market_shares, arguments->decimal);
        Register register_ = workspace.read(arguments->register_file, arguments->decimal);
        auto located = workspace.locate(register_);
        BalanceResult result = check_balance(workspace.governance, leaders, located, concern, options);
        std::optional<BalanceResult> with_candidate;
        Register candidates;
        if (!arguments->candidate.empty()) {
            candidates = workspace.read(arguments->candidate, arguments->decimal);
            auto extended = located;
            for (auto& item : workspace.locate(candidates)) extended.push_back(std::move(item));
            with_candidate = check_balance(workspace.governance, leaders, extended, concern, options);
        }
        std::cout << format_balance(workspace.governance, leaders, result, options, with_candidate, arguments->format,
                                    arguments->wide);
    });
}

void setup_applications(CLI::App& app) {
    CLI::App* group = app.add_subcommand("applications", "Subsidy applications for prevention coalitions.");
    group->require_subcommand(1);
    struct CheckArguments {
        std::string store = Store::kDefaultPath;
        std::optional<int> year;  // --year; none: the latest loaded
        std::string file;
        bool framework = false;
        DecimalConvention decimal = DecimalConvention::automatic;
        OutputFormat format = OutputFormat::table;
        CsvDialect csv_dialect = CsvDialect::plain;
        bool wide = false;
    };
    auto arguments = std::make_shared<CheckArguments>();
    CLI::App* command = group->add_subcommand(
        "check", "Check every application against the scheme's rules (insurer lead, a municipality, subsidy at most one "
                 "third of coordination costs, at least EUR 25,000, at most 3 years, received by 1 October 2021) and, "
                 "with --insurer-framework, the client groups; every violation named with its rule.");
    add_store_option(*command, arguments->store);
    add_year_option(*command, arguments->year);
    command->add_option("register", arguments->file, "register of applications")->required()->check(CLI::ExistingFile);
    command->add_flag("--insurer-framework", arguments->framework,
                      "also require target groups among the insurer's client groups (chronically ill, elderly, "
                      "cardiovascular, mental-health, oncology patients)");
    add_decimal_option(*command, arguments->decimal);
    add_format_option(*command, arguments->format);
    add_csv_dialect_option(*command, arguments->csv_dialect);
    add_wide_option(*command, arguments->wide);
    command->callback([arguments] {
        Store store(arguments->store, arguments->year);
        InitiativeWorkspace workspace(store);
        Register register_ = workspace.read(arguments->file, arguments->decimal);
        auto located = workspace.locate(register_);
        auto checks = check_applications(located, arguments->framework);
        std::cout << in_csv_dialect(format_application_checks(checks, applications_meeting_every_rule(checks),
                                                              arguments->framework, arguments->format, arguments->wide),
                                    arguments->format, arguments->csv_dialect);
        for (const auto& check : checks) {
            if (!check.violations.empty()) throw RuleViolationsFound();
        }
    });
}

}  // namespace regiomap::cli
