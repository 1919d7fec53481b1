// What `regiomap lookup`, `profile` and the layer reports ask the store: municipalities
// by name, provinces, and what a default region holds.
#pragma once

#include "store/store.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace regiomap {

// What a default region of a membership-table layer holds (DEF-ZK23): the
// municipalities of one region of its default layer that no published region lists.
struct DefaultRegionFacts {
    std::string layer_id;        // werkstructuur
    std::string default_layer;   // zorgkantoor
    std::string origin_code;     // ZK23
    std::string origin_name;     // Utrecht
    int origin_size = 0;         // municipalities of ZK23
    std::vector<std::string> member_names;  // the municipalities of the default region
    bool whole_origin = false;   // every municipality of ZK23 is in it: none is published
};

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

// DEF-ZK23 of werkstructuur described from the store's memberships.
DefaultRegionFacts default_facts_from_store(const Store& store, const std::string& layer_id,
                                            const std::string& region_code);

// What `regiomap layers` shows: every layer in store order, the number of municipalities
// (the regions of the municipality layer, the first) and each layer's load findings.
struct LayerOverview {
    int division_year = 0;            // the year shown
    std::vector<int> years_loaded;    // every year in the store, oldest first
    std::string population_date;      // empty: no population figures for this year
    std::vector<LayerRecord> layers;
    int municipality_count = 0;
    std::map<std::string, std::vector<LoadFinding>> findings;  // layer id -> findings
};
LayerOverview layer_overview(const Store& store);

// What `lookup` answers for each found query: every municipality the name points to with
// its region in every layer but the municipality layer itself and, for a default
// membership, what that default region holds.
struct LookupMembership {
    LayerMembershipRow row;
    std::optional<DefaultRegionFacts> default_region;  // for a default membership (basis layer_default)
};
struct LookupTarget {
    MunicipalityRow municipality;
    double share_of_named_place = 1;  // of the addresses of the named place
    std::vector<LookupMembership> memberships;
};
struct LookupAnswer {
    const NameResolution* resolution = nullptr;
    std::vector<LookupTarget> targets;
};
struct LookupView {
    std::string population_date;
    std::vector<LookupAnswer> answers;
};
// `found` must outlive the view.
LookupView lookup_view(const Store& store, const std::vector<NameResolution>& found);

}  // namespace regiomap
