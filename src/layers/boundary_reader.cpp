#include "layers/boundary_reader.hpp"

#include "core/error.hpp"
#include "core/gdal_errors.hpp"
#include "core/table_reader.hpp"
#include "core/worker_threads.hpp"

#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <optional>
#include <map>
#include <memory>
#include <thread>
#include <tuple>

namespace regiomap {

namespace {

OGRSpatialReference spatial_reference(const std::string& file, const std::string& definition,
                                      const std::string& origin) {
    OGRSpatialReference reference;
    if (reference.SetFromUserInput(definition.c_str()) != OGRERR_NONE) {
        throw DataError(file, "", fmt::format("unknown coordinate reference system '{}' ({})", definition, origin));
    }
    reference.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return reference;
}

std::string describe(const OGRSpatialReference& reference) {
    const char* authority = reference.GetAuthorityName(nullptr);
    const char* code = reference.GetAuthorityCode(nullptr);
    if (authority && code) return fmt::format("{}:{}", authority, code);
    const char* name = reference.GetName();
    return name ? name : "unnamed CRS";
}

// The generous bounding box of the Netherlands in RD New, to catch data whose
// declared CRS does not match its coordinates.
constexpr Envelope kNetherlandsInRdNew{-50000.0, 250000.0, 350000.0, 700000.0};

bool lies_within(const Envelope& inner, const Envelope& outer) {
    return inner.min_x >= outer.min_x && inner.max_x <= outer.max_x && inner.min_y >= outer.min_y &&
           inner.max_y <= outer.max_y;
}

// What makes a polygon's coordinates unusable before GEOS sees them (GEOS would
// fail on them with an exception of its own, or MakeValid would turn them into
// nonsense): a coordinate that is not a finite number, a ring that is not closed
// or has fewer than four points. Geometries of other types are left to the
// polygon check.
std::optional<std::string> coordinate_problem(const OGRGeometry& shape) {
    auto ring_problem = [](const OGRLinearRing& ring, int ring_number) -> std::optional<std::string> {
        for (int i = 0; i < ring.getNumPoints(); ++i) {
            if (!std::isfinite(ring.getX(i)) || !std::isfinite(ring.getY(i))) {
                return fmt::format("coordinate {} of ring {} is not a number ({}, {})", i + 1, ring_number, ring.getX(i),
                                   ring.getY(i));
            }
        }
        if (ring.getNumPoints() < 4) {
            return fmt::format("ring {} has {} points; a ring needs at least 4 (the last repeating the first)",
                               ring_number, ring.getNumPoints());
        }
        if (!ring.get_IsClosed()) {
            return fmt::format("ring {} is not closed: it ends at ({}, {}), not at its first point ({}, {})",
                               ring_number, ring.getX(ring.getNumPoints() - 1), ring.getY(ring.getNumPoints() - 1),
                               ring.getX(0), ring.getY(0));
        }
        return std::nullopt;
    };
    std::vector<const OGRPolygon*> polygons;
    const auto type = wkbFlatten(shape.getGeometryType());
    if (type == wkbPolygon) polygons.push_back(shape.toPolygon());
    if (type == wkbMultiPolygon) {
        for (const OGRPolygon* part : *shape.toMultiPolygon()) polygons.push_back(part);
    }
    int ring_number = 0;
    for (const OGRPolygon* polygon : polygons) {
        for (const OGRLinearRing* ring : *polygon) {
            if (auto problem = ring_problem(*ring, ++ring_number)) return problem;
        }
    }
    return std::nullopt;
}

}  // namespace

BoundaryLayer read_boundary_layer(const GeosContext& geos, const LayerSpec& spec,
                                  const BoundaryReadOptions& options) {
    const std::string file = spec.file.string();
    require_readable_file(spec.file);
    GDALAllRegister();
    QuietGdalErrors quiet;
    CPLErrorReset();
    GDALDatasetUniquePtr dataset(
        GDALDataset::Open(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!dataset) throw DataError(file, "", "not a vector format GDAL can read" + last_gdal_message());
    if (dataset->GetLayerCount() == 0) throw DataError(file, "", "the file holds no layer");
    OGRLayer* layer = dataset->GetLayer(0);
    OGRFeatureDefn* definition = layer->GetLayerDefn();
    if (layer->GetFeatureCount(TRUE) == 0) {
        throw DataError(file, "layer " + std::string(layer->GetName()), "the layer has no features");
    }

    auto field_index = [&](const std::string& field) {
        int index = definition->GetFieldIndex(field.c_str());
        if (index < 0) {
            std::vector<std::string> present;
            for (int i = 0; i < definition->GetFieldCount(); ++i) present.emplace_back(definition->GetFieldDefn(i)->GetNameRef());
            throw DataError(file, "layer " + std::string(layer->GetName()),
                            fmt::format("missing field '{}' (fields present: {})", field, fmt::join(present, ", ")));
        }
        return index;
    };
    const int code_index = field_index(spec.code_field);
    const int name_index = field_index(spec.name_field);

    BoundaryLayer result;
    OGRSpatialReference target = spatial_reference(file, options.target_crs, "the store's CRS");
    OGRSpatialReference source;
    if (const OGRSpatialReference* declared = layer->GetSpatialRef()) {
        source = *declared;
        source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    } else if (spec.assumed_crs) {
        source = spatial_reference(file, *spec.assumed_crs, "the manifest's 'crs' for layer " + spec.id);
    } else {
        throw DataError(file, "", "no coordinate reference system: the file declares none and the manifest gives "
                                  "no 'crs' for layer " + spec.id);
    }
    result.source_crs = describe(source);
    std::unique_ptr<OGRCoordinateTransformation> transformation;
    if (!source.IsSame(&target)) {
        transformation.reset(OGRCreateCoordinateTransformation(&source, &target));
        if (!transformation) {
            throw DataError(file, "", fmt::format("cannot transform from {} to {}{}", result.source_crs,
                                                  options.target_crs, last_gdal_message()));
        }
        result.reprojected = true;
    }
    const bool check_extent = describe(target) == "EPSG:28992";

    std::map<std::string, std::size_t> first_seen;
    std::size_t number = 0;
    for (auto& feature : *layer) {
        ++number;
        std::string code = feature->IsFieldSetAndNotNull(code_index) ? feature->GetFieldAsString(code_index) : "";
        if (code.empty()) {
            throw DataError(file, fmt::format("feature #{}", number), "empty code field '" + spec.code_field + "'");
        }
        if (!is_utf8(code)) {
            throw DataError(file, fmt::format("feature #{}", number),
                            "code field '" + spec.code_field + "' is not UTF-8 text; save the file as UTF-8");
        }
        const std::string where = fmt::format("feature #{} (code {})", number, code);
        if (auto [it, inserted] = first_seen.emplace(code, number); !inserted) {
            throw DataError(file, where, fmt::format("duplicate code (also feature #{})", it->second));
        }
        std::string name = feature->IsFieldSetAndNotNull(name_index) ? feature->GetFieldAsString(name_index) : "";
        if (name.empty()) throw DataError(file, where, "empty name field '" + spec.name_field + "'");
        if (!is_utf8(name)) {
            throw DataError(file, where, "name field '" + spec.name_field +
                                             "' is not UTF-8 text (Latin-1?); save the file as UTF-8");
        }

        OGRGeometry* shape = feature->GetGeometryRef();
        if (shape == nullptr || shape->IsEmpty()) throw DataError(file, where, "no geometry");
        if (auto problem = coordinate_problem(*shape)) throw DataError(file, where, *problem);
        if (transformation && shape->transform(transformation.get()) != OGRERR_NONE) {
            throw DataError(file, where, fmt::format("cannot transform from {} to {}", result.source_crs, options.target_crs));
        }
        if (auto problem = coordinate_problem(*shape)) {
            throw DataError(file, where, fmt::format("after transforming from {} to {}: {}", result.source_crs,
                                                     options.target_crs, *problem));
        }
        // GEOS from here on: the checks above keep it from failing on this feature's
        // coordinates; should it fail anyway, the failure is still this feature's.
        auto checked_geometry = [&]() -> Geometry {
            std::vector<unsigned char> wkb(static_cast<std::size_t>(shape->WkbSize()));
            shape->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
            Geometry geometry = geometry_from_wkb(geos, wkb.data(), wkb.size());
            if (!is_polygonal(geos, geometry.get())) {
                throw DataError(file, where, fmt::format("geometry is a {}, not a polygon", shape->getGeometryName()));
            }
            if (check_extent && !lies_within(envelope(geos, geometry.get()), kNetherlandsInRdNew)) {
                auto box = envelope(geos, geometry.get());
                throw DataError(file, where,
                                fmt::format("coordinates ({:.0f}, {:.0f})-({:.0f}, {:.0f}) lie outside the Netherlands "
                                            "in EPSG:28992; the CRS {} is probably not the one the data was made in",
                                            box.min_x, box.min_y, box.max_x, box.max_y, result.source_crs));
            }
            if (auto reason = invalidity_reason(geos, geometry.get())) {
                if (!options.repair_invalid) {
                    throw DataError(file, where, "invalid geometry: " + *reason +
                                                     " (run load with --repair to repair it with GEOS MakeValid)");
                }
                double before = area(geos, geometry.get());
                geometry = make_valid_polygonal(geos, geometry.get());
                if (is_empty(geos, geometry.get())) {
                    throw DataError(file, where, "invalid geometry: " + *reason + "; GEOS MakeValid leaves no area of it");
                }
                result.repairs.push_back({code, fmt::format("repaired with GEOS MakeValid: {}; area {:.0f} m² -> {:.0f} m²",
                                                            *reason, before, area(geos, geometry.get()))});
            }
            return geometry;
        };
        try {
            result.features.push_back({code, name, checked_geometry()});
        } catch (const GeometryError& error) {
            throw DataError(file, where, std::string("GEOS cannot use this geometry: ") + error.what());
        }
        if (options.features_read && number % 1000 == 0) options.features_read(spec.id, number);
    }
    if (result.features.empty()) throw DataError(file, "layer " + std::string(layer->GetName()), "the layer has no features");
    return result;
}

std::vector<BoundaryLayer> read_boundary_layers(const GeosContext& geos, const std::vector<const LayerSpec*>& specs,
                                                const BoundaryReadOptions& options) {
    struct Handover {
        std::string source_crs;
        bool reprojected = false;
        std::vector<Repair> repairs;
        std::vector<std::tuple<std::string, std::string, std::vector<unsigned char>>> features;
    };
    GDALAllRegister();  // once, before any worker opens a file
    std::vector<Handover> handovers(specs.size());
    std::vector<std::exception_ptr> failures(specs.size());
    std::atomic<std::size_t> next{0};
    auto work = [&](std::size_t) {
        const GeosContext own;
        for (std::size_t index; (index = next.fetch_add(1)) < specs.size();) {
            try {
                BoundaryLayer layer = read_boundary_layer(own, *specs[index], options);
                Handover& handover = handovers[index];
                handover.source_crs = layer.source_crs;
                handover.reprojected = layer.reprojected;
                handover.repairs = std::move(layer.repairs);
                for (auto& feature : layer.features) {
                    handover.features.emplace_back(std::move(feature.code), std::move(feature.name),
                                                   geometry_to_wkb(own, feature.geometry.get()));
                }
            } catch (...) {
                failures[index] = std::current_exception();
            }
        }
    };
    run_workers(worker_threads(specs.size()), work);
    for (const auto& failure : failures) {
        if (failure) std::rethrow_exception(failure);
    }
    std::vector<BoundaryLayer> layers;
    for (auto& handover : handovers) {
        BoundaryLayer layer;
        layer.source_crs = handover.source_crs;
        layer.reprojected = handover.reprojected;
        layer.repairs = std::move(handover.repairs);
        for (auto& [code, name, wkb] : handover.features) {
            layer.features.push_back({std::move(code), std::move(name), geometry_from_wkb(geos, wkb.data(), wkb.size())});
        }
        layers.push_back(std::move(layer));
    }
    return layers;
}

}  // namespace regiomap
