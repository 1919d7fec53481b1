#include "io/geojson_shapes.hpp"

#include "core/error.hpp"
#include "core/gdal_errors.hpp"

#include <fmt/format.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>

#include <iterator>

namespace regiomap {

namespace {

// One ring as [[lon,lat],...] with rounded coordinates, consecutive duplicates written once;
// empty when fewer than four points (a closed triangle) are left.
std::string ring_text(const OGRLinearRing& ring, int decimals) {
    std::vector<std::string> points;
    points.reserve(static_cast<std::size_t>(ring.getNumPoints()));
    for (int i = 0; i < ring.getNumPoints(); ++i) {
        std::string point = fmt::format("[{:.{}f},{:.{}f}]", ring.getX(i), decimals, ring.getY(i), decimals);
        if (points.empty() || points.back() != point) points.push_back(std::move(point));
    }
    if (points.size() < 4 || points.front() != points.back()) return {};
    return fmt::format("[{}]", fmt::join(points, ","));
}

// [[exterior],[hole],...]; empty when the exterior ring collapses.
std::string polygon_text(const OGRPolygon& polygon, int decimals) {
    const OGRLinearRing* exterior = polygon.getExteriorRing();
    if (exterior == nullptr) return {};
    std::string text = ring_text(*exterior, decimals);
    if (text.empty()) return {};
    for (int i = 0; i < polygon.getNumInteriorRings(); ++i) {
        std::string hole = ring_text(*polygon.getInteriorRing(i), decimals);
        if (!hole.empty()) text += "," + hole;
    }
    return "[" + text + "]";
}

void collect_polygons(const OGRGeometry& geometry, int decimals, std::vector<std::string>& polygons) {
    switch (wkbFlatten(geometry.getGeometryType())) {
        case wkbPolygon: {
            std::string text = polygon_text(*geometry.toPolygon(), decimals);
            if (!text.empty()) polygons.push_back(std::move(text));
            break;
        }
        case wkbMultiPolygon:
        case wkbGeometryCollection:
            for (const OGRGeometry* part : *geometry.toGeometryCollection()) collect_polygons(*part, decimals, polygons);
            break;
        default:  // points and lines a union or repair may leave have no area to draw
            break;
    }
}

}  // namespace

GeoJsonShapeWriter::GeoJsonShapeWriter(const std::string& source_crs, double tolerance, int decimals)
    : tolerance_(tolerance), decimals_(decimals) {
    QuietGdalErrors quiet;
    OGRSpatialReference source, wgs84;
    if (source.SetFromUserInput(source_crs.c_str()) != OGRERR_NONE) {
        throw Error("cannot read the store's CRS '" + source_crs + "'" + last_gdal_message());
    }
    source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    wgs84.importFromEPSG(4326);
    // Longitude first, as GeoJSON has it (EPSG:4326 itself is latitude first).
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    to_wgs84_.reset(OGRCreateCoordinateTransformation(&source, &wgs84));
    if (!to_wgs84_) {
        throw Error("cannot transform from the store's CRS '" + source_crs + "' to WGS84" + last_gdal_message());
    }
}

GeoJsonShapeWriter::~GeoJsonShapeWriter() = default;

std::string GeoJsonShapeWriter::geometry(const std::vector<unsigned char>& wkb) const {
    Geometry shape = geometry_from_wkb(geos_, wkb.data(), wkb.size());
    return geometry(shape.get());
}

std::string GeoJsonShapeWriter::geometry(const GEOSGeometry* shape) const {
    if (is_empty(geos_, shape)) return "null";
    const Geometry simplified = simplify_preserving_topology(geos_, shape, tolerance_);
    const std::vector<unsigned char> wkb = geometry_to_wkb(geos_, simplified.get());
    QuietGdalErrors quiet;
    OGRGeometry* raw = nullptr;
    if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &raw, wkb.size()) != OGRERR_NONE) {
        throw GeometryError("GDAL cannot read a simplified shape" + last_gdal_message());
    }
    const OGRGeometryUniquePtr owned(raw);
    if (owned->transform(to_wgs84_.get()) != OGRERR_NONE) {
        throw GeometryError("GDAL cannot transform a shape to WGS84" + last_gdal_message());
    }
    std::vector<std::string> polygons;
    collect_polygons(*owned, decimals_, polygons);
    if (polygons.empty()) return "null";
    return fmt::format(R"({{"type":"MultiPolygon","coordinates":[{}]}})", fmt::join(polygons, ","));
}

}  // namespace regiomap
