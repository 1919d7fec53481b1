// What `regiomap layers`, `memberships` and `lookup` print, built from the store.
#pragma once

#include "core/output.hpp"
#include "store/store.hpp"

#include <string>
#include <vector>

namespace regiomap {

// One line per layer: id, title, year, regions, municipalities covered, source;
// then the notes that explain counts (31 zorgkantoor regions, not 32) and
// partial coverage (work structures published for part of the country only),
// and the load's findings: at most `findings_per_layer` per layer (0: all), since a
// large layer can have tens of thousands.
inline constexpr std::size_t kFindingsPerLayer = 20;
std::string format_layers(const Store& store, OutputFormat format, std::size_t findings_per_layer = kFindingsPerLayer);

// Every municipality's region in one layer. CSV columns are exactly
// municipality_code,municipality_name,region_code,region_name,overlap_share.
std::string format_memberships(const Store& store, const std::string& layer_id, OutputFormat format);

// Resolves each query (code or name of any year, or a variant) and prints the
// municipality it names with its region in every layer. Throws NotFoundError
// with the nearest names for the first query that matches nothing.
std::string format_lookup(const Store& store, const std::vector<std::string>& queries, OutputFormat format);

}  // namespace regiomap
