// Plain polygon coordinates for drawing: what a map needs of a GEOS geometry,
// without GEOS. Rings are closed implicitly (the last point is not repeated).
#pragma once

#include "geometry/geos.hpp"

#include <vector>

namespace regiomap {

struct PlanarPoint {
    double x = 0, y = 0;
};
using PlanarRing = std::vector<PlanarPoint>;
// The first ring is the outline, the others are its holes.
struct PlanarPolygon {
    std::vector<PlanarRing> rings;
};

// Every polygon of a polygonal geometry (Polygon or MultiPolygon); other parts are skipped.
std::vector<PlanarPolygon> planar_polygons(const GeosContext& geos, const GEOSGeometry* geometry);

// Where a label sits best: the centre of the largest circle inside the geometry
// (its pole of inaccessibility, found to within `tolerance` map units), so a
// label of a C-shaped region lands on the region, never in the bay.
PlanarPoint label_point(const GeosContext& geos, const GEOSGeometry* geometry, double tolerance);

}  // namespace regiomap
