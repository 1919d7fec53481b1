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

// The pixel at (x, y) of a PNG as 0..255 red, green, blue.
std::array<int, 3> pixel(const std::string& png, int x, int y) {
    PngReader reader{&png};
    cairo_surface_t* image = cairo_image_surface_create_from_png_stream(read_png_bytes, &reader);
    REQUIRE(cairo_surface_status(image) == CAIRO_STATUS_SUCCESS);
    const unsigned char* data = cairo_image_surface_get_data(image);
    const int stride = cairo_image_surface_get_stride(image);
    std::uint32_t argb;
    std::memcpy(&argb, data + y * stride + x * 4, 4);
    cairo_surface_destroy(image);
    return {static_cast<int>((argb >> 16) & 0xFF), static_cast<int>((argb >> 8) & 0xFF), static_cast<int>(argb & 0xFF)};
}

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
