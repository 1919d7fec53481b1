// Which region of a layer a municipality belongs to, from boundaries.
//
// Every region layer groups whole municipalities, but each CBS layer was
// simplified on its own, so borders do not coincide: a municipality overlaps
// its true region by 85-100% and its neighbours by slivers. Membership is
// therefore the region with the largest overlap, never containment.
#pragma once

#include "geometry/geos.hpp"

#include <cstddef>
#include <optional>
#include <vector>

namespace regiomap {

struct RegionOverlap {
    std::size_t region = 0;  // position in the region list
    double share = 0.0;      // overlap area / municipality area
};

struct OverlapAssignment {
    // Every region the municipality overlaps, largest share first; the first is the assignment.
    std::vector<RegionOverlap> overlaps;
    const RegionOverlap& chosen() const { return overlaps.front(); }
};

// Below this share the assignment is ambiguous (another region may hold as much).
constexpr double kAmbiguousShare = 0.5;
// Below this share the assignment is reported as a warning.
constexpr double kWarningShare = 0.9;

// For each municipality, its overlaps with the regions; nullopt where it
// overlaps none. Regions are found through an STRtree, so the cost grows
// with the number of candidate pairs, not with municipalities x regions.
// The regions of a layer form a partition (they do not overlap each other):
// when the region holding an interior point of the municipality holds 90% or
// more of it, that region is the answer and the neighbours' slivers are not
// measured; below 90% every overlapping region is measured and listed.
std::vector<std::optional<OverlapAssignment>> assign_by_largest_overlap(
    const GeosContext& geos, const std::vector<const GEOSGeometry*>& municipalities,
    const std::vector<const GEOSGeometry*>& regions);

// The same for several layers at once, one thread per layer up to the number of
// cores (or REGIOMAP_THREADS, see core/worker_threads.hpp); every worker has its own GEOS context and its own
// copies of the geometries.
std::vector<std::vector<std::optional<OverlapAssignment>>> assign_layers_by_largest_overlap(
    const GeosContext& geos, const std::vector<const GEOSGeometry*>& municipalities,
    const std::vector<std::vector<const GEOSGeometry*>>& layers);

}  // namespace regiomap
