#include "io/store_layers.hpp"

#include "core/resources.hpp"

#include <fmt/format.h>

#include <map>

namespace regiomap {

std::string attribution_line(const Store& store, const std::vector<std::string>& layer_ids) {
    std::string line = store.attribution();
    std::string layers;
    for (const auto& id : layer_ids) {
        const LayerRecord layer = store.layer(id);
        layers += fmt::format("{}{} {}", layers.empty() ? "" : ", ", layer.title, layer.year);
        if (layer.source.find("CBS") == std::string::npos && !layer.source.empty()) {
            layers += " (" + layer.source + ")";
        }
    }
    if (layers.empty()) return line;
    return line.empty() ? layers : line + " - " + layers;
}

std::string region_outline_layer_name(const std::string& layer_id) { return "regions_" + layer_id; }

std::string region_outline_qml() { return read_resource_text(find_qml("region_outlines")); }

GeoPackageLayer region_outline_layer(const Store& store, const std::string& layer_id, const std::string& qml) {
    const auto layers = store.layers();
    const std::string municipality_layer = layers.empty() ? std::string() : layers.front().id;
    std::vector<std::string> attributed{municipality_layer};
    if (layer_id != municipality_layer) attributed.push_back(layer_id);

    std::map<std::string, std::optional<std::int64_t>> population_of;
    for (const auto& municipality : store.municipalities()) population_of[municipality.code] = municipality.population;
    struct Totals {
        std::string name;
        std::int64_t municipalities = 0;
        std::optional<std::int64_t> population = 0;
    };
    std::map<std::string, Totals> regions;
    for (const auto& membership : store.memberships(layer_id)) {
        Totals& totals = regions[membership.region_code];
        totals.name = membership.region_name;
        ++totals.municipalities;
        const auto& population = population_of[membership.municipality_code];
        totals.population = totals.population && population ? std::optional(*totals.population + *population)
                                                             : std::nullopt;
    }

    GeoPackageLayer layer;
    layer.name = region_outline_layer_name(layer_id);
    layer.fields = {{"region_code", FieldType::string},
                    {"region_name", FieldType::string},
                    {"municipalities", FieldType::integer},
                    {"population", FieldType::integer}};
    layer.qml = qml;
    layer.attribution = attribution_line(store, attributed);
    // Every region with a shape, also one no municipality is assigned to (it then counts 0).
    for (auto& [code, wkb] : store.region_geometries(layer_id)) {
        auto found = regions.find(code);
        GeoPackageFeature feature;
        if (found == regions.end()) {
            feature.values = {code, std::monostate{}, std::int64_t{0}, std::int64_t{0}};
        } else {
            const Totals& totals = found->second;
            feature.values = {code, totals.name, totals.municipalities,
                              totals.population ? FieldValue(*totals.population) : FieldValue()};
        }
        feature.wkb = std::move(wkb);
        layer.features.push_back(std::move(feature));
    }
    return layer;
}

std::vector<GeoPackageLayer> region_outline_layers(const Store& store, const std::string& qml) {
    std::vector<GeoPackageLayer> outlines;
    const auto layers = store.layers();
    for (std::size_t i = 1; i < layers.size(); ++i) outlines.push_back(region_outline_layer(store, layers[i].id, qml));
    return outlines;
}

}  // namespace regiomap
