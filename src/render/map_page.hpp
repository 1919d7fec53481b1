// What a map shows, as data: the renderer's whole input. A map page has a
// title, a subtitle (what is shown, the data year), one or more panels of
// features grouped in named sources, a legend, notes and the attribution line.
// The style (styles/*.json) says how each source is drawn; the renderer knows
// nothing of municipalities, regions or scores: builders in src/maps turn
// analysis results into this thematic table.
#pragma once

#include "render/canvas.hpp"
#include "render/map_frame.hpp"
#include "render/style.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace regiomap::render {

// A feature a fill layer has no colour for (a missing value): light grey, in legends too.
inline constexpr Colour kNoDataColour{0.8, 0.8, 0.8, 1};

// One thing on the map: a shape (fill and line layers draw it) and an anchor
// point (symbol and circle layers draw there), in map coordinates, with the
// properties the style's expressions read.
struct MapFeature {
    std::string id;
    std::vector<PolygonRings> shape;
    Point anchor;
    FeatureProperties properties;
    // Outside the focus of a focused map: drawn grey, without label.
    bool in_focus = true;
};

// Sources by name ("municipalities", "regions", "outlines", "labels", "symbols", ...);
// the features of a label source are placed most important first.
using MapSources = std::map<std::string, std::vector<MapFeature>>;

struct MapPanel {
    std::string title;  // above the panel when the page has several
    MapSources sources;
    Extent extent;      // what the panel frames (map coordinates); the whole of every source when empty
};

enum class LegendMark { box, line, circle };

struct LegendItem {
    std::string label;
    Colour colour;
    LegendMark mark = LegendMark::box;
    double size_pt = 0;  // circle radius or line width; 0: the default
};

struct LegendBlock {
    std::string title;
    std::vector<LegendItem> items;
};

struct MapPage {
    std::string title;
    std::string subtitle;  // what is shown and the data year
    std::vector<MapPanel> panels;
    std::vector<LegendBlock> legend;
    std::vector<std::string> notes;  // under the map, one line each
    std::string attribution;          // "Bron: CBS, Kadaster ..."
    PageSize page = kA4Portrait;
};

// Where each panel lands on the page, and its scale.
struct PanelPlacement {
    Frame frame;
    MapTransform transform;
};

// The placement the renderer uses, so callers can put interactive shapes
// (HTML tooltips) exactly over the drawn ones.
std::vector<PanelPlacement> place_panels(const MapPage& page, const Canvas& measuring);

// Draws the page onto the canvas's current page (a PDF caller may call
// next_page() and draw another). Throws Error when a panel has nothing to frame.
void draw_map_page(Canvas& canvas, const MapPage& page, const MapStyle& style);

// One map as a whole file (PNG, SVG or PDF bytes).
std::string render_map(const MapPage& page, const MapStyle& style, OutputKind kind, double dpi,
                       const DocumentInfo& info);

}  // namespace regiomap::render
