// The regiomap side of tools/bench: the same work the PostGIS and GeoPandas
// scripts do, timed phase by phase. Not a test: it prints timings.
//
//   regiomap_bench MANIFEST MEMBERSHIPS_CSV SCORES_CSV   bundled data: read, assign, score
//   regiomap_bench --synthetic 1000,10000,100000 Voronoi cells against 30/40/50-region layers
//   regiomap_bench --moves STORE   cost of one evaluated move of the proposal search (partition deltas)
#include "analysis/governance.hpp"
#include "analysis/incongruence.hpp"
#include "proposal/proposal.hpp"
#include "store/store.hpp"
#include "core/output.hpp"
#include "layers/boundary_reader.hpp"
#include "layers/manifest.hpp"
#include "layers/membership.hpp"

#include <fmt/format.h>
#include <gdal_priv.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <random>
#include <sstream>

using namespace regiomap;
using Clock = std::chrono::steady_clock;

namespace {

double milliseconds_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

template <typename Work>
double median_milliseconds(int repetitions, Work work) {
    std::vector<double> times;
    for (int i = 0; i < repetitions; ++i) {
        auto start = Clock::now();
        work();
        times.push_back(milliseconds_since(start));
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

std::vector<int> chosen_regions(const std::vector<std::optional<OverlapAssignment>>& assignments) {
    std::vector<int> region_of;
    for (const auto& assignment : assignments) {
        region_of.push_back(assignment ? static_cast<int>(assignment->chosen().region) : -1);
    }
    return region_of;
}

int bundled(const std::string& manifest_path, const std::string& memberships_csv, const std::string& scores_csv) {
    GeosContext geos;
    // Driver registration is start-up, like the Python imports the GeoPandas script
    // does before its timer starts.
    GDALAllRegister();
    auto start = Clock::now();
    Manifest manifest = Manifest::read(manifest_path);
    std::vector<const LayerSpec*> specs{&manifest.municipalities};
    for (const auto& spec : manifest.region_layers) {
        if (spec.form == LayerForm::boundaries) specs.push_back(&spec);
    }
    auto read = read_boundary_layers(geos, specs, {});
    BoundaryLayer municipalities = std::move(read.front());
    std::vector<std::pair<const LayerSpec*, BoundaryLayer>> layers;
    for (std::size_t i = 1; i < specs.size(); ++i) layers.emplace_back(specs[i], std::move(read[i]));
    const double read_ms = milliseconds_since(start);

    std::vector<const GEOSGeometry*> municipality_shapes;
    for (const auto& feature : municipalities.features) municipality_shapes.push_back(feature.geometry.get());
    Governance governance;
    for (const auto& feature : municipalities.features) {
        governance.index_of[feature.code] = static_cast<int>(governance.codes.size());
        governance.codes.push_back(feature.code);
        governance.names.push_back(feature.name);
        governance.population.emplace_back(std::nullopt);
        governance.area_m2.push_back(0);
    }
    start = Clock::now();
    std::vector<std::vector<const GEOSGeometry*>> region_shapes;
    for (const auto& [spec, layer] : layers) {
        region_shapes.emplace_back();
        for (const auto& feature : layer.features) region_shapes.back().push_back(feature.geometry.get());
    }
    auto assignments = assign_layers_by_largest_overlap(geos, municipality_shapes, region_shapes);
    for (std::size_t l = 0; l < layers.size(); ++l) {
        std::vector<std::string> codes, names;
        for (const auto& feature : layers[l].second.features) {
            codes.push_back(feature.code);
            names.push_back(feature.name);
        }
        governance.divisions.push_back(
            division_from_assignment(layers[l].first->id, codes, names, chosen_regions(assignments[l])));
    }
    const double assign_ms = milliseconds_since(start);
    const auto count = governance.codes.size();
    governance.zorgkantoor_insurer.assign(count, {});
    governance.largest_insurer.assign(count, {});
    governance.work_structure_lead.assign(count, {});

    std::vector<IncongruenceScore> scores;
    const double scores_ms = median_milliseconds(101, [&] {
        IncongruenceModel model(governance, {"zorgkantoor", "ggd", "jeugdregio"});
        scores = model.score_all();
    });
    const std::size_t scored = scores.size();
    std::string score_lines = csv_line({"municipality_code", "u", "i", "t"});
    for (const auto& score : scores) {
        score_lines += csv_line({governance.codes[score.municipality], std::to_string(score.partners_any),
                                 std::to_string(score.partners_all), std::to_string(score.tables)});
    }
    write_file_atomically(scores_csv, score_lines);

    std::string csv = csv_line({"municipality_code", "layer", "region_code"});
    for (const auto& division : governance.divisions) {
        for (std::size_t m = 0; m < count; ++m) {
            csv += csv_line({governance.codes[m], division.layer_id, division.region_codes[division.region_of[m]]});
        }
    }
    write_file_atomically(memberships_csv, csv);
    std::cout << fmt::format("regiomap read_ms={:.1f} assign_ms={:.1f} scores_ms={:.3f} municipalities={} layers={}\n",
                             read_ms, assign_ms, scores_ms, scored, governance.divisions.size());
    return 0;
}

// Voronoi cells of `count` random points over the Netherlands' bounding box in RD New.
std::vector<Geometry> voronoi_cells(const GeosContext& geos, std::size_t count, std::mt19937& random) {
    const Envelope box{13565, 306960, 277529, 619167};
    std::uniform_real_distribution<double> x(box.min_x, box.max_x), y(box.min_y, box.max_y);
    std::vector<GEOSGeometry*> points;
    for (std::size_t i = 0; i < count; ++i) {
        points.push_back(GEOSGeom_createPointFromXY_r(geos.handle(), x(random), y(random)));
    }
    Geometry cloud = adopt(geos, GEOSGeom_createCollection_r(geos.handle(), GEOS_MULTIPOINT, points.data(),
                                                             static_cast<unsigned>(points.size())), "points");
    Geometry frame = adopt(geos, GEOSGeom_createRectangle_r(geos.handle(), box.min_x, box.min_y, box.max_x, box.max_y),
                           "frame");
    Geometry diagram = adopt(geos, GEOSVoronoiDiagram_r(geos.handle(), cloud.get(), frame.get(), 0.0, 0), "Voronoi");
    std::vector<Geometry> cells;
    const int parts = GEOSGetNumGeometries_r(geos.handle(), diagram.get());
    for (int i = 0; i < parts; ++i) {
        const GEOSGeometry* cell = GEOSGetGeometryN_r(geos.handle(), diagram.get(), i);
        cells.push_back(adopt(geos, GEOSIntersection_r(geos.handle(), cell, frame.get()), "clip"));
    }
    return cells;
}

int synthetic(const std::string& sizes) {
    GeosContext geos;
    std::mt19937 random(20201231);
    std::vector<std::vector<Geometry>> region_layers;
    for (std::size_t regions : {30u, 40u, 50u}) region_layers.push_back(voronoi_cells(geos, regions, random));
    std::cout << "cells   assign_3_layers_ms  us_per_cell  scores_ms  us_per_cell\n";
    std::stringstream list(sizes);
    for (std::string item; std::getline(list, item, ',');) {
        const std::size_t count = std::stoul(item);
        auto cells = voronoi_cells(geos, count, random);
        std::vector<const GEOSGeometry*> cell_shapes;
        for (const auto& cell : cells) cell_shapes.push_back(cell.get());
        Governance governance;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            governance.codes.push_back("C" + std::to_string(i));
            governance.names.push_back(governance.codes.back());
            governance.population.emplace_back(1);
            governance.area_m2.push_back(0);
        }
        auto start = Clock::now();
        std::vector<std::string> ids{"thirty", "forty", "fifty"};
        std::vector<std::vector<const GEOSGeometry*>> shapes(region_layers.size());
        for (std::size_t l = 0; l < region_layers.size(); ++l) {
            for (const auto& region : region_layers[l]) shapes[l].push_back(region.get());
        }
        auto assignments = assign_layers_by_largest_overlap(geos, cell_shapes, shapes);
        for (std::size_t l = 0; l < region_layers.size(); ++l) {
            std::vector<std::string> codes;
            for (std::size_t r = 0; r < region_layers[l].size(); ++r) codes.push_back(std::to_string(r));
            governance.divisions.push_back(division_from_assignment(ids[l], codes, codes, chosen_regions(assignments[l])));
        }
        const double assign_ms = milliseconds_since(start);
        governance.zorgkantoor_insurer.assign(cells.size(), {});
        governance.largest_insurer.assign(cells.size(), {});
        governance.work_structure_lead.assign(cells.size(), {});
        start = Clock::now();
        IncongruenceModel model(governance, ids);
        auto scores = model.score_all();
        const double scores_ms = milliseconds_since(start);
        std::cout << fmt::format("{:<7} {:>18.1f} {:>12.1f} {:>10.1f} {:>12.2f}\n", cells.size(), assign_ms,
                                 1000 * assign_ms / double(cells.size()), scores_ms,
                                 1000 * scores_ms / double(cells.size()));
        std::cerr << "  scored " << scores.size() << " cells\n";
    }
    return 0;
}

// The proposal search's inner loop: the delta of a boundary move (quality and
// bounds) and, for the moves taken, the move itself and its undo, on the bundled
// municipalities with the zorgkantoor regions as the partition.
int moves(const std::string& store_file) {
    const Store store(store_file);
    const Governance governance = read_governance(store);
    const auto graph = AdjacencyGraph::from_records(governance.index_of, store.adjacency(), LinkUse::with_links);
    const Division& start = governance.division("zorgkantoor");
    const PartitionProblem problem = partition_problem(governance, graph, {{"zorgkantoor", 1}, {"ggd", 1}, {"jeugdregio", 1}},
                                                       static_cast<int>(start.members.size()));
    Partition partition(problem, start.region_of);
    std::vector<std::pair<int, int>> candidates;  // every boundary move
    for (std::size_t m = 0; m < governance.codes.size(); ++m) {
        for (int other : graph.neighbours(static_cast<int>(m))) {
            if (start.region_of[other] != start.region_of[m]) candidates.emplace_back(static_cast<int>(m), start.region_of[other]);
        }
    }
    constexpr std::size_t kEvaluations = 5'000'000;
    double sink = 0;
    auto begin = Clock::now();
    for (std::size_t i = 0; i < kEvaluations; ++i) {
        const auto [m, to] = candidates[i % candidates.size()];
        sink += partition.quality_after(m, to) + partition.violation_after(m, to);
    }
    const double evaluate_ns = milliseconds_since(begin) * 1e6 / kEvaluations;
    std::size_t contiguity_checks = 0;
    begin = Clock::now();
    for (std::size_t i = 0; i < kEvaluations / 10; ++i) {
        contiguity_checks += partition.can_leave(candidates[i % candidates.size()].first);
    }
    const double contiguity_ns = milliseconds_since(begin) * 1e6 / (kEvaluations / 10);
    begin = Clock::now();
    for (std::size_t i = 0; i < kEvaluations; ++i) {
        const auto [m, to] = candidates[i % candidates.size()];
        partition.undo(partition.apply(m, to));
    }
    const double apply_ns = milliseconds_since(begin) * 1e6 / kEvaluations;
    std::cout << fmt::format("partition of {} municipalities into {} regions, {} targets, {} boundary moves cycled:\n",
                             governance.codes.size(), problem.regions, problem.targets.size(), candidates.size());
    std::cout << fmt::format("  delta of a move (quality and bounds): {:.3f} us\n", evaluate_ns / 1000);
    std::cout << fmt::format("  contiguity check of the region left:  {:.3f} us\n", contiguity_ns / 1000);
    std::cout << fmt::format("  apply + undo:                         {:.3f} us\n", apply_ns / 1000);
    std::cout << fmt::format("  an evaluated move, all three:         {:.3f} us (target at most 2 us)\n",
                             (evaluate_ns + contiguity_ns + apply_ns) / 1000);
    if (sink == 42.0 && contiguity_checks == 0) std::cout << "";  // keeps the loops from being optimised away
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        if (argc == 3 && std::string(argv[1]) == "--synthetic") return synthetic(argv[2]);
        if (argc == 3 && std::string(argv[1]) == "--moves") return moves(argv[2]);
        if (argc == 4) return bundled(argv[1], argv[2], argv[3]);
        std::cerr << "usage: regiomap_bench MANIFEST MEMBERSHIPS_CSV SCORES_CSV | regiomap_bench --synthetic 1000,10000,100000"
                     " | regiomap_bench --moves STORE\n";
        return 2;
    } catch (const std::exception& error) {
        std::cerr << "regiomap_bench: " << error.what() << "\n";
        return 1;
    }
}
