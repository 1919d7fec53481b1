// Small owners around the GEOS C API (reentrant _r functions only; GEOS
// promises stability for its C API, not for its C++ one).
//
// One GeosContext per thread. Geometries are unique_ptrs whose deleter holds
// the context handle. The GEOS error callback only records the message;
// the wrapper functions throw GeometryError after the call has returned.
#pragma once

#include <geos_c.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace regiomap {

class GeosContext {
public:
    GeosContext();
    ~GeosContext();
    GeosContext(const GeosContext&) = delete;
    GeosContext& operator=(const GeosContext&) = delete;

    GEOSContextHandle_t handle() const { return handle_; }
    // Throws GeometryError naming the operation and the last message GEOS gave.
    [[noreturn]] void fail(const std::string& operation) const;

private:
    static void record_message(const char* message, void* context);
    GEOSContextHandle_t handle_;
    std::string last_message_;
};

struct GeometryDeleter {
    GEOSContextHandle_t handle = nullptr;
    void operator()(GEOSGeometry* geometry) const { GEOSGeom_destroy_r(handle, geometry); }
};
using Geometry = std::unique_ptr<GEOSGeometry, GeometryDeleter>;

// Takes ownership of a geometry GEOS returned; throws when it returned null.
Geometry adopt(const GeosContext& geos, GEOSGeometry* raw, const char* operation);

Geometry geometry_from_wkb(const GeosContext& geos, const unsigned char* wkb, std::size_t size);
std::vector<unsigned char> geometry_to_wkb(const GeosContext& geos, const GEOSGeometry* geometry);
Geometry clone(const GeosContext& geos, const GEOSGeometry* geometry);

double area(const GeosContext& geos, const GEOSGeometry* geometry);
double intersection_area(const GeosContext& geos, const GEOSGeometry* a, const GEOSGeometry* b);
bool is_polygonal(const GeosContext& geos, const GEOSGeometry* geometry);
bool is_empty(const GeosContext& geos, const GEOSGeometry* geometry);
// The reason GEOS gives (e.g. "Self-intersection[12 34]"), or nullopt for a valid geometry.
std::optional<std::string> invalidity_reason(const GeosContext& geos, const GEOSGeometry* geometry);
// MakeValid, keeping only the polygonal part (a repaired polygon may shed lines or points).
Geometry make_valid_polygonal(const GeosContext& geos, const GEOSGeometry* geometry);
// Union of polygons that form a coverage (touch but do not overlap), as municipalities do;
// falls back to a full union where the coverage is not clean.
Geometry dissolve(const GeosContext& geos, const std::vector<const GEOSGeometry*>& parts);

// Douglas-Peucker within `tolerance` (in the geometry's units) that keeps each shape valid and
// its rings apart (GEOS TopologyPreserveSimplify); neighbours simplified one by one may leave
// slivers up to `tolerance` wide between them, which is why it is for drawing only.
Geometry simplify_preserving_topology(const GeosContext& geos, const GEOSGeometry* geometry, double tolerance);

struct Envelope {
    double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
};
Envelope envelope(const GeosContext& geos, const GEOSGeometry* geometry);

// A geometry prepared for repeated predicates (GEOS PreparedGeometry); borrows the geometry.
class PreparedGeometry {
public:
    PreparedGeometry(const GeosContext& geos, const GEOSGeometry* geometry);
    ~PreparedGeometry();
    PreparedGeometry(PreparedGeometry&& other) noexcept;
    PreparedGeometry(const PreparedGeometry&) = delete;
    PreparedGeometry& operator=(const PreparedGeometry&) = delete;
    PreparedGeometry& operator=(PreparedGeometry&&) = delete;

    bool contains(const GEOSGeometry* other) const;
    bool intersects(const GEOSGeometry* other) const;

private:
    const GeosContext* geos_;
    const GEOSPreparedGeometry* prepared_;
};

// A packed R-tree (GEOS STRtree) over borrowed geometries, answering with
// the positions they were inserted under. The geometries must outlive it.
class SpatialIndex {
public:
    SpatialIndex(const GeosContext& geos, const std::vector<const GEOSGeometry*>& geometries);
    ~SpatialIndex();
    SpatialIndex(const SpatialIndex&) = delete;
    SpatialIndex& operator=(const SpatialIndex&) = delete;

    // Positions of the geometries whose envelopes meet the envelope of `probe`.
    std::vector<std::size_t> candidates(const GEOSGeometry* probe) const;

private:
    const GeosContext& geos_;
    GEOSSTRtree* tree_;
    std::vector<std::size_t> positions_;  // stable storage the tree items point into
};

}  // namespace regiomap
