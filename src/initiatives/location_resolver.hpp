// Turning a location as published into municipalities of the division year:
// municipality names and codes of any year, informal names ("Den Bosch"),
// villages ("Erica"), lists ("Stadskanaal, Veendam en Pekela"), informal
// regions ("Drechtsteden"), region names or codes of any layer ("Twente",
// "ZK22"), provinces and partial provinces ("22 van de 24 Friese gemeenten").
// What data cannot resolve is reported with the reason, never dropped.
#pragma once

#include "analysis/governance.hpp"
#include "layers/municipality_names.hpp"
#include "store/records.hpp"

#include <string>
#include <vector>

namespace regiomap {

enum class ResolutionStatus { full, partial, unresolved };
std::string to_string(ResolutionStatus status);

// What a part of a location was matched to; present/location_text.hpp says it in words.
enum class PartMatch {
    nothing,            // no municipality, alias, village, region or province matches (see `nearest`)
    no_location,        // the entry gave no location at all
    listed,             // the register listed municipality codes
    municipality,       // a municipality name or code of any year, a variant or village (name index)
    alias,              // a row of the alias table: an informal region ("group") or a province
    region,             // a region of a layer, by code or name
    counted_province,   // "22 van de 24 Friese gemeenten": part of a province, counted as all of it
    whole_province,     // "alle Drentse gemeenten"
    geometry,           // the entry's own geometry, by overlap with the municipalities
};

struct ResolvedPart {
    std::string text;                 // the part of the location as written
    std::vector<int> municipalities;  // indices into the governance
    PartMatch match = PartMatch::nothing;
    bool resolved = false;
    bool partial = false;             // stands for part of what it resolves to (22 of 24)
    bool unverified = false;          // rests on an alias row that names no source stating it
    // What it matched, as far as the match has it:
    std::string matched_name;         // municipality: the name entry; alias: the alias; region: the region's name
    std::string matched_basis;        // municipality: the name entry's explanation; alias: its source
    std::string alias_kind;           // alias: "group" or "province"
    std::string layer_id, region_code;              // region
    std::string province_code, province_name;       // counted or whole province (name empty when unknown)
    int published_named = 0, published_of = 0;      // counted province: "22 van de 24"; whole: the count named, if any
    int division_year = 0;                          // counted or whole province: the year its municipalities are of
    bool split_place = false;         // municipality: the place was split, so it stands for part of each
    bool geometry_points = false;     // geometry: points (else a polygon)
    std::vector<std::string> nearest; // nothing: the nearest municipality names
};

struct LocationResolution {
    std::vector<int> municipalities;  // ascending, each once
    std::vector<ResolvedPart> parts;
    ResolutionStatus status = ResolutionStatus::unresolved;
    bool unverified = false;  // some part rests on an alias row that names no source stating it
};

// The longest location text resolved. Published locations are a few words to a list of
// a few dozen names; anything longer is refused as bad data rather than searched.
inline constexpr std::size_t kMaxLocationLength = 2000;

// What a location's words say it is: "provincie Groningen" is the province, not the
// zorgkantoor region Groningen; "gemeente Groningen" the municipality; "regio Twente" a
// region of a layer other than the provinces; "Drechtsteden gemeenten" and "all
// municipalities of X" a group of municipalities (an alias, a province or any region).
enum class PlaceKind { any, municipality, province, region, area };

// Where a location comes from, for messages: the register file and "row 3 (line 4)".
struct LocationSource {
    std::string file;
    std::string where;
};

// Matching rules. Municipality names match exactly (MunicipalityNames::resolve): a
// register is published text, and a partial name there ("Hof", "Berg") is more often
// another place than a short form, so prefixes are never taken. Kind words (PlaceKind)
// restrict what the rest may match, so a kind word always wins over a same-named region
// of another layer. Without a kind word the order is: municipality, alias, region of
// any layer in manifest order.
class LocationResolver {
public:
    LocationResolver(const Governance& governance, MunicipalityNames names, std::vector<PlaceAlias> aliases);

    // Throws DataError naming the source when the text is longer than
    // kMaxLocationLength or a count in it is no count ("22 van de 99999999999").
    LocationResolution resolve(const std::string& location, const LocationSource& source = {}) const;

private:
    bool resolve_whole(const std::string& text, ResolvedPart& part, PlaceKind required = PlaceKind::any) const;
    bool resolve_counted_province(const std::string& text, ResolvedPart& part, const LocationSource& source) const;
    bool resolve_all_of(const std::string& text, ResolvedPart& part) const;
    void resolve_list(const std::string& text, std::size_t separator, std::vector<ResolvedPart>& parts,
                      const LocationSource& source) const;
    std::pair<const Division*, int> find_region(const std::string& code) const;  // {nullptr, -1} when unknown
    void name_province(const std::string& code, ResolvedPart& part) const;
    std::vector<int> alias_members(const PlaceAlias& alias) const;

    const Governance& governance_;
    MunicipalityNames names_;
    std::vector<PlaceAlias> aliases_;
};

}  // namespace regiomap
