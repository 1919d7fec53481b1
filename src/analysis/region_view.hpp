// One region seen from every side (`regiomap region`, and `lookup` of a region
// code): its municipalities with population; for every other division, the
// regions it overlaps with the municipalities in each part; and the insurers
// that act there, each with its basis and year. The analysis returns data
// (RegionView); format_region_view presents it.
#pragma once

#include "analysis/governance.hpp"
#include "core/output.hpp"
#include "initiatives/market_leaders.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace regiomap {

struct RegionRef {
    const Division* division = nullptr;
    int region = -1;
};

// A region found by code (any case: "zk23") or name (case, accents and punctuation
// do not count) in any division, or only in `layer_id` when given. Several matches
// (the name "Utrecht" is a zorgkantoor region, a province and a safety region) come
// back as candidates; none gives the nearest region names.
struct RegionSearch {
    std::string query;
    std::vector<RegionRef> matches;
    std::vector<std::string> nearest;  // "ZK23 Utrecht (zorgkantoor)", when nothing matched
};
RegionSearch find_regions(const Governance& governance, const std::string& query, const std::string& layer_id = {});

// The one region `search` found; throws NotFoundError (exit 4) listing the
// candidates (choose one by code, or as `choose_layer` says) or the nearest names.
RegionRef require_one_region(const RegionSearch& search,
                             std::string_view choose_layer = "choose a layer with --layer");

struct OverlapPart {
    int region = -1;           // region of the other division; -1: no region there (left out)
    std::vector<int> members;  // municipalities of the viewed region in it, by name
    std::int64_t population = 0;
};

struct DivisionOverlap {
    const Division* division = nullptr;
    std::vector<OverlapPart> parts;  // largest population first
};

enum class RegionInsurerRole {
    zorgkantoor_insurer,        // runs the zorgkantoor of the municipalities
    market_leader,              // of the region (market_leaders)
    largest_insurer_published,  // a published largest-insurer figure (not the zorgkantoor rule)
    work_structure_lead,        // leads the municipalities' work structure
};

// An insurer in a role for some of the region's municipalities: where the facts
// differ between municipalities (a published largest insurer for one of them),
// each distinct fact is its own entry.
struct RegionInsurer {
    RegionInsurerRole role = RegionInsurerRole::zorgkantoor_insurer;
    std::string concern;
    std::string basis;  // the fact's basis as the store keeps it; empty for the market leader
    std::string year;
    std::vector<int> members;  // the municipalities it holds for; empty: the region as a whole
    bool for_every_municipality = false;  // `members` are all the region's municipalities
    std::optional<RegionLeader> market_leader{};  // market_leader: how it was found, for the presenter to word
};

struct RegionView {
    const Division* division = nullptr;
    int region = -1;
    std::vector<int> members;  // by name
    std::int64_t population = 0;
    std::optional<DefaultRegionFacts> default_facts;  // a default region (DEF-ZK23): what it holds
    std::vector<DivisionOverlap> overlaps;            // every other division, in store order
    std::vector<RegionInsurer> insurers;
    // Initiatives come from a register the user gives (`initiatives map REGISTER`);
    // the store holds none, so the view names none.
    bool initiatives_need_register = true;
};

RegionView region_view(const Governance& governance, const RegionRef& region);

}  // namespace regiomap
