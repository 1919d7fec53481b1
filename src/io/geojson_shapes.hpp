// Shapes for a web map: polygons in the store's CRS (WKB or GEOS) written as GeoJSON geometry
// objects in WGS84 longitude/latitude, the order GeoJSON (RFC 7946) and MapLibre expect.
//
// Each shape is first simplified for the screen in the store's CRS (GEOS, topology kept within
// the shape; see simplify_preserving_topology), then reprojected with GDAL's
// OGRCoordinateTransformation (PROJ underneath), and its coordinates are rounded to a fixed
// number of decimals (5: about a metre); points that rounding makes equal are written once, and
// rings that collapse are dropped.
//
// A writer holds a GEOS context and a GDAL transformation, neither of which may be shared
// between threads: use one writer per thread.
#pragma once

#include "geometry/geos.hpp"

#include <memory>
#include <string>
#include <vector>

class OGRCoordinateTransformation;

namespace regiomap {

class GeoJsonShapeWriter {
public:
    // `source_crs` as the store gives it ("EPSG:28992", or anything GDAL's SetFromUserInput reads);
    // `tolerance` in its units (metres for RD New). Throws Error when GDAL cannot transform from it.
    GeoJsonShapeWriter(const std::string& source_crs, double tolerance, int decimals = 5);
    ~GeoJsonShapeWriter();
    GeoJsonShapeWriter(const GeoJsonShapeWriter&) = delete;
    GeoJsonShapeWriter& operator=(const GeoJsonShapeWriter&) = delete;

    const GeosContext& geos() const { return geos_; }

    // {"type":"MultiPolygon","coordinates":[...]} for a polygonal shape; "null" (a feature without
    // geometry) for an empty one or one that simplification and rounding leave nothing of.
    // Throws GeometryError for a shape GEOS or GDAL cannot handle.
    std::string geometry(const GEOSGeometry* shape) const;
    std::string geometry(const std::vector<unsigned char>& wkb) const;

private:
    GeosContext geos_;
    std::unique_ptr<OGRCoordinateTransformation> to_wgs84_;
    double tolerance_;
    int decimals_;
};

}  // namespace regiomap
