#include "layers/membership.hpp"

#include <algorithm>

namespace regiomap {

std::vector<std::optional<OverlapAssignment>> assign_by_largest_overlap(
    const GeosContext& geos, const std::vector<const GEOSGeometry*>& municipalities,
    const std::vector<const GEOSGeometry*>& regions) {
    SpatialIndex index(geos, regions);
    std::vector<std::optional<OverlapAssignment>> assignments;
    assignments.reserve(municipalities.size());
    for (const GEOSGeometry* municipality : municipalities) {
        const double municipality_area = area(geos, municipality);
        OverlapAssignment assignment;
        for (std::size_t region : index.candidates(municipality)) {
            double overlap = intersection_area(geos, municipality, regions[region]);
            if (overlap > 0.0) assignment.overlaps.push_back({region, overlap / municipality_area});
        }
        if (assignment.overlaps.empty()) {
            assignments.emplace_back(std::nullopt);
            continue;
        }
        std::stable_sort(assignment.overlaps.begin(), assignment.overlaps.end(),
                         [](const RegionOverlap& a, const RegionOverlap& b) { return a.share > b.share; });
        assignments.emplace_back(std::move(assignment));
    }
    return assignments;
}

}  // namespace regiomap
