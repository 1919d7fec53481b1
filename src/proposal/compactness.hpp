// Compactness of regions: Polsby-Popper, 4 pi area / perimeter^2 of the region's
// shape (the union of its municipalities): 1 for a circle, near 0 for a ribbon.
#pragma once

#include "geometry/geos.hpp"
#include "proposal/proposal.hpp"
#include "store/store.hpp"

namespace regiomap {

// The store's municipality shapes in Governance index order. Throws StoreError for a
// municipality without a shape (a store edited by another program).
std::vector<Geometry> municipality_shapes(const GeosContext& geos, const Store& store, const Governance& governance);

// Fills the Polsby-Popper values of the proposal's regions, their mean, and the
// mean of every division's own regions (each shape dissolved from the store's
// municipality shapes, so both are measured alike).
void measure_compactness(const Store& store, const Governance& governance, Proposal& proposal);

// The same from shapes already read, in Governance index order.
void measure_compactness(const GeosContext& geos, const std::vector<Geometry>& municipalities,
                         const Governance& governance, Proposal& proposal);

}  // namespace regiomap
