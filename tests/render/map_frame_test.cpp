// Placing a map on the page, worked out by hand.
#include "render/map_frame.hpp"

#include <catch2/catch.hpp>

using namespace regiomap;
using namespace regiomap::render;

TEST_CASE("a map extent fits its frame at one scale, centred, north up") {
    // 100 m wide, 50 m high into a 200 x 200 pt frame at (10, 10): 0.5 m per point, the map
    // is 200 x 100 pt, centred vertically so it starts 50 pt down.
    MapTransform transform({0, 0, 100, 50}, {{10, 10}, 200, 200});
    CHECK(transform.map_units_per_point() == Approx(0.5));
    auto north_west = transform.to_page({0, 50});
    CHECK(north_west.x == Approx(10));
    CHECK(north_west.y == Approx(60));
    auto south_east = transform.to_page({100, 0});
    CHECK(south_east.x == Approx(210));
    CHECK(south_east.y == Approx(160));
    CHECK_THROWS_WITH(MapTransform({0, 0, 0, 0}, {{0, 0}, 10, 10}), Catch::Contains("extent is empty"));
}

TEST_CASE("the extent of shapes covers every ring point") {
    std::vector<PolygonRings> shapes{{{{{1, 2}, {5, 2}, {5, 9}}}}, {{{{-3, 4}, {0, 0}, {2, 12}}}}};
    Extent extent = extent_of(shapes);
    CHECK(extent.min_x == -3);
    CHECK(extent.min_y == 0);
    CHECK(extent.max_x == 5);
    CHECK(extent.max_y == 12);
    CHECK(extent_of({}).empty());
}

TEST_CASE("the scale bar takes the longest 1, 2 or 5 times ten to a power that fits") {
    // 500 m per point and at most 100 pt: 50 km fits exactly.
    auto exact = choose_scale_bar(500, 100);
    CHECK(exact.metres == 50000);
    CHECK(exact.length_pt == Approx(100));
    CHECK(exact.label == "50 km");
    // 700 m per point: 70 km would fit, the nice length below it is 50 km, 71.4 pt.
    auto nice = choose_scale_bar(700, 100);
    CHECK(nice.metres == 50000);
    CHECK(nice.length_pt == Approx(50000.0 / 700));
    // 3 m per point and 100 pt: 300 m fits, 200 m is the nice length.
    auto short_bar = choose_scale_bar(3, 100);
    CHECK(short_bar.metres == 200);
    CHECK(short_bar.label == "200 m");
}

TEST_CASE("labels are placed in the order given and never overlap or leave the frame") {
    Frame frame{{0, 0}, 100, 100};
    std::vector<LabelRequest> requests{
        {"Amsterdam", {50, 50}, 40, 10},  // placed first
        {"Amstelveen", {60, 52}, 40, 10},  // overlaps Amsterdam: dropped
        {"Diemen", {50, 70}, 20, 10},      // clear of it: placed
        {"Zandvoort", {2, 90}, 20, 10},    // would stick out of the frame: dropped
        {"Ouder-Amstel", {50, 61}, 20, 10},  // 1 pt below Amsterdam: inside the 2 pt margin, dropped
    };
    auto placed = place_labels(requests, frame, 2);
    REQUIRE(placed.size() == 2);
    CHECK(placed[0].request == 0);
    CHECK(placed[0].top_left.x == Approx(30));
    CHECK(placed[0].top_left.y == Approx(45));
    CHECK(placed[1].request == 2);
}

TEST_CASE("a label that may shift finds room above or below its point, in that order") {
    Frame frame{{0, 0}, 100, 100};
    std::vector<LabelRequest> requests{
        {"Breda", {50, 50}, 40, 10, 0},
        {"Etten-Leur", {50, 52}, 30, 10, 13},  // its point is taken; 13 pt up is free (1 pt margin)
        {"Oosterhout", {50, 52}, 30, 10, 13},  // centre and up taken; 13 pt down is free
        {"Rijen", {50, 52}, 30, 10, 0},         // may not move: dropped
    };
    auto placed = place_labels(requests, frame, 1);
    REQUIRE(placed.size() == 3);
    CHECK(placed[1].request == 1);
    CHECK(placed[1].top_left.y == Approx(52 - 13 - 5));
    CHECK(placed[2].request == 2);
    CHECK(placed[2].top_left.y == Approx(52 + 13 - 5));
}

TEST_CASE("united: the smallest extent holding both, an empty one adding nothing") {
    const Extent a{0, 0, 10, 5}, b{-2, 3, 4, 8}, none{};
    const Extent both = united(a, b);
    CHECK(both.min_x == -2);
    CHECK(both.min_y == 0);
    CHECK(both.max_x == 10);
    CHECK(both.max_y == 8);
    CHECK(united(none, a).max_x == 10);
    CHECK(united(b, none).min_x == -2);
    CHECK(united(none, none).empty());
}

TEST_CASE("snapping to the page grid keeps a border two neighbours share identical from both sides") {
    // 1 map unit per point, y flipped: page (x, 100 - y). Left and right share the border x = 10,
    // each with two vertices close together that the other walks in the opposite direction.
    const Frame frame{{0, 0}, 100, 100};
    const MapTransform transform({0, 0, 100, 100}, frame);
    const std::vector<PolygonRings> left{{{{{0, 0}, {10, 0}, {10, 4.9}, {10.1, 5.05}, {10, 10}, {0, 10}}}}};
    const std::vector<PolygonRings> right{{{{{10, 0}, {20, 0}, {20, 10}, {10, 10}, {10.1, 5.05}, {10, 4.9}}}}};
    const auto left_page = visible_polygons(transform, left, 1, frame);
    const auto right_page = visible_polygons(transform, right, 1, frame);
    REQUIRE(left_page.size() == 1);
    REQUIRE(right_page.size() == 1);
    // (10, 95.1) and (10.1, 94.95) both snap to (10, 95): five points left on each side.
    const Ring& l = left_page[0].rings[0];
    const Ring& r = right_page[0].rings[0];
    REQUIRE(l.size() == 5);
    REQUIRE(r.size() == 5);
    CHECK(l[2].x == 10);
    CHECK(l[2].y == 95);
    CHECK(r[4].x == 10);
    CHECK(r[4].y == 95);
    // So the two outlines share the border's two segments point for point: drawn once, 5 + 5 - 2 = 8 segments.
    std::vector<PolygonRings> both{left_page[0], right_page[0]};
    std::size_t segments = 0;
    for (const auto& line : border_lines(both)) segments += line.points.size() - (line.closed ? 0 : 1);
    CHECK(segments == 5 + 5 - 2);
}

TEST_CASE("visible polygons: a shape outside the frame is left out, a ring snapped to nothing keeps its points") {
    const Frame frame{{0, 0}, 100, 100};
    const MapTransform transform({0, 0, 100, 100}, frame);
    CHECK(visible_polygons(transform, {{{{{200, 200}, {210, 200}, {210, 210}}}}}, 1, frame).empty());
    // A triangle smaller than a grid cell would snap to one point: it keeps its own three.
    const auto tiny = visible_polygons(transform, {{{{{50, 50}, {50.2, 50}, {50.1, 50.2}}}}}, 1, frame);
    REQUIRE(tiny.size() == 1);
    REQUIRE(tiny[0].rings[0].size() == 3);
    CHECK(tiny[0].rings[0][1].x == Approx(50.2));
    CHECK(tiny[0].rings[0][2].y == Approx(49.8));
}

TEST_CASE("border lines draw a border two squares share once") {
    const PolygonRings left{{{{0, 0}, {1, 0}, {1, 1}, {0, 1}}}};
    SECTION("the second square's free sides become one open line") {
        const PolygonRings right{{{{1, 0}, {2, 0}, {2, 1}, {1, 1}}}};
        const auto lines = border_lines({left, right});
        REQUIRE(lines.size() == 2);
        CHECK(lines[0].closed);
        CHECK(lines[0].points.size() == 4);
        CHECK_FALSE(lines[1].closed);
        REQUIRE(lines[1].points.size() == 4);
        CHECK((lines[1].points.front().x == 1 && lines[1].points.front().y == 0));
        CHECK((lines[1].points.back().x == 1 && lines[1].points.back().y == 1));
    }
    SECTION("a ring whose shared side is in its middle is not cut where the ring starts") {
        const PolygonRings right{{{{2, 0}, {2, 1}, {1, 1}, {1, 0}}}};
        const auto lines = border_lines({left, right});
        REQUIRE(lines.size() == 2);
        REQUIRE(lines[1].points.size() == 4);
        CHECK((lines[1].points[0].x == 1 && lines[1].points[0].y == 0));
        CHECK((lines[1].points[1].x == 2 && lines[1].points[1].y == 0));
        CHECK((lines[1].points[3].x == 1 && lines[1].points[3].y == 1));
    }
    SECTION("an island filling a hole adds no line: the hole drew its coast") {
        const PolygonRings frame_with_hole{{{{-1, -1}, {3, -1}, {3, 3}, {-1, 3}}, {{0, 0}, {0, 1}, {1, 1}, {1, 0}}}};
        const auto lines = border_lines({frame_with_hole, left});
        REQUIRE(lines.size() == 2);
        CHECK(lines[0].closed);
        CHECK(lines[1].closed);
    }
}

TEST_CASE("border lines: a ring between two drawn neighbours leaves two open lines, a repeated point none") {
    const PolygonRings left{{{{0, 0}, {1, 0}, {1, 1}, {0, 1}}}};
    const PolygonRings right{{{{2, 0}, {3, 0}, {3, 1}, {2, 1}}}};
    const PolygonRings middle{{{{1, 0}, {2, 0}, {2, 1}, {1, 1}}}};
    const auto lines = border_lines({left, right, middle});
    REQUIRE(lines.size() == 4);
    // The middle square's bottom and top: its sides went with its neighbours.
    CHECK_FALSE(lines[2].closed);
    REQUIRE(lines[2].points.size() == 2);
    CHECK((lines[2].points[0].x == 1 && lines[2].points[1].x == 2 && lines[2].points[1].y == 0));
    CHECK_FALSE(lines[3].closed);
    REQUIRE(lines[3].points.size() == 2);
    CHECK((lines[3].points[0].x == 2 && lines[3].points[1].x == 1 && lines[3].points[1].y == 1));

    // A ring that repeats a point (an unsnapped fallback may) still draws its four sides, nothing more.
    const PolygonRings repeated{{{{0, 0}, {1, 0}, {1, 0}, {1, 1}, {0, 1}}}};
    const auto drawn = border_lines({repeated});
    std::size_t segments = 0;
    for (const auto& line : drawn) segments += line.points.size() - (line.closed ? 0 : 1);
    CHECK(segments == 4);
}
