#include "initiatives/initiative_map.hpp"

#include "core/error.hpp"
#include "core/gdal_errors.hpp"
#include "geometry/geos.hpp"

#include <gdal_priv.h>
#include <nlohmann/json.hpp>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <set>

namespace regiomap {

namespace {

using nlohmann::json;

// Municipalities an initiative's geometry falls in.
class GeometryLocator {
public:
    GeometryLocator(const Store& store, const Governance& governance) {
        for (const auto& [code, wkb] : store.municipality_geometries()) {
            codes_.push_back(governance.index_of.at(code));
            shapes_.push_back(geometry_from_wkb(geos_, wkb.data(), wkb.size()));
            borrowed_.push_back(shapes_.back().get());
        }
        index_ = std::make_unique<SpatialIndex>(geos_, borrowed_);
    }

    ResolvedPart locate(const Initiative& entry) const {
        ResolvedPart part;
        part.text = "geometry";
        std::vector<unsigned char> wkb = entry.geometry;
        if (!entry.geometry_crs.empty() && entry.geometry_crs != "EPSG:28992") wkb = to_rd_new(entry, wkb);
        Geometry shape = geometry_from_wkb(geos_, wkb.data(), wkb.size());
        const int type = GEOSGeomTypeId_r(geos_.handle(), shape.get());
        const bool points = type == GEOS_POINT || type == GEOS_MULTIPOINT;
        const double total = points ? 0.0 : area(geos_, shape.get());
        for (std::size_t candidate : index_->candidates(shape.get())) {
            if (points) {
                if (GEOSIntersects_r(geos_.handle(), borrowed_[candidate], shape.get()) == 1) {
                    part.municipalities.push_back(codes_[candidate]);
                }
            } else if (total > 0 && intersection_area(geos_, borrowed_[candidate], shape.get()) / total >= 0.01) {
                part.municipalities.push_back(codes_[candidate]);
            }
        }
        std::sort(part.municipalities.begin(), part.municipalities.end());
        part.resolved = !part.municipalities.empty();
        part.match = PartMatch::geometry;
        part.geometry_points = points;
        return part;
    }

private:
    std::vector<unsigned char> to_rd_new(const Initiative& entry, const std::vector<unsigned char>& wkb) const {
        OGRSpatialReference source, target;
        source.SetFromUserInput(entry.geometry_crs.c_str());
        source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        target.importFromEPSG(28992);
        target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        OGRGeometry* geometry = nullptr;
        OGRGeometryFactory::createFromWkb(wkb.data(), &source, &geometry, static_cast<int>(wkb.size()));
        OGRGeometryUniquePtr owned(geometry);
        if (!owned || owned->transformTo(&target) != OGRERR_NONE) {
            throw DataError(entry.file, entry.where,
                            "cannot transform the geometry from " + entry.geometry_crs + " to EPSG:28992");
        }
        std::vector<unsigned char> out(static_cast<std::size_t>(owned->WkbSize()));
        owned->exportToWkb(wkbNDR, out.data(), wkbVariantIso);
        return out;
    }

    GeosContext geos_;
    std::vector<int> codes_;
    std::vector<Geometry> shapes_;
    std::vector<const GEOSGeometry*> borrowed_;
    std::unique_ptr<SpatialIndex> index_;
};

}  // namespace

InitiativeWorkspace::InitiativeWorkspace(const Store& store_)
    : store(store_),
      governance(read_governance(store_)),
      names(store_.names()),
      insurers(store_),
      resolver(governance, names, store_.place_aliases()) {}

std::vector<LocatedInitiative> locate_initiatives(const Register& register_, const LocationResolver& resolver,
                                                  const Governance& governance, const Store& store) {
    std::unique_ptr<GeometryLocator> locator;
    std::vector<LocatedInitiative> located;
    for (const auto& entry : register_.entries) {
        LocatedInitiative item{&entry, {}};
        if (!entry.municipality_codes.empty()) {
            ResolvedPart part;
            part.text = "municipalities";
            part.match = PartMatch::listed;
            part.resolved = true;
            for (const auto& code : entry.municipality_codes) part.municipalities.push_back(governance.index_of.at(code));
            std::sort(part.municipalities.begin(), part.municipalities.end());
            item.resolution.municipalities = part.municipalities;
            item.resolution.parts.push_back(part);
            item.resolution.status = ResolutionStatus::full;
        } else if (!entry.location.empty()) {
            item.resolution = resolver.resolve(entry.location, {entry.file, entry.where});
        } else {
            if (!locator) locator = std::make_unique<GeometryLocator>(store, governance);
            ResolvedPart part = locator->locate(entry);
            item.resolution.municipalities = part.municipalities;
            item.resolution.status = part.resolved ? ResolutionStatus::full : ResolutionStatus::unresolved;
            item.resolution.parts.push_back(part);
        }
        located.push_back(std::move(item));
    }
    return located;
}

std::vector<RegionShare> regions_touched(const Governance& governance, const Division& division,
                                         const std::vector<int>& municipalities) {
    std::map<int, double> weight;
    double total = 0;
    bool by_population = true;
    for (int m : municipalities) by_population = by_population && governance.population[m].has_value();
    for (int m : municipalities) {
        const int region = division.region_of[m];
        if (region < 0) continue;
        const double w = by_population ? static_cast<double>(governance.population_of(m)) : 1.0;
        weight[region] += w;
        total += w;
    }
    std::vector<RegionShare> shares;
    for (const auto& [region, w] : weight) shares.push_back({region, total > 0 ? w / total : 0.0});
    std::stable_sort(shares.begin(), shares.end(),
                     [](const RegionShare& a, const RegionShare& b) { return a.population_share > b.population_share; });
    return shares;
}

std::vector<RegionCount> count_per_region(const Governance& g, const Division& division,
                                          const std::vector<LocatedInitiative>& located, bool all_formal) {
    std::vector<RegionCount> counts(division.region_codes.size());
    for (const auto& item : located) {
        for (const auto& share : regions_touched(g, division, item.resolution.municipalities)) {
            auto& count = counts[share.region];
            ++count.initiatives;
            const auto formal = all_formal ? std::optional<bool>(true) : item.entry->formal_agreement;
            if (!formal) {
                ++count.formal_unknown;
            } else if (*formal) {
                ++count.formal;
            }
        }
    }
    return counts;
}

ResolutionTally tally_resolutions(const std::vector<LocatedInitiative>& located) {
    ResolutionTally tally;
    for (const auto& item : located) {
        tally.unverified += item.resolution.unverified ? 1 : 0;
        switch (item.resolution.status) {
            case ResolutionStatus::full: ++tally.full; break;
            case ResolutionStatus::partial: ++tally.partial; break;
            case ResolutionStatus::unresolved: ++tally.unresolved; break;
        }
    }
    return tally;
}

InitiativeMap map_initiatives(const Governance& g, const std::vector<LocatedInitiative>& located,
                              const std::vector<std::string>& layer_ids, bool all_formal) {
    InitiativeMap map;
    map.layer_ids = layer_ids;
    std::vector<const Division*> divisions;
    for (const auto& id : layer_ids) divisions.push_back(&g.division(id));
    for (const auto& item : located) {
        MappedInitiative mapped{&item, {}};
        for (const auto* d : divisions) {
            auto shares = regions_touched(g, *d, item.resolution.municipalities);
            const bool crosses = shares.size() > 1;
            mapped.divisions.push_back({std::move(shares), crosses});
        }
        map.initiatives.push_back(std::move(mapped));
        if (item.resolution.unverified) map.unverified.push_back(item.entry->id);
    }
    for (const auto* d : divisions) {
        DivisionTally tally{d, count_per_region(g, *d, located, all_formal), {}};
        for (std::size_t r = 0; r < tally.counts.size(); ++r) {
            if (tally.counts[r].initiatives > 0) tally.regions_with_initiatives.push_back(static_cast<int>(r));
        }
        std::sort(tally.regions_with_initiatives.begin(), tally.regions_with_initiatives.end(), [&](int a, int b) {
            const int count_a = tally.counts[a].initiatives, count_b = tally.counts[b].initiatives;
            return count_a != count_b ? count_a > count_b : d->region_codes[a] < d->region_codes[b];
        });
        map.divisions.push_back(std::move(tally));
    }
    return map;
}

}  // namespace regiomap
