// The market-leading insurer concern per region of a division.
//
// Where a published statement names the largest insurer of every municipality of a
// region (geodata/insurers/grootste_verzekeraar_uitspraken.csv), that concern, with the
// statement's year and URL. Otherwise from the zorgkantoor designation: the zorgkantoor is run by the
// insurer with the largest market share in its region, so for the zorgkantoor
// division the designated concern is the leader; for another division the
// municipalities' zorgkantoor concerns are weighed by population. A designated
// leader has no market share of its own (share is empty).
//
// With a user table of insured persons or market shares per municipality or
// per region, every insurer name goes through the InsurerDirectory and the
// figures are summed per concern and region before the leader is chosen
// (Zilveren Kruis 30% + De Friesland 15% = Achmea 45% > Menzis 40%). Regions
// the table does not cover keep the designation leader, with that basis.
#pragma once

#include "analysis/governance.hpp"
#include "core/number_format.hpp"
#include "core/output.hpp"
#include "initiatives/insurer_directory.hpp"
#include "layers/municipality_names.hpp"

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace regiomap {

// How a region's leader was found. Presenters write the sentence from the fields.
enum class LeaderBasisKind {
    zorgkantoor_rule,     // the zorgkantoor designation (for other divisions: weighed by population)
    published_statement,  // a published statement naming the largest insurer of all the region's municipalities
    user_table,           // the user's --market-shares table
};

// What a --market-shares table gives, as its columns say.
enum class MarketTableFigure { insured_persons, market_shares };
enum class MarketTablePlace { municipality, region };
struct MarketTableShape {
    MarketTableFigure figure = MarketTableFigure::market_shares;
    MarketTablePlace place = MarketTablePlace::municipality;
    std::vector<std::string> years{};  // the year column's values, in order of first appearance; empty: none stated
};

struct RegionLeader {
    int region = 0;
    std::string concern;          // empty: unknown (no designation, or an unmapped one)
    std::optional<double> share;  // the leader's market share from a user table; empty for a designated leader
    std::string year;             // of the designation or statement; from a user table empty (see table.years)
    LeaderBasisKind kind = LeaderBasisKind::zorgkantoor_rule;
    std::string source{};         // the statement's URL, the designation's decree, or the user table's file name
    // What it rests on: the statement or the designation (zorgkantoor division); for another
    // division weighed by population, the largest concern's share of the population and ties.
    InsurerFact rests_on{};
    std::optional<double> population_share{};
    std::vector<std::string> tied{};  // concerns as large as the leader, who is the first in alphabetical order
    bool outside_user_table = false;  // a --market-shares table was given and does not cover the region
    // From a user table: what it gives, and when per municipality, how many of the region's it names.
    MarketTableShape table{};
    std::size_t table_municipalities = 0;
};

// The --market-shares table the leaders were taken from.
struct UserMarketTable {
    std::string file_name;
    MarketTableShape shape;
    std::size_t regions_covered = 0;  // the others keep the designation leader
};

struct MarketLeaders {
    std::string division;
    std::vector<RegionLeader> regions;
    std::map<std::string, int> regions_led;  // concern -> how many regions it leads (known leaders only)
    // How the designation leaders were found (also those a user table does not cover): the zorgkantoor
    // designation of designation_year; for another division weighed by the population on population_date.
    std::string designation_year{};  // empty: no municipality has a designation
    bool weighed_by_population = false;
    std::string population_date{};
    std::optional<UserMarketTable> user_table{};
};

MarketLeaders market_leaders(const Governance& governance, const std::string& division_id);

// Columns (English or Dutch): municipality (gemeente) or region (regio), code or name;
// concern (verzekeraar: concern, brand or former label); and insured (verzekerden,
// persons) or share (marktaandeel: "41,5%", "0.415", or a column in percent; per
// municipality weighed by its population); optional year (jaar), source (bron).
// Throws DataError with one message per bad cell: unknown names, numbers that are
// not numbers (core/number_format.hpp), shares above 100%, and the shares of one
// region (or municipality) summing above 100%, naming it and its rows.
MarketLeaders market_leaders_from_table(const Governance& governance, const MunicipalityNames& names,
                                        const InsurerDirectory& insurers, const std::string& division_id,
                                        const std::filesystem::path& table,
                                        DecimalConvention convention = DecimalConvention::automatic);


}  // namespace regiomap
