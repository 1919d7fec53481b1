// The 19 RIVM 2016 initiatives resolved as documented in
// tests/data/initiatives/rivm_2016_expected.csv (per initiative the expected
// municipalities and why), leaders from the 2014 designation, and the balance
// of the real 2016 initiatives with Zilveren Kruis (Achmea).
#include "../support.hpp"
#include "core/error.hpp"
#include "core/name_matching.hpp"
#include "core/table_reader.hpp"
#include "initiatives/balance.hpp"
#include "initiatives/initiative_map.hpp"
#include "initiatives/market_leaders.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace regiomap;
using namespace regiomap::test;

namespace {
const std::filesystem::path kRivm = kBundledManifest.parent_path() / "initiatives" / "rivm_2016_formal_agreements.csv";
}  // namespace

TEST_CASE("the 19 RIVM 2016 initiatives resolve as documented") {
    InitiativeWorkspace workspace(bundled_store());
    Register register_ = workspace.read(kRivm);
    REQUIRE(register_.entries.size() == 19);
    auto located = workspace.locate(register_);
    Table expected = Table::read(kDataDir / "initiatives" / "rivm_2016_expected.csv");
    REQUIRE(expected.rows().size() == 19);
    for (std::size_t i = 0; i < located.size(); ++i) {
        const auto& row = expected.rows()[i];
        INFO("initiative " << row.values[0] << ": " << row.values[3]);
        CHECK(located[i].entry->id == row.values[0]);
        CHECK(to_string(located[i].resolution.status) == row.values[1]);
        std::vector<std::string> codes;
        for (int m : located[i].resolution.municipalities) codes.push_back(workspace.governance.codes[m]);
        std::sort(codes.begin(), codes.end());
        CHECK(codes == split_written_list(row.values[2], ";"));
    }
}

TEST_CASE("unresolvable locations are reported with the reason, never dropped") {
    InitiativeWorkspace workspace(bundled_store());
    auto resolution = workspace.resolver.resolve("Atlantis en Oss");
    CHECK(resolution.status == ResolutionStatus::partial);
    REQUIRE(resolution.parts.size() == 2);
    CHECK_FALSE(resolution.parts[0].resolved);
    CHECK(resolution.parts[0].how.find("no municipality") != std::string::npos);
    CHECK(workspace.resolver.resolve("Atlantis").status == ResolutionStatus::unresolved);
    CHECK(workspace.resolver.resolve("Twente").municipalities.size() == 14);     // a region name of a layer
    CHECK(workspace.resolver.resolve("Mook en Middelaar").municipalities.size() == 1);  // not split at "en"
    CHECK(workspace.resolver.resolve("all municipalities of Friesland").municipalities.size() == 18);
    CHECK(workspace.resolver.resolve("alle gemeenten van Drenthe").municipalities.size() == 12);
    CHECK(workspace.resolver.resolve("ZK22").municipalities.size() == 14);
}

TEST_CASE("market leaders from the 2014 zorgkantoor designation") {
    InitiativeWorkspace workspace(bundled_store());
    auto leaders = market_leaders(workspace.governance, "zorgkantoor");
    const Division& zorgkantoor = workspace.governance.division("zorgkantoor");
    std::map<std::string, std::string> leader_of;
    int achmea = 0;
    for (const auto& leader : leaders.regions) {
        leader_of[zorgkantoor.region_codes[leader.region]] = leader.concern;
        achmea += leader.concern == "Achmea" ? 1 : 0;
    }
    CHECK(leader_of["ZK23"] == "Achmea");  // Utrecht: Agis in 2014, Zilveren Kruis (Achmea) in 2020
    CHECK(leader_of["ZK22"] == "Menzis");  // Twente
    CHECK(leader_of["ZK33"] == "DSW");     // ZK05 and ZK15, both DSW, merged in 2019
    CHECK(achmea == 11);  // Agis: ZK02 ZK03 ZK21 ZK23; Achmea: ZK06 ZK07 ZK11 ZK20 ZK26 ZK32; De Friesland: ZK08
}

TEST_CASE("the real 2016 initiatives with Zilveren Kruis over its leader regions") {
    InitiativeWorkspace workspace(bundled_store());
    Register register_ = workspace.read(kRivm);
    auto located = workspace.locate(register_);
    auto leaders = market_leaders(workspace.governance, "zorgkantoor");
    const std::string concern = workspace.insurers.require_concern("Zilveren Kruis");
    CHECK(concern == "Achmea");
    auto result = check_balance(workspace.governance, leaders, located, concern, {});
    // Initiatives naming Zilveren Kruis/Achmea or De Friesland: 1 2 4 5 9 12 13 14 17 19
    CHECK(result.entries_considered == 10);
    CHECK(result.regions.size() == 11);
    CHECK(result.total_inside == Approx(10.0));
    CHECK(result.exact_p.has_value());
    CHECK(result.p_value > kBalanceSignificance);
}

TEST_CASE("initiatives located by geometry, in RD New or reprojected from WGS84") {
    InitiativeWorkspace workspace(bundled_store());
    for (const auto& [file, code] : {std::pair{"points_rd.geojson", "GM0153"}, std::pair{"points_wgs84.geojson", "GM0345"}}) {
        Register register_ = workspace.read(kDataDir / "initiatives" / file);
        auto located = workspace.locate(register_);
        REQUIRE(located.size() == 1);
        REQUIRE(located[0].resolution.municipalities.size() == 1);
        CHECK(workspace.governance.codes[located[0].resolution.municipalities[0]] == code);
    }
}

TEST_CASE("market leaders from a user table of insured persons, summed per region") {
    InitiativeWorkspace workspace(bundled_store());
    auto leaders = market_leaders_from_table(workspace.governance, workspace.names, "zorgkantoor",
                                             kDataDir / "initiatives" / "market_shares.csv");
    const Division& zorgkantoor = workspace.governance.division("zorgkantoor");
    for (const auto& leader : leaders.regions) {
        const std::string& code = zorgkantoor.region_codes[leader.region];
        if (code == "ZK23") {
            // Utrecht region: VGZ 50000 (Rhenen), Achmea 20000 + 10000, Menzis 30000
            CHECK(leader.concern == "VGZ");
            CHECK(leader.share == Approx(50000.0 / 110000.0));
        } else {
            CHECK(leader.concern.empty());  // the table says nothing about other regions: missing, not guessed
        }
    }
    CHECK(leaders.basis.find("market_shares.csv") != std::string::npos);
}

TEST_CASE("market leaders from a user table of market shares per region, in percent") {
    InitiativeWorkspace workspace(bundled_store());
    auto leaders = market_leaders_from_table(workspace.governance, workspace.names, "zorgkantoor",
                                             kDataDir / "initiatives" / "market_shares_percent.csv");
    const Division& zorgkantoor = workspace.governance.division("zorgkantoor");
    for (const auto& leader : leaders.regions) {
        if (zorgkantoor.region_codes[leader.region] != "ZK23") continue;
        CHECK(leader.concern == "Achmea");
        CHECK(leader.share == Approx(0.6));
        CHECK(leader.year == "2021");
    }
}

namespace {
std::vector<std::string> resolved_codes(const InitiativeWorkspace& workspace, const std::string& location) {
    std::vector<std::string> codes;
    for (int m : workspace.resolver.resolve(location).municipalities) codes.push_back(workspace.governance.codes[m]);
    std::sort(codes.begin(), codes.end());
    return codes;
}
}  // namespace

TEST_CASE("a kind word wins over a same-named region of another layer") {
    InitiativeWorkspace workspace(bundled_store());
    // the 12 municipalities of the province of Groningen in 2020 (CBS province layer, checked by hand)
    const std::vector<std::string> groningen{"GM0003", "GM0010", "GM0014", "GM0024", "GM0037", "GM0047",
                                             "GM0765", "GM1895", "GM1950", "GM1952", "GM1966", "GM1969"};
    CHECK(resolved_codes(workspace, "Provincie Groningen") == groningen);
    auto how = workspace.resolver.resolve("Provincie Groningen").parts.front().how;
    CHECK_THAT(how, Catch::StartsWith("provincie region PV20 Groningen"));
    // province Utrecht: 26 municipalities, with Eemnes and Vijfheerenlanden and without Nijkerk,
    // unlike zorgkantoor region ZK23 Utrecht (25, with Nijkerk)
    auto utrecht = resolved_codes(workspace, "provincie Utrecht");
    CHECK(utrecht.size() == 26);
    CHECK(std::count(utrecht.begin(), utrecht.end(), "GM0317") == 1);
    CHECK(std::count(utrecht.begin(), utrecht.end(), "GM1961") == 1);
    CHECK(std::count(utrecht.begin(), utrecht.end(), "GM0267") == 0);
    CHECK(resolved_codes(workspace, "Gemeente Groningen") == std::vector<std::string>{"GM0014"});
    CHECK(resolved_codes(workspace, "alle gemeenten van Groningen").size() == 12);  // a group, not the city
    CHECK(workspace.resolver.resolve("regio Twente").parts.front().how.find("Twente (14 municipalities)") != std::string::npos);
    // registers never take prefixes: "Hof" is not Hof van Twente
    CHECK(workspace.resolver.resolve("Hof").status == ResolutionStatus::unresolved);
}

TEST_CASE("hostile locations are refused as data errors naming the row, never crash") {
    InitiativeWorkspace workspace(bundled_store());
    std::string long_location;
    while (long_location.size() < 30000) long_location += "Veenendaal, ";
    CHECK_THROWS_WITH(workspace.resolver.resolve(long_location, {"register.csv", "row 7 (line 8)"}),
                      Catch::StartsWith("register.csv: row 7 (line 8), location: the location is 30,000 bytes long"));
    CHECK_THROWS_AS(workspace.resolver.resolve("22 van de 99999999999 Friese gemeenten", {"r.csv", "row 2"}), DataError);
    CHECK_THROWS_WITH(workspace.resolver.resolve("30 van de 24 Friese gemeenten", {"r.csv", "row 2"}),
                      Catch::Contains("30 of 24 municipalities is more than all of them"));
    // at the limit it still resolves (a long list of one name)
    std::string at_limit = "Veenendaal";
    while (at_limit.size() + 12 <= kMaxLocationLength) at_limit += ", Veenendaal";
    CHECK(workspace.resolver.resolve(at_limit).status == ResolutionStatus::full);
}
