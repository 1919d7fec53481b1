// Placing a map on a page: a uniform scale from the map's coordinates (metres
// in a projected CRS such as RD New, y pointing north) to page points (y
// pointing down), the scale bar's nice length, and labels placed without
// overlap.
#pragma once

#include "render/canvas.hpp"

#include <string>
#include <vector>

namespace regiomap::render {

struct Extent {
    double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
    double width() const { return max_x - min_x; }
    double height() const { return max_y - min_y; }
    bool empty() const { return !(max_x > min_x && max_y > min_y); }
};

// The smallest extent holding both; an empty one adds nothing.
Extent united(const Extent& a, const Extent& b);

// The extent of every ring point; empty when there are none.
Extent extent_of(const std::vector<PolygonRings>& shapes);

struct Frame {
    Point top_left;
    double width = 0, height = 0;
};

class MapTransform {
public:
    // Fits `extent` into `frame` at one scale for both axes, centred. Throws Error for an empty extent or frame.
    MapTransform(const Extent& extent, const Frame& frame);

    Point to_page(Point map) const;
    PolygonRings to_page(const PolygonRings& map) const;
    std::vector<PolygonRings> to_page(const std::vector<PolygonRings>& map) const;
    // Map units (metres) per page point.
    double map_units_per_point() const { return units_per_point_; }

private:
    Extent extent_;
    Frame frame_;
    double units_per_point_ = 1;
    Point offset_;
};

// A shape on the page without the detail a reader cannot see: every vertex snapped to a grid of
// `cell` points (from the page's corner) and repeated points dropped. Snapping, unlike dropping a
// vertex near the last one kept, treats a border alike from both sides, so neighbours still share it
// point for point: no slivers between their fills, and `border_lines` can draw it once. A ring left
// with fewer than 3 points keeps its unsnapped points; a shape wholly outside `frame` gives nothing.
std::vector<PolygonRings> visible_polygons(const MapTransform& transform, const std::vector<PolygonRings>& shape,
                                           double cell, const Frame& frame);

// The outlines of `polygons` with every segment once: a border two polygons share (the same two
// points, in either direction) goes with the first polygon. A ring none of whose segments was
// taken before stays a closed line; the rest of a ring becomes open lines of its untaken segments.
std::vector<Polyline> border_lines(const std::vector<PolygonRings>& polygons);

// The longest length of 1, 2 or 5 times a power of ten metres whose bar is at most
// `max_points` long; with its label ("20 km", "500 m").
struct ScaleBar {
    double metres = 0;
    double length_pt = 0;
    std::string label;
};
ScaleBar choose_scale_bar(double map_units_per_point, double max_points);

// A label wants its box centred on a point; labels are tried in the order given
// (most important first) and one is placed only where its box (plus a margin)
// overlaps no placed box and stays inside the frame: at its point, else at the
// first shifted position (up, down, left, right, diagonals) within its max_shift_pt.
struct LabelRequest {
    std::string text;
    Point centre;  // page points
    double width_pt = 0, height_pt = 0;
    // Where the centre is taken, the box may move this far up, down, left or right (then
    // diagonally) to find room; 0 keeps it on its point.
    double max_shift_pt = 0;
};
struct PlacedLabel {
    std::size_t request = 0;  // index into the requests
    Point top_left;
};
std::vector<PlacedLabel> place_labels(const std::vector<LabelRequest>& requests, const Frame& frame, double margin_pt);

}  // namespace regiomap::render
