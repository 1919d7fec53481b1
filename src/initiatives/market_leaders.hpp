// The market-leading insurer concern per region of a division.
//
// By default from the zorgkantoor designation: the zorgkantoor is run by the
// insurer with the largest market share in its region, so for the zorgkantoor
// division the designated concern is the leader; for another division the
// municipalities' zorgkantoor concerns are weighed by population. With a user
// table of insured persons per municipality or per region, the leader is the
// concern with the most insured persons, summed over the region.
#pragma once

#include "analysis/governance.hpp"
#include "core/output.hpp"
#include "layers/municipality_names.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace regiomap {

struct RegionLeader {
    int region = 0;
    std::string concern;  // empty: unknown
    double share = 0;     // of the region's population (designation) or insured persons (table)
    std::string basis;
    std::string year;
};

struct MarketLeaders {
    std::string division;
    std::string basis;  // one line on how the leaders were found, with the year
    std::vector<RegionLeader> regions;
};

MarketLeaders market_leaders(const Governance& governance, const std::string& division_id);

// Columns: municipality or region (code or name), concern, and insured (persons) or
// share (fraction or percent; per municipality weighed by its population); optional year, source.
MarketLeaders market_leaders_from_table(const Governance& governance, const MunicipalityNames& names,
                                        const std::string& division_id, const std::filesystem::path& table);

std::string format_market_leaders(const Governance& governance, const MarketLeaders& leaders, OutputFormat format);

}  // namespace regiomap
