// What `regiomap layers`, `memberships` and `lookup` print, built from the store.
#pragma once

#include "core/output.hpp"
#include "layers/layer_queries.hpp"
#include "store/store.hpp"

#include <map>
#include <string>
#include <vector>

namespace regiomap {

// One line per layer: id, title, year, regions, municipalities covered, source;
// then the notes that explain counts (31 zorgkantoor regions, not 32) and
// partial coverage (work structures published for part of the country only),
// and the load's findings: at most `findings_per_layer` per layer (0: all), since a
// large layer can have tens of thousands.
inline constexpr std::size_t kFindingsPerLayer = 20;
// The table fits kTerminalWidth: long sources are numbered notes under it, notes
// are wrapped; `wide` keeps everything on one line.
std::string format_layers(const LayerOverview& overview, OutputFormat format,
                          std::size_t findings_per_layer = kFindingsPerLayer, bool wide = false);

// Every municipality's region in one layer. CSV columns are exactly
// municipality_code,municipality_name,region_code,region_name,overlap_share.
// Table: fits kTerminalWidth (long names cut with "~") unless `wide`.
std::string format_memberships(const LayerRecord& layer, const std::vector<MembershipRow>& rows,
                               OutputFormat format, bool wide = false);

// "the municipalities of zorgkantoor region ZK23 Utrecht that no
// published werkstructuur region lists (3 of its 25: Renswoude, Rhenen, Veenendaal)",
// or "(all 14 of them)" where no municipality of the region is published.
std::string describe_default_region(const DefaultRegionFacts& facts);
// The message for every miss, one line each: what main prints on stderr with exit code 4.
std::string misses_message(const std::vector<NameSearch>& misses, const std::map<std::string, std::string>& province_of);
// The municipality each found query names with its region in every layer.
// Table: lines fit kTerminalWidth (wrapped) unless `wide`.
std::string format_lookup(const LookupView& view, OutputFormat format, bool wide = false);

}  // namespace regiomap
