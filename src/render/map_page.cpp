#include "render/map_page.hpp"

#include "core/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace regiomap::render {

namespace {

const Colour kInk = kTextInk;
const Colour kMutedInk{0.36, 0.36, 0.36, 1};
const Colour kFrameLine{0.72, 0.72, 0.72, 1};
const Colour kWhite{1, 1, 1, 1};
// Surroundings of a focused map: present, but quiet.
const Colour kOutOfFocus{0.9, 0.9, 0.9, 1};
const Colour kLegendBox{1, 1, 1, 0.88};

// Sizes grow with the page, so an A3 map reads like an enlarged A4 one.
struct PageMetrics {
    double unit = 1;  // 1 on A4 portrait width
    double margin = 34;
    double title_pt = 15;
    double subtitle_pt = 9;
    double panel_title_pt = 10;
    double body_pt = 7;
    double small_pt = 6.2;
};

PageMetrics metrics_for(const PageSize& page) {
    PageMetrics m;
    m.unit = std::min(page.width_pt, page.height_pt) / kA4Portrait.width_pt;
    m.margin *= m.unit;
    m.title_pt *= m.unit;
    m.subtitle_pt *= m.unit;
    m.panel_title_pt *= m.unit;
    m.body_pt *= m.unit;
    m.small_pt *= m.unit;
    return m;
}

Extent extent_of_sources(const MapSources& sources) {
    Extent all;
    for (const auto& [name, features] : sources) {
        for (const auto& feature : features) all = united(all, extent_of(feature.shape));
    }
    return all;
}

struct Box {
    double left = 0, top = 0, width = 0, height = 0;
};

struct HeaderLayout {
    double map_top = 0;
    double map_bottom = 0;
};

double footer_height(const MapPage& page, const PageMetrics& m) {
    const double lines = static_cast<double>(page.notes.size()) + (page.attribution.empty() ? 0 : 1);
    return lines * m.small_pt * 1.45 + (lines > 0 ? 6 * m.unit : 0);
}

double header_height(const MapPage& page, const PageMetrics& m, const Canvas& canvas) {
    const double text_width = page.page.width_pt - 2 * m.margin;
    double height = canvas.measure_text(page.title, text_style(m.title_pt, Weight::bold, kInk, text_width)).height_pt;
    if (!page.subtitle.empty()) {
        height += 3 * m.unit +
                  canvas.measure_text(page.subtitle, text_style(m.subtitle_pt, Weight::regular, kMutedInk, text_width))
                      .height_pt;
    }
    return height + 10 * m.unit;
}

double panel_title_height(const MapPage& page, const PageMetrics& m) {
    const bool any = std::any_of(page.panels.begin(), page.panels.end(), [](const MapPanel& p) { return !p.title.empty(); });
    return any ? m.panel_title_pt * 1.6 : 0;
}

// The legend's box in the top left of the first panel, where the North Sea
// leaves room on a map of the Netherlands; on any map it sits on a white box.
struct LegendLayout {
    Box box;
    double line_height = 0;
    double mark_width = 0;
};

LegendLayout measure_legend(const MapPage& page, const PageMetrics& m, const Canvas& canvas, const Frame& frame) {
    LegendLayout layout;
    layout.line_height = m.body_pt * 1.55;
    layout.mark_width = 14 * m.unit;
    if (page.legend.empty()) return layout;
    const double max_text = std::min(frame.width * 0.42, 190 * m.unit);
    double width = 0, height = 0;
    for (const auto& block : page.legend) {
        if (!block.title.empty()) {
            auto e = canvas.measure_text(block.title, text_style(m.body_pt, Weight::bold, kInk, max_text + layout.mark_width));
            width = std::max(width, e.width_pt);
            height += e.height_pt + 2 * m.unit;
        }
        for (const auto& item : block.items) {
            auto e = canvas.measure_text(item.label, text_style(m.body_pt, Weight::regular, kInk, max_text));
            width = std::max(width, layout.mark_width + 4 * m.unit + e.width_pt);
            height += std::max(layout.line_height, e.height_pt + 2 * m.unit);
        }
        height += 4 * m.unit;
    }
    const double padding = 6 * m.unit;
    layout.box = {frame.top_left.x + 6 * m.unit, frame.top_left.y + 6 * m.unit, width + 2 * padding, height + 2 * padding};
    return layout;
}

void draw_legend(Canvas& canvas, const MapPage& page, const PageMetrics& m, const LegendLayout& layout, const Frame& frame) {
    if (page.legend.empty()) return;
    const double padding = 6 * m.unit;
    canvas.fill_rectangle({layout.box.left, layout.box.top}, layout.box.width, layout.box.height, kLegendBox);
    canvas.stroke_rectangle({layout.box.left, layout.box.top}, layout.box.width, layout.box.height, kFrameLine, 0.4 * m.unit);
    const double max_text = std::min(frame.width * 0.42, 190 * m.unit);
    double y = layout.box.top + padding;
    const double x = layout.box.left + padding;
    for (const auto& block : page.legend) {
        if (!block.title.empty()) {
            auto style = text_style(m.body_pt, Weight::bold, kInk, max_text + layout.mark_width);
            canvas.draw_text(block.title, {x, y}, style);
            y += canvas.measure_text(block.title, style).height_pt + 2 * m.unit;
        }
        for (const auto& item : block.items) {
            auto style = text_style(m.body_pt, Weight::regular, kInk, max_text);
            const double text_height = canvas.measure_text(item.label, style).height_pt;
            const double row = std::max(layout.line_height, text_height + 2 * m.unit);
            const double mid = y + std::min(row, layout.line_height) / 2;
            switch (item.mark) {
                case LegendMark::box:
                    canvas.fill_rectangle({x, mid - 4 * m.unit}, layout.mark_width, 8 * m.unit, item.colour);
                    canvas.stroke_rectangle({x, mid - 4 * m.unit}, layout.mark_width, 8 * m.unit, kFrameLine, 0.3 * m.unit);
                    break;
                case LegendMark::line:
                    canvas.polyline({{x, mid}, {x + layout.mark_width, mid}}, item.colour,
                                    item.size_pt > 0 ? item.size_pt : 1.2 * m.unit);
                    break;
                case LegendMark::circle: {
                    const double radius = item.size_pt > 0 ? item.size_pt : 3 * m.unit;
                    canvas.fill_circle({x + layout.mark_width / 2, mid}, radius, item.colour, kInk, 0.4 * m.unit);
                    break;
                }
            }
            canvas.draw_text(item.label, {x + layout.mark_width + 4 * m.unit, mid - text_height / 2 + (row > layout.line_height ? (row - layout.line_height) / 2 : 0)}, style);
            y += row;
        }
        y += 4 * m.unit;
    }
}

Box draw_scale_bar(Canvas& canvas, const PageMetrics& m, const PanelPlacement& placement, bool draw) {
    const ScaleBar bar = choose_scale_bar(placement.transform.map_units_per_point(), placement.frame.width * 0.22);
    const double height = 3.2 * m.unit;
    const double x = placement.frame.top_left.x + 10 * m.unit;
    const double label_pt = m.small_pt;
    const double y = placement.frame.top_left.y + placement.frame.height - 10 * m.unit - height - label_pt * 1.4;
    Box box{x - 3 * m.unit, y - 3 * m.unit, bar.length_pt + 30 * m.unit, height + label_pt * 1.4 + 6 * m.unit};
    if (!draw) return box;
    const double half = bar.length_pt / 2;
    canvas.fill_rectangle({x, y}, half, height, kInk);
    canvas.fill_rectangle({x + half, y}, half, height, kWhite);
    canvas.stroke_rectangle({x, y}, bar.length_pt, height, kInk, 0.5 * m.unit);
    auto style = text_style(label_pt, Weight::regular, kInk);
    style.halo = kWhite;
    style.halo_width_pt = 1.2 * m.unit;
    canvas.draw_text("0", {x, y + height + 1.5 * m.unit}, style, Align::centre);
    canvas.draw_text(bar.label, {x + bar.length_pt, y + height + 1.5 * m.unit}, style, Align::centre);
    return box;
}

Box draw_north_arrow(Canvas& canvas, const PageMetrics& m, const Frame& frame, bool draw) {
    const double width = 9 * m.unit, height = 16 * m.unit;
    const double label = m.body_pt * 1.3;
    const double cx = frame.top_left.x + frame.width - 14 * m.unit;
    const double top = frame.top_left.y + 8 * m.unit;
    Box box{cx - width, top, 2 * width, label + height + 2 * m.unit};
    if (!draw) return box;
    auto style = text_style(m.body_pt * 1.1, Weight::bold, kInk);
    style.halo = kWhite;
    style.halo_width_pt = 1.2 * m.unit;
    canvas.draw_text("N", {cx, top}, style, Align::centre);
    const double tip = top + label;
    PolygonRings left{{{{cx, tip}, {cx - width / 2, tip + height}, {cx, tip + height * 0.72}}}};
    PolygonRings right{{{{cx, tip}, {cx + width / 2, tip + height}, {cx, tip + height * 0.72}}}};
    canvas.fill_polygons({left}, kInk);
    canvas.fill_polygons({right}, kWhite);
    canvas.stroke_polygons({left, right}, kInk, 0.6 * m.unit);
    return box;
}

// The colour a fill or line layer gives a feature, or grey when it lies outside the focus.
Colour feature_colour(const StyleValue* value, const MapFeature& feature, const Colour& fallback, const Colour& out_of_focus) {
    if (!feature.in_focus) return out_of_focus;
    return value ? value->colour(feature.properties, fallback) : fallback;
}

double number_of(const StyleLayer& layer, const char* name, const FeatureProperties& properties, double fallback) {
    const StyleValue* value = layer.property(name);
    return value ? value->number(properties, fallback) : fallback;
}

Colour with_opacity(Colour colour, double opacity) {
    colour.alpha *= std::clamp(opacity, 0.0, 1.0);
    return colour;
}

// Shapes grouped by how they are painted, in the order each way first appears.
struct StrokeGroups {
    struct Group {
        Colour colour;
        double width = 0;
        std::vector<PolygonRings> polygons;
    };
    std::vector<Group> groups;
    void add(const Colour& colour, double width, const std::vector<PolygonRings>& shape) {
        if (shape.empty()) return;
        auto found = std::find_if(groups.begin(), groups.end(),
                                  [&](const Group& g) { return g.colour == colour && g.width == width; });
        if (found == groups.end()) {
            groups.push_back({colour, width, {}});
            found = groups.end() - 1;
        }
        found->polygons.insert(found->polygons.end(), shape.begin(), shape.end());
    }
};

void draw_panel(Canvas& canvas, const MapPanel& panel, const MapStyle& style, const PanelPlacement& placement,
                const PageMetrics& m, const std::vector<Box>& reserved) {
    const Frame& frame = placement.frame;
    canvas.clip_rectangle(frame.top_left, frame.width, frame.height);
    // Vector files keep fewer points (screens zoom, but the HTML report inlines every map).
    const double cell = canvas.kind() == OutputKind::png ? 0.35 : 0.6;
    std::map<std::string, std::vector<std::vector<PolygonRings>>> page_shapes;
    auto shapes_of = [&](const std::string& source) -> const std::vector<std::vector<PolygonRings>>& {
        auto found = page_shapes.find(source);
        if (found != page_shapes.end()) return found->second;
        std::vector<std::vector<PolygonRings>> shapes;
        auto features = panel.sources.find(source);
        if (features != panel.sources.end()) {
            for (const auto& feature : features->second) {
                shapes.push_back(visible_polygons(placement.transform, feature.shape, cell, frame));
            }
        }
        return page_shapes.emplace(source, std::move(shapes)).first->second;
    };
    static const std::vector<MapFeature> kNone;
    auto features_of = [&](const std::string& source) -> const std::vector<MapFeature>& {
        auto found = panel.sources.find(source);
        return found == panel.sources.end() ? kNone : found->second;
    };

    std::vector<LabelRequest> label_requests;
    struct LabelDraw {
        std::string text;
        TextStyle style;
    };
    std::vector<LabelDraw> label_draws;
    for (const Box& box : reserved) {
        label_requests.push_back({"", {box.left + box.width / 2, box.top + box.height / 2}, box.width, box.height, 0});
        label_draws.push_back({"", {}});
    }

    for (const auto& layer : style.layers) {
        switch (layer.type) {
            case StyleLayerType::background: {
                const StyleValue* colour = layer.property("background-color");
                canvas.fill_rectangle(frame.top_left, frame.width, frame.height,
                                      colour ? colour->colour({}, kWhite) : kWhite);
                break;
            }
            case StyleLayerType::fill: {
                // Features of one colour go into one path: smaller SVG and PDF files, and no
                // anti-aliasing seams between neighbours of the same colour.
                const auto& features = features_of(layer.source);
                const auto& shapes = shapes_of(layer.source);
                StrokeGroups fills, outlines;
                for (std::size_t i = 0; i < features.size(); ++i) {
                    const auto& feature = features[i];
                    Colour fill = feature_colour(layer.property("fill-color"), feature, kNoDataColour, kOutOfFocus);
                    if (feature.in_focus) fill = with_opacity(fill, number_of(layer, "fill-opacity", feature.properties, 1));
                    fills.add(fill, 0, shapes[i]);
                    if (const StyleValue* outline = layer.property("fill-outline-color")) {
                        outlines.add(feature_colour(outline, feature, kWhite, kWhite), 0.3 * m.unit, shapes[i]);
                    }
                }
                for (const auto& group : fills.groups) canvas.fill_polygons(group.polygons, group.colour);
                // A border two features share is stroked once: fewer segments to draw, and to write in SVG and PDF.
                for (const auto& group : outlines.groups) {
                    canvas.stroke_lines(border_lines(group.polygons), group.colour, group.width);
                }
                break;
            }
            case StyleLayerType::line: {
                const auto& features = features_of(layer.source);
                const auto& shapes = shapes_of(layer.source);
                StrokeGroups lines;
                for (std::size_t i = 0; i < features.size(); ++i) {
                    const auto& feature = features[i];
                    Colour line = feature_colour(layer.property("line-color"), feature, kInk, kWhite);
                    if (feature.in_focus) line = with_opacity(line, number_of(layer, "line-opacity", feature.properties, 1));
                    const double width = number_of(layer, "line-width", feature.properties, 0.5) * m.unit;
                    lines.add(line, feature.in_focus ? width : std::min(width, 0.3 * m.unit), shapes[i]);
                }
                for (const auto& group : lines.groups) {
                    canvas.stroke_lines(border_lines(group.polygons), group.colour, group.width);
                }
                break;
            }
            case StyleLayerType::circle: {
                for (const auto& feature : features_of(layer.source)) {
                    if (!feature.in_focus) continue;
                    const double radius = number_of(layer, "circle-radius", feature.properties, 3) * m.unit;
                    Colour fill = feature_colour(layer.property("circle-color"), feature, kInk, kInk);
                    fill = with_opacity(fill, number_of(layer, "circle-opacity", feature.properties, 1));
                    const StyleValue* stroke = layer.property("circle-stroke-color");
                    canvas.fill_circle(placement.transform.to_page(feature.anchor), radius,
                                       fill, stroke ? stroke->colour(feature.properties, kWhite) : kWhite,
                                       number_of(layer, "circle-stroke-width", feature.properties, 0) * m.unit);
                }
                break;
            }
            case StyleLayerType::symbol: {
                for (const auto& feature : features_of(layer.source)) {
                    if (!feature.in_focus) continue;
                    const StyleValue* field = layer.property("text-field");
                    const std::string text = field ? field->text(feature.properties, "") : "";
                    if (text.empty()) continue;
                    TextStyle label;
                    label.size_pt = number_of(layer, "text-size", feature.properties, 7) * m.unit;
                    const StyleValue* colour = layer.property("text-color");
                    label.colour = colour ? colour->colour(feature.properties, kInk) : kInk;
                    const StyleValue* halo = layer.property("text-halo-color");
                    label.halo = halo ? halo->colour(feature.properties, kWhite) : kWhite;
                    label.halo_width_pt = number_of(layer, "text-halo-width", feature.properties, 0) * m.unit;
                    label.max_width_pt = 80 * m.unit;  // long names wrap onto a second line
                    const TextExtent extent = canvas.measure_text(text, label);
                    label_requests.push_back({text, placement.transform.to_page(feature.anchor),
                                              extent.width_pt + 2 * label.halo_width_pt, extent.height_pt,
                                              label.size_pt * 1.2});
                    label_draws.push_back({text, label});
                }
                break;
            }
        }
    }
    for (const auto& placed : place_labels(label_requests, frame, 1.0 * m.unit)) {
        const auto& draw = label_draws[placed.request];
        if (draw.text.empty()) continue;  // a reserved box
        const auto& request = label_requests[placed.request];
        canvas.draw_text(draw.text, {placed.top_left.x + request.width_pt / 2, placed.top_left.y}, draw.style, Align::centre);
    }
    canvas.reset_clip();
}

}  // namespace

std::vector<PanelPlacement> place_panels(const MapPage& page, const Canvas& measuring) {
    if (page.panels.empty()) throw Error("a map page needs at least one panel");
    const PageMetrics m = metrics_for(page.page);
    const double top = m.margin + header_height(page, m, measuring) + panel_title_height(page, m);
    const double bottom = page.page.height_pt - m.margin - footer_height(page, m);
    const double gap = 12 * m.unit;
    const double count = static_cast<double>(page.panels.size());
    const double width = (page.page.width_pt - 2 * m.margin - gap * (count - 1)) / count;
    std::vector<PanelPlacement> placements;
    for (std::size_t i = 0; i < page.panels.size(); ++i) {
        const auto& panel = page.panels[i];
        Frame frame{{m.margin + static_cast<double>(i) * (width + gap), top}, width, bottom - top};
        Extent extent = panel.extent.empty() ? extent_of_sources(panel.sources) : panel.extent;
        if (extent.empty()) throw Error("a map panel has nothing to show");
        // A little air between the land and the frame line.
        const double pad = std::max(extent.width(), extent.height()) * 0.02;
        extent = {extent.min_x - pad, extent.min_y - pad, extent.max_x + pad, extent.max_y + pad};
        placements.push_back({frame, MapTransform(extent, frame)});
    }
    return placements;
}

void draw_map_page(Canvas& canvas, const MapPage& page, const MapStyle& style) {
    const PageMetrics m = metrics_for(page.page);
    const auto placements = place_panels(page, canvas);
    const double text_width = page.page.width_pt - 2 * m.margin;

    double y = m.margin;
    auto title_style = text_style(m.title_pt, Weight::bold, kInk, text_width);
    canvas.draw_text(page.title, {m.margin, y}, title_style);
    y += canvas.measure_text(page.title, title_style).height_pt + 3 * m.unit;
    if (!page.subtitle.empty()) {
        auto subtitle_style = text_style(m.subtitle_pt, Weight::regular, kMutedInk, text_width);
        canvas.draw_text(page.subtitle, {m.margin, y}, subtitle_style);
    }

    for (std::size_t i = 0; i < page.panels.size(); ++i) {
        const auto& placement = placements[i];
        const auto& panel = page.panels[i];
        if (!panel.title.empty()) {
            canvas.draw_text(panel.title, {placement.frame.top_left.x, placement.frame.top_left.y - m.panel_title_pt * 1.5},
                             text_style(m.panel_title_pt, Weight::bold, kInk, placement.frame.width));
        }
        std::vector<Box> reserved;
        LegendLayout legend;
        if (i == 0) {
            legend = measure_legend(page, m, canvas, placement.frame);
            if (!page.legend.empty()) reserved.push_back(legend.box);
        }
        reserved.push_back(draw_scale_bar(canvas, m, placement, false));
        reserved.push_back(draw_north_arrow(canvas, m, placement.frame, false));
        draw_panel(canvas, panel, style, placement, m, reserved);
        canvas.clip_rectangle(placement.frame.top_left, placement.frame.width, placement.frame.height);
        draw_scale_bar(canvas, m, placement, true);
        draw_north_arrow(canvas, m, placement.frame, true);
        if (i == 0) draw_legend(canvas, page, m, legend, placement.frame);
        canvas.reset_clip();
        canvas.stroke_rectangle(placement.frame.top_left, placement.frame.width, placement.frame.height, kFrameLine,
                                0.5 * m.unit);
    }

    double footer_y = page.page.height_pt - m.margin - footer_height(page, m) + 6 * m.unit;
    auto small = text_style(m.small_pt, Weight::regular, kMutedInk, text_width);
    for (const auto& note : page.notes) {
        canvas.draw_text(note, {m.margin, footer_y}, small);
        footer_y += m.small_pt * 1.45;
    }
    if (!page.attribution.empty()) canvas.draw_text(page.attribution, {m.margin, footer_y}, small);
}

std::string render_map(const MapPage& page, const MapStyle& style, OutputKind kind, double dpi, const DocumentInfo& info) {
    Canvas canvas(kind, page.page, dpi, info);
    if (kind == OutputKind::png) canvas.fill_rectangle({0, 0}, page.page.width_pt, page.page.height_pt, kWhite);
    draw_map_page(canvas, page, style);
    return canvas.finish();
}

}  // namespace regiomap::render
