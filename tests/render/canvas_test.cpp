// The one drawing path: PNG pixels where shapes were drawn, SVG and PDF
// byte-identical across renders, fonts from the private setup, colours read
// or refused with the reason.
#include "render/canvas.hpp"

#include "core/error.hpp"

#include <cairo.h>
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>

using namespace regiomap;
using namespace regiomap::render;

namespace {

const Colour kWhite{1, 1, 1, 1};
const Colour kRed{1, 0, 0, 1};
const Colour kBlue{0, 0, 1, 1};

struct PngReader {
    const std::string* bytes;
    std::size_t position = 0;
};

cairo_status_t read_png_bytes(void* closure, unsigned char* data, unsigned int length) {
    auto* reader = static_cast<PngReader*>(closure);
    if (reader->position + length > reader->bytes->size()) return CAIRO_STATUS_READ_ERROR;
    std::memcpy(data, reader->bytes->data() + reader->position, length);
    reader->position += length;
    return CAIRO_STATUS_SUCCESS;
}

// A PNG decoded once, its pixels as 0..255 red, green, blue.
class DecodedPng {
public:
    explicit DecodedPng(const std::string& png) {
        PngReader reader{&png};
        image_ = cairo_image_surface_create_from_png_stream(read_png_bytes, &reader);
        REQUIRE(cairo_surface_status(image_) == CAIRO_STATUS_SUCCESS);
    }
    ~DecodedPng() { cairo_surface_destroy(image_); }
    DecodedPng(const DecodedPng&) = delete;
    DecodedPng& operator=(const DecodedPng&) = delete;

    std::array<int, 3> at(int x, int y) const {
        const unsigned char* data = cairo_image_surface_get_data(image_);
        const int stride = cairo_image_surface_get_stride(image_);
        std::uint32_t argb;
        std::memcpy(&argb, data + y * stride + x * 4, 4);
        return {static_cast<int>((argb >> 16) & 0xFF), static_cast<int>((argb >> 8) & 0xFF), static_cast<int>(argb & 0xFF)};
    }

private:
    cairo_surface_t* image_ = nullptr;
};

// The pixel at (x, y) of a PNG as 0..255 red, green, blue.
std::array<int, 3> pixel(const std::string& png, int x, int y) { return DecodedPng(png).at(x, y); }

// A page with a white background, a red square with a square hole, a blue circle and a haloed label.
std::string draw_sample(OutputKind kind, double dpi = 72) {
    Canvas canvas(kind, {200, 100}, dpi, {"sample", "2020-01-01T00:00:00Z"});
    canvas.fill_rectangle({0, 0}, 200, 100, kWhite);
    PolygonRings square{{{{10, 10}, {60, 10}, {60, 60}, {10, 60}}, {{30, 30}, {40, 30}, {40, 40}, {30, 40}}}};
    canvas.fill_polygons({square}, kRed);
    canvas.stroke_polygons({square}, Colour{0, 0, 0, 1}, 0.5);
    canvas.fill_circle({150, 50}, 20, kBlue, kWhite, 1);
    TextStyle label;
    label.size_pt = 9;
    label.halo_width_pt = 1.5;
    canvas.draw_text("Súdwest-Fryslân", {100, 80}, label, Align::centre);
    return canvas.finish();
}

}  // namespace

TEST_CASE("a PNG has the fill where a polygon was drawn and none in its hole") {
    const std::string png = draw_sample(OutputKind::png, 144);  // 2 pixels per point
    REQUIRE(png.substr(1, 3) == "PNG");
    CHECK(pixel(png, 2 * 20, 2 * 20) == std::array<int, 3>{255, 0, 0});     // inside the square
    CHECK(pixel(png, 2 * 35, 2 * 35) == std::array<int, 3>{255, 255, 255});  // in the hole
    CHECK(pixel(png, 2 * 150, 2 * 50) == std::array<int, 3>{0, 0, 255});    // the circle's centre
    CHECK(pixel(png, 2 * 100, 2 * 20) == std::array<int, 3>{255, 255, 255});  // background
}

TEST_CASE("stroked lines: open ends rounded, a closed line back to its start") {
    Canvas canvas(OutputKind::png, {200, 100}, 144, {"lines", "2020-01-01T00:00:00Z"});  // 2 pixels per point
    canvas.fill_rectangle({0, 0}, 200, 100, kWhite);
    const std::vector<Polyline> lines{{{{10, 50}, {60, 50}}, false}, {{{100, 20}, {140, 20}, {140, 60}}, true}};
    canvas.stroke_lines(lines, Colour{0, 0, 0, 1}, 4);
    const std::string png = canvas.finish();
    CHECK(pixel(png, 2 * 35, 2 * 50) == std::array<int, 3>{0, 0, 0});
    // The round cap reaches 2 pt past the end (a butt cap would stop at 60).
    CHECK(pixel(png, 2 * 61, 2 * 50) == std::array<int, 3>{0, 0, 0});
    CHECK(pixel(png, 2 * 63, 2 * 50) == std::array<int, 3>{255, 255, 255});
    // The closed line's last side, from (140, 60) back to (100, 20), is drawn.
    CHECK(pixel(png, 2 * 120, 2 * 40) == std::array<int, 3>{0, 0, 0});
    CHECK(pixel(png, 2 * 130, 2 * 30) == std::array<int, 3>{255, 255, 255});
}

TEST_CASE("a PNG of pixels that do not compress holds every pixel drawn") {
    // 200 x 100 squares of 1 pixel in colours from a fixed pseudo-random sequence: the compressed
    // pixels outgrow the room the encoder starts with (an eighth of the raw size), several times.
    Canvas canvas(OutputKind::png, {200, 100}, 72, {"noise", "2020-01-01T00:00:00Z"});
    std::uint32_t state = 12345;
    auto next = [&state] {
        state = state * 1664525u + 1013904223u;
        return static_cast<int>(state >> 24);
    };
    std::vector<std::array<int, 3>> drawn;
    for (int y = 0; y < 100; ++y) {
        for (int x = 0; x < 200; ++x) {
            const std::array<int, 3> rgb{next(), next(), next()};
            drawn.push_back(rgb);
            canvas.fill_rectangle({static_cast<double>(x), static_cast<double>(y)}, 1, 1,
                                  Colour{rgb[0] / 255.0, rgb[1] / 255.0, rgb[2] / 255.0, 1});
        }
    }
    const std::string png = canvas.finish();
    CHECK(png.size() > 200 * 100 * 3 / 2);
    const DecodedPng decoded(png);
    std::size_t wrong = 0;
    for (int y = 0; y < 100; ++y) {
        for (int x = 0; x < 200; ++x) wrong += decoded.at(x, y) == drawn[static_cast<std::size_t>(y * 200 + x)] ? 0 : 1;
    }
    CHECK(wrong == 0);
}

TEST_CASE("two renders of the same drawing give the same bytes, in PNG, SVG and PDF") {
    for (auto kind : {OutputKind::png, OutputKind::svg, OutputKind::pdf}) {
        CHECK(draw_sample(kind) == draw_sample(kind));
    }
}

TEST_CASE("a PDF carries the given creation date and embeds Noto Sans, not the clock or a machine font") {
    const std::string pdf = draw_sample(OutputKind::pdf);
    REQUIRE(pdf.substr(0, 5) == "%PDF-");
    // cairo 1.16 writes the date without the "D:" prefix of the PDF date format.
    CHECK(pdf.find("/CreationDate (20200101000000Z)") != std::string::npos);
    CHECK(pdf.find("NotoSans") != std::string::npos);
    CHECK(pdf.find("/Title (sample)") != std::string::npos);
}

TEST_CASE("SVG ids are numbered per file from 0, whatever was drawn before in the process") {
    draw_sample(OutputKind::svg);  // advances cairo's process-wide counters
    const std::string svg = draw_sample(OutputKind::svg);
    CHECK(svg.find("id=\"glyph0-") != std::string::npos);
    const std::string before =
        R"svg(<g id="clip7"/><use xlink:href="#clip7"/><path clip-path="url(#clip9)"/><g id="glyph4-2"/>)svg";
    const std::string after =
        R"svg(<g id="clip0"/><use xlink:href="#clip0"/><path clip-path="url(#clip1)"/><g id="glyph0-2"/>)svg";
    CHECK(renumber_svg_ids(before) == after);
}

// Counts the occurrences of `needle` in `text`.
std::size_t occurrences(const std::string& text, const std::string& needle) {
    std::size_t count = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++count;
    return count;
}

TEST_CASE("a PDF holds each glyph's halo once, however many labels use it, and a PNG still has the halo") {
    TextStyle label;
    label.size_pt = 10;
    label.halo_width_pt = 2;
    label.halo = kRed;
    auto draw = [&](OutputKind kind, double dpi, int labels) {
        Canvas canvas(kind, {200, 100}, dpi, {"halos", "2020-01-01T00:00:00Z"});
        canvas.fill_rectangle({0, 0}, 200, 100, kBlue);
        for (int i = 0; i < labels; ++i) canvas.draw_text(i % 2 ? "aA" : "Aa", {20.0 + 3 * i, 20.0 + i}, label);
        return canvas.finish();
    };
    // Two glyphs, so two recorded halos, each a form of the PDF (dictionaries are not compressed),
    // whether two labels use them or thirty.
    CHECK(occurrences(draw(OutputKind::pdf, 72, 0), "/Subtype /Form") == 0);
    CHECK(occurrences(draw(OutputKind::pdf, 72, 2), "/Subtype /Form") == 2);
    CHECK(occurrences(draw(OutputKind::pdf, 72, 30), "/Subtype /Form") == 2);
    // At 4 pixels per point the halo is 8 pixels wide: a point left of the A near its baseline, red on the blue page.
    const std::string png = draw(OutputKind::png, 288, 1);
    CHECK(pixel(png, 4 * 20 - 4, 4 * 30) == std::array<int, 3>{255, 0, 0});
    CHECK(pixel(png, 4 * 10, 4 * 30) == std::array<int, 3>{0, 0, 255});
}

TEST_CASE("a PNG's halo, stamped glyph by glyph from masks, lies where the stroked outline lies") {
    // An opaque halo is stamped from masks; a translucent one is still the stroked text outline.
    // Both at a fractional position (quarter-pixel phases), at 3 pixels per point.
    auto draw = [&](double halo_alpha) {
        Canvas canvas(OutputKind::png, {200, 60}, 216, {"halo", "2020-01-01T00:00:00Z"});
        canvas.fill_rectangle({0, 0}, 200, 60, kBlue);
        TextStyle label;
        label.size_pt = 11;
        label.halo_width_pt = 1.5;
        label.halo = Colour{1, 0, 0, halo_alpha};
        label.colour = kWhite;
        canvas.draw_text("Súdwest-Fryslân", {20.37, 20.61}, label);
        return canvas.finish();
    };
    const DecodedPng stamped(draw(1));
    const DecodedPng stroked(draw(0.999));
    int red_pixels = 0, differing = 0;
    for (int y = 0; y < 180; ++y) {
        for (int x = 0; x < 600; ++x) {
            const auto a = stamped.at(x, y), b = stroked.at(x, y);
            if (a[0] > 200 && a[1] < 60 && a[2] < 60) ++red_pixels;
            if (std::abs(a[0] - b[0]) + std::abs(a[1] - b[1]) + std::abs(a[2] - b[2]) > 96) ++differing;
        }
    }
    CHECK(red_pixels > 1000);                // the halo is there ...
    CHECK(differing < red_pixels / 50);      // ... and where the outline would be, to within edge pixels
}

TEST_CASE("an SVG's halos are its glyphs stroked: each glyph outline once, however many labels") {
    TextStyle label;
    label.size_pt = 10;
    label.halo_width_pt = 2;
    label.halo = kRed;
    auto draw = [&](int labels) {
        Canvas canvas(OutputKind::svg, {200, 100}, 72, {"halos", "2020-01-01T00:00:00Z"});
        canvas.fill_rectangle({0, 0}, 200, 100, kBlue);
        for (int i = 0; i < labels; ++i) canvas.draw_text(i % 2 ? "aA" : "Aa", {20.0 + 3 * i, 20.0 + i}, label);
        return canvas.finish();
    };
    const std::string two = draw(2), thirty = draw(30);
    const std::string halo_group = R"(<g style="fill:rgb(100%,0%,0%);fill-opacity:1;stroke:rgb(100%,0%,0%);stroke-width:4;)";
    CHECK(occurrences(two, halo_group) == 2);
    CHECK(occurrences(thirty, halo_group) == 30);
    // Glyph symbols are the same two (and cairo's .notdef) whatever the number of labels, and
    // none blocks the halo's stroke; no label's outline is written out as a path of its own.
    CHECK(occurrences(two, "<symbol") == occurrences(thirty, "<symbol"));
    CHECK(occurrences(thirty, "<symbol") <= 3);
    CHECK(occurrences(thirty, R"(<path style="stroke:none;" d=)") == 0);
    CHECK(thirty.find("fill-opacity:0.01") == std::string::npos);
    CHECK(thirty.size() < two.size() + 28 * 600);  // 28 more labels: their <use> lines, no outline paths
}

TEST_CASE("an SVG keeps two halo styles apart, and faint black text is text, not a halo") {
    Canvas canvas(OutputKind::svg, {200, 100}, 72, {"halos", "2020-01-01T00:00:00Z"});
    TextStyle white;
    white.size_pt = 10;
    white.halo_width_pt = 1;
    TextStyle red = white;
    red.halo = kRed;
    red.halo_width_pt = 2;
    canvas.draw_text("Ede", {10, 10}, white);
    canvas.draw_text("Ede", {10, 40}, red);
    canvas.draw_text("Ede", {10, 70}, white);
    TextStyle faint = text_style(10, Weight::regular, Colour{0, 0, 0, 0.015});
    canvas.draw_text("Oss", {100, 10}, faint);
    const std::string svg = canvas.finish();
    CHECK(occurrences(svg, "stroke:rgb(100%,100%,100%);stroke-width:2;") == 2);
    CHECK(occurrences(svg, "stroke:rgb(100%,0%,0%);stroke-width:4;") == 1);
    CHECK(occurrences(svg, "fill:rgb(0%,0%,0%);fill-opacity:0.02;") == 1);  // the faint text (0.015, rounded), untouched
}

TEST_CASE("mark_svg_halos: marked glyph groups become stroked halos, glyph paths take a stroke") {
    const std::vector<SvgHaloStyle> styles{{Colour{1, 1, 1, 1}, 1.2}, {Colour{0.5, 0, 0, 1}, 2}};
    const std::string marked = std::string("<symbol overflow=\"visible\" id=\"glyph0-1\">\n<path style=\"stroke:none;\" d=\"M 0 0\"/>\n</symbol>") +
                               "<g style=\"fill:rgb(0%,0%,0%);fill-opacity:0.01001;\">\n  <use xlink:href=\"#glyph0-1\"/>\n</g>" +
                               "<g style=\"fill:rgb(0%,0%,0%);fill-opacity:0.01;\"><use/></g>" +
                               "<path style=\" stroke:none;fill-rule:evenodd;\" d=\"M 1 1\"/>";
    CHECK(svg_halo_marker(0) == 0.01);
    CHECK(svg_halo_marker(1) == Approx(0.01001));
    CHECK(mark_svg_halos(marked, styles) ==
          std::string("<symbol overflow=\"visible\" id=\"glyph0-1\">\n<path d=\"M 0 0\"/>\n</symbol>") +
              "<g style=\"fill:rgb(50%,0%,0%);fill-opacity:1;stroke:rgb(50%,0%,0%);stroke-width:4;stroke-linecap:round;"
              "stroke-linejoin:round;\">\n  <use xlink:href=\"#glyph0-1\"/>\n</g>" +
              "<g style=\"fill:rgb(100%,100%,100%);fill-opacity:1;stroke:rgb(100%,100%,100%);stroke-width:2.4;"
              "stroke-linecap:round;stroke-linejoin:round;\"><use/></g>" +
              "<path style=\" stroke:none;fill-rule:evenodd;\" d=\"M 1 1\"/>");
    // Without halo styles the SVG is left as it is; an opacity that is no drawn style's marker is text.
    CHECK(mark_svg_halos(marked, {}) == marked);
    const std::string one_style = mark_svg_halos(marked, {styles[0]});
    CHECK(one_style.find("fill-opacity:0.01001;") != std::string::npos);
    CHECK(one_style.find("stroke-width:2.4;") != std::string::npos);
    // An SVG with halos drawn but nothing in cairo 1.16's form is refused, not left with faint black text.
    CHECK_THROWS_WITH(mark_svg_halos("<svg><text>Ede</text></svg>", styles), Catch::Contains("cairo 1.16"));
}

TEST_CASE("text is measured in points with the bundled font, and a wider text measures wider") {
    Canvas canvas(OutputKind::svg, kA4Portrait, 72, {"measure", "2020-01-01T00:00:00Z"});
    TextStyle style;
    style.size_pt = 10;
    auto short_text = canvas.measure_text("Ede", style);
    auto long_text = canvas.measure_text("Ede en Veenendaal", style);
    CHECK(short_text.width_pt > 10);
    CHECK(long_text.width_pt > 2 * short_text.width_pt);
    CHECK(short_text.height_pt == Approx(long_text.height_pt));
    CHECK(short_text.height_pt > 10);  // a line is taller than the em size
    CHECK(short_text.height_pt < 16);
}

TEST_CASE("the output kind comes from the file name, anything else is a usage error") {
    CHECK(output_kind_for("map.PNG") == OutputKind::png);
    CHECK(output_kind_for("out/map.svg") == OutputKind::svg);
    CHECK(output_kind_for("report.pdf") == OutputKind::pdf);
    CHECK_THROWS_AS(output_kind_for("map.jpg"), UsageError);
    CHECK_THROWS_WITH(output_kind_for("map"), Catch::Contains(".png, .svg or .pdf"));
}

TEST_CASE("only a PDF takes a second page") {
    Canvas svg(OutputKind::svg, kA4Portrait, 72, {});
    CHECK_THROWS_WITH(svg.next_page(), Catch::Contains("only a PDF"));
    Canvas pdf(OutputKind::pdf, kA4Portrait, 72, {"two pages", "2020-01-01T00:00:00Z"});
    pdf.fill_rectangle({10, 10}, 10, 10, kRed);
    pdf.next_page();
    pdf.fill_rectangle({10, 10}, 10, 10, kBlue);
    const std::string bytes = pdf.finish();
    CHECK(bytes.find("/Count 2") != std::string::npos);
}

TEST_CASE("colours as styles write them, and refusals that say why") {
    auto teal = parse_colour("#1b9e77");
    REQUIRE(teal.colour);
    CHECK(teal.colour->red == Approx(27 / 255.0));
    CHECK(teal.colour->green == Approx(158 / 255.0));
    CHECK(teal.colour->blue == Approx(119 / 255.0));
    CHECK(to_hex(*teal.colour) == "#1b9e77");
    CHECK(to_hex(*parse_colour("#FFF").colour) == "#ffffff");
    auto half = parse_colour("rgba(0, 0, 255, 0.5)");
    REQUIRE(half.colour);
    CHECK(half.colour->alpha == Approx(0.5));
    CHECK(to_hex(*half.colour) == "#0000ff80");
    CHECK(parse_colour(" White ").colour == Colour{1, 1, 1, 1});
    CHECK(parse_colour("#12345").problem.find("3, 4, 6 or 8 digits") != std::string::npos);
    CHECK(parse_colour("#12345g").problem.find("'g' is not a hexadecimal digit") != std::string::npos);
    CHECK(parse_colour("rgb(300, 0, 0)").problem.find("0 to 255") != std::string::npos);
    CHECK(parse_colour("rgb(1, 2)").problem.find("takes 3 numbers") != std::string::npos);
    CHECK(parse_colour("rgba(1, 2, 3, nan)").problem.find("not a number") != std::string::npos);
    CHECK(parse_colour("bleu").problem.find("'bleu' is not a colour") != std::string::npos);
    CHECK_FALSE(parse_colour("").colour);
}

TEST_CASE("round_svg_numbers: decimals to two places, names with digits and short numbers untouched") {
    CHECK(round_svg_numbers(R"(<path d="M 12.345678 -0.004999 L 3.5 7"/>)") == R"(<path d="M 12.35 -0 L 3.5 7"/>)");
    CHECK(round_svg_numbers(R"(<use xlink:href="#glyph0-1" x="10.125001"/>)") == R"(<use xlink:href="#glyph0-1" x="10.13"/>)");
    CHECK(round_svg_numbers(R"x(fill="rgb(84.313725%,10%,0%)")x") == R"x(fill="rgb(84.31%,10%,0%)")x");
    CHECK(round_svg_numbers("version=\"1.1\" id=\"surface12\"") == "version=\"1.1\" id=\"surface12\"");
}
