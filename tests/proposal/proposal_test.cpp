#include "analysis/contiguity.hpp"
#include "analysis/incongruence.hpp"
#include "analysis/layer_comparison.hpp"
#include "core/error.hpp"
#include "present/proposal_text.hpp"
#include "proposal/coarsening.hpp"
#include "proposal/proposal.hpp"
#include "proposal/search.hpp"
#include "../analysis/governance_fixture.hpp"
#include "../support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <fstream>
#include <random>

using namespace regiomap;

namespace {

// A side x side grid of municipalities, 4-neighbour adjacency, as store records.
std::vector<AdjacencyRecord> grid_adjacency(const Governance& governance, int side) {
    std::vector<AdjacencyRecord> records;
    for (int row = 0; row < side; ++row) {
        for (int column = 0; column < side; ++column) {
            const int m = row * side + column;
            if (column + 1 < side) records.push_back({governance.codes[m], governance.codes[m + 1], AdjacencyKind::border, 1000, "", "grid"});
            if (row + 1 < side) records.push_back({governance.codes[m], governance.codes[m + side], AdjacencyKind::border, 1000, "", "grid"});
        }
    }
    return records;
}

// Quadrants of a 4 x 4 grid: labels 0 1 / 2 3.
std::vector<int> quadrants() {
    std::vector<int> labels;
    for (int row = 0; row < 4; ++row) {
        for (int column = 0; column < 4; ++column) labels.push_back((row / 2) * 2 + column / 2);
    }
    return labels;
}

// A 4 x 4 grid scored against the quadrants ("a") with a second division "s" to start from:
// minimal change from "s" with at most `max_moves` moves, bounds wide open.
struct GridFromDivision {
    Governance governance;
    ProposalOptions options;
};

GridFromDivision grid_from_division(const std::vector<int>& start, int max_moves) {
    GridFromDivision grid{test::make_governance(std::vector<std::int64_t>(16, 1000),
                                                {test::make_division("a", quadrants()), test::make_division("s", start)}),
                          {}};
    grid.options.from_layer = "s";
    grid.options.max_moves = max_moves;
    grid.options.weights = {{"a", 1}};
    grid.options.lower_bound = 0;
    grid.options.upper_bound = 4;
    grid.options.iterations = 20000;
    return grid;
}

double independent_ari(const std::vector<int>& a, const std::vector<int>& b) {
    PartitionPair pair;
    pair.labels_a = a;
    pair.labels_b = b;
    pair.weights.assign(a.size(), 1.0);
    pair.regions_a = *std::max_element(a.begin(), a.end()) + 1;
    pair.regions_b = *std::max_element(b.begin(), b.end()) + 1;
    return adjusted_rand_index(pair);
}

}  // namespace

TEST_CASE("grid: K = 4 over a division into quadrants (twice) gives back the quadrants, agreement 1") {
    std::vector<int> scrambled = quadrants();
    std::swap(scrambled[1], scrambled[2]);  // a third division that disagrees a little
    const Governance governance = test::make_governance(std::vector<std::int64_t>(16, 1000),
                                                        {test::make_division("a", quadrants()), test::make_division("b", quadrants()),
                                                         test::make_division("c", scrambled)});
    ProposalOptions options;
    options.regions = 4;
    options.weights = {{"a", 1}, {"b", 1}};
    options.iterations = 20000;
    const auto outcome = propose(governance, MunicipalityNames{}, grid_adjacency(governance, 4), options, {});
    REQUIRE_FALSE(outcome.infeasible);
    CHECK(independent_ari(outcome.proposal.region_of, quadrants()) == Approx(1.0));
    CHECK(outcome.proposal.quality == Approx(1.0));
    CHECK(outcome.proposal.bounds_met);
    // The change list for division c: exactly the two municipalities it swapped.
    const auto& impact_c = outcome.proposal.impacts[2];
    REQUIRE(impact_c.layer_id == "c");
    REQUIRE(impact_c.changes.size() == 2);
    CHECK(impact_c.changes[0].municipality == 1);
    CHECK(impact_c.changes[0].from_region == 1);
    CHECK(impact_c.changes[0].to_region == 0);
    CHECK(impact_c.changes[1].municipality == 2);
}

TEST_CASE("grid minimal change: from the scrambled division, 2 moves reach the quadrants - the curve says so") {
    std::vector<int> scrambled = quadrants();
    scrambled[1] = 2;  // municipality 1 (top row) put in the lower-left quadrant: not contiguous
    scrambled[6] = 0;  // municipality 6 put in the upper-left quadrant: contiguous with it
    const auto [governance, options] = grid_from_division(scrambled, 2);
    const auto outcome = propose(governance, MunicipalityNames{}, grid_adjacency(governance, 4), options, {});
    REQUIRE_FALSE(outcome.infeasible);
    const Proposal& proposal = outcome.proposal;
    // Municipality 1 was cut off from region 2: moved back before counting.
    CHECK(proposal.forced_moves == std::vector<int>{1});
    REQUIRE(proposal.curve.size() == 3);
    CHECK(proposal.curve[0].moves_used == 0);
    CHECK(proposal.curve[1].moves_used == 1);  // 6 back to its quadrant
    CHECK(proposal.curve[1].quality == Approx(1.0));
    CHECK(independent_ari(proposal.region_of, quadrants()) == Approx(1.0));
}

TEST_CASE("partition: incremental tallies equal a recomputation and an independent ARI after every move") {
    const Store& store = test::bundled_store();
    const Governance governance = read_governance(store);
    const auto graph = AdjacencyGraph::from_records(governance.index_of, store.adjacency(), LinkUse::with_links);
    PartitionProblem problem = partition_problem(governance, graph, {{"zorgkantoor", 1}, {"ggd", 1}, {"jeugdregio", 1}}, 25);
    Partition partition(problem, governance.division("ggd").region_of);
    CHECK(partition.adjusted_rand(1) == Approx(1.0));
    CHECK(partition.adjusted_rand(0) == Approx(independent_ari(governance.division("ggd").region_of,
                                                                governance.division("zorgkantoor").region_of)));
    std::mt19937 random(7);
    int applied = 0;
    for (int step = 0; step < 400 && applied < 60; ++step) {
        const int m = static_cast<int>(random() % governance.codes.size());
        const auto& neighbours = graph.neighbours(m);
        const int to = partition.region_of(neighbours[random() % neighbours.size()]);
        if (to == partition.region_of(m) || !partition.can_leave(m)) continue;
        const double predicted = partition.quality_after(m, to);
        const double predicted_violation = partition.violation_after(m, to);
        partition.apply(m, to);
        ++applied;
        const Partition fresh(problem, partition.assignment());
        REQUIRE(partition.quality() == Approx(predicted).margin(1e-12));
        REQUIRE(partition.quality() == Approx(fresh.quality()).margin(1e-12));
        REQUIRE(partition.violation() == Approx(predicted_violation).margin(1e-9));
        REQUIRE(partition.violation() == Approx(fresh.violation()).margin(1e-9));
        REQUIRE(partition.adjusted_rand(2) ==
                Approx(independent_ari(partition.assignment(), governance.division("jeugdregio").region_of)).margin(1e-12));
        // Every region stays one connected area.
        std::vector<std::vector<int>> members(25);
        for (std::size_t i = 0; i < governance.codes.size(); ++i) members[partition.region_of(static_cast<int>(i))].push_back(static_cast<int>(i));
        const std::size_t ggd_friesland = governance.division("ggd").region_index("GG7206");
        for (std::size_t r = 0; r < members.size(); ++r) {
            if (r != ggd_friesland) REQUIRE(graph.parts(members[r]).size() == 1);  // Schiermonnikoog's region is apart from the start
        }
    }
    CHECK(applied == 60);
    const PartitionMove move = partition.apply(0, partition.region_of(graph.neighbours(0).front()));
    partition.undo(move);
    CHECK(partition.quality() == Approx(Partition(problem, partition.assignment()).quality()).margin(1e-12));

    // Blocks: the same layout scored on blocks (weighted) and on municipalities agrees.
    const CoarseProblem coarse = coarsen(problem);
    CHECK(coarse.members.size() < governance.codes.size() / 3);
    const std::vector<int> block_layout = coarse_labels(coarse, governance.division("zorgkantoor").region_of);
    PartitionProblem coarse_problem = coarse.problem;
    coarse_problem.regions = 31;
    problem.regions = 31;
    CHECK(Partition(coarse_problem, block_layout).quality() ==
          Approx(Partition(problem, expand(coarse, block_layout)).quality()).margin(1e-12));
}

TEST_CASE("bundled propose K = 42 with 0.5-2.0: infeasible, Amsterdam is 2.11 times the mean, the smallest bound given") {
    const Store& store = test::bundled_store();
    const Governance governance = read_governance(store);
    ProposalOptions options;
    options.regions = 42;
    const auto outcome = propose(governance, store.names(), store.adjacency(), options, {});
    REQUIRE(outcome.infeasible);
    CHECK(outcome.infeasible->kind == Infeasibility::Kind::municipality_above_upper);
    CHECK(governance.names[outcome.infeasible->municipality] == "Amsterdam");
    CHECK(outcome.infeasible->ratio == Approx(872757.0 / (17407585.0 / 42)));
    CHECK(outcome.infeasible->smallest_upper == Approx(2.11));
    const std::string message = describe_infeasibility(governance, outcome.proposal, *outcome.infeasible);
    CHECK_THAT(message, Catch::Contains("Amsterdam alone has 872,757 (2.11 times the mean"));
    CHECK_THAT(message, Catch::Contains("--population-bounds 0.5,2.11"));
}

TEST_CASE("bundled propose K = 31: contiguous, within the bounds, the same for the same seed, and scores as it says") {
    const Store& store = test::bundled_store();
    const Governance governance = read_governance(store);
    ProposalOptions options;
    options.regions = 31;
    options.iterations = 300000;
    options.restarts = 4;
    const std::vector<std::string> scored{"zorgkantoor", "ggd", "jeugdregio"};
    const auto first = propose(governance, store.names(), store.adjacency(), options, scored);
    REQUIRE_FALSE(first.infeasible);
    const Proposal& proposal = first.proposal;
    REQUIRE(proposal.proposed.size() == 31);
    const auto graph = AdjacencyGraph::from_records(governance.index_of, store.adjacency(), LinkUse::with_links);
    const double mean = 17407585.0 / 31;
    for (const auto& region : proposal.proposed) {
        INFO(region.code << " " << region.name);
        CHECK(graph.parts(region.members).size() == 1);
        CHECK(static_cast<double>(region.population) >= 0.5 * mean);
        CHECK(static_cast<double>(region.population) <= 2.0 * mean);
    }
    CHECK(proposal.bounds_met);
    CHECK(proposal.mean_adjusted_rand > 0.83);
    const auto second = propose(governance, store.names(), store.adjacency(), options, scored);
    CHECK(second.proposal.region_of == proposal.region_of);

    // Loaded back as a division, it scores as reported.
    Governance with = governance;
    with.divisions.push_back(proposal_division(proposal, "voorstel"));
    double total = 0;
    for (const char* id : {"zorgkantoor", "ggd", "jeugdregio"}) {
        const auto comparison = compare_layers(with, with.division("voorstel"), with.division(id), Weight::count);
        total += comparison.adjusted_rand;
        for (const auto& impact : proposal.impacts) {
            if (impact.layer_id == id) CHECK(impact.adjusted_rand == Approx(comparison.adjusted_rand).margin(1e-12));
        }
    }
    CHECK(proposal.mean_adjusted_rand == Approx(total / 3).margin(1e-12));
    // Mean C with zorgkantoor replaced by the proposal, recomputed here.
    Governance adopted = governance;
    Division layout = proposal_division(proposal, "zorgkantoor");
    adopted.division("zorgkantoor") = layout;
    const IncongruenceModel model(adopted, scored);
    double congruence = 0;
    for (const auto& score : model.score_all()) congruence += score.congruence;
    CHECK(*proposal.impacts[0].mean_congruence_after == Approx(congruence / 355).margin(1e-12));
}

TEST_CASE("bundled minimal change from zorgkantoor: Schiermonnikoog forced, the curve never uses more moves than allowed") {
    const Store& store = test::bundled_store();
    const Governance governance = read_governance(store);
    ProposalOptions options;
    options.from_layer = "zorgkantoor";
    options.max_moves = 8;
    options.iterations = 100000;
    const auto outcome = propose(governance, store.names(), store.adjacency(), options, {});
    REQUIRE_FALSE(outcome.infeasible);
    const Proposal& proposal = outcome.proposal;
    CHECK(proposal.forced_moves == std::vector<int>{governance.index_of.at("GM0088")});
    REQUIRE(proposal.curve.size() == 9);
    CHECK(proposal.curve[0].regions_outside_bounds == 4);  // Flevoland, Midden-IJssel, Midden-Holland low; Utrecht high
    for (std::size_t k = 0; k < proposal.curve.size(); ++k) {
        CHECK(proposal.curve[k].moves_used <= static_cast<int>(k));
        if (k > 0) CHECK(proposal.curve[k].regions_outside_bounds <= proposal.curve[k - 1].regions_outside_bounds);
    }
    // Its regions keep their zorgkantoor codes; the change list for zorgkantoor is the moves.
    CHECK(proposal.proposed[0].code == governance.division("zorgkantoor").region_codes[0]);
    CHECK(static_cast<int>(proposal.impacts[0].changes.size()) == proposal.curve.back().moves_used + 1);
}

TEST_CASE("propose refuses what it cannot do with a clear message") {
    const Store& store = test::bundled_store();
    const Governance governance = read_governance(store);
    ProposalOptions options;
    options.max_moves = 3;
    CHECK_THROWS_WITH(propose(governance, store.names(), store.adjacency(), options, {}), Catch::Contains("needs --from"));
    options.from_layer = "zorgkantoor";
    options.regions = 25;
    CHECK_THROWS_WITH(propose(governance, store.names(), store.adjacency(), options, {}), Catch::Contains("keeps the 31 regions"));
    ProposalOptions bounds;
    bounds.regions = 31;
    bounds.lower_bound = 1.2;
    const auto outcome = propose(governance, store.names(), store.adjacency(), bounds, {});
    REQUIRE(outcome.infeasible);
    CHECK(outcome.infeasible->kind == Infeasibility::Kind::bounds_inverted);
    ProposalOptions unknown;
    unknown.regions = 31;
    unknown.weights = {{"wijken", 1}};
    CHECK_THROWS_AS(propose(governance, store.names(), store.adjacency(), unknown, {}), NotFoundError);
}

TEST_CASE("a proposal's memberships.csv loads back through the manifest as a layer and scores as reported") {
    const Store& store = test::bundled_store();
    const Governance governance = read_governance(store);
    ProposalOptions options;
    options.regions = 25;
    options.iterations = 100000;
    options.restarts = 2;
    const auto outcome = propose(governance, store.names(), store.adjacency(), options, {});
    REQUIRE_FALSE(outcome.infeasible);
    test::TemporaryFolder folder;
    std::filesystem::copy(test::kBundledManifest.parent_path(), folder / "geodata", std::filesystem::copy_options::recursive);
    std::ofstream(folder / "geodata" / "voorstel.csv") << proposal_memberships_csv(governance, outcome.proposal);
    nlohmann::json manifest = nlohmann::json::parse(test::file_contents(folder / "geodata" / "manifest.json"));
    // The proposal's layer joins the layers of its year (the bundled manifest lists several years).
    nlohmann::json* year_2020 = nullptr;
    for (auto& year : manifest["years"]) {
        if (year["division_year"] == 2020) year_2020 = &year;
    }
    REQUIRE(year_2020);
    (*year_2020)["layers"].push_back({{"id", "voorstel"}, {"title", "Voorstel"}, {"year", 2020}, {"given_as", "membership_table"},
                                  {"file", "voorstel.csv"}, {"region_code_field", "region_code"},
                                  {"region_name_field", "region_name"}, {"municipality_field", "municipality_code"},
                                  {"source", "regiomap propose"}});
    std::ofstream(folder / "geodata" / "manifest.json") << manifest.dump(2);
    load({(folder / "geodata" / "manifest.json").string(), (folder / "loaded.sqlite").string(), false}, test::silent);
    const Governance loaded = read_governance(Store(folder / "loaded.sqlite"));
    for (const auto& impact : outcome.proposal.impacts) {
        if (!impact.target) continue;
        const auto comparison =
            compare_layers(loaded, loaded.division("voorstel"), loaded.division(impact.layer_id), Weight::count);
        CHECK(comparison.adjusted_rand == Approx(impact.adjusted_rand).margin(1e-12));
    }
    CHECK(loaded.division("voorstel").members.size() == 25);
}

TEST_CASE("propose --fixed: a group stays together and apart from another group, a group that is not one area is refused") {
    const Store& store = test::bundled_store();
    const Governance governance = read_governance(store);
    test::TemporaryFolder folder;
    std::ofstream(folder / "fixed.csv") << "gemeente,regio\nVeenendaal,A\nEde,A\nRhenen,B\n";
    ProposalOptions options;
    options.regions = 31;
    options.iterations = 100000;
    options.restarts = 2;
    options.fixed_file = folder / "fixed.csv";
    const auto outcome = propose(governance, store.names(), store.adjacency(), options, {});
    REQUIRE_FALSE(outcome.infeasible);
    const auto& region_of = outcome.proposal.region_of;
    const int veenendaal = governance.index_of.at("GM0345"), ede = governance.index_of.at("GM0228"),
              rhenen = governance.index_of.at("GM0340");
    CHECK(region_of[veenendaal] == region_of[ede]);
    CHECK(region_of[veenendaal] != region_of[rhenen]);
    std::ofstream(folder / "apart.csv") << "gemeente,regio\nVeenendaal,A\nMaastricht,A\n";
    options.fixed_file = folder / "apart.csv";
    const auto apart = propose(governance, store.names(), store.adjacency(), options, {});
    REQUIRE(apart.infeasible);
    CHECK(apart.infeasible->kind == Infeasibility::Kind::fixed_group_split);
    CHECK(apart.infeasible->group == "A");
    std::ofstream(folder / "typo.csv") << "gemeente,regio\nVeenendal,A\n";
    options.fixed_file = folder / "typo.csv";
    CHECK_THROWS_WITH(propose(governance, store.names(), store.adjacency(), options, {}),
                      Catch::Contains("row 1 (line 2): no municipality matches 'Veenendal'"));
}

TEST_CASE("propose reports its stages in order, from scratch and in minimal change, and stops when told") {
    const Governance governance = test::make_governance(std::vector<std::int64_t>(16, 1000),
                                                        {test::make_division("a", quadrants()), test::make_division("b", quadrants())});
    const auto adjacency = grid_adjacency(governance, 4);
    ProposalOptions options;
    options.regions = 4;
    options.weights = {{"a", 1}, {"b", 1}};
    options.iterations = 20000;
    std::vector<ProposalProgress> seen;
    const auto remember = [&](const ProposalProgress& progress) {
        seen.push_back(progress);
        return true;
    };
    const auto outcome = propose(governance, MunicipalityNames{}, adjacency, options, {}, remember);
    REQUIRE_FALSE(outcome.infeasible);
    // starting, blocks, polish, 8 reheat rounds, then merge-split rounds until one gains nothing
    // after its 2 retries: the quadrants are found before, so no merge-split round gains, and the
    // third ends the search at 18 of 18.
    REQUIRE(seen.size() == 14);
    CHECK(seen.front().stage == ProposalProgress::Stage::starting);
    CHECK(seen.front().step == 0);
    CHECK_FALSE(seen.front().best_quality);
    CHECK(seen[1].stage == ProposalProgress::Stage::blocks);
    CHECK(seen[2].stage == ProposalProgress::Stage::polish);
    for (std::size_t i = 3; i < 11; ++i) CHECK(seen[i].stage == ProposalProgress::Stage::reheat);
    for (std::size_t i = 11; i < 14; ++i) CHECK(seen[i].stage == ProposalProgress::Stage::merge_split);
    CHECK(seen[12].step == 12);
    CHECK(seen.back().step == 18);
    for (std::size_t i = 1; i < seen.size(); ++i) {
        CHECK(seen[i].steps == 18);
        CHECK(seen[i].step > seen[i - 1].step);
        CHECK(seen[i].best_quality);
    }
    CHECK(*seen.back().best_quality == Approx(outcome.proposal.quality));
    CHECK(proposal_progress_line(seen[2]) ==
          fmt::format("propose: polished on single municipalities (2 of 18), best agreement {:.4f}", *seen[2].best_quality));
    CHECK(proposal_progress_line(seen[0]) == "propose: searching");
    CHECK(std::string(proposal_stage_id(seen.back().stage)) == "merge_split");

    // Stopped after the block stage: SearchCancelled, nothing more reported.
    int calls = 0;
    CHECK_THROWS_AS(propose(governance, MunicipalityNames{}, adjacency, options, {},
                            [&](const ProposalProgress&) { return ++calls < 2; }),
                    SearchCancelled);
    CHECK(calls == 2);

    // Minimal change: one curve step per move allowed after the start.
    std::vector<int> moved = quadrants();
    moved[6] = 0;
    const auto [shifted, minimal] = grid_from_division(moved, 3);
    seen.clear();
    propose(shifted, MunicipalityNames{}, grid_adjacency(shifted, 4), minimal, {}, remember);
    REQUIRE(seen.size() == 4);
    CHECK(seen[0].stage == ProposalProgress::Stage::starting);
    for (std::size_t i = 1; i < seen.size(); ++i) {
        CHECK(seen[i].stage == ProposalProgress::Stage::curve);
        CHECK(seen[i].step == static_cast<int>(i));
        CHECK(seen[i].steps == 3);
    }
    CHECK(*seen[1].best_quality == Approx(1.0));  // one move puts municipality 6 back
}

TEST_CASE("merge-split: two regions one target keeps together merge, a third gives up its most populous municipality") {
    // A path u1 - u2 - u3 - u4 - w1 - w2 - w3; the target puts the u's together and the w's together.
    // Start, K = 3: {u1 u2} {u3 u4} {w1 w2 w3}. No single-municipality move can join the u's (a
    // region is never emptied), and no division's border runs through the w's, so only a split of
    // the w's that no division suggests keeps K: w1, the most populous, alone. By hand, n = 7,
    // C(7, 2) = 21, S_d = 6 + 3 = 9:
    //   start:  S_P = S_Pd = 1 + 1 + 3 = 5, ARI = (5 - 45/21) / (7 - 45/21) = 0.5882;
    //   after:  {u1 u2 u3 u4} {w1} {w2 w3}, S_P = S_Pd = 6 + 1 = 7, ARI = (7 - 3) / (8 - 3) = 0.8,
    //   the optimum for K = 3 (splitting the u's 3 | 1 instead gives 0.6957).
    const Governance governance = test::make_governance({1000, 1000, 1000, 1000, 5000, 1000, 1000},
                                                        {test::make_division("t", {0, 0, 0, 0, 1, 1, 1})});
    std::vector<AdjacencyRecord> path;
    for (int m = 0; m + 1 < 7; ++m) {
        path.push_back({governance.codes[m], governance.codes[m + 1], AdjacencyKind::border, 1000, "", "path"});
    }
    const auto graph = AdjacencyGraph::from_records(governance.index_of, path, LinkUse::with_links);
    PartitionProblem problem = partition_problem(governance, graph, {{"t", 1}}, 3);
    problem.lower_bound = 0.01;
    problem.upper_bound = 100;
    const std::vector<int> start{0, 0, 1, 1, 2, 2, 2};
    CHECK(Partition(problem, start).quality() == Approx(0.5882).epsilon(1e-4));
    AnnealSettings settings;
    settings.iterations = 2000;
    const AnnealOutcome outcome = merge_split(problem, start, settings, 16, 1);
    const auto& region_of = outcome.region_of;
    CHECK(outcome.quality == Approx(0.8));
    CHECK(region_of[0] == region_of[1]);
    CHECK(region_of[1] == region_of[2]);
    CHECK(region_of[2] == region_of[3]);
    CHECK(region_of[5] == region_of[6]);
    CHECK(region_of[4] != region_of[5]);
    CHECK(region_of[4] != region_of[3]);
}
