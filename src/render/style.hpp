// Map styles in styles/*.json, written with MapLibre style property names and
// expressions, so a cartographer who knows MapLibre or Mapbox GL reads them at
// once. A style is a list of layers drawn in order; each layer draws one
// source of the map (municipalities, regions, outlines, ...) as fill, line or
// symbol (labels). Supported:
//   fill:       paint fill-color, fill-opacity, fill-outline-color
//   line:       paint line-color, line-width, line-opacity
//   symbol:     layout text-field, text-size; paint text-color, text-halo-color, text-halo-width
//   circle:     paint circle-radius, circle-color, circle-opacity, circle-stroke-color, circle-stroke-width
//   background: paint background-color
// Expressions: literals, ["get", name], ["match", input, label, output, ..., fallback],
// ["step", input, output0, stop1, output1, ...], ["interpolate", ["linear"], input, stop1, output1, ...]
// (colours interpolate channel by channel in RGB). Any other key, property or
// operator, a bad colour or stops out of order is refused with the file and
// the property's path.
#pragma once

#include "render/colour.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace regiomap::render {

// A feature property as styles see it: missing (null), a number or a text.
using PropertyValue = std::variant<std::monostate, double, std::string>;
using FeatureProperties = std::map<std::string, PropertyValue>;

class Expression;

// A compiled expression for one property; evaluating it never throws for a
// style that compiled: a missing property takes the match fallback or the
// layer's default.
class StyleValue {
public:
    StyleValue() = default;
    explicit StyleValue(std::shared_ptr<const Expression> expression);
    bool is_set() const { return expression_ != nullptr; }
    Colour colour(const FeatureProperties& feature, const Colour& fallback) const;
    double number(const FeatureProperties& feature, double fallback) const;
    std::string text(const FeatureProperties& feature, const std::string& fallback) const;
    // For legends: the classes a step or match expression defines, as (label, colour); empty for others.
    struct LegendEntry {
        std::string label;  // as the style writes it ("0.2 - < 0.4"); maps relabel step classes by from/to
        Colour colour;
        std::optional<double> from;  // step classes: the class holds from <= value < to
        std::optional<double> to;
    };
    std::vector<LegendEntry> legend_entries() const;

private:
    std::shared_ptr<const Expression> expression_;
};

enum class StyleLayerType { background, fill, line, symbol, circle };

struct StyleLayer {
    std::string id;
    StyleLayerType type = StyleLayerType::fill;
    std::string source;  // which of the map's sources it draws; empty for background
    std::map<std::string, StyleValue> properties;  // "fill-color" -> value, paint and layout together

    const StyleValue* property(const std::string& name) const;
};

struct MapStyle {
    std::string file;
    std::string name;
    std::vector<StyleLayer> layers;
};

// Throws DataError naming the file and the path of what is wrong ("layers[1].paint.fill-color").
MapStyle read_style(const std::filesystem::path& file);
MapStyle parse_style(const nlohmann::json& style, const std::string& file_name);

}  // namespace regiomap::render
