// Several years in one store: each year's divisions, the default year, and what a year
// without population figures says.
#include "analysis/governance.hpp"
#include "core/error.hpp"
#include "layers/loader.hpp"
#include "layers/manifest.hpp"
#include "store/store.hpp"
#include "../support.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <fstream>
#include <set>

using namespace regiomap;
using namespace regiomap::test;

TEST_CASE("the bundled store holds 2016-2020 and 2025 and answers for 2020 unless asked") {
    const Store& store = bundled_store();
    CHECK(store.years() == std::vector<int>{2016, 2017, 2018, 2019, 2020, 2025});
    CHECK(store.year() == 2020);  // the latest year with population figures: 2025 has none
    CHECK(store.municipalities().size() == 355);
    CHECK(store.population_date() == "2020-01-01");
    CHECK_THROWS_AS(Store(bundled_store_path(), 2023), NotFoundError);
    CHECK_THROWS_WITH(Store(bundled_store_path(), 2023), Catch::Contains("years loaded: 2016, 2017, 2018, 2019, 2020, 2025"));
}

TEST_CASE("a store opens another year of its file, and refuses one not loaded as opening the file does") {
    const Store& store = bundled_store();
    const Store later = store.at_year(2025);
    CHECK(later.year() == 2025);
    CHECK(later.file() == store.file());
    CHECK(later.municipalities().size() == 342);
    CHECK(store.year() == 2020);
    CHECK(store.municipalities().size() == 355);
    CHECK_THROWS_AS(store.at_year(2023), NotFoundError);
    CHECK_THROWS_WITH(store.at_year(2023), Catch::Contains("years loaded: 2016, 2017, 2018, 2019, 2020, 2025"));
}

TEST_CASE("2025: 342 municipalities, every one in one of 31 zorgkantoor, 25 GGD, 42 youth-care, 12 province and 25 "
          "safety regions") {
    const Store store(bundled_store_path(), 2025);
    CHECK(store.year() == 2025);
    CHECK(store.municipalities().size() == 342);
    const std::map<std::string, std::size_t> expected{
        {"zorgkantoor", 31}, {"ggd", 25}, {"jeugdregio", 42}, {"provincie", 12}, {"veiligheidsregio", 25}};
    for (const auto& [layer, regions] : expected) {
        INFO(layer);
        const auto rows = store.memberships(layer);
        CHECK(rows.size() == 342);
        std::set<std::string> used;
        for (const auto& row : rows) used.insert(row.region_code);
        CHECK(used.size() == regions);
        CHECK(store.layer(layer).region_count == static_cast<int>(regions));
        CHECK(store.layer(layer).year == 2025);
    }
    // Merged since 2020: Eemsdelta (2021) is there, Weesp (into Amsterdam, 2022) is not.
    std::set<std::string> names;
    for (const auto& row : store.municipalities()) names.insert(row.name);
    CHECK(names.count("Eemsdelta") == 1);
    CHECK(names.count("Land van Cuijk") == 1);
    CHECK(names.count("Weesp") == 0);
    CHECK(names.count("Appingedam") == 0);
}

TEST_CASE("2025 carries no 2020 population: every figure is unknown and the year says it has none") {
    const Store store(bundled_store_path(), 2025);
    CHECK(store.population_date().empty());
    for (const auto& row : store.municipalities()) CHECK_FALSE(row.population);
    const Governance governance = read_governance(store);
    CHECK(governance.division_year == 2025);
    CHECK(governance.population_date.empty());
}

TEST_CASE("the municipal years 2016-2019 hold their municipalities only") {
    const std::map<int, std::size_t> counts{{2016, 390}, {2017, 388}, {2018, 380}, {2019, 355}};
    for (const auto& [year, count] : counts) {
        INFO(year);
        const Store store(bundled_store_path(), year);
        CHECK(store.municipalities().size() == count);
        CHECK(store.layers().size() == 1);
    }
    CHECK(Store(bundled_store_path(), 2019).population_date() == "2019-01-01");
}

TEST_CASE("a manifest's default_year must be one of its years, and no year twice") {
    TemporaryFolder folder;
    nlohmann::json manifest = nlohmann::json::parse(file_contents(kBundledManifest));
    manifest["default_year"] = 2021;
    const auto path = folder / "manifest.json";
    std::ofstream(path) << manifest.dump(2);
    CHECK_THROWS_WITH(Manifest::read_years(path), Catch::Contains("default_year") && Catch::Contains("2021 is not one of"));
    manifest["default_year"] = 2020;
    manifest["years"].push_back(manifest["years"][1]);
    std::ofstream(path) << manifest.dump(2);
    CHECK_THROWS_WITH(Manifest::read_years(path), Catch::Contains("division_year 2020 is listed twice"));
}

TEST_CASE("names of any year resolve in the others through the crosswalk") {
    const MunicipalityNames names_2025 = Store(bundled_store_path(), 2025).names();
    // Weesp (2020) went wholly into Amsterdam in 2022.
    const NameResolution weesp = names_2025.resolve("Weesp");
    REQUIRE(weesp.entry->targets.size() == 1);
    CHECK(weesp.entry->targets.front().code == "GM0363");
    CHECK(weesp.entry->targets.front().share == Approx(1.0));
    // A 2016 name: Vianen, merged into Vijfheerenlanden in 2019, still Vijfheerenlanden in 2025.
    CHECK(names_2025.resolve_one("Vianen") == "GM1961");
    // Haaren (2020) was split in 2021 over four municipalities.
    CHECK(names_2025.resolve("Haaren").entry->targets.size() == 4);
    // Backward: Eemsdelta of 2025 is its three 2020 predecessors, with shares of its area summing to about 1.
    const MunicipalityNames names_2020 = bundled_store().names();
    const NameResolution eemsdelta = names_2020.resolve("Eemsdelta");
    std::set<std::string> codes;
    double total = 0;
    for (const auto& target : eemsdelta.entry->targets) {
        codes.insert(target.code);
        total += target.share;
    }
    CHECK(codes == std::set<std::string>{"GM0003", "GM0010", "GM0024"});  // Appingedam, Delfzijl, Loppersum
    CHECK(total == Approx(1.0).margin(0.02));
    CHECK(eemsdelta.entry->basis == NameBasis::later);
    // A name the year knows keeps its own meaning.
    CHECK(names_2025.resolve_one("Amsterdam") == "GM0363");
}

TEST_CASE("the user's own population table gives 2025 its figures and makes it the default year") {
    TemporaryFolder folder;
    // Padded codes as StatLine exports them, one without its prefix, Dutch thousands separators.
    std::ofstream(folder / "inwoners_2025.csv") << "gemeentecode;gemeentenaam;inwoners\n"
                                                   "GM0345    ;Veenendaal;\"67.564\"\n"
                                                   "0153;Enschede;160.889\n";
    const auto store_path = folder / "store.sqlite";
    LoadOptions options{kBundledManifest, store_path, false};
    options.population_tables = {{2025, folder / "inwoners_2025.csv"}};
    load(options, silent);
    const Store store(store_path);
    CHECK(store.year() == 2025);
    CHECK(store.population_date() == "2025-01-01");
    const Governance governance = read_governance(store);
    CHECK(governance.population_of(governance.index_of.at("GM0345")) == 67564);
    CHECK(governance.population_of(governance.index_of.at("GM0153")) == 160889);
    CHECK(!governance.population[governance.index_of.at("GM0363")]);  // Amsterdam: not in the table, unknown
    // 2020 keeps the bundled figures.
    const Governance of_2020 = read_governance(Store(store_path, 2020));
    CHECK(of_2020.population_of(of_2020.index_of.at("GM0345")) == 66493);
}

TEST_CASE("a population table with a code the year does not have, or for a year not listed, changes nothing") {
    TemporaryFolder folder;
    // Weesp (GM0457) went into Amsterdam in 2022: a 2020 code in a 2025 table is refused, not carried.
    std::ofstream(folder / "inwoners.csv") << "code,inwoners\nGM0345,67564\nGM0457,21000\n";
    const auto store_path = folder / "store.sqlite";
    LoadOptions options{kBundledManifest, store_path, false};
    options.population_tables = {{2025, folder / "inwoners.csv"}};
    CHECK_THROWS_WITH(load(options, silent), Catch::Contains("inwoners.csv") && Catch::Contains("row 2") &&
                                                  Catch::Contains("unknown municipality code 'GM0457'"));
    CHECK(!std::filesystem::exists(store_path));
    options.population_tables = {{2023, folder / "inwoners.csv"}};
    CHECK_THROWS_WITH(load(options, silent), Catch::Contains("the manifest has no year 2023; years: "));
    std::ofstream(folder / "zonder.csv") << "code,aantal\nGM0345,67564\n";
    options.population_tables = {{2025, folder / "zonder.csv"}};
    CHECK_THROWS_WITH(load(options, silent), Catch::Contains("zonder.csv") &&
                                                  Catch::Contains("no column with the number of inhabitants"));
}
