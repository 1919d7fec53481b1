// Which municipalities share a border, measured on their shapes.
//
// Two municipalities are neighbours when their boundaries run together for at
// least kMinSharedBorderM metres, where "together" allows a gap or overlap of
// kBorderToleranceM (rook contiguity with a small snap). Why these values, on the
// bundled 2020 shapes: their coordinates lie on a 1 m grid, so two outlines that
// should meet can lie 1 m apart (Oirschot and Reusel-De Mierden, exactly 1.0 m at
// one point); 1.5 m covers that, while from about 250 m pairs appear across water
// (Zeewolde and Blaricum). With these values the 911 pairs that share an arc in
// the TopoJSON are found, no more. Municipalities that meet only at a point (less
// than 10 m of boundary within the tolerance: 6 pairs, among them Oirschot and
// Reusel-De Mierden, Blaricum and Hilversum) are not neighbours: a region joined at
// one point is not one area. They are kept as point contacts, so the tool can say
// which pairs it left out.
#pragma once

#include "geometry/geos.hpp"

#include <string>
#include <vector>

namespace regiomap {

inline constexpr double kBorderToleranceM = 1.5;
inline constexpr double kMinSharedBorderM = 10.0;

struct SharedBorder {
    std::size_t a = 0;  // positions in the input, a < b
    std::size_t b = 0;
    double length_m = 0;   // length of a's boundary within the tolerance of b
    bool point_contact = false;  // shorter than kMinSharedBorderM: not neighbours
};

// Every pair of shapes within kBorderToleranceM of each other, with the length of
// border they share, ordered by (a, b). Uses both cores (one GEOS context each).
std::vector<SharedBorder> shared_borders(const GeosContext& geos, const std::vector<const GEOSGeometry*>& shapes);

}  // namespace regiomap
