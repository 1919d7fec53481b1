#include "history/stored_crosswalk.hpp"

#include "store/store.hpp"

namespace regiomap {

namespace {

// One year's municipalities with their shapes, which the division borrows.
struct YearShapes {
    std::vector<Geometry> shapes;
    MunicipalDivision division;
};

YearShapes year_shapes(const GeosContext& geos, const Store& store) {
    const auto wkb = store.municipality_geometries();
    YearShapes result;
    result.division.year = store.year();
    const auto municipalities = store.municipalities();
    result.shapes.reserve(municipalities.size());
    for (const auto& municipality : municipalities) {
        const auto& bytes = wkb.at(municipality.code);
        result.shapes.push_back(geometry_from_wkb(geos, bytes.data(), bytes.size()));
        result.division.municipalities.push_back(
            {municipality.code, municipality.name, result.shapes.back().get(), area(geos, result.shapes.back().get())});
    }
    return result;
}

}  // namespace

Crosswalk crosswalk_between(const std::filesystem::path& store, int from_year, int to_year) {
    const Store from(store, from_year);
    return crosswalk_between(from, from.at_year(to_year));
}

Crosswalk crosswalk_between(const Store& from_store, const Store& to_store) {
    GeosContext geos;
    const YearShapes from = year_shapes(geos, from_store);
    const YearShapes to = year_shapes(geos, to_store);
    return derive_crosswalk(geos, from.division, to.division);
}

}  // namespace regiomap
