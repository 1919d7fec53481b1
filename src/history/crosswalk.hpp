// Municipal crosswalks between two years, derived from the boundaries alone.
//
// Given the municipalities of a FROM year and a TO year (same planar CRS), every pair
// that overlaps becomes a link with the share of the FROM municipality's area lying in
// the TO municipality and the share of the TO municipality's area coming from the FROM
// one. Overlaps that are only the difference between two separately simplified drawings
// (slivers) are left out by measured thresholds (CrosswalkThresholds, docs/METRICS.md
// "Crosswalks between years"). Each FROM municipality then gets the kind of change it went through
// (MunicipalChange), and each TO municipality its predecessors, so names resolve both ways.
//
// The result is data only: codes, names, shares and enums, ordered deterministically
// (links by FROM code, then share of the FROM area descending). Presenters format it.
//
// A published merger list (CBS herindelingen: one row per old municipality and
// successor, with the share of addresses for splits) can be read and compared with a
// crosswalk: compare_with_published says per row whether the boundaries reproduce it,
// and which derived changes the list does not name.
#pragma once

#include "core/number_format.hpp"
#include "geometry/geos.hpp"
#include "layers/boundary_reader.hpp"
#include "store/records.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace regiomap {

struct DivisionMunicipality {
    std::string code;
    std::string name;
    const GEOSGeometry* geometry = nullptr;  // borrowed; polygonal, in the same planar CRS in both years
    double area = 0;                          // of the geometry, in CRS units squared
};

// The municipalities of one year.
struct MunicipalDivision {
    int year = 0;
    std::vector<DivisionMunicipality> municipalities;
};

// The municipalities of a boundary layer, borrowing its geometries: `layer` must outlive the result.
MunicipalDivision division_of(const GeosContext& geos, int year, const BoundaryLayer& layer);

// One pair of municipalities whose areas overlap (positions into the two divisions).
struct Overlap {
    std::size_t from = 0;
    std::size_t to = 0;
    double area = 0;
    double share_of_from = 0;  // area / area of the FROM municipality
    double share_of_to = 0;    // area / area of the TO municipality
};

// Every overlap of positive area, slivers included, ordered by FROM position, then TO position.
// Candidate pairs come from an STRtree over the TO geometries. This is the raw material of a
// crosswalk, and the evidence the thresholds were chosen from.
std::vector<Overlap> overlaps(const GeosContext& geos, const MunicipalDivision& from, const MunicipalDivision& to);

// What separates territory that really moved from the differences between two years' files.
// Measured on the bundled CBS files (docs/METRICS.md "Crosswalks between years"): between
// municipalities that continue, the files differ by parcels of up to 4.9 km2 (up to 16% of a
// small municipality), several of which flip back and forth between years (Duiven/Zevenaar,
// Leiden/Voorschoten), so they are the drawing, not the law; the smallest published part of a
// split is 5.9 km2 (Haaren to Boxtel, 2021, 9.8% of Haaren). Shares alone cannot separate the
// two: the area can. Finer boundaries than these cartographic files allow smaller thresholds.
struct CrosswalkThresholds {
    // A part of a FROM municipality lying in a TO municipality other than its main successor counts
    // (as a split part or a boundary correction) when it has at least this area, in CRS units
    // squared (m2 in RD New) ...
    double min_part_area = 5.4e6;
    // ... and at least this share of the FROM municipality's area. Smaller parts are slivers.
    double min_part_share = 0.05;
};

// What happened to a FROM municipality between the two years.
enum class MunicipalChange {
    unchanged,            // the same code and name, no part above the thresholds moved
    renamed,              // the same territory under another code or name
    merged,               // went wholly into a municipality with a new code, together with others
    absorbed,             // went wholly into a municipality that keeps the code of another predecessor
    absorbing,            // continues under its code and took in one or more other municipalities
    split,                // ceased, its territory divided over several successors with substantial shares
    boundary_correction,  // continues under its code and name; a part above the thresholds moved to a neighbour
};

// Why a link exists.
enum class LinkRole {
    continuation,  // the municipality continues here (same code), or is renamed into it
    whole,         // the whole municipality went into this one (merged or absorbed)
    split_part,    // one of the successors of a split
    correction,    // a part above the thresholds moved to a neighbour
};

struct CrosswalkLink {
    std::string from_code;
    std::string from_name;
    std::string to_code;
    std::string to_name;
    double area = 0;
    double share_of_from = 0;  // share of the FROM municipality's area lying in TO
    double share_of_to = 0;    // share of the TO municipality's area coming from FROM
    LinkRole role = LinkRole::continuation;
};

struct CrosswalkPredecessorView {
    std::string code;
    std::string name;
    std::vector<std::size_t> links;  // into Crosswalk::links, share of the TO area descending
};

struct CrosswalkFromMunicipality {
    std::string code;
    std::string name;
    MunicipalChange change = MunicipalChange::unchanged;
    std::vector<std::size_t> links;  // successors, into Crosswalk::links, share of the FROM area descending
};

struct Crosswalk {
    int from_year = 0;
    int to_year = 0;
    CrosswalkThresholds thresholds;
    std::vector<CrosswalkLink> links;               // by FROM code, then share of the FROM area descending
    std::vector<CrosswalkFromMunicipality> from;    // by code
    std::vector<CrosswalkPredecessorView> to;       // by code: each TO municipality with its predecessors
    // Overlaps below the thresholds, left out of the links, and the largest of them.
    std::size_t slivers_left_out = 0;
    double largest_sliver_area = 0;
    double largest_sliver_share = 0;  // of the FROM municipality's area

    const CrosswalkFromMunicipality* find_from(const std::string& code) const;
    const CrosswalkPredecessorView* find_to(const std::string& code) const;
    // The link from one code to another, or null when the crosswalk has none.
    const CrosswalkLink* find_link(const std::string& from_code, const std::string& to_code) const;
};

// Throws GeometryError when GEOS fails. Both divisions must use the same planar CRS.
Crosswalk derive_crosswalk(const GeosContext& geos, const MunicipalDivision& from, const MunicipalDivision& to,
                           const CrosswalkThresholds& thresholds = {});

// ---- A published merger list ------------------------------------------------------------

// PublishedChange and PublishedChangeType: store/records.hpp (the store keeps the lists it loaded).

// Reads a CBS herindelingen table (columns ingangsdatum, oude_code, oude_naam, nieuwe_code,
// nieuwe_naam, nieuwe_code_bestond_al, type, aandeel_adressen_oude_gemeente). Throws DataError
// naming the file, the row and the column for a missing column, an unreadable date or share,
// or an unknown type or yes/no value.
std::vector<PublishedChange> read_published_changes(const std::filesystem::path& file);

// The rows of one crosswalk step: effective after 1 January of from_year, up to and including
// 1 January of to_year (a change effective 1 January 2018 lies between the 2017 and 2018 maps).
std::vector<PublishedChange> changes_between(const std::vector<PublishedChange>& changes, int from_year,
                                             int to_year);

struct PublishedRowCheck {
    PublishedChange published;
    bool reproduced = false;  // the derived change has this successor, with the kind the row implies
    std::optional<MunicipalChange> derived_change;  // of the old municipality; nullopt when not in FROM
    std::optional<double> derived_area_share;       // share of the old area in the new municipality
};

struct CrosswalkComparison {
    std::vector<PublishedRowCheck> rows;  // in the order given
    // FROM municipalities (indices into Crosswalk::from) whose derived change is not unchanged and that the
    // list does not explain: not an old municipality of any row, nor the continuing successor of one.
    std::vector<std::size_t> unlisted_changes;
    std::size_t reproduced_count() const;
};

CrosswalkComparison compare_with_published(const Crosswalk& crosswalk, const std::vector<PublishedChange>& step);

}  // namespace regiomap
