#include "geometry/geos.hpp"

#include "core/error.hpp"

#include <catch2/catch.hpp>

using namespace regiomap;

namespace {
Geometry from_wkt(const GeosContext& geos, const char* wkt) {
    GEOSWKTReader* reader = GEOSWKTReader_create_r(geos.handle());
    GEOSGeometry* read = GEOSWKTReader_read_r(geos.handle(), reader, wkt);
    GEOSWKTReader_destroy_r(geos.handle(), reader);  // before adopt, which throws on bad WKT
    return adopt(geos, read, "WKT");
}
}  // namespace

TEST_CASE("areas and overlaps of hand-made squares") {
    GeosContext geos;
    auto a = from_wkt(geos, "POLYGON((0 0,10 0,10 10,0 10,0 0))");
    auto b = from_wkt(geos, "POLYGON((6 0,20 0,20 10,6 10,6 0))");
    CHECK(area(geos, a.get()) == Approx(100.0));
    CHECK(intersection_area(geos, a.get(), b.get()) == Approx(40.0));
}

TEST_CASE("a bow-tie polygon is invalid and MakeValid keeps its two triangles") {
    GeosContext geos;
    auto bowtie = from_wkt(geos, "POLYGON((0 0,10 10,10 0,0 10,0 0))");
    auto reason = invalidity_reason(geos, bowtie.get());
    REQUIRE(reason);
    CHECK(reason->find("Self-intersection") != std::string::npos);
    auto repaired = make_valid_polygonal(geos, bowtie.get());
    CHECK_FALSE(invalidity_reason(geos, repaired.get()));
    CHECK(area(geos, repaired.get()) == Approx(50.0));  // two triangles of 25
}

TEST_CASE("dissolving adjacent squares gives their union") {
    GeosContext geos;
    auto a = from_wkt(geos, "POLYGON((0 0,10 0,10 10,0 10,0 0))");
    auto b = from_wkt(geos, "POLYGON((10 0,20 0,20 10,10 10,10 0))");
    auto merged = dissolve(geos, {a.get(), b.get()});
    CHECK(area(geos, merged.get()) == Approx(200.0));
    CHECK(GEOSGeomTypeId_r(geos.handle(), merged.get()) == GEOS_POLYGON);
}

TEST_CASE("the spatial index answers with the envelopes a probe meets") {
    GeosContext geos;
    auto a = from_wkt(geos, "POLYGON((0 0,10 0,10 10,0 10,0 0))");
    auto b = from_wkt(geos, "POLYGON((100 0,110 0,110 10,100 10,100 0))");
    auto probe = from_wkt(geos, "POLYGON((5 5,8 5,8 8,5 8,5 5))");
    SpatialIndex index(geos, {a.get(), b.get()});
    CHECK(index.candidates(probe.get()) == std::vector<std::size_t>{0});
}

TEST_CASE("GEOS errors become GeometryError, not a crash") {
    GeosContext geos;
    CHECK_THROWS_AS(from_wkt(geos, "POLYGON((0 0, 1"), GeometryError);
}
