#include "geometry/planar.hpp"

namespace regiomap {

namespace {

PlanarRing ring_of(const GeosContext& geos, const GEOSGeometry* ring) {
    const GEOSCoordSequence* sequence = GEOSGeom_getCoordSeq_r(geos.handle(), ring);
    unsigned int size = 0;
    if (sequence == nullptr || GEOSCoordSeq_getSize_r(geos.handle(), sequence, &size) == 0) geos.fail("reading a ring");
    PlanarRing points;
    points.reserve(size);
    for (unsigned int i = 0; i + 1 < size; ++i) {  // the closing point repeats the first
        PlanarPoint point;
        if (GEOSCoordSeq_getXY_r(geos.handle(), sequence, i, &point.x, &point.y) == 0) geos.fail("reading a ring");
        points.push_back(point);
    }
    return points;
}

void add_polygon(const GeosContext& geos, const GEOSGeometry* polygon, std::vector<PlanarPolygon>& out) {
    PlanarPolygon planar;
    planar.rings.push_back(ring_of(geos, GEOSGetExteriorRing_r(geos.handle(), polygon)));
    const int holes = GEOSGetNumInteriorRings_r(geos.handle(), polygon);
    for (int i = 0; i < holes; ++i) planar.rings.push_back(ring_of(geos, GEOSGetInteriorRingN_r(geos.handle(), polygon, i)));
    out.push_back(std::move(planar));
}

}  // namespace

std::vector<PlanarPolygon> planar_polygons(const GeosContext& geos, const GEOSGeometry* geometry) {
    std::vector<PlanarPolygon> polygons;
    if (geometry == nullptr || GEOSisEmpty_r(geos.handle(), geometry) == 1) return polygons;
    const int type = GEOSGeomTypeId_r(geos.handle(), geometry);
    if (type == GEOS_POLYGON) {
        add_polygon(geos, geometry, polygons);
    } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        const int parts = GEOSGetNumGeometries_r(geos.handle(), geometry);
        for (int i = 0; i < parts; ++i) {
            const GEOSGeometry* part = GEOSGetGeometryN_r(geos.handle(), geometry, i);
            if (GEOSGeomTypeId_r(geos.handle(), part) == GEOS_POLYGON && GEOSisEmpty_r(geos.handle(), part) == 0) {
                add_polygon(geos, part, polygons);
            }
        }
    }
    return polygons;
}

PlanarPoint label_point(const GeosContext& geos, const GEOSGeometry* geometry, double tolerance) {
    Geometry centre_line = adopt(geos, GEOSMaximumInscribedCircle_r(geos.handle(), geometry, tolerance),
                                 "finding a label point");
    // The result is a line from the circle's centre to the nearest boundary point.
    Geometry centre = adopt(geos, GEOSGeomGetStartPoint_r(geos.handle(), centre_line.get()), "finding a label point");
    PlanarPoint point;
    if (GEOSGeomGetX_r(geos.handle(), centre.get(), &point.x) == 0 ||
        GEOSGeomGetY_r(geos.handle(), centre.get(), &point.y) == 0) {
        geos.fail("finding a label point");
    }
    return point;
}

}  // namespace regiomap
