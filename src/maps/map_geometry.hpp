// The shapes maps draw, read once from the store: every municipality and the
// regions of each layer as plain polygons with a label point, and which regions
// of a layer border each other (for colouring neighbours apart).
#pragma once

#include "geometry/planar.hpp"
#include "render/map_frame.hpp"
#include "store/store.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace regiomap {

struct MapShape {
    std::string code;
    std::vector<PlanarPolygon> polygons;
    PlanarPoint label_point;
    render::Extent extent;
};

class MapGeometry {
public:
    explicit MapGeometry(const Store& store);
    ~MapGeometry();
    MapGeometry(const MapGeometry&) = delete;
    MapGeometry& operator=(const MapGeometry&) = delete;

    // Municipalities in the store's order (Governance index order: by code).
    const std::vector<MapShape>& municipalities() const { return municipalities_; }
    const MapShape* municipality(const std::string& code) const;
    // The regions of a layer (on first use: the union of each region's member
    // municipalities), in region code order.
    const std::vector<MapShape>& regions(const std::string& layer_id);
    const MapShape* region(const std::string& layer_id, const std::string& code);
    // Per region of the layer (same order as regions()): the regions it touches
    // or overlaps; a contact at a single point counts, so colours stay apart there too.
    const std::vector<std::vector<int>>& region_neighbours(const std::string& layer_id);
    render::Extent national_extent() const { return national_; }
    // A layer the store does not hold (a proposal): region code -> member municipality
    // codes. Replaces a layer of that id drawn before.
    void define_layer(const std::string& layer_id, const std::map<std::string, std::vector<std::string>>& members);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::vector<MapShape> municipalities_;
    render::Extent national_;
};

// Colours for a graph so that neighbours differ: greedy in order of falling
// degree (Welsh-Powell), each node the lowest colour none of its coloured
// neighbours has. Planar maps like region divisions need at most a handful.
std::vector<int> colour_graph(const std::vector<std::vector<int>>& neighbours);

}  // namespace regiomap
