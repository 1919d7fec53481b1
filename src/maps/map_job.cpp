#include "maps/map_job.hpp"

#include "analysis/incongruence.hpp"
#include "core/error.hpp"
#include "core/resources.hpp"
#include "history/division_changes.hpp"
#include "history/stored_crosswalk.hpp"
#include "initiatives/initiative_map.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <ctime>
#include <map>

namespace regiomap {

namespace {

const std::map<std::string, MapKind>& kinds() {
    static const std::map<std::string, MapKind> table{
        {"incongruence", MapKind::incongruence}, {"regions", MapKind::regions}, {"overlay", MapKind::overlay},
        {"initiatives", MapKind::initiatives},   {"leaders", MapKind::leaders}, {"balance", MapKind::balance},
        {"profile", MapKind::profile},           {"changes", MapKind::changes}};
    return table;
}

MarketLeaders leaders_for(const InitiativeWorkspace& workspace, const MapRequest& request) {
    return request.market_shares.empty()
               ? market_leaders(workspace.governance, request.division)
               : market_leaders_from_table(workspace.governance, workspace.names, workspace.insurers, request.division,
                                           request.market_shares, request.decimal);
}

void require_register(const MapRequest& request) {
    if (request.register_file.empty()) {
        throw UsageError(fmt::format("map {} needs --register FILE (an initiative register)", to_string(request.kind)));
    }
}

}  // namespace

MapKind map_kind_from(const std::string& text) {
    auto found = kinds().find(text);
    if (found != kinds().end()) return found->second;
    std::vector<std::string> names;
    for (const auto& [name, kind] : kinds()) names.push_back(name);
    throw UsageError(fmt::format("unknown map kind '{}'; kinds: {}", text.substr(0, 80), fmt::join(names, ", ")));
}

std::string to_string(MapKind kind) {
    for (const auto& [name, value] : kinds()) {
        if (value == kind) return name;
    }
    return "map";
}

std::filesystem::path default_style_file(MapKind kind) {
    return find_style(to_string(kind));
}

render::DocumentInfo map_document_info(const Store& store, const std::string& title) {
    render::DocumentInfo info;
    info.title = title;
    // Reproducible builds' convention first, else the data's own date: never the clock.
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
        char* end = nullptr;
        const long long seconds = std::strtoll(epoch, &end, 10);
        if (end && *end == '\0' && seconds >= 0) {
            std::time_t time = static_cast<std::time_t>(seconds);
            std::tm utc{};
            gmtime_r(&time, &utc);
            char buffer[32];
            std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
            info.creation_date = buffer;
            return info;
        }
    }
    const std::string date = store.population_date();
    // A year without population figures: 1 January of the division year, the data's own year.
    info.creation_date = (date.size() == 10 ? date : fmt::format("{}-01-01", store.year())) + "T00:00:00Z";
    return info;
}

std::string make_map(const Store& store, const MapRequest& request) {
    const auto style_file = request.style.empty() ? default_style_file(request.kind) : request.style;
    const render::MapStyle style = render::read_style(style_file);
    InitiativeWorkspace workspace(store);
    Governance& governance = workspace.governance;
    MapGeometry geometry(store);
    MapContext context = map_context(store, governance, geometry, request.language, request.size);
    if (!request.focus.empty()) context.focus = find_focus(governance, geometry, workspace.names, request.focus);

    auto layer_or = [&](const std::string& fallback) {
        const std::string layer = request.layer.empty() ? fallback : request.layer;
        governance.division(layer);  // NotFoundError listing the layers
        return layer;
    };

    render::MapPage page;
    switch (request.kind) {
        case MapKind::incongruence: {
            IncongruenceModel model(governance, request.score_layers);
            page = incongruence_map(context, model.score_all(), request.score_layers, style);
            break;
        }
        case MapKind::regions:
            page = regions_map(context, layer_or(kZorgkantoorLayer));
            break;
        case MapKind::overlay: {
            if (request.with.empty()) throw UsageError("map overlay needs --with LAYER: the division drawn as borders");
            governance.division(request.with);
            page = overlay_map(context, layer_or(kZorgkantoorLayer), request.with);
            break;
        }
        case MapKind::profile: {
            if (request.municipalities.empty() || request.municipalities.size() > 2) {
                throw UsageError("map profile needs one or two municipalities, e.g. map profile Veenendaal Enschede");
            }
            std::vector<int> found;
            for (const auto& query : request.municipalities) {
                found.push_back(governance.index_of.at(single_code(*workspace.names.resolve_query(query).entry, query)));
            }
            std::vector<std::string> layers = request.score_layers;
            if (governance.has_division(kWorkStructureLayer) &&
                std::find(layers.begin(), layers.end(), kWorkStructureLayer) == layers.end()) {
                layers.push_back(kWorkStructureLayer);
            }
            IncongruenceModel model(governance, request.score_layers);
            std::vector<IncongruenceScore> scores;
            for (int m : found) scores.push_back(model.score(m));
            page = profile_map(context, found, layers, scores, style);
            break;
        }
        case MapKind::leaders:
            page = leaders_map(context, leaders_for(workspace, request), style);
            break;
        case MapKind::balance: {
            if (request.insurer.empty()) throw UsageError("map balance needs --insurer NAME, e.g. --insurer \"Zilveren Kruis\"");
            require_register(request);
            const std::string concern = workspace.insurers.require_concern(request.insurer);
            MarketLeaders leaders = leaders_for(workspace, request);
            Register register_ = workspace.read(request.register_file, request.decimal);
            auto located = workspace.locate(register_);
            BalanceResult result = check_balance(governance, leaders, located, concern, BalanceOptions{});
            page = balance_map(context, leaders, result, style);
            break;
        }
        case MapKind::changes: {
            if (request.from_year == 0 || request.from_year >= store.year()) {
                throw UsageError(fmt::format("map changes compares an earlier year with a later one: --from {} must be "
                                             "before --to {}",
                                             request.from_year, store.year()));
            }
            const Store before_store = store.at_year(request.from_year);
            const Governance before = read_governance(before_store);
            for (const Governance* year : {&before, static_cast<const Governance*>(&governance)}) {
                for (const auto& layer : request.score_layers) year->division(layer);  // NotFoundError lists the layers
            }
            const Crosswalk crosswalk = crosswalk_between(before_store, store);
            page = changes_map(context, before, compare_years(before, governance, crosswalk, request.score_layers), style);
            break;
        }
        case MapKind::initiatives: {
            require_register(request);
            Register register_ = workspace.read(request.register_file, request.decimal);
            auto located = workspace.locate(register_);
            page = initiatives_map(context, located, layer_or(kZorgkantoorLayer), style);
            break;
        }
    }
    const double dpi = request.dpi > 0 ? request.dpi : (request.size == MapSize::web ? 96 : 150);
    return render::render_map(page, style, request.output, dpi, map_document_info(store, page.title));
}

}  // namespace regiomap
