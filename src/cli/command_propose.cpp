// propose: one congruent region layout, or the least change to an existing one.
#include "cli/commands.hpp"
#include "core/name_matching.hpp"
#include "present/proposal_text.hpp"
#include "proposal/compactness.hpp"
#include "proposal/proposal.hpp"
#include "report/proposal_output.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>

namespace regiomap::cli {

namespace {

struct ProposeArguments {
    std::string store = Store::kDefaultPath;
    std::optional<int> year;  // --year; none: the latest loaded
    ProposalOptions options;
    std::string weights;
    std::string bounds;
    std::string objective = "ari";
    bool no_links = false;
    std::string fixed;
    std::string out;
    bool force = false;
    std::string language = "nl";
    OutputFormat format = OutputFormat::table;
    CsvDialect csv_dialect = CsvDialect::plain;
    bool wide = false;
};

double option_number(const std::string& option, const std::string& text) {
    auto parsed = parse_option_number(text);
    if (!parsed) throw UsageError(option + ": " + parsed.reason());
    return *parsed;
}

// "zorgkantoor=1,ggd=1,jeugdregio=1"
std::vector<std::pair<std::string, double>> parse_weights(const std::string& text) {
    std::vector<std::pair<std::string, double>> weights;
    for (const auto& item : split_written_list(text, ",")) {
        auto equals = item.find('=');
        if (equals == std::string::npos || equals == 0) {
            throw UsageError(fmt::format("--weights: '{}' is not LAYER=WEIGHT (e.g. zorgkantoor=1,ggd=1,jeugdregio=1)", item));
        }
        weights.emplace_back(item.substr(0, equals), option_number("--weights", item.substr(equals + 1)));
    }
    if (weights.empty()) throw UsageError("--weights: give LAYER=WEIGHT pairs, e.g. zorgkantoor=1,ggd=1,jeugdregio=1");
    return weights;
}

std::pair<double, double> parse_bounds(const std::string& text) {
    auto parts = split_written_list(text, ",");
    if (parts.size() != 2) {
        throw UsageError(fmt::format("--population-bounds: '{}' is not LOWER,UPPER written with decimal points "
                                     "(e.g. 0.5,2.0)",
                                     text));
    }
    return {option_number("--population-bounds", parts[0]), option_number("--population-bounds", parts[1])};
}

}  // namespace

void setup_propose(CLI::App& app) {
    auto arguments = std::make_shared<ProposeArguments>();
    CLI::App* command = app.add_subcommand(
        "propose",
        "Propose K contiguous regions that agree best with the existing divisions (weighted mean adjusted Rand index), "
        "within population bounds; or, with --from LAYER --max-moves N, the least change to a division: the best "
        "agreement reachable with 0..N moved municipalities. Prints what every division would have to change; --out "
        "DIR writes the membership table, the change list, a GeoPackage and a map. Exit code 8 when K and the bounds "
        "cannot be met (the message names the bound and what would be feasible).");
    add_store_option(*command, arguments->store);
    add_year_option(*command, arguments->year);
    command->add_option("--regions", arguments->options.regions, "K, the number of regions (default with --from: its count)");
    command->add_option("--from", arguments->options.from_layer,
                        "start from this division (e.g. zorgkantoor); with --max-moves: minimal-change mode");
    command->add_option("--max-moves", arguments->options.max_moves,
                        "minimal-change mode: at most this many municipalities change region; prints the curve 0..N")
        ->check(CLI::Range(0, 355 * 4));
    command->add_option("--weights", arguments->weights,
                        "divisions to agree with and their weights (default zorgkantoor=1,ggd=1,jeugdregio=1)");
    command->add_option("--population-bounds", arguments->bounds,
                        "LOWER,UPPER: every region's population within these times the mean (default 0.5,2.0)");
    command->add_flag("--keep-province", arguments->options.keep_province, "regions never cross a province border");
    command->add_flag("--no-links", arguments->no_links, "contiguity over shared borders only, without ferries and tunnels");
    command->add_option("--fixed", arguments->fixed,
                        "table (columns municipality, region) of municipalities kept together and never moved (each "
                        "group one connected area); with --from, region is a region code of that division");
    command->add_option("--seed", arguments->options.seed, "random seed: the same seed gives the same proposal (default 1)");
    command->add_option("--objective", arguments->objective,
                        "ari (weighted mean adjusted Rand index, the default) or pairs (pair agreement: pairs on which "
                        "the proposal and a division agree minus those on which they disagree)")
        ->check(CLI::IsMember({"ari", "pairs"}));
    command->add_option("--iterations", arguments->options.iterations,
                        "annealing steps per restart (default 2000000; a curve point gets a tenth)")
        ->check(CLI::Range(1000, 100'000'000));
    command->add_option("--restarts", arguments->options.restarts, "independent searches, the best kept (default 8)")
        ->check(CLI::Range(1, 64));
    command->add_option("--out", arguments->out,
                        "write memberships.csv, changes.csv, proposal.json, proposal.gpkg and a map into this folder");
    command->add_flag("--force", arguments->force, "with --out: write into a folder that holds other files");
    command->add_option("--lang", arguments->language, "language of the map: nl (default) or en")
        ->check(CLI::IsMember({"nl", "en"}));
    add_format_option(*command, arguments->format);
    add_csv_dialect_option(*command, arguments->csv_dialect);
    add_wide_option(*command, arguments->wide);
    command->callback([arguments] {
        ProposalOptions options = arguments->options;
        if (!arguments->weights.empty()) options.weights = parse_weights(arguments->weights);
        if (!arguments->bounds.empty()) std::tie(options.lower_bound, options.upper_bound) = parse_bounds(arguments->bounds);
        options.objective = arguments->objective == "pairs" ? Objective::pair_agreement : Objective::adjusted_rand;
        options.links = arguments->no_links ? LinkUse::borders_only : LinkUse::with_links;
        options.fixed_file = arguments->fixed;
        const Store store(arguments->store, arguments->year);
        const Governance governance = read_governance(store);
        ProposalOutcome outcome = propose(governance, store.names(), store.adjacency(), options,
                                          {"zorgkantoor", "ggd", "jeugdregio"}, [](const ProposalProgress& progress) {
                                              std::cerr << proposal_progress_line(progress) << std::endl;
                                              return true;
                                          });
        if (outcome.infeasible) {
            throw InfeasibleRequest(describe_infeasibility(governance, outcome.proposal, *outcome.infeasible));
        }
        measure_compactness(store, governance, outcome.proposal);
        if (!arguments->out.empty()) {
            ProposalFolder folder{arguments->out, arguments->store, arguments->force,
                                  arguments->language == "en" ? Language::en : Language::nl};
            write_proposal_folder(store, governance, outcome.proposal, folder);
            std::cerr << "propose: wrote " << arguments->out << std::endl;
        }
        std::cout << in_csv_dialect(format_proposal(governance, outcome.proposal, arguments->format, arguments->wide),
                                    arguments->format, arguments->csv_dialect);
        // In minimal-change mode the curve itself says how many regions the moves allowed leave outside.
        if (!outcome.proposal.bounds_met && !outcome.proposal.minimal_change) {
            throw InfeasibleRequest("the best layout found leaves regions outside the population bounds (marked ! "
                                    "above); the bounds may still be feasible: try more --iterations or --restarts, "
                                    "another --seed, or wider --population-bounds");
        }
    });
}

}  // namespace regiomap::cli
