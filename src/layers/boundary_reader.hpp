// Reading of boundary layers through GDAL/OGR (TopoJSON, GeoJSON,
// GeoPackage, Shapefile, ...): codes and names from the named fields,
// geometries reprojected to the store's CRS and checked with GEOS.
#pragma once

#include "geometry/geos.hpp"
#include "layers/manifest.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace regiomap {

struct BoundaryFeature {
    std::string code;
    std::string name;
    Geometry geometry;  // polygonal, valid, in the target CRS
};

// Something the reader did to the input that a user must be able to see later.
struct Repair {
    std::string feature_code;
    std::string description;
};

struct BoundaryLayer {
    std::string source_crs;  // as read from the file, or the manifest's assumption
    bool reprojected = false;
    std::vector<BoundaryFeature> features;
    std::vector<Repair> repairs;
};

struct BoundaryReadOptions {
    std::string target_crs = "EPSG:28992";
    bool repair_invalid = false;  // GEOS MakeValid instead of an error
    // Called after every 1000th feature read (from the reading thread; read_boundary_layers
    // calls it from several threads at once), so a long read can show progress.
    std::function<void(const std::string& layer_id, std::size_t features_read)> features_read;
};

// Throws DataError naming the file and the feature for: a missing or empty
// file, a format GDAL cannot read, no features, a missing code or name field,
// an empty or duplicate code, a missing, non-polygonal, empty or invalid
// geometry (unless repairing), a coordinate that is not a number, a ring that is
// not closed, text that is not UTF-8, and a missing, unknown or implausible CRS.
BoundaryLayer read_boundary_layer(const GeosContext& geos, const LayerSpec& spec,
                                  const BoundaryReadOptions& options);

// The same for several layers at once, one thread per layer up to the number of
// cores; each worker checks with its own GEOS context and hands its features over
// as WKB. Errors are reported for the first failing layer in the given order.
std::vector<BoundaryLayer> read_boundary_layers(const GeosContext& geos, const std::vector<const LayerSpec*>& specs,
                                                const BoundaryReadOptions& options);

}  // namespace regiomap
