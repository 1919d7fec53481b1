// What `regiomap lookup`, `profile` and the layer reports ask the store: municipalities
// by name, provinces, and what a default region holds.
#pragma once

#include "store/store.hpp"

#include <map>
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

}  // namespace regiomap
