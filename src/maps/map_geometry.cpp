#include "maps/map_geometry.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <numeric>

namespace regiomap {

namespace {

// Label points to within 200 m: far finer than a label at any map scale we draw.
constexpr double kLabelPointTolerance = 200;

render::Extent extent_of(const Envelope& envelope) {
    return {envelope.min_x, envelope.min_y, envelope.max_x, envelope.max_y};
}

struct LayerShapes {
    std::vector<MapShape> shapes;
    std::vector<Geometry> geometries;
    std::map<std::string, int> index_of;
    bool neighbours_known = false;
    std::vector<std::vector<int>> neighbours;
};

MapShape shape_of(const GeosContext& geos, const std::string& code, const GEOSGeometry* geometry) {
    MapShape shape;
    shape.code = code;
    shape.polygons = planar_polygons(geos, geometry);
    shape.label_point = label_point(geos, geometry, kLabelPointTolerance);
    shape.extent = extent_of(envelope(geos, geometry));
    return shape;
}

}  // namespace

struct MapGeometry::Impl {
    const Store& store;
    GeosContext geos;
    std::map<std::string, int> municipality_index;
    std::vector<Geometry> municipality_geometries;
    std::map<std::string, LayerShapes> layers;

    explicit Impl(const Store& s) : store(s) {}

    // A region is drawn as the union of its member municipalities, not as the
    // layer's own boundary file: the map then shows exactly the memberships the
    // analyses use, and borders never run through lakes and sea as some
    // boundary files' do.
    LayerShapes& layer(const std::string& layer_id) {
        auto found = layers.find(layer_id);
        if (found != layers.end()) return found->second;
        std::map<std::string, std::vector<std::string>> members;
        for (const auto& row : store.memberships(layer_id)) members[row.region_code].push_back(row.municipality_code);
        return define(layer_id, members);
    }

    LayerShapes& define(const std::string& layer_id, const std::map<std::string, std::vector<std::string>>& members) {
        LayerShapes shapes;
        for (const auto& [code, municipality_codes] : members) {
            std::vector<const GEOSGeometry*> parts;
            for (const auto& municipality_code : municipality_codes) {
                auto municipality = municipality_index.find(municipality_code);
                if (municipality != municipality_index.end()) {
                    parts.push_back(municipality_geometries[municipality->second].get());
                }
            }
            if (parts.empty()) continue;
            Geometry geometry = dissolve(geos, parts);
            shapes.index_of[code] = static_cast<int>(shapes.shapes.size());
            shapes.shapes.push_back(shape_of(geos, code, geometry.get()));
            shapes.geometries.push_back(std::move(geometry));
        }
        layers.erase(layer_id);
        return layers.emplace(layer_id, std::move(shapes)).first->second;
    }
};

MapGeometry::MapGeometry(const Store& store) : impl_(std::make_unique<Impl>(store)) {
    auto geometries = store.municipality_geometries();
    for (const auto& row : store.municipalities()) {
        auto found = geometries.find(row.code);
        if (found == geometries.end()) throw StoreError("the store", "it holds no shape for municipality " + row.code + "; run 'regiomap load' again");
        Geometry geometry = geometry_from_wkb(impl_->geos, found->second.data(), found->second.size());
        impl_->municipality_index[row.code] = static_cast<int>(municipalities_.size());
        municipalities_.push_back(shape_of(impl_->geos, row.code, geometry.get()));
        impl_->municipality_geometries.push_back(std::move(geometry));
        national_ = render::united(national_, municipalities_.back().extent);
    }
}

MapGeometry::~MapGeometry() = default;

const MapShape* MapGeometry::municipality(const std::string& code) const {
    auto found = impl_->municipality_index.find(code);
    return found == impl_->municipality_index.end() ? nullptr : &municipalities_[found->second];
}

void MapGeometry::define_layer(const std::string& layer_id,
                               const std::map<std::string, std::vector<std::string>>& members) {
    impl_->define(layer_id, members);
}

const std::vector<MapShape>& MapGeometry::regions(const std::string& layer_id) { return impl_->layer(layer_id).shapes; }

const MapShape* MapGeometry::region(const std::string& layer_id, const std::string& code) {
    LayerShapes& layer = impl_->layer(layer_id);
    auto found = layer.index_of.find(code);
    return found == layer.index_of.end() ? nullptr : &layer.shapes[found->second];
}

const std::vector<std::vector<int>>& MapGeometry::region_neighbours(const std::string& layer_id) {
    LayerShapes& layer = impl_->layer(layer_id);
    if (layer.neighbours_known) return layer.neighbours;
    const std::size_t count = layer.shapes.size();
    layer.neighbours.assign(count, {});
    std::vector<const GEOSGeometry*> raw;
    for (const auto& geometry : layer.geometries) raw.push_back(geometry.get());
    SpatialIndex index(impl_->geos, raw);
    for (std::size_t i = 0; i < count; ++i) {
        PreparedGeometry prepared(impl_->geos, raw[i]);
        for (std::size_t j : index.candidates(raw[i])) {
            if (j <= i) continue;
            if (prepared.intersects(raw[j])) {
                layer.neighbours[i].push_back(static_cast<int>(j));
                layer.neighbours[j].push_back(static_cast<int>(i));
            }
        }
    }
    for (auto& list : layer.neighbours) std::sort(list.begin(), list.end());
    layer.neighbours_known = true;
    return layer.neighbours;
}

std::vector<int> colour_graph(const std::vector<std::vector<int>>& neighbours) {
    std::vector<int> order(neighbours.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return neighbours[a].size() > neighbours[b].size(); });
    std::vector<int> colour(neighbours.size(), -1);
    for (int node : order) {
        std::vector<bool> used(neighbours.size() + 1, false);
        for (int other : neighbours[node]) {
            if (colour[other] >= 0) used[colour[other]] = true;
        }
        int chosen = 0;
        while (used[chosen]) ++chosen;
        colour[node] = chosen;
    }
    return colour;
}

}  // namespace regiomap
