// What the store keeps: the municipalities, the layers with their regions,
// every municipality's membership per layer, the names a municipality is
// known by, and what the load found (ambiguous assignments, repairs).
#pragma once

#include "core/number_format.hpp"
#include "geometry/geos.hpp"
#include "layers/municipality_names.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace regiomap {

struct MunicipalityRecord {
    std::string code;
    std::string name;
    std::optional<std::int64_t> population;
    double area_m2 = 0;
    Geometry geometry;
};

struct RegionRecord {
    std::string layer_id;
    std::string code;
    std::string name;
    Geometry geometry;
};

// How a membership is known.
enum class MembershipBasis {
    self,             // the municipality layer: every municipality is its own region
    largest_overlap,  // derived from boundaries
    published,        // a published membership table
    layer_default,    // not published: follows the layer's default layer
};
std::string to_string(MembershipBasis basis);
MembershipBasis membership_basis_from(const std::string& text);

struct MembershipRecord {
    std::string layer_id;
    std::string municipality_code;
    std::string region_code;
    std::optional<double> overlap_share;  // only for memberships from boundaries
    MembershipBasis basis = MembershipBasis::largest_overlap;
    std::string note;
};

struct LayerRecord {
    std::string id;
    std::string title;
    int year = 0;
    std::string source;
    std::string given_as;  // "boundaries" or "membership table"
    std::string file;      // relative to the manifest's folder
    std::string source_crs;
    bool reprojected = false;
    std::string default_layer;
    int region_count = 0;
    int municipalities_covered = 0;  // assigned to a region, by any basis
    int published_count = 0;         // membership tables: rows the source publishes
    int default_count = 0;           // membership tables: municipalities following default_layer
    std::string region_count_note;
};

enum class FindingSeverity { ambiguous, warning, repair, note };
std::string to_string(FindingSeverity severity);

struct LoadFinding {
    std::string layer_id;
    std::string subject_code;  // municipality, region or feature code
    FindingSeverity severity = FindingSeverity::note;
    std::string message;
};

enum class InsurerRole { zorgkantoor, largest, work_structure_lead };
std::string to_string(InsurerRole role);

// What an insurer fact rests on. Presenters turn each kind and its fields into a
// sentence; the loader keeps the fields apart so no one has to parse a sentence.
enum class InsurerBasisKind {
    designation,             // the zorgkantoor designation: its legal entity mapped to a concern
    unmapped_designation,    // the designated legal entity has no concern with a public basis (concern empty)
    published_statement,     // a region-level published statement that names the region's largest insurer
    published_municipality,  // a published largest insurer of this one municipality
    published_lead,          // a published work-structure lead
    user_table,              // the user's own table
    zorgkantoor_rule,        // derived: the zorgkantoor is run by the insurer with the largest regional share
};
std::string to_string(InsurerBasisKind kind);
std::optional<InsurerBasisKind> insurer_basis_kind_from(const std::string& text);

// Which insurer concern holds a role for a region or a municipality, and on what basis.
struct InsurerRecord {
    InsurerRole role = InsurerRole::zorgkantoor;
    std::string layer_id;      // the region's layer; "gemeente" for municipalities
    std::string subject_code;  // region or municipality code
    std::string concern;       // empty: not known (an unmapped designation)
    std::string basis;         // one line for outputs that print the basis as it is
    std::string year;          // of the designation or the statement, as the source gives it
    std::string source;        // URL, or the document where no URL is known
    InsurerBasisKind kind = InsurerBasisKind::designation;
    std::string subject_in_source{};  // designation: the legal entity; statement: the place as the source names it
    std::string detail{};           // designation: why the entity is that concern, or why unmapped;
                                    // statement: what the source says; how the place was matched is in `matched_as`
    std::string matched_as{};       // statement: the region or municipalities it was matched to, and why
};

// A name for a group of municipalities or a province, as sources write it
// ("Drechtsteden", "Friese" as in "Friese gemeenten"), kept as data with its source.
// Opens the source text of an alias row that names no source stating it, so every use says so.
inline constexpr const char* kUnverifiedAlias = "UNVERIFIED (no source given that states this):";

struct PlaceAlias {
    std::string alias;
    std::string kind;  // "group" (municipality codes) or "province" (a region code)
    std::vector<std::string> codes;
    std::string source;
};

// A name an insurer is known by (concern, brand, former label) and its concern.
struct InsurerName {
    std::string name;
    std::string concern;
    std::string source;
};

// Why two municipalities count as neighbours (or, for a point contact, why they do not).
enum class AdjacencyKind { border, point_contact, ferry, tunnel, bridge, administrative };
std::string to_string(AdjacencyKind kind);
std::optional<AdjacencyKind> adjacency_kind_from(const std::string& text);
inline bool is_link(AdjacencyKind kind) { return kind != AdjacencyKind::border && kind != AdjacencyKind::point_contact; }

struct AdjacencyRecord {
    std::string municipality_a;  // codes; for borders a < b
    std::string municipality_b;
    AdjacencyKind kind = AdjacencyKind::border;
    double shared_border_m = 0;  // borders and point contacts: length of border within the tolerance
    std::string description;     // links: what joins them (for administrative links, the reason)
    std::string source;          // links: the source row; borders: how they were measured
};

// A row of a published merger list (CBS herindelingen), as read at load.
enum class PublishedChangeType {
    whole,  // "geheel opgegaan": the old municipality went wholly into the new one
    split,  // "opgesplitst": one row per successor, with its share of addresses
};

struct PublishedChange {
    Date effective;
    std::string old_code;
    std::string old_name;
    std::string new_code;
    std::string new_name;
    bool new_code_existed = false;  // the successor kept the code of an existing municipality
    PublishedChangeType type = PublishedChangeType::whole;
    double address_share = 1;  // share of the old municipality's addresses going to the new one
    std::size_t row = 0;       // data row in the file (1 = first)
    std::string where;         // "row 3 (line 4)": for messages while loading (not kept in the store)
    std::string source;        // the file, as the manifest names it
};

struct Dataset {
    // Declared first so it is destroyed last: every geometry below holds its handle.
    std::shared_ptr<GeosContext> geos = std::make_shared<GeosContext>();
    std::string manifest_path;
    std::string crs = "EPSG:28992";
    int division_year = 0;
    int default_year = 0;  // of the whole manifest; 0: the latest year
    std::string attribution;
    std::string population_date;
    std::vector<MunicipalityRecord> municipalities;
    std::vector<LayerRecord> layers;  // the municipality layer first
    std::vector<RegionRecord> regions;
    std::vector<MembershipRecord> memberships;
    std::vector<LoadFinding> findings;
    std::vector<InsurerRecord> insurers;
    std::vector<PlaceAlias> place_aliases;
    std::vector<InsurerName> insurer_names;
    std::vector<AdjacencyRecord> adjacency;  // borders, point contacts and links, by code
    MunicipalityNames names;
    std::vector<PublishedChange> published_changes;  // the year's merger list, if it names one
};

}  // namespace regiomap
