// profile, incongruence, compare-layers and whatif: the analyses of src/analysis.
#include "analysis/what_if.hpp"
#include "present/geopackage_layers.hpp"
#include "present/incongruence_text.hpp"
#include "present/layer_comparison_text.hpp"
#include "present/layers_text.hpp"
#include "analysis/layer_comparison.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/resources.hpp"
#include "initiatives/insurer_directory.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <set>

namespace regiomap::cli {

namespace {

const std::vector<std::string> kDefaultScoreLayers{"zorgkantoor", "ggd", "jeugdregio"};

struct AnalysisArguments {
    std::string store = Store::kDefaultPath;
    std::optional<int> year;  // --year; none: the latest loaded
    std::vector<std::string> layers = kDefaultScoreLayers;
    std::string largest_insurer_table;
    DecimalConvention decimal = DecimalConvention::automatic;
    bool published_only = false;
    OutputFormat format = OutputFormat::table;
    CsvDialect csv_dialect = CsvDialect::plain;
    bool wide = false;
};

constexpr const char* kPublishedOnlyHelp =
    "leave default memberships out of the scores (municipalities a membership table such as werkstructuur does not "
    "list): such a municipality has no table in that layer, and no one counts it as a partner through it";

void add_analysis_options(CLI::App& command, AnalysisArguments& arguments) {
    add_store_option(command, arguments.store);
    add_year_option(command, arguments.year);
    command.add_option("--layers", arguments.layers, "layers to score over, comma-separated")
        ->delimiter(',')
        ->capture_default_str();
    command.add_option("--largest-insurer", arguments.largest_insurer_table,
                       "your own table of the largest insurer per municipality (columns municipality, concern; "
                       "optional year, source; Dutch headers too), used instead of published figures and the "
                       "zorgkantoor rule; brands count as their concern (Zilveren Kruis: Achmea)")
        ->check(CLI::ExistingFile);
    add_decimal_option(command, arguments.decimal);
    command.add_flag("--published-only", arguments.published_only, kPublishedOnlyHelp);
    add_wide_option(command, arguments.wide);
}

Governance governance_for(const Store& store, const AnalysisArguments& arguments) {
    require_distinct_layers(arguments.layers);
    Governance governance = read_governance(store);
    if (!arguments.largest_insurer_table.empty()) {
        apply_largest_insurer_table(governance, store.names(), InsurerDirectory(store), arguments.largest_insurer_table,
                                    arguments.decimal);
    }
    if (arguments.published_only) leave_out_default_memberships(governance);
    return governance;
}

// Every query is resolved first; misses are reported by the caller after the found are printed.
std::vector<int> municipalities_found(const Governance& governance, const LookupResult& result) {
    std::vector<int> municipalities;
    for (const auto& found : result.found) {
        for (const auto& target : found.entry->targets) municipalities.push_back(governance.index_of.at(target.code));
    }
    return municipalities;
}

}  // namespace

void setup_profile(CLI::App& app) {
    struct ProfileArguments : AnalysisArguments {
        std::vector<std::string> queries;
    };
    auto arguments = std::make_shared<ProfileArguments>();
    CLI::App* command = app.add_subcommand(
        "profile", "Per municipality the insurers' paper's table: largest insurer, zorgkantoor region and insurer, "
                   "youth-care, GGD and work-structure region, each with its basis and year, and the scores. Names "
                   "are matched as by lookup; those not found are reported after the profiles (exit code 4).");
    add_analysis_options(*command, *arguments);
    command->add_option("municipality", arguments->queries, "codes or names of any year")->required();
    command->add_option("--format", arguments->format, "table or json")
        ->transform(CLI::CheckedTransformer(std::map<std::string, OutputFormat>{{"table", OutputFormat::table},
                                                                                {"json", OutputFormat::json}},
                                            CLI::ignore_case));
    command->callback([arguments] {
        Store store(arguments->store, arguments->year);
        Governance governance = governance_for(store, *arguments);
        IncongruenceModel model(governance, arguments->layers);
        const MunicipalityNames names = store.names();  // the result points into it
        LookupResult result = find_municipalities(names, arguments->queries);
        std::cout << format_profiles(governance, model, profile_municipalities(model, municipalities_found(governance, result)), arguments->format,
                                     arguments->wide)
                  << std::flush;
        if (!result.misses.empty()) {
            throw NotFoundError(misses_message(result.misses, province_of_municipalities(store)));
        }
    });
}

void setup_incongruence(CLI::App& app) {
    struct IncongruenceArguments : AnalysisArguments {
        std::size_t top = 0;
        std::string output;
        bool force = false;
        bool qml = false;
        std::string format_name = "table";
    };
    auto arguments = std::make_shared<IncongruenceArguments>();
    CLI::App* command = app.add_subcommand(
        "incongruence", "Per municipality its region in each layer and the scores U, I, C, T, P and insurer "
                        "mismatch, most fragmented first (definitions: docs/METRICS.md).");
    add_analysis_options(*command, *arguments);
    command->add_option("--top", arguments->top, "print only the N most fragmented (0: all)");
    command->add_option("--format", arguments->format_name, "table, csv, json or gpkg (gpkg needs --output)")
        ->check(CLI::IsMember({"table", "csv", "json", "gpkg"}, CLI::ignore_case));
    command->add_option("--output", arguments->output,
                        "file to write instead of stdout (needed for --format gpkg); an existing file is replaced "
                        "only if it is a previous output of the same kind, and never the store or an input");
    command->add_flag("--force", arguments->force, "replace an existing --output file of another kind");
    command->add_flag("--qml", arguments->qml, "with --format gpkg: also write the QGIS style as FILE.qml beside it");
    add_csv_dialect_option(*command, arguments->csv_dialect);
    command->callback([arguments] {
        Store store(arguments->store, arguments->year);
        Governance governance = governance_for(store, *arguments);
        IncongruenceModel model(governance, arguments->layers);
        auto scores = model.score_all();
        rank_most_fragmented_first(governance, scores);
        const OutputPolicy policy{arguments->force, {arguments->store, arguments->largest_insurer_table}};
        if (arguments->format_name == "gpkg") {
            if (arguments->output.empty()) throw UsageError("--format gpkg needs --output FILE.gpkg");
            // The style always goes into the GeoPackage; --qml also writes it beside.
            write_incongruence_geopackage(store, model, scores, arguments->output, find_qml("incongruence"), policy,
                                          arguments->qml ? StyleFiles::inside_and_beside : StyleFiles::inside);
            std::cerr << "wrote " << arguments->output << (arguments->qml ? " and its QGIS style" : "") << "\n";
            return;
        }
        if (arguments->qml) throw UsageError("--qml goes with --format gpkg");
        OutputFormat format = arguments->format_name == "csv"    ? OutputFormat::csv
                              : arguments->format_name == "json" ? OutputFormat::json
                                                                 : OutputFormat::table;
        std::string text =
            in_csv_dialect(format_incongruence(model, scores, summarize(governance, scores), arguments->top, format,
                                               arguments->wide), format, arguments->csv_dialect);
        print_or_write(text, format, arguments->output, policy);
    });
}

void setup_compare_layers(CLI::App& app) {
    struct CompareArguments {
        std::string store = Store::kDefaultPath;
        std::optional<int> year;  // --year; none: the latest loaded
        std::vector<std::string> layers;
        bool published_only = false;
        Weight weight = Weight::count;
        OutputFormat format = OutputFormat::table;
        CsvDialect csv_dialect = CsvDialect::plain;
        bool wide = false;
    };
    auto arguments = std::make_shared<CompareArguments>();
    CLI::App* command = app.add_subcommand(
        "compare-layers", "For every pair of layers: adjusted Rand index, normalised variation of information, "
                          "nesting both ways and the regions split, with a line per split region.");
    add_store_option(*command, arguments->store);
    add_year_option(*command, arguments->year);
    command->add_option("--layers", arguments->layers, "layers to compare, comma-separated (default: all)")
        ->delimiter(',');
    command->add_option("--weight", arguments->weight, "count, population or area")
        ->transform(CLI::CheckedTransformer(std::map<std::string, Weight>{{"count", Weight::count},
                                                                          {"population", Weight::population},
                                                                          {"area", Weight::area}},
                                            CLI::ignore_case));
    command->add_flag("--published-only", arguments->published_only, kPublishedOnlyHelp);
    add_format_option(*command, arguments->format);
    add_csv_dialect_option(*command, arguments->csv_dialect);
    add_wide_option(*command, arguments->wide);
    command->callback([arguments] {
        Governance governance = read_governance(Store(arguments->store, arguments->year));
        if (arguments->published_only) leave_out_default_memberships(governance);
        std::vector<std::string> layers = arguments->layers;
        if (layers.empty()) {
            for (const auto& division : governance.divisions) layers.push_back(division.layer_id);
        }
        if (layers.size() < 2) throw UsageError("compare-layers needs at least two layers");
        require_distinct_layers(layers);
        std::cout << in_csv_dialect(format_layer_comparisons(governance, layers, arguments->weight,
                                                             compare_all_layers(governance, layers, arguments->weight), arguments->format,
                                                             arguments->wide),
                                    arguments->format, arguments->csv_dialect);
    });
}

void setup_whatif(CLI::App& app) {
    struct WhatIfArguments : AnalysisArguments {
        std::vector<std::string> moves;
        std::string save;
        bool force = false;
    };
    auto arguments = std::make_shared<WhatIfArguments>();
    CLI::App* command = app.add_subcommand(
        "whatif", "Scores before and after moving municipalities to other regions, for every municipality affected, "
                  "without touching the store.");
    add_analysis_options(*command, *arguments);
    command->add_option("--move", arguments->moves, "MUNICIPALITY:LAYER=REGION (region by code or name); repeatable")
        ->required();
    command->add_option("--save", arguments->save,
                        "write the moved division as a membership table (CSV: municipality_code, municipality_name, "
                        "region_code, region_name) that loads as a layer through the manifest");
    command->add_flag("--force", arguments->force, "with --save: replace a file that is not a previous output");
    add_format_option(*command, arguments->format);
    add_csv_dialect_option(*command, arguments->csv_dialect);
    command->callback([arguments] {
        Store store(arguments->store, arguments->year);
        Governance governance = governance_for(store, *arguments);
        const std::vector<Move> moves = parse_moves(governance, store.names(), arguments->moves);
        const auto graph = AdjacencyGraph::from_records(governance.index_of, store.adjacency(), LinkUse::with_links);
        const WhatIfResult result = what_if(governance, arguments->layers, moves, &graph);
        if (!arguments->save.empty()) {
            std::set<std::string> layers;
            for (const auto& move : moves) layers.insert(move.layer_id);
            if (layers.size() != 1) {
                throw UsageError(fmt::format("--save writes one division, and the moves change {}: save them one layer "
                                             "at a time",
                                             fmt::join(layers, " and ")));
            }
            const std::string csv = division_memberships_csv(governance, governance.division(*layers.begin()));
            write_output_file(arguments->save, OutputKind::csv, csv, OutputPolicy{arguments->force, {arguments->store}});
            std::cerr << "whatif: wrote " << arguments->save << " (" << *layers.begin()
                      << " after the moves, a membership table the manifest loads as a layer)" << std::endl;
        }
        if (arguments->format == OutputFormat::csv) std::cerr << format_what_if_warnings(governance, arguments->layers, moves, result);
        std::cout << in_csv_dialect(format_what_if(governance, arguments->layers, moves, result,
                                                   judge_what_if(result.changes), arguments->format),
                                    arguments->format, arguments->csv_dialect);
    });
}

}  // namespace regiomap::cli
