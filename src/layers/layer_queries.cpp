#include "layers/layer_queries.hpp"

namespace regiomap {

std::map<std::string, std::string> province_of_municipalities(const Store& store) {
    std::map<std::string, std::string> provinces;
    for (const auto& layer : store.layers()) {
        if (layer.id != "provincie") continue;
        for (const auto& row : store.memberships(layer.id)) provinces[row.municipality_code] = row.region_name;
    }
    return provinces;
}

LookupResult find_municipalities(const MunicipalityNames& names, const std::vector<std::string>& queries) {
    LookupResult result;
    for (const auto& query : queries) {
        NameSearch search = names.search(query);
        if (search.outcome == NameSearch::Outcome::found) {
            result.found.push_back(search.found);
        } else {
            result.misses.push_back(std::move(search));
        }
    }
    return result;
}
DefaultRegionFacts default_facts_from_store(const Store& store, const std::string& layer_id,
                                            const std::string& region_code) {
    DefaultRegionFacts facts;
    facts.layer_id = layer_id;
    facts.default_layer = store.layer(layer_id).default_layer;
    std::vector<std::string> member_codes;
    for (const auto& row : store.memberships(layer_id)) {
        if (row.region_code != region_code) continue;
        member_codes.push_back(row.municipality_code);
        facts.member_names.push_back(row.municipality_name);
    }
    if (facts.default_layer.empty() || member_codes.empty()) {
        facts.whole_origin = facts.member_names.empty();  // origin_size stays 0
        return facts;
    }
    const auto origin_rows = store.memberships(facts.default_layer);
    for (const auto& row : origin_rows) {
        if (row.municipality_code != member_codes.front()) continue;
        facts.origin_code = row.region_code;
        facts.origin_name = row.region_name;
    }
    for (const auto& row : origin_rows) facts.origin_size += row.region_code == facts.origin_code ? 1 : 0;
    facts.whole_origin = static_cast<int>(facts.member_names.size()) == facts.origin_size;
    return facts;
}

LayerOverview layer_overview(const Store& store) {
    LayerOverview overview;
    overview.division_year = store.year();
    overview.years_loaded = store.years();
    overview.population_date = store.population_date();
    overview.layers = store.layers();
    overview.municipality_count = overview.layers.empty() ? 0 : overview.layers.front().region_count;
    for (const auto& layer : overview.layers) overview.findings[layer.id] = store.findings(layer.id);
    return overview;
}

LookupView lookup_view(const Store& store, const std::vector<NameResolution>& found) {
    std::map<std::string, MunicipalityRow> municipalities;
    for (auto& row : store.municipalities()) municipalities[row.code] = row;
    std::map<std::pair<std::string, std::string>, DefaultRegionFacts> default_regions;  // (layer, region) -> facts
    LookupView view;
    view.population_date = store.population_date();
    for (const auto& resolution : found) {
        LookupAnswer answer{&resolution, {}};
        for (const auto& target : resolution.entry->targets) {
            LookupTarget item{municipalities.at(target.code), target.share, {}};
            for (auto& membership : store.memberships_of(target.code)) {
                if (membership.basis == MembershipBasis::self) continue;
                LookupMembership entry{membership, std::nullopt};
                if (membership.basis == MembershipBasis::layer_default) {
                    auto [facts, inserted] = default_regions.try_emplace({membership.layer_id, membership.region_code});
                    if (inserted) facts->second = default_facts_from_store(store, membership.layer_id, membership.region_code);
                    entry.default_region = facts->second;
                }
                item.memberships.push_back(std::move(entry));
            }
            answer.targets.push_back(std::move(item));
        }
        view.answers.push_back(std::move(answer));
    }
    return view;
}

}  // namespace regiomap
