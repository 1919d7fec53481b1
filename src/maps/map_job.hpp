// `regiomap map KIND`: one map from the store, as PNG, SVG or PDF bytes.
// The request is parsed options; make_map reads the store, runs the analysis
// the kind needs, builds the page (maps/thematic_maps.hpp) and renders it.
#pragma once

#include "core/language.hpp"
#include "core/number_format.hpp"
#include "maps/thematic_maps.hpp"
#include "render/canvas.hpp"
#include "store/store.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace regiomap {

enum class MapKind { incongruence, regions, overlay, initiatives, leaders, balance, profile, changes };
// "incongruence" -> MapKind; throws UsageError listing the kinds.
MapKind map_kind_from(const std::string& text);
std::string to_string(MapKind kind);

struct MapRequest {
    MapKind kind = MapKind::incongruence;
    std::string layer;                       // regions, overlay (areas), initiatives; default per kind
    std::string with;                        // overlay: the division drawn as borders
    std::vector<std::string> municipalities; // profile: one or two
    std::vector<std::string> score_layers{"zorgkantoor", "ggd", "jeugdregio"};
    std::string focus;
    std::filesystem::path style;             // empty: styles/<kind>.json
    MapSize size = MapSize::a4;
    double dpi = 0;                          // 0: 150 for paper sizes, 96 for web
    Language language = Language::nl;
    std::string insurer;                     // balance
    int from_year = 0;                       // changes: the earlier year (the store's year is the later)
    std::filesystem::path register_file;     // balance, initiatives
    std::string division = "zorgkantoor";    // leaders, balance
    std::filesystem::path market_shares;     // leaders, balance: the user's own table
    DecimalConvention decimal = DecimalConvention::automatic;
    render::OutputKind output = render::OutputKind::png;
};

// The default style of a kind: styles/<name>.json from the resources.
std::filesystem::path default_style_file(MapKind kind);

// The map as file bytes. Throws UsageError for a request that does not fit the
// kind (profile without a municipality, overlay without --with), NotFoundError
// for an unknown layer, municipality or focus, DataError for a bad style or table.
std::string make_map(const Store& store, const MapRequest& request);

// What the map is for the PDF's title and the same bytes on every run.
render::DocumentInfo map_document_info(const Store& store, const std::string& title);

}  // namespace regiomap
