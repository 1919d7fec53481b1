// `regiomap changes`: how the divisions changed between two loaded years, after the
// crosswalk: per layer the municipalities in another region, the regions created and
// removed, and the change in incongruence over the scored layers.
#pragma once

#include "analysis/governance.hpp"
#include "history/crosswalk.hpp"

#include <string>
#include <vector>

namespace regiomap {

// A municipality of the later year and the region its territory was in before: the region
// of its predecessor with the largest share of its area.
struct RegionMove {
    int municipality = -1;       // in the later year
    int predecessor = -1;        // in the earlier year
    int region_before = -1;      // in the earlier year's division
    int region_after = -1;       // in the later year's division
};

// What happened to a region code one of the two years lacks, judged by where its municipalities went
// (each later municipality through its predecessor with the largest share of its area).
enum class RegionFate {
    recoded,  // the same municipalities under another code
    merged,   // removed: went into a region together with others; created: formed from several regions
    split,    // removed: its municipalities now in several regions; created: split off a region that continues
};

struct RegionChangeRecord {
    int region = -1;              // removed: of the earlier year; created: of the later year
    RegionFate change = RegionFate::merged;
    // Removed: the later regions its municipalities are in now; created: the earlier regions its
    // municipalities were in. Most municipalities first, then by code.
    std::vector<int> counterparts;
};

struct LayerYearChanges {
    std::string layer_id;
    bool in_both = true;                 // the layer is loaded in both years
    int regions_before = 0;
    int regions_after = 0;
    std::vector<RegionMove> moves;       // municipalities whose region code changed
    std::vector<RegionChangeRecord> regions_created;  // later regions whose code the earlier year lacks
    std::vector<RegionChangeRecord> regions_removed;  // earlier regions whose code the later year lacks
};

struct CongruenceDelta {
    int municipality = -1;   // later year
    int predecessor = -1;    // earlier year (largest share of its area)
    double before = 0;       // C of the predecessor in the earlier year
    double after = 0;        // C in the later year
};

// A municipality of the later year, whatever happened to it: its congruence then (of its
// predecessor with the largest share of its area) and now, how many municipalities of the
// earlier year it was formed from, and the layers in which its territory is in another region.
struct MunicipalityYearChange {
    int municipality = -1;             // in the later year
    int predecessor = -1;              // in the earlier year; -1: the crosswalk gives none
    int formed_from = 0;               // earlier municipalities that went wholly or partly into it (2+: a merger)
    double before = 0;                 // C of the predecessor in the earlier year
    double after = 0;                  // C in the later year
    std::vector<std::string> layers_moved;  // layers (in `YearChanges::layers` order) where its region changed

    bool compared() const { return predecessor >= 0; }
    double congruence_change() const { return after - before; }
};

struct YearChanges {
    int from_year = 0;
    int to_year = 0;
    std::vector<std::string> scored_layers;
    std::vector<LayerYearChanges> layers;
    double mean_congruence_before = 1;
    double mean_congruence_after = 1;
    int fully_congruent_before = 0;
    int fully_congruent_after = 0;
    std::vector<CongruenceDelta> most_improved;   // largest rise of C first (at most `listed`)
    std::vector<CongruenceDelta> most_worsened;   // largest fall of C first
    std::vector<MunicipalityYearChange> municipalities;  // every municipality of the later year, by index
};

// `before` and `after` are the two years' governances, `crosswalk` from before to after.
// Layers: every division of the later year; the scores over `scored_layers` in both.
YearChanges compare_years(const Governance& before, const Governance& after, const Crosswalk& crosswalk,
                          const std::vector<std::string>& scored_layers, std::size_t listed = 10);

}  // namespace regiomap
