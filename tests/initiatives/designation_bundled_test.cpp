// The bundled store's zorgkantoor designation and published statements, as profile and
// leaders report them. Expected answers come from geodata/insurers and the shared README:
// the 2015 decree designates Achmea Zorgkantoor N.V. for Utrecht (Agis in 2014); Twente's
// statement (RTV Oost, July 2019) says more than half of Twente is insured with Menzis;
// Trias and Univé Zorgkantoor have no source tying them to a 2020 concern.
#include "../support.hpp"
#include "analysis/incongruence.hpp"
#include "initiatives/market_leaders.hpp"
#include "present/incongruence_text.hpp"
#include "present/insurer_basis_text.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>

using namespace regiomap;
using namespace regiomap::test;

namespace {

const char* kTwenteStatement =
    "https://www.rtvoost.nl/nieuws/315490/Menzis-en-14-Twentse-gemeenten-bundelen-krachten-om-Tukkers-gezonder-te-maken";
const char* kFrieslandStatement =
    "https://www.zilverenkruis.nl/zorgaanbieders/zorgtransformatie-en-beleid/regiobeelden/friesland";

std::map<std::string, RegionLeader> leaders_by_code(const Governance& governance, const std::string& division) {
    const Division& d = governance.division(division);
    std::map<std::string, RegionLeader> by_code;
    for (const auto& leader : market_leaders(governance, division).regions) by_code[d.region_codes[leader.region]] = leader;
    return by_code;
}

nlohmann::json profile_json(const Governance& governance, const std::string& code) {
    IncongruenceModel model(governance, {"zorgkantoor", "ggd", "jeugdregio"});
    auto profiles = profile_municipalities(model, {governance.index_of.at(code)});
    return nlohmann::json::parse(format_profiles(governance, model, profiles, OutputFormat::json, false)).at(0);
}

}  // namespace

TEST_CASE("leaders report the 2015 designation, a published statement with its URL, and unmapped entities") {
    for (int year : {2020, 2025}) {
        Store store(bundled_store_path(), year);
        const Governance governance = read_governance(store);
        auto leaders = leaders_by_code(governance, "zorgkantoor");

        const RegionLeader& utrecht = leaders.at("ZK23");
        CHECK(utrecht.concern == "Achmea");
        CHECK(utrecht.kind == LeaderBasisKind::zorgkantoor_rule);
        CHECK(utrecht.year == "2015");
        CHECK(utrecht.rests_on.subject_in_source == "Achmea Zorgkantoor N.V.");
        CHECK(leader_basis_text(utrecht).rfind("zorgkantoor designation 2015", 0) == 0);

        const RegionLeader& twente = leaders.at("ZK22");
        CHECK(twente.concern == "Menzis");
        CHECK(twente.kind == LeaderBasisKind::published_statement);
        CHECK(leader_basis_kind_text(twente) == "published_statement");
        CHECK(twente.year == "2019");
        CHECK(twente.source == kTwenteStatement);
        CHECK(leader_basis_text(twente).find("instead of the zorgkantoor rule") != std::string::npos);

        // The Frisian statement names all 18 municipalities: GGD Fryslan is led by it too.
        const auto ggd_leaders = leaders_by_code(governance, "ggd");
        const RegionLeader& fryslan = ggd_leaders.at("GG7206");
        CHECK(fryslan.concern == "Achmea");
        CHECK(fryslan.source == kFrieslandStatement);

        for (const char* code : {"ZK13", "ZK18", "ZK24"}) {  // Trias, Univé, Trias
            INFO(code);
            const RegionLeader& leader = leaders.at(code);
            CHECK(leader.concern.empty());
            CHECK(leader_basis_kind_text(leader) == "unmapped");
            CHECK(leader_basis_text(leader).rfind("unmapped: ", 0) == 0);
            CHECK(leader.rests_on.year == "2015");
        }
    }
}

TEST_CASE("profile reports the 2015 designation, a published statement and an unmapped entity") {
    Store store(bundled_store_path(), 2020);
    const Governance governance = read_governance(store);

    const auto veenendaal = profile_json(governance, "GM0345");
    CHECK(veenendaal["zorgkantoor insurer"]["value"] == "Achmea");
    CHECK(veenendaal["zorgkantoor insurer"]["basis_fields"]["year"] == "2015");
    CHECK(veenendaal["zorgkantoor insurer"]["basis_fields"]["kind"] == "zorgkantoor_rule");
    CHECK(veenendaal["zorgkantoor insurer"]["basis"].get<std::string>().find("Achmea Zorgkantoor N.V.") !=
          std::string::npos);

    // Hengelo: in Twente, with no figure of its own; the statement replaces the zorgkantoor rule.
    const auto hengelo = profile_json(governance, "GM0164");
    CHECK(hengelo["largest insurer"]["value"] == "Menzis");
    CHECK(hengelo["largest insurer"]["basis_fields"]["kind"] == "published_statement");
    CHECK(hengelo["largest insurer"]["basis_fields"]["year"] == "2019");
    CHECK(hengelo["largest insurer"]["basis_fields"]["source"] == kTwenteStatement);

    // Enschede has a figure of its own (the insurers' 2020 paper): it comes before the statement.
    const auto enschede = profile_json(governance, "GM0153");
    CHECK(enschede["largest insurer"]["basis_fields"]["kind"] == "published_municipality");

    // Gouda: zorgkantoor Midden-Holland, Trias Zorgkantoor B.V., unmapped.
    const auto gouda = profile_json(governance, "GM0513");
    CHECK(gouda["zorgkantoor insurer"]["value"] == "unmapped");
    CHECK(gouda["zorgkantoor insurer"]["basis_fields"]["kind"] == "unmapped");
    CHECK(gouda["zorgkantoor insurer"]["basis"].get<std::string>().rfind("unmapped: ", 0) == 0);
    CHECK(gouda["largest insurer"]["value"] == "unmapped");
}
