// The 19 RIVM 2016 initiatives resolved as documented in
// tests/data/initiatives/rivm_2016_expected.csv (per initiative the expected
// municipalities and why), leaders from the 2015 designation, and the balance
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
    CHECK(resolution.parts[0].match == PartMatch::nothing);
    CHECK(workspace.resolver.resolve("Atlantis").status == ResolutionStatus::unresolved);
    CHECK(workspace.resolver.resolve("Twente").municipalities.size() == 14);     // a region name of a layer
    CHECK(workspace.resolver.resolve("Mook en Middelaar").municipalities.size() == 1);  // not split at "en"
    CHECK(workspace.resolver.resolve("all municipalities of Friesland").municipalities.size() == 18);
    CHECK(workspace.resolver.resolve("alle gemeenten van Drenthe").municipalities.size() == 12);
    CHECK(workspace.resolver.resolve("ZK22").municipalities.size() == 14);
}

TEST_CASE("market leaders from the 2015 zorgkantoor designation") {
    InitiativeWorkspace workspace(bundled_store());
    auto leaders = market_leaders(workspace.governance, "zorgkantoor");
    const Division& zorgkantoor = workspace.governance.division("zorgkantoor");
    std::map<std::string, std::string> leader_of;
    int achmea = 0;
    for (const auto& leader : leaders.regions) {
        leader_of[zorgkantoor.region_codes[leader.region]] = leader.concern;
        achmea += leader.concern == "Achmea" ? 1 : 0;
    }
    CHECK(leader_of["ZK23"] == "Achmea");  // Utrecht: Achmea Zorgkantoor N.V. in 2015 (Agis in 2014)
    CHECK(leader_of["ZK22"] == "Menzis");  // Twente
    CHECK(leader_of["ZK33"] == "DSW");     // ZK05 and ZK15, both DSW, merged in 2019
    CHECK(achmea == 11);  // Achmea Zorgkantoor: ZK02 ZK03 ZK06 ZK07 ZK11 ZK20 ZK21 ZK23 ZK26 ZK32; Friesland: ZK08
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
    auto leaders = market_leaders_from_table(workspace.governance, workspace.names, workspace.insurers, "zorgkantoor",
                                             kDataDir / "initiatives" / "market_shares.csv");
    const Division& zorgkantoor = workspace.governance.division("zorgkantoor");
    for (const auto& leader : leaders.regions) {
        const std::string& code = zorgkantoor.region_codes[leader.region];
        if (code == "ZK23") {
            // Utrecht region: VGZ 50000 (Rhenen), Achmea 20000 + 10000, Menzis 30000
            CHECK(leader.concern == "VGZ");
            CHECK(*leader.share == Approx(50000.0 / 110000.0));
            CHECK(leader.kind == LeaderBasisKind::user_table);
            CHECK(leader.source == "market_shares.csv");
            CHECK(leader.table.figure == MarketTableFigure::insured_persons);
            CHECK(leader.table.place == MarketTablePlace::municipality);
            CHECK(leader.table.years == std::vector<std::string>{"2020"});
            CHECK(leader.table_municipalities == 3);
            CHECK(leader.tied.empty());
        } else {
            // The table says nothing about other regions: they keep the designation (or a published
            // statement), with no market share, and say they are not in the table.
            CHECK_FALSE(leader.share);
            CHECK(leader.outside_user_table);
            CHECK(leader.kind != LeaderBasisKind::user_table);
            CHECK_FALSE(leader.year.empty());
        }
    }
    REQUIRE(leaders.user_table);
    CHECK(leaders.user_table->file_name == "market_shares.csv");
    CHECK(leaders.user_table->shape.figure == MarketTableFigure::insured_persons);
    CHECK(leaders.user_table->regions_covered == 1);
    CHECK(leaders.regions.size() == 31);
    // The others keep the designation: its facts stay with the leaders.
    CHECK(leaders.designation_year == "2015");
    CHECK_FALSE(leaders.weighed_by_population);
}

TEST_CASE("designated leaders have no market share") {
    InitiativeWorkspace workspace(bundled_store());
    for (const char* division : {"zorgkantoor", "ggd"}) {
        for (const auto& leader : market_leaders(workspace.governance, division).regions) CHECK_FALSE(leader.share);
    }
}

namespace {
std::filesystem::path write_table(const TemporaryFolder& folder, const std::string& name, const std::string& text) {
    auto path = folder / name;
    std::ofstream(path) << text;
    return path;
}
}  // namespace

TEST_CASE("market shares are summed per concern before the leader is chosen") {
    // Zilveren Kruis and De Friesland are both Achmea: 30 + 15 = 45 > Menzis 40.
    InitiativeWorkspace workspace(bundled_store());
    TemporaryFolder folder;
    auto file = write_table(folder, "zk23.csv",
                            "regio,verzekeraar,marktaandeel\nZK23,Zilveren Kruis,30\nZK23,De Friesland,15\n"
                            "ZK23,Menzis,40\n");
    auto leaders = market_leaders_from_table(workspace.governance, workspace.names, workspace.insurers, "zorgkantoor", file);
    const Division& zorgkantoor = workspace.governance.division("zorgkantoor");
    for (const auto& leader : leaders.regions) {
        if (zorgkantoor.region_codes[leader.region] != "ZK23") continue;
        CHECK(leader.concern == "Achmea");
        REQUIRE(leader.share);
        CHECK(*leader.share == Approx(0.45));
    }
}

TEST_CASE("market-share tables with bad cells are refused with one message per cell") {
    InitiativeWorkspace workspace(bundled_store());
    TemporaryFolder folder;
    auto file = write_table(folder, "bad.csv",
                            "region,concern,share\n"
                            "ZK23,VGZ,60\n"
                            "ZK23,Achmea,50\n"
                            "ZK22,Menzis,250%\n"
                            "ZK22,,10\n"
                            "ZK22,Zilver Kruis,10\n"
                            "ZK21,CZ,nan\n"
                            "ZK21,CZ,inf\n"
                            "ZK21,CZ,0x10\n"
                            "ZK21,CZ,1e999\n");
    try {
        market_leaders_from_table(workspace.governance, workspace.names, workspace.insurers, "zorgkantoor", file);
        FAIL("a bad market-share table was used");
    } catch (const DataError& error) {
        const std::string message = error.what();
        INFO(message);
        CHECK(message.find("8 problems; nothing was used") != std::string::npos);
        CHECK(message.find("row 3 (line 4), column share: 250% is above 100%") != std::string::npos);
        CHECK(message.find("row 4 (line 5), column concern: empty") != std::string::npos);
        CHECK(message.find("row 5 (line 6), column concern: no insurer concern or brand matches 'Zilver Kruis'; "
                           "nearest: Zilveren Kruis") != std::string::npos);
        CHECK(message.find("row 6 (line 7), column share: 'nan' is not a number") != std::string::npos);
        CHECK(message.find("row 7 (line 8), column share: 'inf' is not a number") != std::string::npos);
        CHECK(message.find("row 8 (line 9), column share: '0x10' is not a number") != std::string::npos);
        CHECK(message.find("row 9 (line 10), column share: '1e999' is not a number") != std::string::npos);
        CHECK(message.find("region ZK23 Utrecht: the market shares sum to 110.0%, above 100% (row 1 (line 2); "
                           "row 2 (line 3))") != std::string::npos);
    }
}

TEST_CASE("market leaders from a user table of market shares per region, in percent") {
    InitiativeWorkspace workspace(bundled_store());
    auto leaders = market_leaders_from_table(workspace.governance, workspace.names, workspace.insurers, "zorgkantoor",
                                             kDataDir / "initiatives" / "market_shares_percent.csv");
    const Division& zorgkantoor = workspace.governance.division("zorgkantoor");
    for (const auto& leader : leaders.regions) {
        if (zorgkantoor.region_codes[leader.region] != "ZK23") continue;
        CHECK(leader.concern == "Achmea");
        CHECK(*leader.share == Approx(0.6));
        CHECK(leader.table.figure == MarketTableFigure::market_shares);
        CHECK(leader.table.place == MarketTablePlace::region);
        CHECK(leader.table.years == std::vector<std::string>{"2021"});
    }
}

TEST_CASE("every bundled alias row names a source that states it, with a date") {
    Table aliases = Table::read(kBundledManifest.parent_path() / "aliases.csv");
    const auto url = aliases.column("source_url");
    const auto date = aliases.column("source_date");
    for (const auto& row : aliases.rows()) {
        INFO(aliases.where(row) << ": " << row.values[0]);
        CHECK_FALSE(row.values[url].empty());
        CHECK_FALSE(row.values[date].empty());
    }
    InitiativeWorkspace workspace(bundled_store());
    for (const auto& place : {"Noordelijke Maasvallei", "Drechtsteden", "Maastricht-Heuvelland", "Den Bosch", "Erica"}) {
        auto resolution = workspace.resolver.resolve(place);
        INFO(place);
        REQUIRE(resolution.parts.size() == 1);
        CHECK_FALSE(resolution.parts[0].unverified);
        CHECK(resolution.parts[0].matched_basis.find("UNVERIFIED") == std::string::npos);
    }
    // Land van Cuijk (five municipalities until 2022) and the three of the top of Noord-Limburg.
    CHECK(workspace.resolver.resolve("Noordelijke Maasvallei").municipalities.size() == 8);
}

TEST_CASE("an alias row without a source loads, and every use of it says it is unverified") {
    TemporaryFolder folder;
    {
        std::ofstream(folder / "aliases.csv") << "alias,kind,codes,source,source_url,source_date\n"
                                                 "De Stad,municipality,GM9003,hand-made test alias,,\n"
                                                 "Bijdorp,village,GM9002,,,\n"
                                                 "Oostkant,group,GM9002;GM9003,hand-made test group,"
                                                 "https://example.org/oostkant,2020-05-01\n";
    }
    auto manifest = small_manifest();
    manifest["municipalities"]["names"]["aliases"] = (folder / "aliases.csv").string();
    auto store_path = folder / "store.sqlite";
    load({write_manifest(folder, manifest), store_path, false}, silent);
    Store store(store_path);
    InitiativeWorkspace workspace(store);
    auto unverified = workspace.resolver.resolve("De Stad");
    REQUIRE(unverified.parts.size() == 1);
    CHECK(unverified.parts[0].resolved);
    CHECK(unverified.parts[0].unverified);
    CHECK(unverified.parts[0].matched_basis.find("UNVERIFIED") != std::string::npos);
    // a row with neither source text nor address loads too, and says so
    auto bare = workspace.resolver.resolve("Bijdorp");
    REQUIRE(bare.parts.size() == 1);
    CHECK(bare.unverified);
    CHECK(bare.parts[0].matched_basis.find("UNVERIFIED (no source given that states this): no source text") != std::string::npos);
    auto verified = workspace.resolver.resolve("Oostkant");
    REQUIRE(verified.parts.size() == 1);
    CHECK_FALSE(verified.parts[0].unverified);
    CHECK(verified.parts[0].match == PartMatch::alias);
    CHECK(verified.parts[0].alias_kind == "group");
    CHECK(verified.parts[0].matched_basis.find("https://example.org/oostkant, 2020-05-01") != std::string::npos);
}

TEST_CASE("an alias row with a source address but no date is refused with the row named") {
    TemporaryFolder folder;
    {
        std::ofstream(folder / "aliases.csv") << "alias,kind,codes,source,source_url,source_date\n"
                                                 "Oostkant,group,GM9002;GM9003,hand-made,https://example.org/x,\n";
    }
    auto manifest = small_manifest();
    manifest["municipalities"]["names"]["aliases"] = (folder / "aliases.csv").string();
    CHECK_THROWS_WITH(load({write_manifest(folder, manifest), folder / "store.sqlite", false}, silent),
                      Catch::Contains("row 1 (line 2)") && Catch::Contains("source_date"));
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
    const ResolvedPart province = workspace.resolver.resolve("Provincie Groningen").parts.front();
    CHECK(province.match == PartMatch::region);
    CHECK(province.layer_id == "provincie");
    CHECK(province.region_code == "PV20");
    // province Utrecht: 26 municipalities, with Eemnes and Vijfheerenlanden and without Nijkerk,
    // unlike zorgkantoor region ZK23 Utrecht (25, with Nijkerk)
    auto utrecht = resolved_codes(workspace, "provincie Utrecht");
    CHECK(utrecht.size() == 26);
    CHECK(std::count(utrecht.begin(), utrecht.end(), "GM0317") == 1);
    CHECK(std::count(utrecht.begin(), utrecht.end(), "GM1961") == 1);
    CHECK(std::count(utrecht.begin(), utrecht.end(), "GM0267") == 0);
    CHECK(resolved_codes(workspace, "Gemeente Groningen") == std::vector<std::string>{"GM0014"});
    CHECK(resolved_codes(workspace, "alle gemeenten van Groningen").size() == 12);  // a group, not the city
    const ResolvedPart twente = workspace.resolver.resolve("regio Twente").parts.front();
    CHECK(twente.match == PartMatch::region);
    CHECK(twente.matched_name == "Twente");
    CHECK(twente.municipalities.size() == 14);
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
    // a sign is dropped by name normalisation; it must not turn -3 into 3
    CHECK_THROWS_WITH(workspace.resolver.resolve("-3 van de 24 Friese gemeenten", {"r.csv", "row 2"}),
                      Catch::Contains("a signed number is not a number of municipalities"));
    CHECK_THROWS_AS(workspace.resolver.resolve("22 van de +24 Friese gemeenten", {"r.csv", "row 2"}), DataError);
    CHECK(workspace.resolver.resolve("Hardinxveld-Giessendam").status == ResolutionStatus::full);
    CHECK_THROWS_WITH(workspace.resolver.resolve("30 van de 24 Friese gemeenten", {"r.csv", "row 2"}),
                      Catch::Contains("30 of 24 municipalities is more than all of them"));
    // at the limit it still resolves (a long list of one name)
    std::string at_limit = "Veenendaal";
    while (at_limit.size() + 12 <= kMaxLocationLength) at_limit += ", Veenendaal";
    CHECK(workspace.resolver.resolve(at_limit).status == ResolutionStatus::full);
}
