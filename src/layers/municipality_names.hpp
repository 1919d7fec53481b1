// Finding a municipality of the division year from what a user or a source
// writes: its code (GM0345), its name in any case and with or without
// accents, a common variant ("Den Bosch", "Bergen (NH)"), or a name or code
// of an earlier year, carried forward through the official merger list.
#pragma once

#include "core/table_reader.hpp"

#include <string>
#include <vector>

namespace regiomap {

struct NameTarget {
    std::string code;     // a municipality of the division year
    double share = 1.0;   // the part of the named place that went to it (splits: share of addresses)
};

// How a name is known; a lower value wins when a name is known in two ways.
enum class NameBasis : int { current_code = 0, current_name = 1, variant = 2, alias = 3, earlier = 4 };

struct NameEntry {
    std::string name;         // as written in the source
    std::vector<NameTarget> targets;
    NameBasis basis = NameBasis::current_name;
    std::string explanation;  // e.g. "2016 name; merged into Vijfheerenlanden on 2019-01-01"
};

struct NameResolution {
    std::string query;
    const NameEntry* entry = nullptr;  // the entry that matched
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

    // Up to `count` known names nearest to the text, nearest first.
    std::vector<std::string> nearest(const std::string& text, std::size_t count) const;

private:
    std::vector<NameEntry> entries_;
    std::vector<std::string> normalized_;  // parallel to entries_
};

// The one municipality a table cell names (resolve_one); a DataError naming the
// table's file and the row when it names none or several.
std::string municipality_in_row(const MunicipalityNames& names, const Table& table, const Table::Row& row,
                                const std::string& text);

// "GM0345" for "gm345", "0345" or "GM0345"; the text unchanged otherwise.
std::string canonical_municipality_code(const std::string& text);

}  // namespace regiomap
