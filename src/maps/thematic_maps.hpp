// The maps regiomap draws, built from analysis results: each function turns
// results (scores, divisions, leaders, a balance check, located initiatives)
// into a render::MapPage, the renderer's thematic table, with title, data
// year, legend and attribution in the language asked for. The style (which
// colours) is the caller's: each kind has its default in styles/.
#pragma once

#include "analysis/governance.hpp"
#include "analysis/incongruence.hpp"
#include "core/language.hpp"
#include "history/division_changes.hpp"
#include "initiatives/balance.hpp"
#include "initiatives/initiative_map.hpp"
#include "initiatives/market_leaders.hpp"
#include "maps/map_geometry.hpp"
#include "render/map_page.hpp"
#include "store/store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace regiomap {

enum class MapSize { a4, a3, web };
render::PageSize page_size(MapSize size, bool landscape);

// Where a focused map looks: a province, a region of any layer or a municipality.
struct MapFocus {
    std::string label;            // "Provincie Utrecht", "GGD Twente", "Veenendaal"
    render::Extent extent;        // of the focused area, map coordinates
    std::vector<bool> municipality_in;  // per municipality (Governance index)
};

// Finds the focus by region code or name (provinces first, then every other layer)
// or a municipality name; throws NotFoundError naming what was looked for.
MapFocus find_focus(const Governance& governance, MapGeometry& geometry, const MunicipalityNames& names,
                    const std::string& text);

struct MapContext {
    const Governance& governance;
    MapGeometry& geometry;
    std::vector<LayerRecord> layers;  // titles and years, from the store
    std::string attribution;          // the data's attribution (geodata/manifest.json)
    Language language = Language::nl;
    MapSize size = MapSize::a4;
    std::optional<MapFocus> focus;
};

MapContext map_context(const Store& store, const Governance& governance, MapGeometry& geometry, Language language,
                       MapSize size);

// The layer's title for maps ("Zorgkantoorregio's (Wlz)", "zorgkantoor regions (Wlz)").
std::string layer_title(const MapContext& context, const std::string& layer_id);

// Congruence C per municipality, classed by the style's step stops.
render::MapPage incongruence_map(const MapContext& context, const std::vector<IncongruenceScore>& scores,
                                 const std::vector<std::string>& layer_ids, const render::MapStyle& style);

// One division's regions, neighbours in different colours, with labels.
render::MapPage regions_map(const MapContext& context, const std::string& layer_id);

// Division `fill_layer` as coloured areas, `outline_layer`'s borders on top.
render::MapPage overlay_map(const MapContext& context, const std::string& fill_layer, const std::string& outline_layer);

// One or two municipalities (panels side by side), each with its region in every
// layer outlined: the insurers' Veenendaal versus Enschede figure.
render::MapPage profile_map(const MapContext& context, const std::vector<int>& municipalities,
                            const std::vector<std::string>& layer_ids, const std::vector<IncongruenceScore>& scores,
                            const render::MapStyle& style);

// The market-leading concern per region of the leaders' division.
render::MapPage leaders_map(const MapContext& context, const MarketLeaders& leaders, const render::MapStyle& style);

// Observed against expected entries per leader region of one concern.
render::MapPage balance_map(const MapContext& context, const MarketLeaders& leaders, const BalanceResult& balance,
                            const render::MapStyle& style);

// The change of congruence C per municipality between two years, on the later year's
// municipalities (`context`); `before` is the earlier year's governance. Municipalities now in
// another region of a division and those formed by a merger are outlined and named.
render::MapPage changes_map(const MapContext& context, const Governance& before, const YearChanges& changes,
                            const render::MapStyle& style);

// Initiatives as circles sized by the number of municipalities they cover, over a division.
render::MapPage initiatives_map(const MapContext& context, const std::vector<LocatedInitiative>& located,
                                const std::string& layer_id, const render::MapStyle& style);

}  // namespace regiomap
