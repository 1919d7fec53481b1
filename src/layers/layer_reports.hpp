// What `regiomap layers`, `memberships` and `lookup` print, built from the store.
#pragma once

#include "core/output.hpp"
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
std::string format_layers(const Store& store, OutputFormat format, std::size_t findings_per_layer = kFindingsPerLayer,
                          bool wide = false);

// Every municipality's region in one layer. CSV columns are exactly
// municipality_code,municipality_name,region_code,region_name,overlap_share.
// Table: fits kTerminalWidth (long names cut with "~") unless `wide`.
std::string format_memberships(const Store& store, const std::string& layer_id, OutputFormat format,
                               bool wide = false);

// What a default region of a membership-table layer holds (DEF-ZK23): the
// municipalities of one region of its default layer that no published region lists.
struct DefaultRegionFacts {
    std::string layer_id;        // werkstructuur
    std::string default_layer;   // zorgkantoor
    std::string origin_code;     // ZK23
    std::string origin_name;     // Utrecht
    int origin_size = 0;         // municipalities of ZK23
    std::vector<std::string> member_names;  // the municipalities of the default region
};

// "the municipalities of zorgkantoor region ZK23 Utrecht that no
// published werkstructuur region lists (3 of its 25: Renswoude, Rhenen, Veenendaal)",
// or "(all 14 of them)" where no municipality of the region is published.
std::string describe_default_region(const DefaultRegionFacts& facts);

// Municipality code -> its province's name, from the store's layer `provincie`
// (empty when the store has none): labels the candidates of an ambiguous name.
std::map<std::string, std::string> province_of_municipalities(const Store& store);

// Each query resolved by MunicipalityNames::search (exact, qualifier dropped, or a
// unique word prefix); those it cannot resolve, as the user typed them. The result
// points into `names`, which must outlive it.
struct LookupResult {
    std::vector<NameResolution> found;
    std::vector<NameSearch> misses;  // missing or ambiguous
};
LookupResult find_municipalities(const MunicipalityNames& names, const std::vector<std::string>& queries);

// The message for every miss, one line each: what main prints on stderr with exit code 4.
std::string misses_message(const std::vector<NameSearch>& misses, const std::map<std::string, std::string>& province_of);

// A note as lines of at most `width` bytes, broken at spaces, each line after `indent`
// (continuation lines two spaces more): notes under tables stay within a terminal.
std::string wrap_note(const std::string& note, const std::string& indent, std::size_t width = 120);

// The municipality each found query names with its region in every layer.
// Table: lines fit kTerminalWidth (wrapped) unless `wide`.
std::string format_lookup(const Store& store, const std::vector<NameResolution>& found, OutputFormat format,
                          bool wide = false);

}  // namespace regiomap
