#include "adjacency/borders.hpp"

#include "core/worker_threads.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>
#include <tuple>

namespace regiomap {

namespace {

double length_of(const GeosContext& geos, const GEOSGeometry* geometry) {
    double length = 0;
    if (!GEOSLength_r(geos.handle(), geometry, &length)) geos.fail("GEOSLength");
    return length;
}

// One worker's own copies: GEOS objects are never shared between threads.
struct WorkerShapes {
    std::vector<Geometry> shapes;
    std::vector<Geometry> widened;  // each shape grown by the tolerance
    std::vector<Geometry> outlines;
    std::vector<const GEOSGeometry*> raw_widened;

    WorkerShapes(const GeosContext& geos, const std::vector<std::vector<unsigned char>>& wkb) {
        for (const auto& blob : wkb) {
            shapes.push_back(geometry_from_wkb(geos, blob.data(), blob.size()));
            widened.push_back(adopt(geos, GEOSBuffer_r(geos.handle(), shapes.back().get(), kBorderToleranceM, 2),
                                    "GEOSBuffer"));
            outlines.push_back(adopt(geos, GEOSBoundary_r(geos.handle(), shapes.back().get()), "GEOSBoundary"));
            raw_widened.push_back(widened.back().get());
        }
    }
};

}  // namespace

std::vector<SharedBorder> shared_borders(const GeosContext& geos, const std::vector<const GEOSGeometry*>& shapes) {
    std::vector<std::vector<unsigned char>> wkb;
    wkb.reserve(shapes.size());
    for (const auto* shape : shapes) wkb.push_back(geometry_to_wkb(geos, shape));

    const std::size_t count = shapes.size();
    const std::size_t workers = worker_threads(count);
    std::vector<std::vector<SharedBorder>> found(workers);
    std::atomic<std::size_t> next{0};
    auto work = [&](std::size_t worker) {
        try {
            const GeosContext own;
            WorkerShapes copies(own, wkb);
            SpatialIndex index(own, copies.raw_widened);
            for (std::size_t a; (a = next.fetch_add(1)) < count;) {
                PreparedGeometry near_a(own, copies.widened[a].get());
                for (std::size_t b : index.candidates(copies.widened[a].get())) {
                    if (b <= a || !near_a.intersects(copies.shapes[b].get())) continue;
                    Geometry along = adopt(own, GEOSIntersection_r(own.handle(), copies.outlines[b].get(),
                                                                   copies.widened[a].get()),
                                           "GEOSIntersection");
                    const double length = length_of(own, along.get());
                    found[worker].push_back({a, b, length, length < kMinSharedBorderM});
                }
            }
        } catch (...) {
            next = count;  // stop the others early
            throw;
        }
    };
    run_workers(workers, work);
    std::vector<SharedBorder> borders;
    for (auto& part : found) borders.insert(borders.end(), part.begin(), part.end());
    std::sort(borders.begin(), borders.end(),
              [](const SharedBorder& x, const SharedBorder& y) { return std::tie(x.a, x.b) < std::tie(y.a, y.b); });
    return borders;
}

}  // namespace regiomap
