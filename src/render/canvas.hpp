// One drawing surface for every output regiomap renders: PNG, SVG and PDF
// come from the same drawing calls (cairo), text is laid out by pango with a
// private font setup (Noto Sans from Debian's fonts-noto-core), so the same
// input gives the same bytes on every machine:
//   - PDF: cairo 1.16 writes the current time as creation date unless told,
//     so the date is set from DocumentInfo;
//   - SVG: cairo numbers glyph, clip and surface ids from a process-wide
//     counter, so ids are renumbered per file;
//   - fonts: hinting off and metrics unhinted, so glyph positions do not
//     depend on a machine's fontconfig settings.
// Coordinates are page points (1/72 inch) with the origin top left.
#pragma once

#include "geometry/planar.hpp"
#include "render/colour.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace regiomap::render {

enum class OutputKind { png, svg, pdf };

// By the file's extension (.png, .svg, .pdf); throws UsageError for any other.
OutputKind output_kind_for(const std::filesystem::path& file);

struct PageSize {
    double width_pt = 0;
    double height_pt = 0;
};
constexpr PageSize kA4Portrait{595.276, 841.89};
constexpr PageSize kA4Landscape{841.89, 595.276};
constexpr PageSize kA3Landscape{1190.55, 841.89};

// The plain polygon types of src/geometry: map coordinates and page points alike.
using Point = PlanarPoint;
using Ring = PlanarRing;
// A polygon as rings: the first is the outline, the others are holes (filled even-odd).
using PolygonRings = PlanarPolygon;

// A line through its points; a closed one returns to its first point.
struct Polyline {
    std::vector<Point> points;
    bool closed = false;
};

struct DocumentInfo {
    std::string title;
    std::string creation_date;  // ISO 8601, e.g. "2020-01-01T00:00:00Z"; written into PDFs instead of the clock
};

enum class Weight { regular, bold };
enum class Align { left, centre, right };

struct TextStyle {
    double size_pt = 8;
    Weight weight = Weight::regular;
    Colour colour{0.1, 0.1, 0.1, 1};
    Colour halo{1, 1, 1, 1};
    double halo_width_pt = 0;  // 0: no halo
    double max_width_pt = 0;   // > 0: wrap at this width
};

// The ink of map and report text: near-black, softer than pure black on white.
inline constexpr Colour kTextInk{0.13, 0.13, 0.13, 1};

// A text style from its size, weight, colour and wrapping width (no halo).
inline TextStyle text_style(double size_pt, Weight weight = Weight::regular, const Colour& colour = kTextInk,
                            double max_width_pt = 0) {
    TextStyle style;
    style.size_pt = size_pt;
    style.weight = weight;
    style.colour = colour;
    style.max_width_pt = max_width_pt;
    return style;
}

struct TextExtent {
    double width_pt = 0, height_pt = 0;
};

class Canvas {
public:
    // dpi counts for PNG only (SVG and PDF are vector outputs in points).
    Canvas(OutputKind kind, PageSize page, double dpi, DocumentInfo info);
    ~Canvas();
    Canvas(const Canvas&) = delete;
    Canvas& operator=(const Canvas&) = delete;

    OutputKind kind() const;
    PageSize page() const;

    void fill_rectangle(Point top_left, double width, double height, const Colour& fill);
    void stroke_rectangle(Point top_left, double width, double height, const Colour& line, double width_pt);
    void fill_polygons(const std::vector<PolygonRings>& polygons, const Colour& fill);
    void stroke_polygons(const std::vector<PolygonRings>& polygons, const Colour& line, double width_pt);
    void polyline(const std::vector<Point>& points, const Colour& line, double width_pt);  // one open line
    // All lines as one stroke; open ends are rounded, so lines meeting end to end join without a notch.
    void stroke_lines(const std::vector<Polyline>& lines, const Colour& line, double width_pt);
    void fill_circle(Point centre, double radius_pt, const Colour& fill, const Colour& outline, double outline_pt);

    // Const for its callers, but it fills the canvas's layout cache: like every drawing call,
    // one thread at a time.
    TextExtent measure_text(const std::string& text, const TextStyle& style) const;
    // `anchor` is the top of the text box, at its left, centre or right edge by `align`.
    void draw_text(const std::string& text, Point anchor, const TextStyle& style, Align align = Align::left);

    // Later drawing clips to this rectangle until reset_clip().
    void clip_rectangle(Point top_left, double width, double height);
    void reset_clip();

    // PDF only: ends the page and starts the next. Throws Error for PNG and SVG.
    void next_page();
    // PDF only: the next page in another size (a landscape map between portrait pages).
    void next_page(PageSize page);

    // Ends drawing and returns the file's bytes. The canvas cannot be drawn on afterwards.
    std::string finish();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// cairo's SVG ids (glyph0-1, clip3, surface12, ...) renumbered in order of first
// appearance, so two renders of the same map in one process give the same bytes.
std::string renumber_svg_ids(const std::string& svg);

// The halos of an SVG's labels. A halo style is the colour and width of a halo.
struct SvgHaloStyle {
    Colour colour;
    double width_pt = 0;
};
// A label's halo is drawn into the SVG as its glyphs (a group of <use> of the glyph
// symbols), filled with the marker colour of its style: black at the opacity
// svg_halo_marker(index). mark_svg_halos turns each such group into glyphs stroked in
// the style's colour and width, and lets the glyph symbols take a stroke: an SVG then
// holds each glyph outline once, not a stroked outline path per label (which was over
// half of a map's SVG). A marker is one of a hundred exact opacities from 0.01 to 0.01099;
// any other group is left as it is. Throws when halo styles are given and neither a marker nor
// a glyph symbol is in cairo 1.16's form (a cairo that writes SVG otherwise).
double svg_halo_marker(std::size_t index);
std::string mark_svg_halos(const std::string& svg, const std::vector<SvgHaloStyle>& styles);

// Every decimal number in an SVG rounded to two decimals (cairo writes six): a
// hundredth of a point is finer than any screen or printer shows, and the file
// shrinks by about half. Names with digits ("glyph0-1") are left alone.
std::string round_svg_numbers(const std::string& svg);

}  // namespace regiomap::render
