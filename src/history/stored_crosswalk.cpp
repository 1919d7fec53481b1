#include "history/stored_crosswalk.hpp"

#include "store/store.hpp"

namespace regiomap {

namespace {

// One year's municipalities with their shapes, which the division borrows.
struct YearShapes {
    std::vector<Geometry> shapes;
    MunicipalDivision division;
};

YearShapes year_shapes(const GeosContext& geos, const std::filesystem::path& file, int year) {
    const Store store(file, year);
    const auto wkb = store.municipality_geometries();
    YearShapes result;
    result.division.year = year;
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
    GeosContext geos;
    const YearShapes from = year_shapes(geos, store, from_year);
    const YearShapes to = year_shapes(geos, store, to_year);
    return derive_crosswalk(geos, from.division, to.division);
}

}  // namespace regiomap
