// Styles with MapLibre property names and expressions: evaluated on hand-made
// features, refused with the file and the property's path when wrong.
#include "render/style.hpp"

#include "core/error.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace regiomap;
using namespace regiomap::render;
using nlohmann::json;

namespace {

const std::filesystem::path kStyles = REGIOMAP_SOURCE_STYLES_DIR;

json one_layer(const json& layer) { return {{"version", 8}, {"layers", json::array({layer})}}; }

json fill_layer(const json& paint) { return {{"id", "f"}, {"type", "fill"}, {"source", "municipalities"}, {"paint", paint}}; }

std::string failure_of(const json& style) {
    try {
        parse_style(style, "test.json");
    } catch (const DataError& error) {
        return error.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("a step expression classes a number, and a feature without the number gets the fallback") {
    auto style = parse_style(
        one_layer(fill_layer({{"fill-color", json::array({"step", json::array({"get", "C"}), "#d7191c", 0.2, "#fdae61",
                                                           0.8, "#2c7bb6"})}})),
        "test.json");
    const StyleValue& fill = *style.layers[0].property("fill-color");
    const Colour grey{0.5, 0.5, 0.5, 1};
    CHECK(to_hex(fill.colour({{"C", 0.069}}, grey)) == "#d7191c");  // Veenendaal, fragmented
    CHECK(to_hex(fill.colour({{"C", 0.2}}, grey)) == "#fdae61");    // a stop belongs to the class above it
    CHECK(to_hex(fill.colour({{"C", 1.0}}, grey)) == "#2c7bb6");    // Enschede, congruent
    CHECK(fill.colour({}, grey) == grey);                            // no C: never the lowest class
    auto legend = fill.legend_entries();
    REQUIRE(legend.size() == 3);
    CHECK(legend[0].label == "< 0.2");
    CHECK(legend[1].label == "0.2 - < 0.8");
    CHECK(legend[2].label == ">= 0.8");
    CHECK(to_hex(legend[2].colour) == "#2c7bb6");
}

TEST_CASE("match picks by text or number label, with a fallback") {
    auto style = parse_style(
        one_layer(fill_layer({{"fill-color", json::array({"match", json::array({"get", "region"}), json::array({"ZK22", "ZK23"}),
                                                           "#66c2a5", "ZK31", "#fc8d62", "#b3b3b3"})}})),
        "test.json");
    const StyleValue& fill = *style.layers[0].property("fill-color");
    const Colour black{0, 0, 0, 1};
    CHECK(to_hex(fill.colour({{"region", std::string("ZK23")}}, black)) == "#66c2a5");
    CHECK(to_hex(fill.colour({{"region", std::string("ZK31")}}, black)) == "#fc8d62");
    CHECK(to_hex(fill.colour({{"region", std::string("ZK01")}}, black)) == "#b3b3b3");
    CHECK(to_hex(fill.colour({{"region", 22.0}}, black)) == "#b3b3b3");  // a number is not the text "ZK22"
    auto legend = fill.legend_entries();
    REQUIRE(legend.size() == 3);
    CHECK(legend[0].label == "ZK22, ZK23");
}

TEST_CASE("interpolate blends numbers and colours linearly between stops, and clamps outside them") {
    json layer = {{"id", "l"}, {"type", "line"}, {"source", "outlines"},
                  {"paint",
                   {{"line-width", json::array({"interpolate", json::array({"linear"}), json::array({"get", "T"}), 1, 0.5, 3, 2.5})},
                    {"line-color", json::array({"interpolate", json::array({"linear"}), json::array({"get", "T"}), 0, "#000000",
                                                10, "#ffffff"})}}}};
    auto style = parse_style(one_layer(layer), "test.json");
    const StyleValue& width = *style.layers[0].property("line-width");
    CHECK(width.number({{"T", 2.0}}, 0) == Approx(1.5));
    CHECK(width.number({{"T", 0.0}}, 0) == Approx(0.5));
    CHECK(width.number({{"T", 9.0}}, 0) == Approx(2.5));
    const StyleValue& colour = *style.layers[0].property("line-color");
    CHECK(colour.colour({{"T", 5.0}}, {}).red == Approx(0.5));
}

TEST_CASE("a bad style is refused with the file and the path of the property") {
    CHECK_THAT(failure_of(one_layer(fill_layer({{"fill-colour", "#ffffff"}}))),
               Catch::Contains("test.json: layers[0].paint.fill-colour: unknown paint property for a fill layer") &&
                   Catch::Contains("fill-color"));
    CHECK_THAT(failure_of(one_layer(fill_layer({{"fill-color", "#12"}}))),
               Catch::Contains("layers[0].paint.fill-color: '#12' is not a colour"));
    CHECK_THAT(failure_of(one_layer(fill_layer({{"fill-color", json::array({"case", true, "#fff", "#000"})}}))),
               Catch::Contains("layers[0].paint.fill-color[0]: unknown operator 'case'"));
    CHECK_THAT(failure_of(one_layer(fill_layer(
                   {{"fill-color", json::array({"step", json::array({"get", "C"}), "#fff", 0.5, "#aaa", 0.4, "#000"})}}))),
               Catch::Contains("layers[0].paint.fill-color[5]: stops must rise: 0.4 follows 0.5"));
    CHECK_THAT(failure_of(one_layer(fill_layer({{"fill-opacity", "high"}}))),
               Catch::Contains("layers[0].paint.fill-opacity: expected a number"));
    CHECK_THAT(failure_of(one_layer({{"id", "x"}, {"type", "fill"}, {"source", "m"}, {"paints", json::object()}})),
               Catch::Contains("layers[0].paints: unknown key"));
    CHECK_THAT(failure_of(one_layer({{"id", "x"}, {"type", "heatmap"}, {"source", "m"}})),
               Catch::Contains("layers[0].type: type must be background, fill, line, symbol or circle, not 'heatmap'"));
    CHECK_THAT(failure_of(one_layer({{"id", "x"}, {"type", "line"}, {"source", "m"}, {"layout", {{"text-size", 8}}}})),
               Catch::Contains("layers[0].layout.text-size: unknown layout property for a line layer"));
    CHECK_THAT(failure_of(json{{"layers", json::array()}}), Catch::Contains("test.json: layers: a style needs"));
}

TEST_CASE("a style file that is not JSON names the file") {
    CHECK_THROWS_WITH(read_style(std::filesystem::path(REGIOMAP_TEST_DATA_DIR) / "bad" / "no_such_style.json"),
                      Catch::Contains("no_such_style.json") && Catch::Contains("cannot open"));
}

TEST_CASE("every bundled style reads") {
    std::size_t read = 0;
    for (const auto& entry : std::filesystem::directory_iterator(kStyles)) {
        if (entry.path().extension() != ".json") continue;
        INFO(entry.path().string());
        auto style = read_style(entry.path());
        CHECK_FALSE(style.layers.empty());
        ++read;
    }
    CHECK(read >= 2);
}

TEST_CASE("circle layers: radius and colours as expressions, unknown circle properties refused") {
    const auto style = parse_style(one_layer({{"id", "c"}, {"type", "circle"}, {"source", "symbols"},
                                              {"paint", {{"circle-radius", json::array({"get", "radius"})}, {"circle-color", "#d55e00"}}}}),
                                   "circles.json");
    const auto* radius = style.layers.at(0).property("circle-radius");
    REQUIRE(radius != nullptr);
    CHECK(radius->number({{"radius", 4.5}}, 1) == 4.5);
    CHECK_THAT(failure_of(one_layer({{"id", "c"}, {"type", "circle"}, {"source", "m"}, {"paint", {{"circle-blur", 1}}}})),
               Catch::Contains("layers[0].paint.circle-blur: unknown paint property for a circle layer"));
}
