#include "proposal/compactness.hpp"

#include "core/error.hpp"
#include "geometry/geos.hpp"

#include <cmath>
#include <map>

namespace regiomap {

namespace {

double polsby_popper(const GeosContext& geos, const GEOSGeometry* shape) {
    double perimeter = 0;
    if (!GEOSLength_r(geos.handle(), shape, &perimeter)) geos.fail("GEOSLength");
    if (perimeter <= 0) return 0;
    return 4 * M_PI * area(geos, shape) / (perimeter * perimeter);
}

// Mean Polsby-Popper of the regions `members` describes, and each value.
std::vector<double> compactness_of(const GeosContext& geos, const std::vector<Geometry>& municipalities,
                                   const std::vector<std::vector<int>>& members) {
    std::vector<double> values;
    for (const auto& list : members) {
        if (list.empty()) continue;
        std::vector<const GEOSGeometry*> parts;
        for (int m : list) parts.push_back(municipalities[m].get());
        Geometry shape = dissolve(geos, parts);
        values.push_back(polsby_popper(geos, shape.get()));
    }
    return values;
}

double mean_of(const std::vector<double>& values) {
    double total = 0;
    for (double value : values) total += value;
    return values.empty() ? 0 : total / static_cast<double>(values.size());
}

}  // namespace

std::vector<Geometry> municipality_shapes(const GeosContext& geos, const Store& store, const Governance& governance) {
    const auto blobs = store.municipality_geometries();
    std::vector<Geometry> shapes;
    for (const auto& code : governance.codes) {
        auto found = blobs.find(code);
        if (found == blobs.end()) {
            throw StoreError("the store", "it holds no shape for municipality " + code + "; run 'regiomap load' again");
        }
        shapes.push_back(geometry_from_wkb(geos, found->second.data(), found->second.size()));
    }
    return shapes;
}

void measure_compactness(const Store& store, const Governance& governance, Proposal& proposal) {
    const GeosContext geos;
    measure_compactness(geos, municipality_shapes(geos, store, governance), governance, proposal);
}

void measure_compactness(const GeosContext& geos, const std::vector<Geometry>& municipalities,
                         const Governance& governance, Proposal& proposal) {
    std::vector<std::vector<int>> proposed;
    for (const auto& region : proposal.proposed) proposed.push_back(region.members);
    const auto values = compactness_of(geos, municipalities, proposed);
    for (std::size_t r = 0; r < proposal.proposed.size(); ++r) proposal.proposed[r].polsby_popper = values[r];
    proposal.mean_polsby_popper = mean_of(values);
    for (auto& impact : proposal.impacts) {
        impact.mean_polsby_popper = mean_of(compactness_of(geos, municipalities, governance.division(impact.layer_id).members));
    }
}

}  // namespace regiomap
