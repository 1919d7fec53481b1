// Connections that count as a shared border where the shapes do not touch:
// ferries and tunnels to islands and across the Westerschelde, and
// administrative links a user adds with a reason. Kept as data with a source
// per row (geodata/links.csv), never inferred from distance: a tolerance
// large enough to reach Texel invents pairs across the IJsselmeer.
#pragma once

#include "store/records.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace regiomap {

// Reads a links table (columns from_code, to_code, kind (ferry, tunnel, bridge,
// administrative), crossing, source; optional
// from_name, to_name, which must then match the codes, as names are written: case,
// accents and a qualifier in brackets such as "(NH.)" do not count). `municipality_names` maps
// each known code to its name. Throws DataError naming the file, row and column for
// an unknown code or kind, a name that does not match its code, a link of a
// municipality to itself, a pair given twice, or an empty crossing or source.
// Each row becomes an AdjacencyRecord of a link kind, its crossing as description.
std::vector<AdjacencyRecord> read_links(const std::filesystem::path& file,
                                  const std::map<std::string, std::string>& municipality_names);

}  // namespace regiomap
