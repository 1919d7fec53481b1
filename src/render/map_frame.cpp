#include "render/map_frame.hpp"

#include "core/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_set>

namespace regiomap::render {

Extent united(const Extent& a, const Extent& b) {
    if (a.empty()) return b;
    if (b.empty()) return a;
    return {std::min(a.min_x, b.min_x), std::min(a.min_y, b.min_y), std::max(a.max_x, b.max_x),
            std::max(a.max_y, b.max_y)};
}

Extent extent_of(const std::vector<PolygonRings>& shapes) {
    Extent extent{std::numeric_limits<double>::max(), std::numeric_limits<double>::max(),
                  std::numeric_limits<double>::lowest(), std::numeric_limits<double>::lowest()};
    bool any = false;
    for (const auto& shape : shapes) {
        for (const auto& ring : shape.rings) {
            for (const auto& point : ring) {
                extent.min_x = std::min(extent.min_x, point.x);
                extent.min_y = std::min(extent.min_y, point.y);
                extent.max_x = std::max(extent.max_x, point.x);
                extent.max_y = std::max(extent.max_y, point.y);
                any = true;
            }
        }
    }
    return any ? extent : Extent{};
}

MapTransform::MapTransform(const Extent& extent, const Frame& frame) : extent_(extent), frame_(frame) {
    if (extent.empty()) throw Error("nothing to draw: the map's extent is empty");
    if (!(frame.width > 0 && frame.height > 0)) throw Error("the map frame has no size");
    units_per_point_ = std::max(extent.width() / frame.width, extent.height() / frame.height);
    // Centre the map in the frame along the axis with room to spare.
    offset_ = {frame.top_left.x + (frame.width - extent.width() / units_per_point_) / 2,
               frame.top_left.y + (frame.height - extent.height() / units_per_point_) / 2};
}

Point MapTransform::to_page(Point map) const {
    return {offset_.x + (map.x - extent_.min_x) / units_per_point_, offset_.y + (extent_.max_y - map.y) / units_per_point_};
}

PolygonRings MapTransform::to_page(const PolygonRings& map) const {
    PolygonRings page;
    page.rings.reserve(map.rings.size());
    for (const auto& ring : map.rings) {
        Ring out;
        out.reserve(ring.size());
        for (const auto& point : ring) out.push_back(to_page(point));
        page.rings.push_back(std::move(out));
    }
    return page;
}

std::vector<PolygonRings> MapTransform::to_page(const std::vector<PolygonRings>& map) const {
    std::vector<PolygonRings> page;
    page.reserve(map.size());
    for (const auto& shape : map) page.push_back(to_page(shape));
    return page;
}

namespace {

// The grid point nearest to `point`; "+ 0.0" makes -0 into 0, so equal points hash alike.
Point snapped(Point point, double cell) {
    return {std::round(point.x / cell) * cell + 0.0, std::round(point.y / cell) * cell + 0.0};
}

bool same_point(const Point& a, const Point& b) { return a.x == b.x && a.y == b.y; }

}  // namespace

std::vector<PolygonRings> visible_polygons(const MapTransform& transform, const std::vector<PolygonRings>& shape,
                                           double cell, const Frame& frame) {
    std::vector<PolygonRings> page;
    // A shape wholly outside the frame is not drawn at all (clipping alone would still write it into SVG and PDF).
    const Extent extent = extent_of(shape);
    if (extent.empty()) return page;
    const Point a = transform.to_page({extent.min_x, extent.max_y}), b = transform.to_page({extent.max_x, extent.min_y});
    if (b.x < frame.top_left.x || a.x > frame.top_left.x + frame.width || b.y < frame.top_left.y ||
        a.y > frame.top_left.y + frame.height) {
        return page;
    }
    page.reserve(shape.size());
    for (const auto& polygon : shape) {
        PolygonRings out;
        for (const auto& ring : polygon.rings) {
            Ring kept;
            kept.reserve(ring.size());
            for (const auto& point : ring) {
                const Point p = snapped(transform.to_page(point), cell);
                if (kept.empty() || !same_point(p, kept.back())) kept.push_back(p);
            }
            while (kept.size() > 1 && same_point(kept.front(), kept.back())) kept.pop_back();
            if (kept.size() < 3) {
                kept.clear();
                for (const auto& point : ring) kept.push_back(transform.to_page(point));
            }
            if (kept.size() >= 3) out.rings.push_back(std::move(kept));
        }
        if (!out.rings.empty()) page.push_back(std::move(out));
    }
    return page;
}

std::vector<Polyline> border_lines(const std::vector<PolygonRings>& polygons) {
    // A segment by its two points, the smaller first, so both directions give one key.
    struct Segment {
        Point low, high;
        bool operator==(const Segment& other) const {
            return same_point(low, other.low) && same_point(high, other.high);
        }
    };
    struct SegmentHash {
        std::size_t operator()(const Segment& s) const {
            std::size_t h = 0;
            for (double v : {s.low.x, s.low.y, s.high.x, s.high.y}) h = h * 1'000'003 ^ std::hash<double>{}(v);
            return h;
        }
    };
    auto segment = [](const Point& a, const Point& b) {
        const bool a_first = a.x < b.x || (a.x == b.x && a.y < b.y);
        return a_first ? Segment{a, b} : Segment{b, a};
    };
    std::unordered_set<Segment, SegmentHash> taken;
    std::vector<Polyline> lines;
    std::vector<char> fresh;
    for (const auto& polygon : polygons) {
        for (const auto& ring : polygon.rings) {
            const std::size_t n = ring.size();
            if (n < 2) continue;
            fresh.assign(n, 0);
            std::size_t fresh_count = 0;
            for (std::size_t i = 0; i < n; ++i) {
                const Point& from = ring[i];
                const Point& to = ring[(i + 1) % n];
                if (same_point(from, to)) continue;
                fresh[i] = taken.insert(segment(from, to)).second;
                fresh_count += fresh[i] ? 1 : 0;
            }
            if (fresh_count == 0) continue;
            if (fresh_count == n) {
                lines.push_back({ring, true});
                continue;
            }
            // Start where a run of fresh segments begins, so no run is cut at the ring's first point.
            std::size_t start = 0;
            while (!(fresh[start] && !fresh[(start + n - 1) % n])) ++start;
            Polyline run;
            for (std::size_t k = 0; k < n; ++k) {
                const std::size_t i = (start + k) % n;
                if (fresh[i]) {
                    if (run.points.empty()) run.points.push_back(ring[i]);
                    run.points.push_back(ring[(i + 1) % n]);
                } else if (!run.points.empty()) {
                    lines.push_back(std::move(run));
                    run = {};
                }
            }
            if (!run.points.empty()) lines.push_back(std::move(run));
        }
    }
    return lines;
}

ScaleBar choose_scale_bar(double map_units_per_point, double max_points) {
    if (!(map_units_per_point > 0) || !(max_points > 0)) throw Error("a scale bar needs a positive scale and length");
    const double max_metres = map_units_per_point * max_points;
    double best = 0;
    for (double power = std::pow(10.0, std::floor(std::log10(max_metres)) - 1); power <= max_metres; power *= 10) {
        for (double step : {1.0, 2.0, 5.0}) {
            if (step * power <= max_metres) best = std::max(best, step * power);
        }
    }
    ScaleBar bar;
    bar.metres = best;
    bar.length_pt = best / map_units_per_point;
    bar.label = best >= 1000 ? fmt::format("{:g} km", best / 1000) : fmt::format("{:g} m", best);
    return bar;
}

std::vector<PlacedLabel> place_labels(const std::vector<LabelRequest>& requests, const Frame& frame, double margin_pt) {
    struct Box {
        double left, top, right, bottom;
    };
    std::vector<Box> taken;
    std::vector<PlacedLabel> placed;
    auto fits = [&](const Box& box) {
        if (box.left < frame.top_left.x || box.top < frame.top_left.y || box.right > frame.top_left.x + frame.width ||
            box.bottom > frame.top_left.y + frame.height) {
            return false;
        }
        return std::none_of(taken.begin(), taken.end(), [&](const Box& other) {
            return box.left - margin_pt < other.right && other.left < box.right + margin_pt &&
                   box.top - margin_pt < other.bottom && other.top < box.bottom + margin_pt;
        });
    };
    static constexpr double kShifts[][2] = {{0, 0}, {0, -1}, {0, 1}, {-1, 0}, {1, 0}, {-1, -1}, {1, -1}, {-1, 1}, {1, 1}};
    for (std::size_t i = 0; i < requests.size(); ++i) {
        const auto& request = requests[i];
        for (const auto& shift : kShifts) {
            if ((shift[0] != 0 || shift[1] != 0) && request.max_shift_pt <= 0) break;
            const double cx = request.centre.x + shift[0] * request.max_shift_pt;
            const double cy = request.centre.y + shift[1] * request.max_shift_pt;
            Box box{cx - request.width_pt / 2, cy - request.height_pt / 2, cx + request.width_pt / 2,
                    cy + request.height_pt / 2};
            if (!fits(box)) continue;
            taken.push_back(box);
            placed.push_back({i, {box.left, box.top}});
            break;
        }
    }
    return placed;
}

}  // namespace regiomap::render
