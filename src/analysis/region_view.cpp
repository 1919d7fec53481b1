#include "analysis/region_view.hpp"

#include "core/error.hpp"
#include "core/name_matching.hpp"
#include "initiatives/market_leaders.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <tuple>

namespace regiomap {

namespace {

using json = nlohmann::json;

std::string upper_ascii(std::string text) {
    for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
}

std::string candidate_label(const RegionRef& ref) {
    return fmt::format("{} {} ({})", ref.division->region_codes[ref.region], ref.division->region_names[ref.region],
                       ref.division->layer_id);
}

void sort_by_name(const Governance& governance, std::vector<int>& municipalities) {
    std::stable_sort(municipalities.begin(), municipalities.end(),
                     [&](int a, int b) { return governance.names[a] < governance.names[b]; });
}

}  // namespace

RegionSearch find_regions(const Governance& governance, const std::string& query, const std::string& layer_id) {
    RegionSearch search{query, {}, {}};
    std::vector<const Division*> divisions;
    for (const auto& division : governance.divisions) {
        if (layer_id.empty() || division.layer_id == layer_id) divisions.push_back(&division);
    }
    if (divisions.empty()) governance.division(layer_id);  // throws: no such layer, naming the layers
    // A code wins over a name: "ZK23" is one region even if some region were named so.
    const std::string code = upper_ascii(query);
    for (const auto* division : divisions) {
        for (std::size_t r = 0; r < division->region_codes.size(); ++r) {
            if (upper_ascii(division->region_codes[r]) == code) search.matches.push_back({division, static_cast<int>(r)});
        }
    }
    if (!search.matches.empty()) return search;
    const std::string wanted = normalize_name(query.substr(0, std::min(query.size(), kMaxComparedNameLength)));
    for (const auto* division : divisions) {
        for (std::size_t r = 0; r < division->region_names.size(); ++r) {
            if (normalize_name(division->region_names[r]) == wanted) {
                search.matches.push_back({division, static_cast<int>(r)});
            }
        }
    }
    if (!search.matches.empty() || wanted.empty()) return search;
    std::vector<std::pair<std::size_t, std::string>> scored;
    for (const auto* division : divisions) {
        for (std::size_t r = 0; r < division->region_names.size(); ++r) {
            const std::string name = normalize_name(division->region_names[r]);
            scored.emplace_back(edit_distance(wanted, name.substr(0, std::min(name.size(), kMaxComparedNameLength))),
                                candidate_label({division, static_cast<int>(r)}));
        }
    }
    std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 0; i < scored.size() && i < 3; ++i) search.nearest.push_back(scored[i].second);
    return search;
}

RegionRef require_one_region(const RegionSearch& search, std::string_view choose_layer) {
    if (search.matches.size() == 1) return search.matches.front();
    const std::string quoted = excerpt_for_message(search.query);
    if (search.matches.empty()) {
        throw NotFoundError(fmt::format("no region matches '{}' in any layer{}", quoted,
                                        search.nearest.empty()
                                            ? std::string()
                                            : fmt::format("; nearest: {}", fmt::join(search.nearest, ", "))));
    }
    std::vector<std::string> candidates;
    for (const auto& ref : search.matches) candidates.push_back(candidate_label(ref));
    throw NotFoundError(fmt::format("'{}' names more than one region: {}; give its code or {}", quoted,
                                    fmt::join(candidates, "; "), choose_layer));
}

RegionView region_view(const Governance& governance, const RegionRef& ref) {
    const Division& division = *ref.division;
    RegionView view;
    view.division = ref.division;
    view.region = ref.region;
    view.members = division.members[ref.region];
    sort_by_name(governance, view.members);
    for (int m : view.members) view.population += governance.population_of(m);
    view.default_facts = default_region_facts(governance, division, ref.region);

    for (const auto& other : governance.divisions) {
        if (&other == ref.division) continue;
        std::map<int, OverlapPart> parts;
        for (int m : view.members) {
            auto& part = parts[other.region_of[m]];
            part.region = other.region_of[m];
            part.members.push_back(m);
            part.population += governance.population_of(m);
        }
        DivisionOverlap overlap{&other, {}};
        for (auto& [region, part] : parts) overlap.parts.push_back(std::move(part));
        std::stable_sort(overlap.parts.begin(), overlap.parts.end(), [](const OverlapPart& a, const OverlapPart& b) {
            return a.population != b.population ? a.population > b.population : a.region < b.region;
        });
        view.overlaps.push_back(std::move(overlap));
    }

    // Each distinct fact once, with the municipalities it holds for.
    auto add_facts = [&](RegionInsurerRole role, const std::vector<InsurerFact>& facts, bool published_only) {
        std::vector<RegionInsurer> found;
        for (int m : view.members) {
            const InsurerFact& fact = facts[m];
            if (fact.concern.empty() || (published_only && fact.by_zorgkantoor_rule)) continue;
            auto same = std::find_if(found.begin(), found.end(), [&](const RegionInsurer& entry) {
                return std::tie(entry.concern, entry.basis, entry.year) == std::tie(fact.concern, fact.basis, fact.year);
            });
            if (same == found.end()) same = found.insert(found.end(), {role, fact.concern, fact.basis, fact.year, {}, false});
            same->members.push_back(m);
        }
        for (auto& entry : found) {
            entry.for_every_municipality = entry.members.size() == view.members.size();
            view.insurers.push_back(std::move(entry));
        }
    };
    add_facts(RegionInsurerRole::zorgkantoor_insurer, governance.zorgkantoor_insurer, false);
    const MarketLeaders leaders = market_leaders(governance, division.layer_id);
    for (const auto& leader : leaders.regions) {
        if (leader.region != ref.region || leader.concern.empty()) continue;
        view.insurers.push_back({RegionInsurerRole::market_leader, leader.concern, "", leader.year, {}, false, leader});
    }
    // Only published figures: elsewhere the largest insurer is the zorgkantoor rule, already shown above.
    add_facts(RegionInsurerRole::largest_insurer_published, governance.largest_insurer, true);
    add_facts(RegionInsurerRole::work_structure_lead, governance.work_structure_lead, false);
    return view;
}

}  // namespace regiomap
