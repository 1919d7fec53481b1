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
