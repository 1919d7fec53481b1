#include "layers/membership.hpp"

#include "core/worker_threads.hpp"

#include <algorithm>
#include <atomic>
#include <memory>
#include <thread>

namespace regiomap {

namespace {

std::optional<OverlapAssignment> assign_one(const GeosContext& geos, const GEOSGeometry* municipality,
                                            const std::vector<const GEOSGeometry*>& regions,
                                            const std::vector<PreparedGeometry>& prepared, const SpatialIndex& index) {
    const double municipality_area = area(geos, municipality);
    const auto candidates = index.candidates(municipality);
    // The region holding a point inside the municipality is almost always the answer;
    // when it holds 90% or more, no other region of the partition can hold more, and
    // the slivers of the neighbours need not be measured.
    Geometry inside = adopt(geos, GEOSPointOnSurface_r(geos.handle(), municipality), "PointOnSurface");
    for (std::size_t region : candidates) {
        if (!prepared[region].contains(inside.get())) continue;
        if (prepared[region].contains(municipality)) return OverlapAssignment{{{region, 1.0}}};
        const double share = intersection_area(geos, municipality, regions[region]) / municipality_area;
        if (share >= kWarningShare) return OverlapAssignment{{{region, share}}};
        break;
    }
    OverlapAssignment assignment;
    for (std::size_t region : candidates) {
        if (!prepared[region].intersects(municipality)) continue;
        const double overlap = intersection_area(geos, municipality, regions[region]);
        if (overlap > 0.0) assignment.overlaps.push_back({region, overlap / municipality_area});
    }
    if (assignment.overlaps.empty()) return std::nullopt;
    std::stable_sort(assignment.overlaps.begin(), assignment.overlaps.end(),
                     [](const RegionOverlap& a, const RegionOverlap& b) { return a.share > b.share; });
    return assignment;
}

std::vector<std::vector<unsigned char>> to_wkb(const GeosContext& geos, const std::vector<const GEOSGeometry*>& shapes) {
    std::vector<std::vector<unsigned char>> blobs;
    blobs.reserve(shapes.size());
    for (const auto* shape : shapes) blobs.push_back(geometry_to_wkb(geos, shape));
    return blobs;
}

}  // namespace

std::vector<std::optional<OverlapAssignment>> assign_by_largest_overlap(
    const GeosContext& geos, const std::vector<const GEOSGeometry*>& municipalities,
    const std::vector<const GEOSGeometry*>& regions) {
    SpatialIndex index(geos, regions);
    std::vector<PreparedGeometry> prepared;
    prepared.reserve(regions.size());
    for (const GEOSGeometry* region : regions) prepared.emplace_back(geos, region);
    std::vector<std::optional<OverlapAssignment>> assignments;
    assignments.reserve(municipalities.size());
    for (const GEOSGeometry* municipality : municipalities) {
        assignments.push_back(assign_one(geos, municipality, regions, prepared, index));
    }
    return assignments;
}

std::vector<std::vector<std::optional<OverlapAssignment>>> assign_layers_by_largest_overlap(
    const GeosContext& geos, const std::vector<const GEOSGeometry*>& municipalities,
    const std::vector<std::vector<const GEOSGeometry*>>& layers) {
    // Each worker owns a GEOS context and its own copies of the geometries (passed as
    // WKB), so no GEOS object is ever touched by two threads. Work is handed out in
    // chunks of municipalities of one layer, so both cores stay busy to the end.
    const auto municipality_wkb = to_wkb(geos, municipalities);
    std::vector<std::vector<std::vector<unsigned char>>> layer_wkb;
    for (const auto& regions : layers) layer_wkb.push_back(to_wkb(geos, regions));

    constexpr std::size_t kChunk = 32;
    const std::size_t chunks_per_layer = (municipalities.size() + kChunk - 1) / kChunk;
    const std::size_t tasks = chunks_per_layer * layers.size();
    std::vector<std::vector<std::optional<OverlapAssignment>>> results(
        layers.size(), std::vector<std::optional<OverlapAssignment>>(municipalities.size()));
    const std::size_t workers = worker_threads(tasks);
    std::atomic<std::size_t> next_task{0};

    auto work = [&](std::size_t) {
        try {
            const GeosContext own;
            auto parse = [&](const std::vector<std::vector<unsigned char>>& blobs, std::vector<Geometry>& owned) {
                std::vector<const GEOSGeometry*> shapes;
                for (const auto& blob : blobs) {
                    owned.push_back(geometry_from_wkb(own, blob.data(), blob.size()));
                    shapes.push_back(owned.back().get());
                }
                return shapes;
            };
            std::vector<Geometry> owned_municipalities;
            const auto municipality_shapes = parse(municipality_wkb, owned_municipalities);
            struct LayerIndex {
                std::vector<Geometry> owned;
                std::vector<const GEOSGeometry*> shapes;
                std::vector<PreparedGeometry> prepared;
                std::unique_ptr<SpatialIndex> index;
            };
            std::vector<LayerIndex> indexes(layers.size());  // built when this worker first needs the layer
            for (std::size_t task; (task = next_task.fetch_add(1)) < tasks;) {
                const std::size_t layer = task / chunks_per_layer;
                LayerIndex& entry = indexes[layer];
                if (!entry.index) {
                    entry.shapes = parse(layer_wkb[layer], entry.owned);
                    for (const auto* shape : entry.shapes) entry.prepared.emplace_back(own, shape);
                    entry.index = std::make_unique<SpatialIndex>(own, entry.shapes);
                }
                const std::size_t first = (task % chunks_per_layer) * kChunk;
                const std::size_t last = std::min(first + kChunk, municipalities.size());
                for (std::size_t m = first; m < last; ++m) {
                    results[layer][m] = assign_one(own, municipality_shapes[m], entry.shapes, entry.prepared, *entry.index);
                }
            }
        } catch (...) {
            next_task = tasks;  // stop the others early
            throw;
        }
    };
    run_workers(workers, work);
    return results;
}

}  // namespace regiomap
