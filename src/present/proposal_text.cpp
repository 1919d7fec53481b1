#include "present/proposal_text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <limits>

namespace regiomap {

namespace {

using json = nlohmann::json;

std::string fixed(double value, int decimals) { return fmt::format("{:.{}f}", value, decimals); }
std::string optional_fixed(const std::optional<double>& value, int decimals) {
    return value ? fixed(*value, decimals) : "-";
}
std::string thousands(double value) { return format_thousands(static_cast<std::int64_t>(value + 0.5)); }

std::string objective_name(Objective objective) {
    return objective == Objective::adjusted_rand ? "adjusted Rand index" : "pair agreement";
}

std::string weights_text(const Proposal& proposal) {
    std::vector<std::string> parts;
    for (const auto& [layer, weight] : proposal.options.weights) {
        if (weight > 0) parts.push_back(fmt::format("{}={:g}", layer, weight));
    }
    return fmt::format("{}", fmt::join(parts, ", "));
}

const Division& division_of(const Governance& governance, const std::string& layer_id) {
    return governance.division(layer_id);
}

std::string region_label(const Division& division, int region) {
    return region < 0 ? std::string("(none)") : division.region_codes[region] + " " + division.region_names[region];
}

json optional_json(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }

std::string format_json(const Governance& governance, const Proposal& proposal) {
    json regions = json::array();
    for (const auto& region : proposal.proposed) {
        json members = json::array();
        for (int m : region.members) members.push_back(governance.codes[m]);
        regions.push_back({{"code", region.code}, {"name", region.name}, {"population", region.population},
                           {"population_ratio", region.population_ratio}, {"within_bounds", region.within_bounds},
                           {"polsby_popper", optional_json(region.polsby_popper)},
                           {"municipality_codes", members}});
    }
    json impacts = json::array();
    for (const auto& impact : proposal.impacts) {
        const Division& division = division_of(governance, impact.layer_id);
        json changes = json::array();
        for (const auto& change : impact.changes) {
            changes.push_back({{"municipality_code", governance.codes[change.municipality]},
                               {"municipality_name", governance.names[change.municipality]},
                               {"from_region_code", division.region_codes[change.from_region]},
                               {"to_region_code", change.to_region < 0 ? json(nullptr)
                                                                       : json(division.region_codes[change.to_region])},
                               {"proposed_region_code", proposal.proposed[change.proposed_region].code}});
        }
        impacts.push_back({{"layer", impact.layer_id}, {"weight", impact.target ? json(impact.weight) : json(nullptr)},
                           {"adjusted_rand", impact.adjusted_rand}, {"pair_agreement", impact.pair_agreement},
                           {"municipalities_changing", impact.changes.size()},
                           {"mean_congruence_before", optional_json(impact.mean_congruence_before)},
                           {"mean_congruence_after", optional_json(impact.mean_congruence_after)},
                           {"mean_polsby_popper", optional_json(impact.mean_polsby_popper)},
                           {"changes", changes}});
    }
    json curve = json::array();
    for (const auto& point : proposal.curve) {
        json ari = json::object();
        for (std::size_t t = 0; t < proposal.target_layers.size(); ++t) ari[proposal.target_layers[t]] = point.adjusted_rand[t];
        curve.push_back({{"moves_allowed", point.moves_allowed}, {"moves_used", point.moves_used},
                         {"quality", point.quality}, {"adjusted_rand", ari},
                         {"regions_outside_bounds", point.regions_outside_bounds}});
    }
    json forced = json::array();
    for (int m : proposal.forced_moves) forced.push_back(governance.codes[m]);
    json weights = json::object();
    for (const auto& [layer, weight] : proposal.options.weights) weights[layer] = weight;
    return json_text({{"mode", proposal.minimal_change ? "minimal change" : "from scratch"},
                      {"from_layer", proposal.options.from_layer.empty() ? json(nullptr) : json(proposal.options.from_layer)},
                      {"regions", proposal.regions},
                      {"seed", proposal.options.seed},
                      {"objective", objective_name(proposal.options.objective)},
                      {"weights", weights},
                      {"population_bounds", {proposal.options.lower_bound, proposal.options.upper_bound}},
                      {"mean_population", proposal.mean_population},
                      {"smallest_population", proposal.smallest_population},
                      {"largest_population", proposal.largest_population},
                      {"bounds_met", proposal.bounds_met},
                      {"keep_province", proposal.options.keep_province},
                      {"links_used", proposal.options.links == LinkUse::with_links},
                      {"quality", proposal.quality},
                      {"mean_adjusted_rand", proposal.mean_adjusted_rand},
                      {"mean_polsby_popper", optional_json(proposal.mean_polsby_popper)},
                      {"scored_layers", proposal.scored_layers},
                      {"forced_moves", forced},
                      {"tradeoff_curve", curve},
                      {"evaluated_moves", proposal.evaluated_moves},
                      {"proposed_regions", regions},
                      {"divisions", impacts}});
}

}  // namespace

const char* proposal_stage_id(ProposalProgress::Stage stage) {
    switch (stage) {
        case ProposalProgress::Stage::starting: return "starting";
        case ProposalProgress::Stage::blocks: return "blocks";
        case ProposalProgress::Stage::polish: return "polish";
        case ProposalProgress::Stage::reheat: return "reheat";
        case ProposalProgress::Stage::merge_split: return "merge_split";
        case ProposalProgress::Stage::curve: return "curve";
    }
    return "unknown";
}

std::string proposal_progress_line(const ProposalProgress& progress) {
    const char* words = "";
    switch (progress.stage) {
        case ProposalProgress::Stage::starting: return "propose: searching";
        case ProposalProgress::Stage::blocks: words = "annealed every start on blocks of municipalities"; break;
        case ProposalProgress::Stage::polish: words = "polished on single municipalities"; break;
        case ProposalProgress::Stage::reheat: words = "reheated from the best layout"; break;
        case ProposalProgress::Stage::merge_split: words = "merged and split regions"; break;
        case ProposalProgress::Stage::curve: words = "searched one more move"; break;
    }
    std::string line = fmt::format("propose: {} ({} of {})", words, progress.step, progress.steps);
    if (progress.best_quality) line += fmt::format(", best agreement {:.4f}", *progress.best_quality);
    return line;
}

std::string describe_infeasibility(const Governance& governance, const Proposal& proposal,
                                   const Infeasibility& infeasible, OptionWording wording) {
    const auto& options = proposal.options;
    const double mean = infeasible.mean_population;
    const bool cli = wording == OptionWording::command_line;
    auto bounds = [&](double lower, const std::string& upper) {
        return cli ? fmt::format("--population-bounds {:g},{}", lower, upper)
                   : fmt::format("population_bounds [{:g}, {}]", lower, upper);
    };
    const std::string asked = bounds(options.lower_bound, fmt::format("{:g}", options.upper_bound));
    // In minimal change K is the count of the division started from.
    const std::string fewer = proposal.minimal_change ? "start from a division with fewer regions" : "choose fewer regions";
    switch (infeasible.kind) {
        case Infeasibility::Kind::bounds_inverted:
            return fmt::format("{} cannot be met: the regions' mean is 1 times the mean, so the lower bound must be at "
                               "most 1 and the upper bound at least 1",
                               asked);
        case Infeasibility::Kind::municipality_above_upper: {
            const auto population = governance.population_of(infeasible.municipality);
            return fmt::format(
                "{} cannot be met at K = {}: the mean region population is {}, so the upper bound {:g} allows {} "
                "inhabitants per region, but {} alone has {} ({:.2f} times the mean, {} too many). The smallest "
                "feasible upper bound is {:.2f} ({}), or {}",
                asked, proposal.regions, thousands(mean), options.upper_bound, thousands(options.upper_bound * mean),
                governance.names[infeasible.municipality], format_thousands(population), infeasible.ratio,
                thousands(static_cast<double>(population) - options.upper_bound * mean), infeasible.smallest_upper,
                bounds(options.lower_bound, fmt::format("{:.2f}", infeasible.smallest_upper)), fewer);
        }
        case Infeasibility::Kind::too_many_regions:
            if (infeasible.parts > 0) {
                return fmt::format("K = {} cannot be met within {}: regions of at least {} inhabitants leave room for "
                                   "fewer regions; lower the lower bound or {}",
                                   proposal.regions, asked, thousands(options.lower_bound * mean), fewer);
            }
            return fmt::format("K = {} is more than the {} municipalities", proposal.regions, governance.codes.size());
        case Infeasibility::Kind::too_few_regions:
            return fmt::format("K = {} cannot be met: the adjacency graph falls into {} parts that cannot share a region "
                               "(regiomap adjacency{} names them), and regions of at most {} inhabitants need more; "
                               "choose more regions{}",
                               proposal.regions, infeasible.parts,
                               options.links == LinkUse::borders_only ? " --no-links" : "",
                               thousands(options.upper_bound * mean),
                               options.links == LinkUse::borders_only ? " or use the links across water" : "");
        case Infeasibility::Kind::part_does_not_fit: {
            std::vector<std::string> names;
            for (int m : infeasible.part) names.push_back(governance.names[m]);
            return fmt::format("{} cannot be met at K = {}: the part of the adjacency graph "
                               "holding {} ({} inhabitants) cannot be cut into regions of {} to {} inhabitants{}",
                               asked, proposal.regions,
                               join_names_within(names, 60), format_thousands(infeasible.part_population),
                               thousands(options.lower_bound * mean), thousands(options.upper_bound * mean),
                               options.keep_province
                                   ? fmt::format(" within its province ({}); an administrative link in the "
                                                 "manifest's links table (kind administrative, with the reason) can "
                                                 "join it to its province",
                                                 cli ? "--keep-province" : "keep_province")
                                   : std::string());
        }
        case Infeasibility::Kind::fixed_group_split: {
            std::vector<std::string> names;
            for (int m : infeasible.part) names.push_back(governance.names[m]);
            return fmt::format("--fixed: the municipalities kept together as '{}' ({}) are not one connected area on "
                               "the adjacency graph, so no contiguous region can hold them",
                               infeasible.group, join_names_within(names, 80));
        }
    }
    return "the proposal cannot be made";
}

std::string proposal_memberships_csv(const Governance& governance, const Proposal& proposal) {
    std::string text = csv_line({"municipality_code", "municipality_name", "region_code", "region_name"});
    for (std::size_t m = 0; m < proposal.region_of.size(); ++m) {
        const auto& region = proposal.proposed[proposal.region_of[m]];
        text += csv_line({governance.codes[m], governance.names[m], region.code, region.name});
    }
    return text;
}

std::string proposal_changes_csv(const Governance& governance, const Proposal& proposal) {
    std::string text = csv_line({"layer", "municipality_code", "municipality_name", "from_region_code",
                                 "from_region_name", "to_region_code", "to_region_name", "proposed_region_code",
                                 "proposed_region_name"});
    for (const auto& impact : proposal.impacts) {
        const Division& division = division_of(governance, impact.layer_id);
        for (const auto& change : impact.changes) {
            const auto& proposed = proposal.proposed[change.proposed_region];
            text += csv_line({impact.layer_id, governance.codes[change.municipality], governance.names[change.municipality],
                              division.region_codes[change.from_region], division.region_names[change.from_region],
                              change.to_region < 0 ? "" : division.region_codes[change.to_region],
                              change.to_region < 0 ? "" : division.region_names[change.to_region], proposed.code,
                              proposed.name});
        }
    }
    return text;
}

std::string format_proposal(const Governance& governance, const Proposal& proposal, OutputFormat format, bool wide) {
    if (format == OutputFormat::json) return format_json(governance, proposal);
    if (format == OutputFormat::csv) return proposal_memberships_csv(governance, proposal);
    const auto& options = proposal.options;
    const std::size_t width = wide ? 0 : kTerminalWidth;
    auto prose = [&](const std::string& line) { return wide ? line + "\n" : wrap_text(line, kTerminalWidth, 2); };
    std::string text;
    if (proposal.minimal_change) {
        text += prose(fmt::format("Proposal: the {} regions of {}, changed by at most {} moves (a move: one "
                                  "municipality into a neighbouring region), seed {}.",
                                  proposal.regions, options.from_layer, options.max_moves, options.seed));
    } else {
        text += prose(fmt::format("Proposal: {} contiguous regions of the {} municipalities{}, seed {}.",
                                  proposal.regions, governance.codes.size(),
                                  options.from_layer.empty() ? "" : ", grown from " + options.from_layer, options.seed));
    }
    text += prose(fmt::format(
        "Contiguous on the adjacency graph ({}{}); population bounds {:g}-{:g} times the mean of {} = {} to {} "
        "inhabitants.",
        options.links == LinkUse::with_links ? "shared borders and links across water" : "shared borders only",
        options.keep_province ? ", within provinces" : "", options.lower_bound, options.upper_bound,
        thousands(proposal.mean_population), thousands(options.lower_bound * proposal.mean_population),
        thousands(options.upper_bound * proposal.mean_population)));
    text += prose(fmt::format("Agreement with {} (objective: weighted mean {}): {:.4f}; mean adjusted Rand index {:.4f}.",
                              weights_text(proposal), objective_name(options.objective), proposal.quality,
                              proposal.mean_adjusted_rand));
    if (proposal.smallest_region >= 0 && proposal.largest_region >= 0) {
        const ProposedRegion& smallest = proposal.proposed[proposal.smallest_region];
        const ProposedRegion& largest = proposal.proposed[proposal.largest_region];
        text += prose(fmt::format("Population: smallest {} {} ({} inhabitants, {:.2f} times the mean), largest {} {} ({}, "
                                  "{:.2f} times); {}.",
                                  smallest.code, smallest.name, format_thousands(smallest.population),
                                  smallest.population_ratio, largest.code, largest.name,
                                  format_thousands(largest.population), largest.population_ratio,
                                  proposal.regions_outside_bounds == 0
                                      ? "every region within the bounds"
                                      : fmt::format("{} regions OUTSIDE the bounds", proposal.regions_outside_bounds)));
    }
    if (proposal.mean_polsby_popper) {
        text += prose(fmt::format("Compactness (Polsby-Popper, 4 pi area / perimeter squared, mean over the regions; 1 "
                                  "is a circle): {:.3f}.",
                                  *proposal.mean_polsby_popper));
    }
    if (!proposal.forced_moves.empty()) {
        std::vector<std::string> names;
        for (int m : proposal.forced_moves) names.push_back(governance.names[m]);
        text += prose(fmt::format("Moved before counting ({}), because {} regions are not one connected area on the "
                                  "graph: {}. An administrative link in the manifest's links table keeps them.",
                                  names.size(), options.from_layer, fmt::join(names, ", ")));
    }

    if (!proposal.curve.empty()) {
        text += "\nTrade-off: the best agreement reachable with at most N moves\n";
        std::vector<std::string> header{"moves", "used", "outside bounds", "agreement"};
        for (const auto& layer : proposal.target_layers) header.push_back("ARI " + layer);
        std::vector<std::vector<std::string>> rows;
        for (const auto& point : proposal.curve) {
            std::vector<std::string> row{std::to_string(point.moves_allowed), std::to_string(point.moves_used),
                                         std::to_string(point.regions_outside_bounds), fixed(point.quality, 4)};
            for (double value : point.adjusted_rand) row.push_back(fixed(value, 4));
            rows.push_back(std::move(row));
        }
        text += indent_lines(format_text_table(header, rows, std::vector<bool>(header.size(), true)), "  ");
        if (proposal.curve.front().regions_outside_bounds > 0) {
            text += prose(fmt::format("  {} starts with {} regions outside the bounds; a move may never take the regions "
                                      "further outside, so the first moves bring them in, at a cost in agreement.",
                                      options.from_layer, proposal.curve.front().regions_outside_bounds));
        }
    }

    text += "\nWhat each division would change to adopt it (moving: municipalities that would change region):\n";
    {
        std::vector<std::vector<std::string>> rows;
        for (const auto& impact : proposal.impacts) {
            rows.push_back({impact.layer_id, impact.target ? fmt::format("{:g}", impact.weight) : "-",
                            fixed(impact.adjusted_rand, 4), fixed(impact.pair_agreement, 4),
                            std::to_string(impact.changes.size()), optional_fixed(impact.mean_congruence_before, 3),
                            optional_fixed(impact.mean_congruence_after, 3), optional_fixed(impact.mean_polsby_popper, 3)});
        }
        text += indent_lines(format_text_table({"division", "weight", "ARI", "pair agr.", "moving", "mean C now",
                                                "mean C after", "its PP"},
                                               rows, {false, true, true, true, true, true, true, true}),
                             "  ");
        text += prose(fmt::format("  mean C over {}; \"after\": with that one division replaced by the proposal. PP: "
                                  "mean Polsby-Popper of the division's own regions.",
                                  fmt::join(proposal.scored_layers, ", ")));
    }

    text += "\nProposed regions:\n";
    {
        std::vector<std::vector<std::string>> rows;
        for (const auto& region : proposal.proposed) {
            std::vector<std::string> row{region.code, region.name, std::to_string(region.members.size()),
                                         format_thousands(region.population), fixed(region.population_ratio, 2) +
                                                                                  (region.within_bounds ? "" : " !"),
                                         optional_fixed(region.polsby_popper, 3)};
            for (const auto& impact : proposal.impacts) {
                if (!impact.target) continue;
                const Division& division = division_of(governance, impact.layer_id);
                const int continued = impact.continued_by[&region - proposal.proposed.data()];
                row.push_back(continued < 0 ? "-" : division.region_codes[continued]);
            }
            rows.push_back(std::move(row));
        }
        std::vector<std::string> header{"code", "name", "munic.", "population", "x mean", "PP"};
        for (const auto& impact : proposal.impacts) {
            if (impact.target) header.push_back(impact.layer_id);
        }
        std::vector<bool> right(header.size(), false);
        right[2] = right[3] = right[4] = right[5] = true;
        std::vector<bool> shrinkable(header.size(), false);
        shrinkable[1] = true;
        text += indent_lines(format_fitted_table(header, rows, right, shrinkable, width == 0 ? 0 : width - 2).text, "  ");
        text += prose("  The last columns: the region of that division each proposed region continues (the one holding "
                      "most of its population).");
    }

    text += "\nMunicipalities that would change region, per weighted division:\n";
    const std::size_t shown = wide ? std::numeric_limits<std::size_t>::max() : 12;
    for (const auto& impact : proposal.impacts) {
        if (!impact.target) continue;
        const Division& division = division_of(governance, impact.layer_id);
        text += fmt::format("  {}: {} municipalit{}\n", impact.layer_id, impact.changes.size(),
                            impact.changes.size() == 1 ? "y" : "ies");
        std::vector<std::vector<std::string>> rows;
        for (std::size_t i = 0; i < impact.changes.size() && i < shown; ++i) {
            const auto& change = impact.changes[i];
            rows.push_back({governance.names[change.municipality], region_label(division, change.from_region),
                            region_label(division, change.to_region),
                            proposal.proposed[change.proposed_region].code});
        }
        if (!rows.empty()) {
            text += indent_lines(format_fitted_table({"municipality", "from", "to", "proposed"}, rows,
                                                     {false, false, false, false}, {false, true, true, false},
                                                     width == 0 ? 0 : width - 4)
                                     .text,
                                 "    ");
        }
        if (impact.changes.size() > shown) {
            text += fmt::format("    ... and {} more (--wide, or changes.csv with --out)\n", impact.changes.size() - shown);
        }
    }
    return text;
}

}  // namespace regiomap
