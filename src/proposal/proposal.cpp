#include "proposal/proposal.hpp"

#include "analysis/incongruence.hpp"
#include "core/error.hpp"
#include "core/table_reader.hpp"
#include "proposal/coarsening.hpp"
#include "proposal/search.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <set>

namespace regiomap {

namespace {

constexpr double kTolerance = 1e-9;
// Rounds of reheating after the polish, each an eighth of the polish's length.
constexpr int kReheatRounds = 8;
// Rounds of region-level moves after the reheating (at most), and the candidates annealed in
// each. A round that gains nothing is retried after one more reheating round, at most
// kMergeSplitRetries times in all: the reheating moves the best layout to a neighbouring one
// whose region-level moves differ (bundled data, K = 42, seeds 1-6: mean ARI +0.0002 on `linked`,
// +0.0004 on `ferries`, +0.0009 on `queen` (tools/bench), 0.3-0.7 s more).
constexpr int kMergeSplitRounds = 8;
constexpr int kMergeSplitRetries = 2;
constexpr std::size_t kMergeSplitCandidates = 16;

std::vector<TargetDivision> targets_of(const Governance& governance,
                                       const std::vector<std::pair<std::string, double>>& weights) {
    std::vector<TargetDivision> targets;
    for (const auto& [layer_id, weight] : weights) {
        if (!(weight > 0)) continue;
        const Division& division = governance.division(layer_id);
        targets.push_back({layer_id, weight, division.region_of, static_cast<int>(division.members.size())});
    }
    if (targets.empty()) throw UsageError("--weights: give at least one division a weight above 0");
    return targets;
}

AdjacencyGraph graph_for(const Governance& governance, const std::vector<AdjacencyRecord>& adjacency,
                         const ProposalOptions& options) {
    AdjacencyGraph graph = AdjacencyGraph::from_records(governance.index_of, adjacency, options.links);
    if (!options.keep_province) return graph;
    const Division& provinces = governance.division(kProvinceLayer);
    return graph.filtered([&](int a, int b) { return provinces.region_of[a] == provinces.region_of[b]; });
}

// --fixed: per municipality its group label ("" for none). Columns municipality (or
// gemeente) and region (or regio).
std::vector<std::string> read_fixed_groups(const Governance& governance, const MunicipalityNames& names,
                                           const std::filesystem::path& file) {
    std::vector<std::string> groups(governance.codes.size());
    if (file.empty()) return groups;
    const Table table = Table::read(file);
    const auto municipality_column = table.column_named({"municipality", "gemeente", "municipality_code"});
    const auto group_column = table.column_named({"region", "regio", "group", "groep", "region_code"});
    if (!municipality_column || !group_column) {
        throw DataError(table.path(), "header",
                        "needs a column municipality (or gemeente) and a column region (or regio)");
    }
    for (const auto& row : table.rows()) {
        const std::string code = municipality_in_row(names, table, row, row.values[*municipality_column]);
        const std::string& group = row.values[*group_column];
        if (group.empty()) {
            throw DataError(table.path(), fmt::format("{}, column {}", table.where(row), table.columns()[*group_column]),
                            "empty: name the region this municipality is kept in");
        }
        const int m = governance.index_of.at(code);
        if (!groups[m].empty() && groups[m] != group) {
            throw DataError(table.path(), table.where(row),
                            fmt::format("{} is fixed twice, to '{}' and to '{}'", governance.names[m], groups[m], group));
        }
        groups[m] = group;
    }
    return groups;
}

double round_up(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::ceil(value * scale - 1e-9) / scale;
}

std::vector<std::vector<int>> members_of(const std::vector<int>& region_of, int regions) {
    std::vector<std::vector<int>> members(regions);
    for (std::size_t m = 0; m < region_of.size(); ++m) members[region_of[m]].push_back(static_cast<int>(m));
    return members;
}


}  // namespace

PartitionProblem partition_problem(const Governance& governance, const AdjacencyGraph& graph,
                                   const std::vector<std::pair<std::string, double>>& weights, int regions) {
    PartitionProblem problem;
    problem.graph = &graph;
    for (std::size_t m = 0; m < governance.codes.size(); ++m) {
        // Population bounds on unknown figures would hold every region to zero people.
        if (!governance.population[m]) {
            throw UsageError(fmt::format("{} has no population figure for {}{}: the population bounds need one for "
                                         "every municipality (use a year that has them, --year 2020)",
                                         governance.names[m], governance.division_year,
                                         governance.population_date.empty() ? " (none were found for that year)" : ""));
        }
        problem.population.push_back(governance.population_of(static_cast<int>(m)));
    }
    problem.targets = targets_of(governance, weights);
    problem.regions = regions;
    return problem;
}

std::optional<Infeasibility> check_feasibility(const PartitionProblem& problem) {
    Infeasibility found;
    const double mean = problem.mean_population();
    found.mean_population = mean;
    if (problem.lower_bound > 1 + kTolerance || problem.upper_bound < 1 - kTolerance ||
        problem.lower_bound > problem.upper_bound) {
        found.kind = Infeasibility::Kind::bounds_inverted;
        return found;
    }
    if (problem.regions > static_cast<int>(problem.municipalities())) {
        found.kind = Infeasibility::Kind::too_many_regions;
        return found;
    }
    const auto largest = std::max_element(problem.population.begin(), problem.population.end());
    if (largest != problem.population.end() && static_cast<double>(*largest) > problem.upper_bound * mean) {
        found.kind = Infeasibility::Kind::municipality_above_upper;
        found.municipality = static_cast<int>(largest - problem.population.begin());
        found.ratio = static_cast<double>(*largest) / mean;
        found.smallest_upper = round_up(found.ratio, 2);
        return found;
    }
    const auto parts = problem.graph->parts();
    if (static_cast<int>(parts.size()) > problem.regions) {
        found.kind = Infeasibility::Kind::too_few_regions;
        found.parts = static_cast<int>(parts.size());
        return found;
    }
    // Each part of the graph holds a whole number of regions, each within the bounds.
    int fewest = 0, most = 0;
    for (const auto& part : parts) {
        std::int64_t people = 0;
        for (int m : part) people += problem.population[m];
        const double population = static_cast<double>(people);
        const int at_least = static_cast<int>(std::ceil(population / (problem.upper_bound * mean) - kTolerance));
        const int at_most = problem.lower_bound > 0
                                ? std::min<int>(static_cast<int>(part.size()),
                                                static_cast<int>(std::floor(population / (problem.lower_bound * mean) + kTolerance)))
                                : static_cast<int>(part.size());
        if (std::max(at_least, 1) > at_most) {
            found.kind = Infeasibility::Kind::part_does_not_fit;
            found.part = part;
            found.part_population = people;
            return found;
        }
        fewest += std::max(at_least, 1);
        most += at_most;
    }
    if (problem.regions < fewest || problem.regions > most) {
        found.kind = problem.regions < fewest ? Infeasibility::Kind::too_few_regions : Infeasibility::Kind::too_many_regions;
        found.parts = static_cast<int>(parts.size());
        return found;
    }
    if (!problem.fixed_group.empty()) {
        std::map<int, std::vector<int>> groups;
        for (std::size_t m = 0; m < problem.fixed_group.size(); ++m) {
            if (problem.fixed_group[m] >= 0) groups[problem.fixed_group[m]].push_back(static_cast<int>(m));
        }
        for (const auto& [group, members] : groups) {
            if (problem.graph->parts(members).size() > 1) {
                found.kind = Infeasibility::Kind::fixed_group_split;
                found.part = members;
                return found;
            }
        }
    }
    return std::nullopt;
}

Division proposal_division(const Proposal& proposal, const std::string& layer_id) {
    std::vector<std::string> codes, names;
    for (const auto& region : proposal.proposed) {
        codes.push_back(region.code);
        names.push_back(region.name);
    }
    return division_from_assignment(layer_id, codes, names, proposal.region_of);
}

ProposalOutcome propose(const Governance& governance, const MunicipalityNames& names,
                        const std::vector<AdjacencyRecord>& adjacency,
                        const ProposalOptions& options, const std::vector<std::string>& scored_layers,
                        const ProposalProgressSink& progress) {
    ProposalOutcome outcome;
    Proposal& proposal = outcome.proposal;
    proposal.options = options;
    proposal.minimal_change = options.max_moves >= 0;
    proposal.scored_layers = scored_layers;
    if (proposal.minimal_change && options.from_layer.empty()) {
        throw UsageError("--max-moves needs --from LAYER: the division the moves start from");
    }
    const Division* from = options.from_layer.empty() ? nullptr : &governance.division(options.from_layer);
    int regions = options.regions;
    if (regions <= 0) {
        if (!from) throw UsageError("give --regions K, or --from LAYER to take its number of regions");
        regions = static_cast<int>(from->members.size());
    }
    if (proposal.minimal_change && regions != static_cast<int>(from->members.size())) {
        throw UsageError(fmt::format("minimal-change mode keeps the {} regions of {}; leave out --regions or give "
                                     "--regions {}",
                                     from->members.size(), from->layer_id, from->members.size()));
    }
    proposal.regions = regions;

    const AdjacencyGraph graph = graph_for(governance, adjacency, options);
    PartitionProblem problem = partition_problem(governance, graph, options.weights, regions);
    for (const auto& target : problem.targets) proposal.target_layers.push_back(target.layer_id);
    problem.lower_bound = options.lower_bound;
    problem.upper_bound = options.upper_bound;
    problem.objective = options.objective;
    proposal.mean_population = problem.mean_population();

    // --fixed: groups by label; from a layer, the label is one of its region codes.
    const auto labels = read_fixed_groups(governance, names, options.fixed_file);
    std::map<std::string, int> group_ids;
    problem.fixed_group.assign(governance.codes.size(), -1);
    for (std::size_t m = 0; m < labels.size(); ++m) {
        if (labels[m].empty()) continue;
        if (proposal.minimal_change) {
            const int region = from->region_index(labels[m]);
            if (region < 0) {
                throw DataError(options.fixed_file.string(), governance.names[m],
                                fmt::format("'{}' is not a region of {}", labels[m], from->layer_id));
            }
            problem.fixed_group[m] = region;
        } else {
            problem.fixed_group[m] = group_ids.emplace(labels[m], static_cast<int>(group_ids.size())).first->second;
        }
    }

    if (auto infeasible = check_feasibility(problem)) {
        outcome.infeasible = std::move(*infeasible);
        if (outcome.infeasible->kind == Infeasibility::Kind::fixed_group_split && !proposal.minimal_change) {
            outcome.infeasible->group = labels[outcome.infeasible->part.front()];
        }
        return outcome;
    }

    ProposalProgress reached;
    reached.steps = proposal.minimal_change ? options.max_moves : 2 + kReheatRounds + kMergeSplitRounds;
    auto report = [&](ProposalProgress::Stage stage, std::optional<double> best_quality) {
        reached.stage = stage;
        if (stage != ProposalProgress::Stage::starting) ++reached.step;
        reached.best_quality = best_quality;
        if ((progress && !progress(reached)) || (options.stop && options.stop->load())) throw SearchCancelled();
    };

    AnnealSettings settings;
    settings.iterations = options.iterations;
    settings.stop = options.stop;
    AnnealOutcome best;
    if (!proposal.minimal_change) {
        // The search runs on blocks (proposal/coarsening.hpp), then once more on single
        // municipalities from the best block layout. Starts: merging from single blocks
        // (fixed groups together), and every weighted division (and --from) with at least K
        // regions, made contiguous and merged down; then merges with random noise.
        const CoarseProblem coarse = coarsen(problem);
        const PartitionProblem& blocks = coarse.problem;
        const int block_count = static_cast<int>(blocks.municipalities());
        std::vector<int> singletons(block_count);
        std::iota(singletons.begin(), singletons.end(), 0);
        for (int b = 0; b < block_count; ++b) {
            if (blocks.fixed_group[b] >= 0) singletons[b] = block_count + blocks.fixed_group[b];
        }
        std::vector<std::vector<int>> starts{merge_regions(blocks, singletons)};
        std::vector<const Division*> seeds;
        if (from) seeds.push_back(from);
        for (const auto& target : problem.targets) seeds.push_back(&governance.division(target.layer_id));
        std::set<std::string> used;
        for (const Division* division : seeds) {
            if (!used.insert(division->layer_id).second || static_cast<int>(division->members.size()) < regions) continue;
            std::vector<int> start = division->region_of;
            make_contiguous(graph, start);
            std::vector<int> block_labels = coarse_labels(coarse, start);
            for (int b = 0; b < block_count; ++b) {
                if (blocks.fixed_group[b] >= 0) {
                    block_labels[b] = static_cast<int>(division->members.size()) + blocks.fixed_group[b];
                }
            }
            make_contiguous(*coarse.graph, block_labels);
            starts.push_back(merge_regions(blocks, block_labels));
        }
        Random noise(options.seed);
        while (static_cast<int>(starts.size()) < options.restarts) {
            starts.push_back(merge_regions(blocks, singletons, &noise, 2e-3));
        }
        // A start that could not be merged down to K (parts of the graph) is left out.
        starts.erase(std::remove_if(starts.begin(), starts.end(),
                                    [&](const std::vector<int>& start) {
                                        return *std::max_element(start.begin(), start.end()) + 1 != regions;
                                    }),
                     starts.end());
        if (starts.empty()) {
            // The search never splits a block: with fewer blocks than K (one division weighted
            // alone, say), K cannot be reached; with more, the blocks did not merge to K parts.
            throw InfeasibleRequest(fmt::format(
                "no way found to form {} connected regions from the {} blocks of municipalities that every weighted "
                "division keeps together{}",
                regions, block_count,
                block_count < regions ? fmt::format("; give weight to more divisions, or ask for at most {} regions",
                                                    block_count)
                                      : std::string()));
        }
        report(ProposalProgress::Stage::starting, std::nullopt);
        // Every block layout is polished, not only the best: a layout whose blocks cannot meet
        // the bounds (a block too large, a small one stuck) may be the best once split.
        std::vector<std::vector<int>> expanded;
        std::size_t evaluated = 0;
        std::optional<double> best_block_quality;
        for (const auto& layout : anneal_each(blocks, starts, settings, options.seed)) {
            expanded.push_back(expand(coarse, layout.region_of));
            evaluated += layout.evaluated_moves;
            if (!best_block_quality || layout.quality > *best_block_quality) best_block_quality = layout.quality;
        }
        report(ProposalProgress::Stage::blocks, best_block_quality);
        AnnealSettings polish = settings;
        polish.start_temperature = settings.start_temperature / 10;
        best = anneal_restarts(problem, expanded, polish, options.seed + 1);
        evaluated += best.evaluated_moves;
        report(ProposalProgress::Stage::polish, best.quality);
        // Reheating, in rounds: as many short anneals again from the best partition so
        // far, each on its own random stream. The best layouts lie in narrow basins that
        // the polish from a block layout reaches once; short restarts from inside the
        // basin find the neighbouring ones, and each round starts from the best found
        // (K = 42, seeds 1-5, both graphs: mean ARI +0.002; one round of half the length: +0.0008).
        AnnealSettings reheat = polish;
        reheat.iterations = std::max<std::size_t>(polish.iterations / kReheatRounds, 1);
        auto reheat_best = [&](std::uint64_t seed) {
            AnnealOutcome reheated =
                anneal_restarts(problem, std::vector<std::vector<int>>(expanded.size(), best.region_of), reheat, seed);
            evaluated += reheated.evaluated_moves;
            if (reheated.score > best.score + 1e-12) best = std::move(reheated);
        };
        for (int round = 0; round < kReheatRounds; ++round) {
            reheat_best(options.seed + 2 + static_cast<std::uint64_t>(round));
            report(ProposalProgress::Stage::reheat, best.quality);
        }
        // Region-level moves (search.hpp, merge_split): two neighbouring regions merged, another
        // split (along a division's border, or its most populous municipality apart), the best
        // candidates annealed; in rounds while they gain. The moves above never change which
        // regions exist, only their borders (bundled data, K = 42: mean ARI over seeds 1-6, before
        // the retries 0.8337 -> 0.8366 on `linked`, 0.8258 -> 0.8287 on `ferries`, with them
        // 0.8368 and 0.8291; K = 25 and 31 unchanged). A region holding a --fixed municipality is
        // never split or merged away.
        AnnealSettings regional = polish;
        regional.iterations = std::max<std::size_t>(polish.iterations / 16, 1);
        int retries = kMergeSplitRetries;
        for (int round = 0; round < kMergeSplitRounds; ++round) {
            const std::uint64_t round_seed = options.seed + 2 + kReheatRounds + static_cast<std::uint64_t>(round);
            AnnealOutcome split = merge_split(problem, best.region_of, regional, kMergeSplitCandidates, round_seed);
            evaluated += split.evaluated_moves;
            bool gained = split.score > best.score + 1e-12;
            if (gained) {
                best = std::move(split);
            } else if (retries > 0) {
                --retries;
                reheat_best(round_seed + kMergeSplitRounds);
                gained = true;  // the next round tries again from the reheated layout, or the same
            }
            if (!gained) reached.step = reached.steps - 1;  // the remaining rounds are not run
            report(ProposalProgress::Stage::merge_split, best.quality);
            if (!gained) break;
        }
        proposal.evaluated_moves = evaluated;
    } else {
        report(ProposalProgress::Stage::starting, std::nullopt);
        std::vector<int> start = from->region_of;
        for (std::size_t m = 0; m < start.size(); ++m) {
            if (problem.fixed_group[m] >= 0) start[m] = problem.fixed_group[m];
        }
        const std::vector<int> original = from->region_of;
        make_contiguous(graph, start);
        for (std::size_t m = 0; m < start.size(); ++m) {
            if (start[m] != original[m]) proposal.forced_moves.push_back(static_cast<int>(m));
        }
        settings.reference = &start;
        settings.bounds_never_worse = true;
        settings.iterations = std::max<std::size_t>(options.iterations / 10, 1000);
        Partition current(problem, start);
        best.region_of = start;
        best.score = penalised(current);
        auto point_of = [&](const std::vector<int>& region_of, int allowed) {
            Partition partition(problem, region_of);
            TradeoffPoint point;
            point.moves_allowed = allowed;
            for (std::size_t m = 0; m < region_of.size(); ++m) point.moves_used += region_of[m] != start[m];
            point.quality = partition.quality();
            for (std::size_t t = 0; t < problem.targets.size(); ++t) point.adjusted_rand.push_back(partition.adjusted_rand(t));
            const double lower = problem.lower_bound * problem.mean_population();
            const double upper = problem.upper_bound * problem.mean_population();
            for (const auto population : region_populations(problem, region_of)) {
                const double people = static_cast<double>(population);
                point.regions_outside_bounds += people < lower - 0.5 || people > upper + 0.5;
            }
            return point;
        };
        proposal.curve.push_back(point_of(start, 0));
        for (int allowed = 1; allowed <= options.max_moves; ++allowed) {
            settings.max_changed = allowed;
            Partition previous(problem, best.region_of);
            std::vector<std::vector<int>> starts{best.region_of};
            if (PartitionMove greedy = best_single_move(previous, settings); greedy.municipality >= 0) {
                previous.apply(greedy.municipality, greedy.to);
                starts.push_back(previous.assignment());
            }
            AnnealOutcome found = anneal_restarts(problem, starts, settings, options.seed + allowed);
            proposal.evaluated_moves += found.evaluated_moves;
            for (const auto& candidate : starts) {
                Partition partition(problem, candidate);
                if (penalised(partition) > found.score + 1e-12) {
                    found.region_of = candidate;
                    found.score = penalised(partition);
                }
            }
            if (found.score > best.score + 1e-12) best = std::move(found);
            proposal.curve.push_back(point_of(best.region_of, allowed));
            report(ProposalProgress::Stage::curve, proposal.curve.back().quality);
        }
    }

    // The result: regions with codes and names, agreement with every division, changes.
    proposal.region_of = best.region_of;
    auto members = members_of(proposal.region_of, regions);
    std::vector<int> order(regions);
    std::iota(order.begin(), order.end(), 0);
    auto most_populous = [&](int region) {
        return *std::max_element(members[region].begin(), members[region].end(), [&](int a, int b) {
            return std::make_pair(problem.population[a], -a) < std::make_pair(problem.population[b], -b);
        });
    };
    if (!proposal.minimal_change) {
        std::sort(order.begin(), order.end(), [&](int a, int b) {
            return governance.codes[most_populous(a)] < governance.codes[most_populous(b)];
        });
    }
    std::vector<int> renumbered(regions);
    for (int position = 0; position < regions; ++position) renumbered[order[position]] = position;
    for (int& region : proposal.region_of) region = renumbered[region];
    members = members_of(proposal.region_of, regions);
    const double lower = options.lower_bound * proposal.mean_population;
    const double upper = options.upper_bound * proposal.mean_population;
    proposal.smallest_population = std::numeric_limits<std::int64_t>::max();
    for (int region = 0; region < regions; ++region) {
        ProposedRegion proposed;
        if (proposal.minimal_change) {
            proposed.code = from->region_codes[region];
            proposed.name = from->region_names[region];
        } else {
            proposed.code = fmt::format("P{:02}", region + 1);
            proposed.name = "Regio " + governance.names[most_populous(region)];
        }
        proposed.members = members[region];
        for (int m : proposed.members) proposed.population += problem.population[m];
        proposed.population_ratio = static_cast<double>(proposed.population) / proposal.mean_population;
        const double people = static_cast<double>(proposed.population);
        proposed.within_bounds = people >= lower - 0.5 && people <= upper + 0.5;
        proposal.bounds_met = proposal.bounds_met && proposed.within_bounds;
        if (proposed.population < proposal.smallest_population) {
            proposal.smallest_population = proposed.population;
            proposal.smallest_region = region;
        }
        if (proposed.population > proposal.largest_population || proposal.largest_region < 0) {
            proposal.largest_population = proposed.population;
            proposal.largest_region = region;
        }
        proposal.regions_outside_bounds += !proposed.within_bounds;
        proposal.proposed.push_back(std::move(proposed));
    }
    const Partition final_partition(problem, proposal.region_of);
    proposal.quality = final_partition.quality();
    double weighted = 0, weights = 0;
    for (std::size_t t = 0; t < problem.targets.size(); ++t) {
        weighted += problem.targets[t].weight * final_partition.adjusted_rand(t);
        weights += problem.targets[t].weight;
    }
    proposal.mean_adjusted_rand = weighted / weights;

    // Every division, as a target of weight 1, for the agreement it has with the proposal.
    PartitionProblem every = problem;
    every.targets.clear();
    for (const auto& division : governance.divisions) {
        every.targets.push_back({division.layer_id, 1.0, division.region_of, static_cast<int>(division.members.size())});
    }
    const Partition against_every(every, proposal.region_of);
    const double congruence_now = scored_layers.empty() ? 1.0 : IncongruenceModel(governance, scored_layers).mean_congruence();
    for (std::size_t t = 0; t < governance.divisions.size(); ++t) {
        const Division& division = governance.divisions[t];
        DivisionImpact impact;
        impact.layer_id = division.layer_id;
        for (const auto& target : problem.targets) {
            if (target.layer_id == division.layer_id) {
                impact.target = true;
                impact.weight = target.weight;
            }
        }
        impact.adjusted_rand = against_every.adjusted_rand(t);
        impact.pair_agreement = against_every.pair_agreement(t);
        for (int region = 0; region < regions; ++region) {
            std::map<int, std::int64_t> share;
            for (int m : members[region]) {
                if (division.region_of[m] >= 0) share[division.region_of[m]] += problem.population[m] + 1;
            }
            int continued = -1;
            std::int64_t most = -1;
            for (auto [other, population] : share) {
                if (population > most) {
                    most = population;
                    continued = other;
                }
            }
            // In minimal-change mode the regions keep their identity in the division they started from.
            impact.continued_by.push_back(proposal.minimal_change && division.layer_id == from->layer_id ? region
                                                                                                        : continued);
        }
        for (std::size_t m = 0; m < governance.codes.size(); ++m) {
            const int now = division.region_of[m];
            const int proposed = proposal.region_of[m];
            if (now >= 0 && now != impact.continued_by[proposed]) {
                impact.changes.push_back({static_cast<int>(m), now, impact.continued_by[proposed], proposed});
            }
        }
        if (std::find(scored_layers.begin(), scored_layers.end(), division.layer_id) != scored_layers.end()) {
            Governance adopted = governance;
            Division& replaced = adopted.division(division.layer_id);
            Division layout = proposal_division(proposal, division.layer_id);
            layout.title = replaced.title;
            layout.year = replaced.year;
            replaced = std::move(layout);
            impact.mean_congruence_before = congruence_now;
            impact.mean_congruence_after = IncongruenceModel(adopted, scored_layers).mean_congruence();
        }
        proposal.impacts.push_back(std::move(impact));
    }
    return outcome;
}

}  // namespace regiomap
