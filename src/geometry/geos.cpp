#include "geometry/geos.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <cstdarg>

namespace regiomap {

GeosContext::GeosContext() : handle_(GEOS_init_r()) {
    GEOSContext_setErrorMessageHandler_r(handle_, &GeosContext::record_message, this);
}

GeosContext::~GeosContext() { GEOS_finish_r(handle_); }

void GeosContext::record_message(const char* message, void* context) {
    static_cast<GeosContext*>(context)->last_message_ = message ? message : "";
}

void GeosContext::fail(const std::string& operation) const {
    throw GeometryError("GEOS " + operation + " failed" +
                        (last_message_.empty() ? std::string() : ": " + last_message_));
}

Geometry adopt(const GeosContext& geos, GEOSGeometry* raw, const char* operation) {
    if (raw == nullptr) geos.fail(operation);
    return Geometry(raw, GeometryDeleter{geos.handle()});
}

Geometry geometry_from_wkb(const GeosContext& geos, const unsigned char* wkb, std::size_t size) {
    return adopt(geos, GEOSGeomFromWKB_buf_r(geos.handle(), wkb, size), "reading WKB");
}

std::vector<unsigned char> geometry_to_wkb(const GeosContext& geos, const GEOSGeometry* geometry) {
    GEOSWKBWriter* writer = GEOSWKBWriter_create_r(geos.handle());
    std::size_t size = 0;
    unsigned char* buffer = GEOSWKBWriter_write_r(geos.handle(), writer, geometry, &size);
    GEOSWKBWriter_destroy_r(geos.handle(), writer);
    if (buffer == nullptr) geos.fail("writing WKB");
    std::vector<unsigned char> bytes(buffer, buffer + size);
    GEOSFree_r(geos.handle(), buffer);
    return bytes;
}

Geometry clone(const GeosContext& geos, const GEOSGeometry* geometry) {
    return adopt(geos, GEOSGeom_clone_r(geos.handle(), geometry), "clone");
}

double area(const GeosContext& geos, const GEOSGeometry* geometry) {
    double value = 0;
    if (GEOSArea_r(geos.handle(), geometry, &value) == 0) geos.fail("area");
    return value;
}

double intersection_area(const GeosContext& geos, const GEOSGeometry* a, const GEOSGeometry* b) {
    Geometry overlap = adopt(geos, GEOSIntersection_r(geos.handle(), a, b), "intersection");
    return area(geos, overlap.get());
}

bool is_polygonal(const GeosContext& geos, const GEOSGeometry* geometry) {
    int type = GEOSGeomTypeId_r(geos.handle(), geometry);
    return type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON;
}

bool is_empty(const GeosContext& geos, const GEOSGeometry* geometry) {
    return GEOSisEmpty_r(geos.handle(), geometry) == 1;
}

std::optional<std::string> invalidity_reason(const GeosContext& geos, const GEOSGeometry* geometry) {
    char result = GEOSisValid_r(geos.handle(), geometry);
    if (result == 2) geos.fail("validity check");
    if (result == 1) return std::nullopt;
    char* reason = GEOSisValidReason_r(geos.handle(), geometry);
    std::string text = reason ? reason : "invalid geometry";
    GEOSFree_r(geos.handle(), reason);
    return text;
}

Geometry make_valid_polygonal(const GeosContext& geos, const GEOSGeometry* geometry) {
    Geometry repaired = adopt(geos, GEOSMakeValid_r(geos.handle(), geometry), "MakeValid");
    if (is_polygonal(geos, repaired.get())) return repaired;
    // A collection: keep its polygons, drop the lines and points the repair produced.
    std::vector<GEOSGeometry*> polygons;
    int count = GEOSGetNumGeometries_r(geos.handle(), repaired.get());
    for (int i = 0; i < count; ++i) {
        const GEOSGeometry* part = GEOSGetGeometryN_r(geos.handle(), repaired.get(), i);
        if (is_polygonal(geos, part)) polygons.push_back(GEOSGeom_clone_r(geos.handle(), part));
    }
    GEOSGeometry* collection = GEOSGeom_createCollection_r(geos.handle(), GEOS_GEOMETRYCOLLECTION,
                                                           polygons.data(), static_cast<unsigned>(polygons.size()));
    Geometry wrapped = adopt(geos, collection, "collecting repaired polygons");
    return adopt(geos, GEOSUnaryUnion_r(geos.handle(), wrapped.get()), "union of repaired polygons");
}

Geometry dissolve(const GeosContext& geos, const std::vector<const GEOSGeometry*>& parts) {
    std::vector<GEOSGeometry*> clones;
    clones.reserve(parts.size());
    for (const auto* part : parts) clones.push_back(GEOSGeom_clone_r(geos.handle(), part));
    GEOSGeometry* collection = GEOSGeom_createCollection_r(geos.handle(), GEOS_GEOMETRYCOLLECTION, clones.data(),
                                                           static_cast<unsigned>(clones.size()));
    Geometry wrapped = adopt(geos, collection, "collecting municipalities");
    GEOSGeometry* merged = GEOSCoverageUnion_r(geos.handle(), wrapped.get());
    if (merged == nullptr || GEOSisValid_r(geos.handle(), merged) != 1) {
        // Not a clean coverage (slivers or overlaps): the full union is slower but exact.
        if (merged) GEOSGeom_destroy_r(geos.handle(), merged);
        merged = GEOSUnaryUnion_r(geos.handle(), wrapped.get());
    }
    return adopt(geos, merged, "dissolve");
}

Geometry simplify_preserving_topology(const GeosContext& geos, const GEOSGeometry* geometry, double tolerance) {
    return adopt(geos, GEOSTopologyPreserveSimplify_r(geos.handle(), geometry, tolerance), "simplify");
}

Envelope envelope(const GeosContext& geos, const GEOSGeometry* geometry) {
    Envelope box;
    if (GEOSGeom_getXMin_r(geos.handle(), geometry, &box.min_x) == 0 ||
        GEOSGeom_getYMin_r(geos.handle(), geometry, &box.min_y) == 0 ||
        GEOSGeom_getXMax_r(geos.handle(), geometry, &box.max_x) == 0 ||
        GEOSGeom_getYMax_r(geos.handle(), geometry, &box.max_y) == 0) {
        geos.fail("envelope");
    }
    return box;
}

PreparedGeometry::PreparedGeometry(const GeosContext& geos, const GEOSGeometry* geometry)
    : geos_(&geos), prepared_(GEOSPrepare_r(geos.handle(), geometry)) {
    if (prepared_ == nullptr) geos.fail("prepare");
}

PreparedGeometry::PreparedGeometry(PreparedGeometry&& other) noexcept : geos_(other.geos_), prepared_(other.prepared_) {
    other.prepared_ = nullptr;
}

PreparedGeometry::~PreparedGeometry() {
    if (prepared_) GEOSPreparedGeom_destroy_r(geos_->handle(), prepared_);
}

bool PreparedGeometry::contains(const GEOSGeometry* other) const {
    char result = GEOSPreparedContains_r(geos_->handle(), prepared_, other);
    if (result == 2) geos_->fail("prepared contains");
    return result == 1;
}

bool PreparedGeometry::intersects(const GEOSGeometry* other) const {
    char result = GEOSPreparedIntersects_r(geos_->handle(), prepared_, other);
    if (result == 2) geos_->fail("prepared intersects");
    return result == 1;
}

SpatialIndex::SpatialIndex(const GeosContext& geos, const std::vector<const GEOSGeometry*>& geometries)
    : geos_(geos), tree_(GEOSSTRtree_create_r(geos.handle(), 10)), positions_(geometries.size()) {
    if (tree_ == nullptr) geos.fail("STRtree create");
    for (std::size_t i = 0; i < geometries.size(); ++i) {
        positions_[i] = i;
        GEOSSTRtree_insert_r(geos.handle(), tree_, geometries[i], &positions_[i]);
    }
}

SpatialIndex::~SpatialIndex() { GEOSSTRtree_destroy_r(geos_.handle(), tree_); }

std::vector<std::size_t> SpatialIndex::candidates(const GEOSGeometry* probe) const {
    std::vector<std::size_t> found;
    GEOSSTRtree_query_r(
        geos_.handle(), tree_, probe,
        [](void* item, void* sink) {
            static_cast<std::vector<std::size_t>*>(sink)->push_back(*static_cast<std::size_t*>(item));
        },
        &found);
    std::sort(found.begin(), found.end());
    return found;
}

}  // namespace regiomap
