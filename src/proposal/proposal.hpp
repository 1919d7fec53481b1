// Proposing one congruent region layout (`regiomap propose`): K contiguous regions
// of municipalities, within population bounds, that agree as well as possible with
// the existing divisions (proposal/partition.hpp defines the agreement); or, in
// minimal-change mode, the best layout reachable from an existing division within
// a number of moved municipalities, with the whole trade-off curve. The result says
// what each existing division would have to change to adopt it.
#pragma once

#include "adjacency/adjacency_graph.hpp"
#include "analysis/governance.hpp"
#include "core/error.hpp"
#include "proposal/partition.hpp"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace regiomap {

struct ProposalOptions {
    int regions = 0;            // K; 0 in minimal-change mode means the --from layer's region count
    std::string from_layer;     // start from this division (minimal-change mode when max_moves >= 0)
    int max_moves = -1;
    std::vector<std::pair<std::string, double>> weights{{"zorgkantoor", 1}, {"ggd", 1}, {"jeugdregio", 1}};
    double lower_bound = 0.5;   // times the mean region population
    double upper_bound = 2.0;
    bool keep_province = false;  // regions never cross a province border
    LinkUse links = LinkUse::with_links;
    std::filesystem::path fixed_file;  // municipality -> group (or, from a layer, region code) kept together
    std::uint64_t seed = 1;
    Objective objective = Objective::adjusted_rand;
    std::size_t iterations = 2'000'000;  // per restart (per curve point: a tenth)
    int restarts = 8;
    // Set from another thread: the search ends within 1,024 annealing steps and propose() throws
    // SearchCancelled. Null: it runs to its end.
    const std::atomic<bool>* stop = nullptr;
};

// Why the bounds or K cannot be met, as found before any search.
struct Infeasibility {
    enum class Kind {
        bounds_inverted,          // lower bound above 1 or upper below 1, or lower > upper
        municipality_above_upper,  // one municipality alone exceeds the upper bound
        too_many_regions,          // K above the number of municipalities
        too_few_regions,           // K below the number of parts of the graph
        part_does_not_fit,         // a part of the graph cannot be cut into regions within the bounds
        fixed_group_split,         // the municipalities of one --fixed group are not connected
    };
    Kind kind = Kind::bounds_inverted;
    int municipality = -1;         // municipality_above_upper: the largest one
    double ratio = 0;              // its population over the mean
    double smallest_upper = 0;     // the smallest upper bound that municipality allows (2 decimals, rounded up)
    double mean_population = 0;
    std::vector<int> part;         // part_does_not_fit / fixed_group_split: its municipalities
    std::int64_t part_population = 0;
    int parts = 0;                 // too_few_regions: parts of the graph
    std::string group;             // fixed_group_split: the label
};

struct ProposedRegion {
    std::string code;
    std::string name;
    std::vector<int> members;  // ascending
    std::int64_t population = 0;
    double population_ratio = 0;  // over the mean
    bool within_bounds = true;
    std::optional<double> polsby_popper;  // 4 pi area / perimeter^2 of the dissolved shape (set with shapes)
};

// A municipality that would change region if a division adopted the proposal.
struct RegionChange {
    int municipality = -1;
    int from_region = -1;     // its region in the division now
    int to_region = -1;       // the division's region the proposed region continues (largest share), -1: none
    int proposed_region = -1;
};

struct DivisionImpact {
    std::string layer_id;
    bool target = false;        // among the weighted divisions
    double weight = 0;
    double adjusted_rand = 0;   // of the proposal to this division
    double pair_agreement = 0;
    std::vector<int> continued_by;  // per proposed region: the division's region it continues
    std::vector<RegionChange> changes;
    // Mean C over the scored layers now, and with this division replaced by the proposal;
    // only for divisions among the scored layers.
    std::optional<double> mean_congruence_before;
    std::optional<double> mean_congruence_after;
    std::optional<double> mean_polsby_popper;  // of the division's own regions (set with shapes)
};

struct TradeoffPoint {
    int moves_allowed = 0;
    int moves_used = 0;  // municipalities in another region than in the start
    double quality = 0;
    std::vector<double> adjusted_rand;  // per weighted division
    int regions_outside_bounds = 0;     // moves go first to these, while any remain
};

struct Proposal {
    bool minimal_change = false;
    ProposalOptions options;
    int regions = 0;
    double mean_population = 0;
    std::vector<std::string> target_layers;     // the weighted divisions, in the weights' order
    std::vector<std::string> scored_layers;     // the layers mean C is taken over
    std::vector<int> region_of;                 // per municipality
    std::vector<ProposedRegion> proposed;
    double quality = 0;                         // the objective, weighted mean
    double mean_adjusted_rand = 0;              // weighted mean ARI to the targets
    bool bounds_met = true;
    std::int64_t smallest_population = 0, largest_population = 0;
    int smallest_region = -1, largest_region = -1;  // indices into `proposed` (the first of equals)
    int regions_outside_bounds = 0;
    std::vector<DivisionImpact> impacts;        // every division in the store
    std::optional<double> mean_polsby_popper;   // of the proposed regions (set with shapes)
    // Minimal-change mode: municipalities the start had to move to make its regions
    // contiguous on the graph (each counts as a move), and the curve.
    std::vector<int> forced_moves;
    std::vector<TradeoffPoint> curve;
    std::size_t evaluated_moves = 0;
};

struct ProposalOutcome {
    std::optional<Infeasibility> infeasible;  // set: no search was run
    Proposal proposal;
};

// How far a search is, reported between its stages. `starting` (step 0) once K and the bounds
// are known to be feasible and the starts are built: every error propose() throws for the
// request itself comes before it. From scratch then: `blocks` (every start annealed on blocks of
// municipalities), `polish` (on single municipalities), the `reheat` rounds and the
// `merge_split` rounds (which may end early: then `step` jumps to `steps`). Minimal change:
// one `curve` step per number of moves allowed.
struct ProposalProgress {
    enum class Stage { starting, blocks, polish, reheat, merge_split, curve };
    Stage stage = Stage::starting;
    int step = 0;   // stages done
    int steps = 0;  // stages in all
    std::optional<double> best_quality;  // the objective of the best layout so far; none before the first
};

// Called from the thread that called propose(); returning false stops the search there:
// propose() then throws SearchCancelled (as it does when ProposalOptions::stop is set).
using ProposalProgressSink = std::function<bool(const ProposalProgress&)>;

class SearchCancelled : public Error {
public:
    SearchCancelled() : Error("the search was stopped") {}
};

// Throws NotFoundError for an unknown layer, DataError for a bad --fixed table, InfeasibleRequest
// when no start of K connected regions can be built, SearchCancelled when `progress` returns
// false or `options.stop` is set.
ProposalOutcome propose(const Governance& governance, const MunicipalityNames& names,
                        const std::vector<AdjacencyRecord>& adjacency,
                        const ProposalOptions& options, const std::vector<std::string>& scored_layers,
                        const ProposalProgressSink& progress = {});

// The municipalities of `governance` as a partition problem on `graph` (which must outlive it):
// their populations, the divisions with a weight above 0 as targets, K = `regions`, default
// bounds. Throws NotFoundError for an unknown layer, UsageError when no weight is above 0.
PartitionProblem partition_problem(const Governance& governance, const AdjacencyGraph& graph,
                                   const std::vector<std::pair<std::string, double>>& weights, int regions);

// The first reason K and the bounds cannot be met on `problem`, or nullopt.
std::optional<Infeasibility> check_feasibility(const PartitionProblem& problem);

// The proposal as a division (layer `layer_id`), e.g. to score it or write it out.
Division proposal_division(const Proposal& proposal, const std::string& layer_id);

}  // namespace regiomap
