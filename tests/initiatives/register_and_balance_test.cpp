// Hand-made registers and regions whose counts, expected values and p-values
// are worked out by hand.
#include "../analysis/governance_fixture.hpp"
#include "../support.hpp"
#include "core/error.hpp"
#include "initiatives/applications.hpp"
#include "initiatives/balance.hpp"

#include <catch2/catch.hpp>

using namespace regiomap;
using namespace regiomap::test;

namespace {

MunicipalityNames sample_names(const Governance& g) {
    MunicipalityNames names;
    for (std::size_t m = 0; m < g.codes.size(); ++m) {
        names.add({g.codes[m], {{g.codes[m], 1.0}}, NameBasis::current_code, "code"});
        names.add({g.names[m], {{g.codes[m], 1.0}}, NameBasis::current_name, "name"});
    }
    return names;
}

InsurerDirectory sample_insurers() {
    return InsurerDirectory({{"Achmea", "Achmea", "concern"}, {"Zilveren Kruis", "Achmea", "brand"},
                             {"VGZ", "VGZ", "concern"}, {"CZ", "CZ", "concern"}});
}

std::filesystem::path write(const TemporaryFolder& folder, const std::string& name, const std::string& text) {
    auto path = folder / name;
    std::ofstream(path) << text;
    return path;
}

// Four municipalities (populations 100, 300, 100, 100) in two regions of a
// division: R0 = {0, 1}, R1 = {2, 3}; both led by Achmea.
Governance two_regions() { return make_governance({100, 300, 100, 100}, {make_division("kantoor", {0, 0, 1, 1})}); }

MarketLeaders achmea_leads_both() {
    return {"kantoor", {{0, "Achmea", std::nullopt, "2020"}, {1, "Achmea", std::nullopt, "2020"}}, {{"Achmea", 2}}};
}

}  // namespace

TEST_CASE("a register with bad cells fails whole with one message per bad cell") {
    TemporaryFolder folder;
    Governance g = two_regions();
    auto file = write(folder, "bad.csv",
                      "name,municipalities,insurers,coordination_costs,date_received\n"
                      "Good,GM9000,VGZ,90000,2020-05-01\n"
                      "Unknown place,Atlantis,VGZ,90000,2020-05-01\n"
                      "Negative,GM9001,VGZ,-5,2020-05-01\n"
                      "No insurer,GM9001,,90000,2020-05-01\n"
                      "Bad date,GM9001,CZ,90000,31-02-2020\n"
                      "Two bad cells,GM9001,CZ,nan,01/10/2021\n");
    try {
        read_register(file, sample_names(g), sample_insurers());
        FAIL("a register with bad rows was read");
    } catch (const DataError& error) {
        std::string message = error.what();
        INFO(message);
        CHECK(message.find("6 problems in 5 rows; nothing was read") != std::string::npos);
        CHECK(message.find("row 2 (line 3), column municipalities: no municipality matches 'Atlantis'") != std::string::npos);
        CHECK(message.find("row 3 (line 4), column coordination_costs: '-5' is negative") != std::string::npos);
        CHECK(message.find("row 4 (line 5): no insurer") != std::string::npos);
        CHECK(message.find("row 5 (line 6), column date_received: '31-02-2020' is not a date that exists") !=
              std::string::npos);
        CHECK(message.find("row 6 (line 7), column coordination_costs: 'nan' is not a number") != std::string::npos);
        CHECK(message.find("row 6 (line 7), column date_received: '01/10/2021' is ambiguous") != std::string::npos);
        CHECK(message.find("row 1 ") == std::string::npos);
    }
}

TEST_CASE("a Dutch register: Dutch headers, amounts, dates and statuses") {
    TemporaryFolder folder;
    Governance g = two_regions();
    // As Excel with Dutch settings saves it: semicolons, a byte-order mark, "75.000" and "€ 25.000".
    auto file = write(folder, "aanvragen.csv",
                      "\xEF\xBB\xBFnaam;gemeenten;penvoerder;doelgroepen;jaar;status;startdatum;looptijd_maanden;"
                      "coördinatiekosten;Gevraagde subsidie;datum_ontvangst;formele_afspraak\n"
                      "Samen gezond;GM9000;Zilveren Kruis;ouderen;2021;aanvraag;01-01-2022;36;75.000;€ 25.000;"
                      "01-10-2021;ja\n");
    Register register_ = read_register(file, sample_names(g), sample_insurers());
    REQUIRE(register_.entries.size() == 1);
    const Initiative& entry = register_.entries[0];
    CHECK(entry.name == "Samen gezond");
    CHECK(entry.municipality_codes == std::vector<std::string>{"GM9000"});
    CHECK(entry.lead_concern == std::optional<std::string>("Achmea"));
    CHECK(entry.year == 2021);
    CHECK(entry.status == InitiativeStatus::application);
    CHECK(entry.start->text() == "2022-01-01");
    CHECK(entry.duration_months == 36);
    CHECK(entry.coordination_costs == 75000.0);
    CHECK(entry.requested_subsidy == 25000.0);
    CHECK(entry.date_received->text() == "2021-10-01");
    CHECK(entry.formal_agreement == true);

    // The same file declared with a decimal point: "75.000" has three decimals, which euros do not have.
    try {
        read_register(file, sample_names(g), sample_insurers(), DecimalConvention::point);
        FAIL("75.000 was read as an amount with three decimals");
    } catch (const DataError& error) {
        INFO(error.what());
        CHECK(std::string(error.what()).find("column coördinatiekosten: '75.000' has more than two decimals") !=
              std::string::npos);
    }
}

TEST_CASE("a register naming the same column in English and Dutch is refused") {
    TemporaryFolder folder;
    Governance g = two_regions();
    auto file = write(folder, "double.csv", "name,naam,municipalities\nA,B,GM9000\n");
    CHECK_THROWS_WITH(read_register(file, sample_names(g), sample_insurers()),
                      Catch::Contains("columns 'name' and 'naam' both mean name"));
}

TEST_CASE("an unknown insurer gets the nearest known names") {
    InsurerDirectory insurers = sample_insurers();
    CHECK_THROWS_WITH(insurers.require_concern("Zilver Kruis"),
                      Catch::Contains("no insurer concern or brand matches 'Zilver Kruis'; nearest: Zilveren Kruis"));
    // A megabyte of text is compared and quoted in its first characters only.
    const std::string huge(1 << 20, 'z');
    try {
        insurers.require_concern(huge);
        FAIL("a megabyte name matched");
    } catch (const NotFoundError& error) {
        CHECK(std::string(error.what()).size() < 400);
    }
}

TEST_CASE("balance: 3 applications in one region and 1 in the other, equal expectation") {
    Governance g = two_regions();
    Register register_;
    for (int i = 0; i < 4; ++i) {
        Initiative entry;
        entry.id = std::to_string(i + 1);
        entry.name = "initiative " + entry.id;
        entry.concerns = {"Achmea"};
        register_.entries.push_back(entry);
    }
    std::vector<LocatedInitiative> located;
    const std::vector<std::vector<int>> places{{0}, {1}, {0, 1}, {2}};  // three in R0, one in R1
    for (std::size_t i = 0; i < places.size(); ++i) {
        located.push_back({&register_.entries[i], {places[i], {}, ResolutionStatus::full}});
    }
    auto result = check_balance(g, achmea_leads_both(), located, "Achmea", {});
    REQUIRE(result.regions.size() == 2);
    CHECK(result.regions[0].observed == 3);
    CHECK(result.regions[1].observed == 1);
    CHECK(result.regions[0].expected == Approx(2.0));
    CHECK(result.chi_square == Approx(1.0));          // (1 + 1) / 2
    CHECK(result.chi_square_p == Approx(0.3173).epsilon(1e-3));
    REQUIRE(result.exact_p);
    CHECK(*result.exact_p == Approx(0.625));          // 10/16, see statistics_test.cpp
    CHECK(*result.max_min_ratio == Approx(3.0));      // 1.5 / 0.5
    CHECK(result.gini == Approx(0.25));               // ratios 1.5 and 0.5: |1| * 2 / (2 * 4 * 1)
    CHECK(result.verdict == BalanceVerdict::no_evidence);
    CHECK_FALSE(result.too_few_to_judge);

    // Expected by population: R0 holds 400 of 600 inhabitants, so 4 * 2/3 = 2.667 expected there.
    BalanceOptions by_population;
    by_population.expected = Expectation::population;
    auto weighted = check_balance(g, achmea_leads_both(), located, "Achmea", by_population);
    CHECK(weighted.regions[0].expected == Approx(8.0 / 3.0));
    CHECK(weighted.regions[1].expected == Approx(4.0 / 3.0));

    // Fractional counting: entry 3 (municipalities 0 and 1) lies wholly in R0 anyway; entry 4 wholly in R1.
    BalanceOptions fractional;
    fractional.count = CountMode::fractional;
    auto split = check_balance(g, achmea_leads_both(), located, "Achmea", fractional);
    CHECK(split.regions[0].observed == Approx(3.0));
    CHECK_FALSE(split.exact_p);  // fractional counts: chi-square only

    // An entry without Achmea does not count; one outside the leader regions is listed apart.
    MarketLeaders only_first = achmea_leads_both();
    only_first.regions[1].concern = "VGZ";
    auto outside = check_balance(g, only_first, located, "Achmea", {});
    CHECK(outside.regions.size() == 1);
    CHECK(outside.outside.size() == 1);
    REQUIRE(outside.outside[0].regions.size() == 1);
    CHECK(outside.outside[0].id == "4");
    CHECK(outside.outside[0].regions[0].region == 1);
    CHECK(outside.outside[0].regions[0].leader == "VGZ");
}

TEST_CASE("every application rule is checked and named") {
    TemporaryFolder folder;
    Governance g = two_regions();
    auto file = write(folder, "applications.csv",
                      "name,lead_insurer,municipalities,target_groups,duration_months,coordination_costs,"
                      "requested_subsidy,date_received,status\n"
                      "Fine,Zilveren Kruis,GM9000,elderly; chronically ill,24,90000,30000,2021-09-30,application\n"
                      "Greedy,VGZ,GM9001,elderly,24,90000,40000,2021-09-30,application\n"
                      "Small,CZ,GM9001,oncology patients,12,30000,9000,2021-01-01,application\n"
                      "Long and late,CZ,GM9002,youth sports clubs,48,300000,90000,2021-10-02,application\n");
    Register register_ = read_register(file, sample_names(g), sample_insurers());
    std::vector<LocatedInitiative> located;
    for (const auto& entry : register_.entries) {
        std::vector<int> municipalities;
        for (const auto& code : entry.municipality_codes) municipalities.push_back(g.index_of.at(code));
        located.push_back({&entry, {municipalities, {}, ResolutionStatus::full}});
    }
    auto checks = check_applications(located, true);
    REQUIRE(checks.size() == 4);
    CHECK(checks[0].violations.empty());
    CHECK(applications_meeting_every_rule(checks) == 1);
    REQUIRE(checks[1].violations.size() == 1);
    CHECK(checks[1].violations[0].rule == ApplicationRule::subsidy_share_of_costs);
    CHECK(checks[1].violations[0].kind == ViolationKind::broken);
    REQUIRE(checks[2].violations.size() == 1);
    CHECK(checks[2].violations[0].rule == ApplicationRule::minimum_subsidy);
    std::vector<ApplicationRule> rules;
    for (const auto& v : checks[3].violations) rules.push_back(v.rule);
    CHECK(rules == std::vector<ApplicationRule>{ApplicationRule::maximum_duration, ApplicationRule::application_deadline,
                                                ApplicationRule::client_groups});
    // Without the insurer framework the target groups are not checked.
    CHECK(check_applications(located, false)[3].violations.size() == 2);
}
