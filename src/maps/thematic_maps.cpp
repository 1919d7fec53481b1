#include "maps/thematic_maps.hpp"

#include "core/error.hpp"
#include "core/number_format.hpp"
#include "present/initiatives_text.hpp"
#include "present/insurer_basis_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

namespace regiomap {

using render::FeatureProperties;
using render::LegendBlock;
using render::LegendItem;
using render::LegendMark;
using render::MapFeature;
using render::MapPage;
using render::MapPanel;

namespace {

// Region outlines of the profile figure, one colour per layer (Okabe-Ito, colour-blind safe).
const render::Colour kProfileColours[] = {
    {0.902, 0.624, 0.0, 1},    // #E69F00 orange
    {0.337, 0.706, 0.914, 1},  // #56B4E9 sky blue
    {0.0, 0.620, 0.451, 1},    // #009E73 bluish green
    {0.800, 0.475, 0.655, 1},  // #CC79A7 reddish purple
    {0.0, 0.447, 0.698, 1},    // #0072B2 blue
    {0.835, 0.369, 0.0, 1},    // #D55E00 vermillion
};

std::string tr(const MapContext& context, const char* dutch, const char* english) {
    return in_language(context.language, dutch, english);
}

const Division& division_of(const MapContext& context, const std::string& layer_id) {
    return context.governance.division(layer_id);
}

int year_of(const MapContext& context, const std::string& layer_id) {
    for (const auto& layer : context.layers) {
        if (layer.id == layer_id) return layer.year;
    }
    return 0;
}

std::string years_text(const MapContext& context, const std::vector<std::string>& layer_ids) {
    std::set<int> years;
    for (const auto& id : layer_ids) years.insert(year_of(context, id));
    if (years.size() == 1) return fmt::format("{}", *years.begin());
    std::vector<std::string> parts;
    for (const auto& id : layer_ids) parts.push_back(fmt::format("{} {}", id, year_of(context, id)));
    return fmt::format("{}", fmt::join(parts, ", "));
}

// "Bron: CBS, Kadaster ...; indelingen: gemeenten 2020, zorgkantoor 2020, ..."
std::string attribution_line(const MapContext& context, const std::vector<std::string>& layer_ids) {
    std::vector<std::string> parts;
    std::set<std::string> shown(layer_ids.begin(), layer_ids.end());
    for (const auto& layer : context.layers) {
        const bool municipalities = layer.given_as == "boundaries" && layer.region_count == 0;
        if (shown.count(layer.id) || municipalities || layer.id == "gemeente") {
            parts.push_back(fmt::format("{} {}", layer.id, layer.year));
        }
    }
    return fmt::format("{}; {}: {}. {}", context.attribution, tr(context, "indelingen", "divisions"),
                       fmt::join(parts, ", "), tr(context, "Kaart: regiomap.", "Map: regiomap."));
}

void apply_focus(const MapContext& context, MapPanel& panel) {
    if (!context.focus) return;
    const MapFocus& focus = *context.focus;
    panel.extent = focus.extent;
    for (auto& feature : panel.sources["municipalities"]) {
        auto found = context.governance.index_of.find(feature.id);
        if (found != context.governance.index_of.end()) feature.in_focus = focus.municipality_in[found->second];
    }
}

// The municipality's region lies in the focus when one of its municipalities does.
bool region_in_focus(const MapContext& context, const Division& division, int region) {
    if (!context.focus) return true;
    for (int member : division.members[region]) {
        if (context.focus->municipality_in[member]) return true;
    }
    return false;
}

std::vector<MapFeature> municipality_features(const MapContext& context) {
    std::vector<MapFeature> features;
    const auto& shapes = context.geometry.municipalities();
    for (std::size_t i = 0; i < shapes.size(); ++i) {
        MapFeature feature;
        feature.id = shapes[i].code;
        feature.shape = shapes[i].polygons;
        feature.anchor = shapes[i].label_point;
        feature.properties["code"] = shapes[i].code;
        feature.properties["name"] = context.governance.names[i];
        features.push_back(std::move(feature));
    }
    return features;
}

// Regions of a layer with name, code, member count, and a colour index that no neighbour shares.
std::vector<MapFeature> region_features(const MapContext& context, const std::string& layer_id, bool with_colours) {
    const Division& division = division_of(context, layer_id);
    const auto& shapes = context.geometry.regions(layer_id);
    std::vector<int> colours;
    if (with_colours) colours = colour_graph(context.geometry.region_neighbours(layer_id));
    std::vector<MapFeature> features;
    for (std::size_t i = 0; i < shapes.size(); ++i) {
        MapFeature feature;
        feature.id = shapes[i].code;
        feature.shape = shapes[i].polygons;
        feature.anchor = shapes[i].label_point;
        feature.properties["code"] = shapes[i].code;
        const int region = division.region_index(shapes[i].code);
        feature.properties["name"] = region >= 0 ? division.region_names[region] : shapes[i].code;
        if (region >= 0) {
            feature.properties["municipalities"] = static_cast<double>(division.members[region].size());
            feature.in_focus = region_in_focus(context, division, region);
        }
        if (with_colours) feature.properties["colour_index"] = static_cast<double>(colours[i]);
        features.push_back(std::move(feature));
    }
    return features;
}

// Labels placed largest region first, so the big names win where space is short.
std::vector<MapFeature> labels_by_size(std::vector<MapFeature> features) {
    std::stable_sort(features.begin(), features.end(), [](const MapFeature& a, const MapFeature& b) {
        return render::extent_of(a.shape).width() * render::extent_of(a.shape).height() >
               render::extent_of(b.shape).width() * render::extent_of(b.shape).height();
    });
    for (auto& feature : features) feature.shape.clear();
    return features;
}

std::vector<MapFeature> province_outlines(const MapContext& context) {
    if (!context.governance.has_division(kProvinceLayer)) return {};
    auto features = region_features(context, kProvinceLayer, false);
    return features;
}

// A panel of one division's regions over the municipalities, labelled with `labels`
// (by default the regions themselves, largest first), focused when the map is.
MapPanel region_panel(const MapContext& context, std::vector<MapFeature> regions,
                      std::optional<std::vector<MapFeature>> labels = std::nullopt,
                      render::MapSources extra_sources = {}) {
    MapPanel panel;
    panel.sources = std::move(extra_sources);
    panel.sources["labels"] = labels ? std::move(*labels) : labels_by_size(regions);
    panel.sources["regions"] = std::move(regions);
    panel.sources["municipalities"] = municipality_features(context);
    apply_focus(context, panel);
    return panel;
}

MapPage base_page(const MapContext& context, bool landscape = false) {
    MapPage page;
    page.page = page_size(context.size, landscape);
    return page;
}

std::string focus_suffix(const MapContext& context) {
    return context.focus ? " — " + context.focus->label : "";
}

// "0,2 - 0,4" from a step class's bounds, in the map's language; the top class
// ends at `highest` where the value has a maximum (C is at most 1).
std::string class_label(const MapContext& context, const render::StyleValue::LegendEntry& entry, int decimals,
                        std::optional<double> highest = std::nullopt) {
    auto number = [&](double value) { return format_decimal(value, decimals, context.language); };
    const std::optional<double> to = entry.to ? entry.to : highest;
    if (entry.from && to) return fmt::format("{} – {}", number(*entry.from), number(*to));
    if (to) return fmt::format("< {}", number(*to));
    if (entry.from) return fmt::format("{} {}", tr(context, "vanaf", "from"), number(*entry.from));
    return entry.label;
}

const render::StyleValue* fill_colour_of(const render::MapStyle& style, const std::string& source) {
    for (const auto& layer : style.layers) {
        if (layer.type == render::StyleLayerType::fill && layer.source == source) {
            if (const auto* value = layer.property("fill-color")) return value;
        }
    }
    return nullptr;
}

}  // namespace

render::PageSize page_size(MapSize size, bool landscape) {
    switch (size) {
        case MapSize::a4: return landscape ? render::kA4Landscape : render::kA4Portrait;
        case MapSize::a3: return landscape ? render::kA3Landscape : render::PageSize{841.89, 1190.55};
        case MapSize::web: return landscape ? render::PageSize{720, 480} : render::PageSize{600, 720};
    }
    return render::kA4Portrait;
}

MapFocus find_focus(const Governance& governance, MapGeometry& geometry, const MunicipalityNames& names,
                    const std::string& text) {
    MapFocus focus;
    focus.municipality_in.assign(governance.codes.size(), false);
    auto extent_of_members = [&](const std::vector<int>& members) {
        render::Extent all;
        for (int member : members) {
            focus.municipality_in[member] = true;
            all = render::united(all, geometry.municipalities()[member].extent);
        }
        return all;
    };
    std::vector<const Division*> order;
    if (governance.has_division(kProvinceLayer)) order.push_back(&governance.division(kProvinceLayer));
    for (const auto& division : governance.divisions) {
        if (division.layer_id != kProvinceLayer) order.push_back(&division);
    }
    for (const Division* division : order) {
        const int region = division->region_index(text);
        if (region >= 0 && !division->members[region].empty()) {
            focus.label = fmt::format("{} ({})", division->region_names[region], division->layer_id);
            focus.extent = extent_of_members(division->members[region]);
            return focus;
        }
    }
    NameSearch search = names.search(text);
    if (search.outcome == NameSearch::Outcome::found && search.found.entry->targets.size() == 1) {
        auto found = governance.index_of.find(search.found.entry->targets.front().code);
        if (found != governance.index_of.end()) {
            focus.label = governance.names[found->second];
            focus.extent = extent_of_members({found->second});
            // A municipality alone says little: show it amid its neighbours, greyed.
            const double grow = std::max(focus.extent.width(), focus.extent.height()) * 0.6;
            focus.extent = {focus.extent.min_x - grow, focus.extent.min_y - grow, focus.extent.max_x + grow,
                            focus.extent.max_y + grow};
            return focus;
        }
    }
    throw NotFoundError("--focus '" + text.substr(0, 80) +
                        "' is no province, region (code or name of any layer) or municipality; " + miss_message(search));
}

MapContext map_context(const Store& store, const Governance& governance, MapGeometry& geometry, Language language,
                       MapSize size) {
    return MapContext{governance, geometry, store.layers(), store.attribution(), language, size, std::nullopt};
}

std::string layer_title(const MapContext& context, const std::string& layer_id) {
    if (context.language == Language::en) {
        static const std::map<std::string, std::string> english{
            {"zorgkantoor", "zorgkantoor regions (Wlz)"},      {"ggd", "GGD regions (Wpg)"},
            {"jeugdregio", "youth-care regions (Jeugdwet)"},   {"provincie", "provinces"},
            {"veiligheidsregio", "safety regions"},             {"werkstructuur", "VNG/ZN regional work structures"},
            {"gemeente", "municipalities"}};
        if (auto found = english.find(layer_id); found != english.end()) return found->second;
    }
    for (const auto& layer : context.layers) {
        if (layer.id == layer_id) return layer.title;
    }
    return layer_id;
}

MapPage incongruence_map(const MapContext& context, const std::vector<IncongruenceScore>& scores,
                         const std::vector<std::string>& layer_ids, const render::MapStyle& style) {
    MapPage page = base_page(context);
    std::vector<std::string> titles;
    for (const auto& id : layer_ids) titles.push_back(layer_title(context, id));
    page.title = tr(context, "Bestuurlijke congruentie per gemeente", "Governance congruence per municipality") +
                 focus_suffix(context);
    page.subtitle = fmt::format(
        "{} {}. {} {}.",
        tr(context, "Congruentie C: het deel van de partnergemeenten waarmee een gemeente in élke indeling samen in een "
                    "regio zit. Indelingen:",
                    "Congruence C: the share of partner municipalities a municipality shares a region with in every "
                    "division. Divisions:"),
        fmt::join(titles, ", "), tr(context, "Gegevens", "Data"), years_text(context, layer_ids));
    MapPanel panel;
    auto municipalities = municipality_features(context);
    std::vector<const IncongruenceScore*> by_municipality(municipalities.size(), nullptr);
    for (const auto& score : scores) by_municipality[score.municipality] = &score;
    for (std::size_t i = 0; i < municipalities.size(); ++i) {
        if (const auto* score = by_municipality[i]) {
            municipalities[i].properties["C"] = score->congruence;
            municipalities[i].properties["T"] = static_cast<double>(score->tables);
        }
    }
    // The most fragmented municipalities carry their names; C ascending, then most tables.
    std::vector<const IncongruenceScore*> ranked;
    for (const auto& score : scores) ranked.push_back(&score);
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto* a, const auto* b) {
        if (a->congruence != b->congruence) return a->congruence < b->congruence;
        return a->tables > b->tables;
    });
    std::vector<MapFeature> labels;
    const std::size_t label_count = context.focus ? 60 : 25;
    for (const auto* score : ranked) {
        if (labels.size() >= label_count) break;
        MapFeature label = municipalities[score->municipality];
        if (context.focus && !context.focus->municipality_in[score->municipality]) continue;
        label.shape.clear();
        labels.push_back(std::move(label));
    }
    panel.sources["municipalities"] = std::move(municipalities);
    panel.sources["outlines"] = province_outlines(context);
    panel.sources["labels"] = std::move(labels);
    apply_focus(context, panel);
    page.panels.push_back(std::move(panel));

    LegendBlock legend;
    legend.title = tr(context, "Congruentie C", "Congruence C");
    if (const auto* fill = fill_colour_of(style, "municipalities")) {
        auto entries = fill->legend_entries();
        // Most fragmented (lowest C) on top, as the title promises.
        std::map<int, int> counts;
        for (const auto& entry : entries) {
            LegendItem item{class_label(context, entry, 1, 1.0), entry.colour, LegendMark::box, 0};
            int count = 0;
            for (const auto& score : scores) {
                if (context.focus && !context.focus->municipality_in[score.municipality]) continue;
                const bool above = !entry.from || score.congruence >= *entry.from;
                const bool below = !entry.to || score.congruence < *entry.to;
                if (above && below) ++count;
            }
            item.label += fmt::format(" ({} {})", count, tr(context, "gem.", "mun."));
            legend.items.push_back(std::move(item));
        }
    }
    legend.items.push_back({tr(context, "provinciegrens", "province border"), {0.25, 0.25, 0.25, 1}, LegendMark::line, 0.8});
    page.legend.push_back(std::move(legend));
    page.notes.push_back(fmt::format(fmt::runtime(tr(context,
                                                     "Rood: versnipperd (C laag), blauw: congruent (C = 1). Namen: tot {} "
                                                     "van de meest versnipperde gemeenten{}, waar er plaats voor is.",
                                                     "Red: fragmented (low C), blue: congruent (C = 1). Names: up to {} of "
                                                     "the most fragmented municipalities{}, where there is room.")),
                                     label_count, context.focus ? " " + tr(context, "in beeld", "in view") : ""));
    page.attribution = attribution_line(context, layer_ids);
    return page;
}

MapPage regions_map(const MapContext& context, const std::string& layer_id) {
    const Division& division = division_of(context, layer_id);
    MapPage page = base_page(context);
    page.title = sentence_start(layer_title(context, layer_id)) + focus_suffix(context);
    page.subtitle = fmt::format("{} {} {}. {} {}.", division.region_codes.size(), tr(context, "regio's,", "regions,"),
                                layer_id, tr(context, "Indeling", "Division"), year_of(context, layer_id));
    auto regions = region_features(context, layer_id, true);
    page.panels.push_back(region_panel(context, std::move(regions)));
    LegendBlock legend;
    legend.items.push_back({tr(context, "regiogrens", "region border"), {0.19, 0.19, 0.19, 1}, LegendMark::line, 0.7});
    legend.items.push_back({tr(context, "gemeentegrens", "municipal border"), {0.6, 0.6, 0.6, 1}, LegendMark::line, 0.3});
    page.legend.push_back(std::move(legend));
    page.notes.push_back(tr(context, "Buurregio's hebben altijd verschillende kleuren; de kleur zelf betekent niets.",
                            "Neighbouring regions always differ in colour; the colour itself means nothing."));
    page.attribution = attribution_line(context, {layer_id});
    return page;
}

MapPage overlay_map(const MapContext& context, const std::string& fill_layer, const std::string& outline_layer) {
    if (fill_layer == outline_layer) throw UsageError("an overlay needs two different layers (--layer and --with)");
    const Division& fill = division_of(context, fill_layer);
    const Division& outline = division_of(context, outline_layer);
    MapPage page = base_page(context);
    page.title = fmt::format("{} {} {}", sentence_start(layer_title(context, fill_layer)), tr(context, "en", "and"),
                             layer_title(context, outline_layer)) +
                 focus_suffix(context);
    page.subtitle = fmt::format("{}: {} ({}); {}: {} ({}).", tr(context, "Vlakken", "Areas"),
                                layer_title(context, fill_layer), fill.region_codes.size(),
                                tr(context, "zwarte lijnen", "black lines"), layer_title(context, outline_layer),
                                outline.region_codes.size());
    auto regions = region_features(context, fill_layer, true);
    page.panels.push_back(region_panel(context, std::move(regions), std::nullopt,
                                       {{"outlines", region_features(context, outline_layer, false)}}));
    LegendBlock legend;
    legend.items.push_back({fmt::format("{} {}", tr(context, "vlak:", "area:"), layer_title(context, fill_layer)),
                            {0.55, 0.75, 0.65, 1}, LegendMark::box, 0});
    legend.items.push_back({fmt::format("{} {}", tr(context, "grens:", "border:"), layer_title(context, outline_layer)),
                            {0.08, 0.08, 0.08, 1}, LegendMark::line, 1.4});
    page.legend.push_back(std::move(legend));
    page.notes.push_back(tr(context,
                            "Waar een zwarte lijn door een gekleurd vlak loopt, splitst de ene indeling een regio van de andere.",
                            "Where a black line crosses a coloured area, one division splits a region of the other."));
    page.attribution = attribution_line(context, {fill_layer, outline_layer});
    return page;
}

MapPage profile_map(const MapContext& context, const std::vector<int>& municipalities,
                    const std::vector<std::string>& layer_ids, const std::vector<IncongruenceScore>& scores,
                    const render::MapStyle& style) {
    if (municipalities.empty() || municipalities.size() > 2) throw UsageError("a profile map shows one or two municipalities");
    MapPage page = base_page(context, municipalities.size() == 2);
    std::vector<std::string> names;
    for (int m : municipalities) names.push_back(context.governance.names[m]);
    page.title = fmt::format("{}: {}", tr(context, "Regio's per wet", "Regions per law"), fmt::join(names, tr(context, " en ", " and ")));
    page.subtitle = tr(context,
                       "Elke lijn is de grens van de regio waarin de gemeente valt; hoe meer lijnen uiteenlopen, hoe meer "
                       "verschillende tafels.",
                       "Each line is the border of the municipality's region in one division; the more they diverge, the "
                       "more different tables.");
    for (int m : municipalities) {
        MapPanel panel;
        const IncongruenceScore* score = nullptr;
        for (const auto& s : scores) {
            if (s.municipality == m) score = &s;
        }
        panel.title = score ? fmt::format("{} — C = {}, T = {}", context.governance.names[m],
                                          format_decimal(score->congruence, 3, context.language), score->tables)
                            : context.governance.names[m];
        auto base = municipality_features(context);
        render::Extent extent = context.geometry.municipalities()[m].extent;
        std::vector<MapFeature> outlines;
        for (std::size_t l = 0; l < layer_ids.size(); ++l) {
            const Division& division = division_of(context, layer_ids[l]);
            const int region = division.region_of[m];
            if (region < 0) continue;
            const MapShape* shape = context.geometry.region(layer_ids[l], division.region_codes[region]);
            if (!shape) continue;
            MapFeature outline;
            outline.id = shape->code;
            outline.shape = shape->polygons;
            outline.anchor = shape->label_point;
            outline.properties["layer_index"] = static_cast<double>(l);
            outline.properties["name"] = division.region_names[region];
            outlines.push_back(std::move(outline));
            extent = render::united(extent, shape->extent);
        }
        for (auto& feature : base) feature.properties["highlight"] = feature.id == context.governance.codes[m] ? 1.0 : 0.0;
        // Widest line first, so every border stays visible where borders coincide.
        std::reverse(outlines.begin(), outlines.end());
        MapFeature label = base[m];
        label.shape.clear();
        panel.sources["labels"] = {label};
        panel.sources["municipalities"] = std::move(base);
        panel.sources["outlines"] = std::move(outlines);
        const double pad = std::max(extent.width(), extent.height()) * 0.08;
        panel.extent = {extent.min_x - pad, extent.min_y - pad, extent.max_x + pad, extent.max_y + pad};
        page.panels.push_back(std::move(panel));
    }
    // The legend draws each layer's line as the style draws it.
    const render::StyleLayer* outline_layer = nullptr;
    for (const auto& layer : style.layers) {
        if (layer.type == render::StyleLayerType::line && layer.source == "outlines") outline_layer = &layer;
    }
    LegendBlock legend;
    for (std::size_t l = 0; l < layer_ids.size(); ++l) {
        FeatureProperties properties{{"layer_index", static_cast<double>(l)}};
        render::Colour colour = kProfileColours[l % std::size(kProfileColours)];
        double width = 2.0;
        if (outline_layer) {
            if (const auto* value = outline_layer->property("line-color")) colour = value->colour(properties, colour);
            if (const auto* value = outline_layer->property("line-width")) width = value->number(properties, width);
        }
        legend.items.push_back({sentence_start(layer_title(context, layer_ids[l])), colour, LegendMark::line, width});
    }
    page.legend.push_back(std::move(legend));
    page.attribution = attribution_line(context, layer_ids);
    return page;
}

namespace {

// The legend line of a line layer as the style draws it.
LegendItem line_legend_item(const render::MapStyle& style, const std::string& source, std::string label) {
    LegendItem item{std::move(label), {0.1, 0.1, 0.1, 1}, LegendMark::line, 1.0};
    for (const auto& layer : style.layers) {
        if (layer.type != render::StyleLayerType::line || layer.source != source) continue;
        if (const auto* value = layer.property("line-color")) item.colour = value->colour({}, item.colour);
        if (const auto* value = layer.property("line-width")) item.size_pt = value->number({}, item.size_pt);
    }
    return item;
}

// A class of the change in C: "lager: 0,01 – 0,10", "nagenoeg gelijk (-0,01 – 0,01)", "hoger: 0,10 of meer".
std::string change_class_label(const MapContext& context, const render::StyleValue::LegendEntry& entry) {
    auto number = [&](double value) { return format_decimal(value, 2, context.language); };
    if (entry.from && entry.to && *entry.from < 0 && *entry.to > 0) {
        return fmt::format("{} ({} – {})", tr(context, "nagenoeg gelijk", "about the same"), number(*entry.from),
                           number(*entry.to));
    }
    if (entry.to && *entry.to <= 0) {
        const std::string lower = tr(context, "lager", "lower");
        if (!entry.from) return fmt::format("{}: {} {}", lower, number(-*entry.to), tr(context, "of meer", "or more"));
        return fmt::format("{}: {} – {}", lower, number(-*entry.to), number(-*entry.from));
    }
    if (entry.from && *entry.from >= 0) {
        const std::string higher = tr(context, "hoger", "higher");
        if (!entry.to) return fmt::format("{}: {} {}", higher, number(*entry.from), tr(context, "of meer", "or more"));
        return fmt::format("{}: {} – {}", higher, number(*entry.from), number(*entry.to));
    }
    return class_label(context, entry, 2);
}

}  // namespace

MapPage changes_map(const MapContext& context, const Governance& before, const YearChanges& changes,
                    const render::MapStyle& style) {
    MapPage page = base_page(context);
    std::vector<std::string> titles;
    for (const auto& id : changes.scored_layers) titles.push_back(layer_title(context, id));
    page.title = fmt::format(fmt::runtime(tr(context, "Wat veranderde er sinds {}: congruentie per gemeente",
                                             "What changed since {}: congruence per municipality")),
                             changes.from_year) +
                 focus_suffix(context);
    page.subtitle = fmt::format(
        fmt::runtime(tr(context,
                        "Verschil in congruentie C tussen {} en {}, op de gemeenten van {}; een gemeente vergeleken met "
                        "haar voorganger met het grootste deel van haar oppervlak. Indelingen: {}.",
                        "Change in congruence C from {} to {}, on the municipalities of {}; each compared with its "
                        "predecessor holding the largest part of its area. Divisions: {}.")),
        changes.from_year, changes.to_year, changes.to_year, fmt::join(titles, ", "));

    MapPanel panel;
    auto municipalities = municipality_features(context);
    std::vector<MapFeature> moved, merged, labels;
    std::vector<const MunicipalityYearChange*> ranked;
    for (const MunicipalityYearChange& change : changes.municipalities) {
        MapFeature& feature = municipalities[change.municipality];
        if (change.compared()) feature.properties["dC"] = change.congruence_change();
        if (!change.layers_moved.empty()) moved.push_back(feature);
        if (change.formed_from > 1) merged.push_back(feature);
        ranked.push_back(&change);
    }
    // Names: municipalities now in another region first, then the largest changes of C, then mergers.
    auto weight = [](const MunicipalityYearChange* change) {
        return std::make_tuple(!change->layers_moved.empty(), std::abs(change->compared() ? change->congruence_change() : 0),
                               change->formed_from > 1);
    };
    std::stable_sort(ranked.begin(), ranked.end(), [&](const auto* a, const auto* b) { return weight(a) > weight(b); });
    const std::size_t label_count = context.focus ? 60 : 25;
    for (const auto* change : ranked) {
        if (labels.size() >= label_count) break;
        const bool worth_naming = !change->layers_moved.empty() || change->formed_from > 1 ||
                                  (change->compared() && std::abs(change->congruence_change()) >= 0.01);
        if (!worth_naming) break;
        if (context.focus && !context.focus->municipality_in[change->municipality]) continue;
        MapFeature label = municipalities[change->municipality];
        label.shape.clear();
        labels.push_back(std::move(label));
    }
    panel.sources["municipalities"] = std::move(municipalities);
    panel.sources["outlines"] = province_outlines(context);
    panel.sources["moved"] = std::move(moved);
    panel.sources["merged"] = std::move(merged);
    panel.sources["labels"] = std::move(labels);
    apply_focus(context, panel);
    page.panels.push_back(std::move(panel));

    LegendBlock legend;
    legend.title = fmt::format(fmt::runtime(tr(context, "Congruentie C, {} tegen {}", "Congruence C, {} against {}")),
                               changes.to_year, changes.from_year);
    if (const auto* fill = fill_colour_of(style, "municipalities")) {
        auto entries = fill->legend_entries();
        // Most worsened on top, as in the incongruence map's order (fragmented first).
        for (const auto& entry : entries) {
            int count = 0;
            for (const auto& change : changes.municipalities) {
                if (!change.compared()) continue;
                if (context.focus && !context.focus->municipality_in[change.municipality]) continue;
                const double value = change.congruence_change();
                if ((!entry.from || value >= *entry.from) && (!entry.to || value < *entry.to)) ++count;
            }
            legend.items.push_back({fmt::format("{} ({} {})", change_class_label(context, entry), count,
                                                tr(context, "gem.", "mun.")),
                                    entry.colour, LegendMark::box, 0});
        }
    }
    legend.items.push_back(line_legend_item(style, "moved", tr(context, "nu in een andere regio", "now in another region")));
    legend.items.push_back(line_legend_item(
        style, "merged",
        fmt::format(fmt::runtime(tr(context, "samengevoegd sinds {}", "merged since {}")), changes.from_year)));
    legend.items.push_back(line_legend_item(style, "outlines", tr(context, "provinciegrens", "province border")));
    page.legend.push_back(std::move(legend));

    // Which region each moved municipality left and joined, one note per layer.
    for (const LayerYearChanges& layer : changes.layers) {
        if (layer.moves.empty() || !before.has_division(layer.layer_id)) continue;
        const Division& earlier = before.division(layer.layer_id);
        const Division& later = context.governance.division(layer.layer_id);
        std::vector<std::string> moves;
        for (const RegionMove& move : layer.moves) {
            moves.push_back(fmt::format(fmt::runtime(tr(context, "{} (van {} naar {})", "{} (from {} to {})")),
                                        context.governance.names[move.municipality],
                                        earlier.region_names[move.region_before], later.region_names[move.region_after]));
        }
        page.notes.push_back(fmt::format("{}: {}.", sentence_start(layer_title(context, layer.layer_id)),
                                         fmt::join(moves, ", ")));
    }
    page.notes.push_back(fmt::format(
        fmt::runtime(tr(context, "Gemiddelde C: {} {}, {} {}; volledig congruent: {} en {} gemeenten.",
                        "Mean C: {} {}, {} {}; fully congruent: {} and {} municipalities.")),
        changes.from_year, format_decimal(changes.mean_congruence_before, 3, context.language), changes.to_year,
        format_decimal(changes.mean_congruence_after, 3, context.language), changes.fully_congruent_before,
        changes.fully_congruent_after));
    page.attribution = attribution_line(context, changes.scored_layers);
    return page;
}

MapPage leaders_map(const MapContext& context, const MarketLeaders& leaders, const render::MapStyle& style) {
    const Division& division = division_of(context, leaders.division);
    MapPage page = base_page(context);
    page.title = tr(context, "Marktleider per regio", "Market leader per region") + focus_suffix(context);
    page.subtitle = fmt::format("{} ({}). {}: {}", sentence_start(layer_title(context, leaders.division)), year_of(context, leaders.division),
                                tr(context, "Basis", "Basis"), market_leaders_basis_text(leaders));
    auto regions = region_features(context, leaders.division, false);
    std::map<std::string, int> per_concern;
    for (auto& feature : regions) {
        const int region = division.region_index(feature.id);
        for (const auto& leader : leaders.regions) {
            if (leader.region == region && !leader.concern.empty()) {
                feature.properties["concern"] = leader.concern;
                ++per_concern[leader.concern];
            }
        }
    }
    page.panels.push_back(region_panel(context, std::move(regions)));
    LegendBlock legend;
    legend.title = tr(context, "Marktleider (concern)", "Market leader (concern)");
    if (const auto* fill = fill_colour_of(style, "regions")) {
        for (const auto& entry : fill->legend_entries()) {
            if (entry.label.empty() || !per_concern.count(entry.label)) continue;
            const int count = per_concern[entry.label];
            legend.items.push_back({fmt::format("{} ({} {})", entry.label, count,
                                                count == 1 ? tr(context, "regio", "region") : tr(context, "regio's", "regions")),
                                    entry.colour, LegendMark::box, 0});
        }
    }
    page.legend.push_back(std::move(legend));
    page.attribution = attribution_line(context, {leaders.division});
    return page;
}

MapPage balance_map(const MapContext& context, const MarketLeaders& leaders, const BalanceResult& balance,
                    const render::MapStyle& style) {
    const Division& division = division_of(context, leaders.division);
    MapPage page = base_page(context);
    page.title = fmt::format("{} {}", tr(context, "Spreiding van initiatieven met", "Spread of initiatives with"),
                             balance.concern) +
                 focus_suffix(context);
    page.subtitle = fmt::format("{} ({} {}). {}: {}.",
                                tr(context, "Waargenomen tegen verwacht per regio waar het concern marktleider is",
                                   "Observed against expected per region where the concern is market leader"),
                                balance.regions.size(), tr(context, "regio's", "regions"),
                                tr(context, "Oordeel", "Verdict"), balance_verdict_text(balance, leaders.division));
    auto regions = region_features(context, leaders.division, false);
    std::vector<MapFeature> labels;
    for (auto& feature : regions) {
        const int region = division.region_index(feature.id);
        for (const auto& tally : balance.regions) {
            if (tally.region != region) continue;
            feature.properties["leader"] = 1.0;
            feature.properties["observed"] = tally.observed;
            feature.properties["expected"] = tally.expected;
            if (tally.expected > 0) feature.properties["ratio"] = tally.observed / tally.expected;
            MapFeature label = feature;
            label.shape.clear();
            label.properties["name"] = fmt::format("{}\n{} / {}", division.region_names[region],
                                                   format_decimal(tally.observed, tally.observed == std::floor(tally.observed) ? 0 : 1, context.language),
                                                   format_decimal(tally.expected, 1, context.language));
            labels.push_back(std::move(label));
        }
    }
    page.panels.push_back(region_panel(context, std::move(regions), std::move(labels)));
    LegendBlock legend;
    legend.title = tr(context, "Waargenomen / verwacht", "Observed / expected");
    if (const auto* fill = fill_colour_of(style, "regions")) {
        for (const auto& entry : fill->legend_entries()) {
            legend.items.push_back({class_label(context, entry, 2), entry.colour, LegendMark::box, 0});
        }
    }
    legend.items.push_back({tr(context, "geen marktleider", "not market leader"), render::kNoDataColour, LegendMark::box, 0});
    page.legend.push_back(std::move(legend));
    page.notes.push_back(tr(context, "Label: regio, waargenomen / verwacht aantal initiatieven.",
                            "Label: region, observed / expected number of initiatives."));
    page.attribution = attribution_line(context, {leaders.division});
    return page;
}

MapPage initiatives_map(const MapContext& context, const std::vector<LocatedInitiative>& located,
                        const std::string& layer_id, const render::MapStyle& style) {
    (void)style;
    const Division& division = division_of(context, layer_id);
    MapPage page = base_page(context);
    page.title = tr(context, "Initiatieven en hun werkgebied", "Initiatives and the area they cover") + focus_suffix(context);
    page.subtitle = fmt::format("{} {} {} {}.", located.size(), tr(context, "initiatieven over de", "initiatives over the"),
                                layer_title(context, layer_id), year_of(context, layer_id));
    auto regions = region_features(context, layer_id, true);
    std::vector<int> initiatives_in(division.region_codes.size(), 0);
    std::vector<MapFeature> symbols;
    int largest = 1;
    for (const auto& item : located) {
        const auto& members = item.resolution.municipalities;
        if (members.empty()) continue;
        // The symbol sits at the covered municipalities' centre, weighted by population.
        double x = 0, y = 0, weight = 0;
        for (int m : members) {
            const double w = std::max<double>(1, static_cast<double>(context.governance.population_of(m)));
            x += w * context.geometry.municipalities()[m].label_point.x;
            y += w * context.geometry.municipalities()[m].label_point.y;
            weight += w;
        }
        MapFeature symbol;
        symbol.id = item.entry->id;
        symbol.anchor = {x / weight, y / weight};
        symbol.properties["name"] = item.entry->name;
        symbol.properties["municipalities"] = static_cast<double>(members.size());
        symbol.properties["radius"] = 2.5 + 1.6 * std::sqrt(static_cast<double>(members.size()));
        largest = std::max(largest, static_cast<int>(members.size()));
        for (const auto& share : regions_touched(context.governance, division, members)) ++initiatives_in[share.region];
        if (context.focus) {
            symbol.in_focus = std::any_of(members.begin(), members.end(),
                                          [&](int m) { return context.focus->municipality_in[m]; });
        }
        symbols.push_back(std::move(symbol));
    }
    // Small circles on top of large ones.
    std::stable_sort(symbols.begin(), symbols.end(), [](const MapFeature& a, const MapFeature& b) {
        return std::get<double>(a.properties.at("municipalities")) > std::get<double>(b.properties.at("municipalities"));
    });
    for (auto& feature : regions) {
        const int region = division.region_index(feature.id);
        if (region >= 0) feature.properties["initiatives"] = static_cast<double>(initiatives_in[region]);
    }
    page.panels.push_back(region_panel(context, std::move(regions), std::nullopt, {{"symbols", std::move(symbols)}}));
    LegendBlock legend;
    legend.title = tr(context, "Gemeenten in werkgebied", "Municipalities covered");
    for (int count : {1, 5, 20}) {
        if (count > largest && count != 1) break;
        legend.items.push_back({fmt::format("{}", count), {0.84, 0.37, 0.0, 0.75}, LegendMark::circle,
                                2.5 + 1.6 * std::sqrt(static_cast<double>(count))});
    }
    page.legend.push_back(std::move(legend));
    page.notes.push_back(tr(context, "Een cirkel staat in het bevolkingszwaartepunt van de gemeenten van een initiatief.",
                            "A circle sits at the population centre of an initiative's municipalities."));
    page.attribution = attribution_line(context, {layer_id});
    return page;
}

}  // namespace regiomap
