// The leaders' bases are worded from the fields market_leaders returns; the expected sentences
// are written out by hand for hand-made leaders.
#include "present/insurer_basis_text.hpp"

#include <catch2/catch.hpp>

using namespace regiomap;

namespace {
InsurerFact achmea_designation() {
    InsurerFact fact{"Achmea", "zorgkantoor designation 2015: Achmea Zorgkantoor N.V. -> concern Achmea", "2015",
                     false};
    fact.source = "decree";
    fact.subject_in_source = "Achmea Zorgkantoor N.V.";
    fact.detail = "its name carries the concern name";
    return fact;
}

RegionLeader from_table(MarketTableFigure figure, MarketTablePlace place, std::size_t municipalities) {
    RegionLeader leader{0, "Achmea", 0.45, ""};
    leader.kind = LeaderBasisKind::user_table;
    leader.table = {figure, place, {}};
    leader.table_municipalities = municipalities;
    return leader;
}

MarketLeaders two_designated_regions(bool weighed_by_population) {
    MarketLeaders leaders{"kantoor", {{0, "Achmea", std::nullopt, "2015"}, {1, "CZ", std::nullopt, "2015"}}, {}};
    leaders.designation_year = "2015";
    leaders.weighed_by_population = weighed_by_population;
    leaders.population_date = "2020-01-01";
    return leaders;
}
}  // namespace

TEST_CASE("a designated leader's basis is the designation, in full or as the store keeps it") {
    RegionLeader leader{0, "Achmea", std::nullopt, "2015"};
    leader.rests_on = achmea_designation();
    CHECK(
        leader_basis_text(leader) ==
        "zorgkantoor designation 2015 (decree): Achmea Zorgkantoor N.V. is Achmea: its name carries the concern name");
    CHECK(leader_basis_line(leader) == "zorgkantoor designation 2015: Achmea Zorgkantoor N.V. -> concern Achmea");
    CHECK(leader_year_text(leader) == "2015");

    leader.outside_user_table = true;
    CHECK(leader_basis_line(leader) ==
          "not in the table; zorgkantoor designation 2015: Achmea Zorgkantoor N.V. -> concern Achmea");

    RegionLeader undesignated{1, "", std::nullopt, ""};
    CHECK(leader_basis_text(undesignated) == "missing: no zorgkantoor designation for its municipalities");
    CHECK(leader_basis_line(undesignated) == "missing: no zorgkantoor designation for its municipalities");
}

TEST_CASE("a leader weighed by population names its share of the population and any tie") {
    RegionLeader leader{0, "Achmea", std::nullopt, "2015"};
    leader.rests_on = achmea_designation();
    leader.population_share = 0.62;
    CHECK(leader_basis_text(leader) == "zorgkantoor concern of 62% of the region's population");
    leader.population_share = 0.5;
    leader.tied = {"CZ", "VGZ"};
    const std::string tied =
        "zorgkantoor concern of 50% of the region's population; TIE with CZ, VGZ (the first in alphabetical order is "
        "shown)";
    CHECK(leader_basis_text(leader) == tied);
    CHECK(leader_basis_line(leader) == tied);
}

TEST_CASE("a leader from a user table says what the table gives, and its years") {
    using Figure = MarketTableFigure;
    using Place = MarketTablePlace;
    CHECK(leader_basis_text(from_table(Figure::insured_persons, Place::municipality, 3)) ==
          "share of the insured persons in the table");
    CHECK(leader_basis_text(from_table(Figure::market_shares, Place::region, 0)) == "market share in the table");
    CHECK(leader_basis_text(from_table(Figure::market_shares, Place::municipality, 1)) ==
          "market share in the table, weighed by population over its 1 municipality there");
    RegionLeader tied = from_table(Figure::market_shares, Place::municipality, 3);
    tied.tied = {"Menzis"};
    CHECK(leader_basis_text(tied) ==
          "market share in the table, weighed by population over its 3 municipalities "
          "there; TIE with Menzis (the first in alphabetical order is shown)");
    CHECK(leader_year_text(tied) == "not stated");
    tied.table.years = {"2020", "2021"};
    CHECK(leader_year_text(tied) == "2020, 2021");
}

TEST_CASE("the leaders' basis names the designation, or the user table and what it covers") {
    const std::string statement_first =
        "; a published statement naming the largest insurer of all of a region's municipalities comes first";
    CHECK(market_leaders_basis_text(two_designated_regions(false)) ==
          "zorgkantoor designation (the zorgkantoor is run by the insurer with the largest market share in its "
          "region); designation of 2015 mapped to the concerns of 2020" +
              statement_first);
    const std::string weighed =
        "zorgkantoor rule per municipality (2015 designation mapped to 2020 concerns), "
        "weighed by population on 2020-01-01" +
        statement_first;
    CHECK(market_leaders_basis_text(two_designated_regions(true)) == weighed);

    MarketLeaders partly = two_designated_regions(true);
    partly.user_table =
        UserMarketTable{"insured.csv", {MarketTableFigure::insured_persons, MarketTablePlace::region, {}}, 1};
    CHECK(market_leaders_basis_text(partly) ==
          "user table insured.csv of insured persons per region (year not stated), summed per concern and region; "
          "1 of 2 regions covered; the others: " +
              weighed);

    MarketLeaders all = two_designated_regions(false);
    all.user_table =
        UserMarketTable{"shares.csv", {MarketTableFigure::market_shares, MarketTablePlace::municipality, {"2021"}}, 2};
    CHECK(market_leaders_basis_text(all) ==
          "user table shares.csv of market shares per municipality (year 2021), summed per concern and region "
          "weighed by population; 2 of 2 regions covered");

    MarketLeaders undesignated = two_designated_regions(false);
    undesignated.designation_year = "";
    CHECK(market_leaders_basis_text(undesignated).find("designation of unknown mapped") != std::string::npos);
}
