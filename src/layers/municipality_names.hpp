// Finding a municipality of the division year from what a user or a source
// writes: its code (GM0345), its name in any case and with or without
// accents, a common variant ("Den Bosch", "Bergen (NH)"), or a name or code
// of an earlier year, carried forward through the official merger list.
#pragma once

#include "core/table_reader.hpp"

#include <map>
#include <string>
#include <vector>

namespace regiomap {

struct NameTarget {
    std::string code;     // a municipality of the division year
    double share = 1.0;   // the part of the named place that went to it (splits: share of addresses)
};

// How a name is known; a lower value wins when a name is known in two ways.
// `later`: a name of a later year loaded with it (Eemsdelta, 2025, in 2020), through the crosswalk.
enum class NameBasis : int { current_code = 0, current_name = 1, variant = 2, alias = 3, earlier = 4, later = 5 };

struct NameEntry {
    std::string name;         // as written in the source
    std::vector<NameTarget> targets;
    NameBasis basis = NameBasis::current_name;
    std::string explanation;  // e.g. "2016 name; merged into Vijfheerenlanden on 2019-01-01"
};

struct NameResolution {
    std::string query;
    const NameEntry* entry = nullptr;  // the entry that matched
    std::string how;                   // empty for an exact match; else why a partial name was taken
};

// What a query typed by a user names. Rules, strongest first:
//  1. exact: the normalised query equals a known name or code (a lower NameBasis wins);
//  2. qualified: it equals a name without its parenthesised qualifier ("Bergen" for
//     "Bergen (NH.)" and "Bergen (L.)");
//  3. word prefix: it is the first whole words of a name ("Nuenen" for "Nuenen, Gerwen
//     en Nederwetten"; "Nuen" is not).
// The first rule that matches decides: one municipality (or one split place) is found,
// several are ambiguous and listed; no rule matching is a miss with the nearest names.
// Sources (membership tables, registers, user tables) use the exact rule only, through
// resolve(): a partial name there is a typo or another place, not a choice a user made.
struct NameSearch {
    enum class Outcome { found, ambiguous, missing };
    std::string query;
    Outcome outcome = Outcome::missing;
    NameResolution found;                      // outcome found
    std::vector<const NameEntry*> candidates;  // outcome ambiguous: one entry per different municipality
    std::vector<std::string> nearest;          // outcome missing: the nearest known names
};

class MunicipalityNames {
public:
    void add(NameEntry entry);
    const std::vector<NameEntry>& entries() const { return entries_; }

    // Throws NotFoundError naming the nearest known names when nothing matches,
    // or the candidates when the text names different municipalities.
    NameResolution resolve(const std::string& text) const;

    // The code of the one municipality of the division year the text names. Throws
    // NotFoundError when nothing matches or when the place was split over several.
    std::string resolve_one(const std::string& text) const;

    // A user's query by the rules of NameSearch; never throws.
    NameSearch search(const std::string& text) const;

    // search(), throwing NotFoundError with miss_message() when the query finds no
    // single entry; `province_of` (code -> province name) labels the candidates.
    NameResolution resolve_query(const std::string& text,
                                 const std::map<std::string, std::string>& province_of = {}) const;

    // Up to `count` known names nearest to the text, nearest first. Compares at most
    // kMaxComparedNameLength characters of the text.
    std::vector<std::string> nearest(const std::string& text, std::size_t count) const;

private:
    std::vector<NameEntry> entries_;
    std::vector<std::string> normalized_;      // parallel to entries_
    std::vector<std::string> without_qualifier_;  // normalised name before "(", empty when there is none
};

// One line for a query that found nothing or several municipalities: "no municipality
// matches 'Amsterdm'; nearest: Amsterdam, ..." or "'Bergen' names more than one
// municipality: Bergen (NH.) (GM0373, Noord-Holland); ...". The query is quoted
// whole only up to 80 characters.
std::string miss_message(const NameSearch& search, const std::map<std::string, std::string>& province_of = {});

// The one code an entry names; NotFoundError when the place was split over several.
std::string single_code(const NameEntry& entry, const std::string& text);

// The one municipality a table cell names (resolve_one); a DataError naming the
// table's file and the row when it names none or several.
std::string municipality_in_row(const MunicipalityNames& names, const Table& table, const Table::Row& row,
                                const std::string& text);

// "GM0345" for "gm345", "0345" or "GM0345"; the text unchanged otherwise.
std::string canonical_municipality_code(const std::string& text);

}  // namespace regiomap
