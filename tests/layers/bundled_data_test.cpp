// Outcomes on the real bundled CBS 2020 layers. Expected values come from
// the published sources: CBS region counts, the insurers' 2020 policy paper
// (Veenendaal, Enschede; see shared/docs/DOMAIN.md), CBS population totals.
#include "../support.hpp"
#include "core/error.hpp"
#include "layers/boundary_reader.hpp"
#include "layers/loader.hpp"

#include <catch2/catch.hpp>

#include <map>

using namespace regiomap;
using namespace regiomap::test;

namespace {


std::map<std::string, MembershipRow> by_municipality(const std::string& layer) {
    std::map<std::string, MembershipRow> rows;
    for (auto& row : bundled_store().memberships(layer)) rows[row.municipality_code] = row;
    return rows;
}

}  // namespace

TEST_CASE("the bundled 2020 division has the published counts") {
    const auto& store = bundled_store();
    CHECK(store.municipalities().size() == 355);
    CHECK(store.layer("gemeente").region_count == 355);
    CHECK(store.layer("zorgkantoor").region_count == 31);  // 32 in policy papers; ZK05+ZK15 -> ZK33 in 2019
    CHECK(store.layer("zorgkantoor").region_count_note.find("ZK33") != std::string::npos);
    CHECK(store.layer("ggd").region_count == 25);
    CHECK(store.layer("jeugdregio").region_count == 42);
    CHECK(store.layer("provincie").region_count == 12);
    CHECK(store.layer("veiligheidsregio").region_count == 25);
}

TEST_CASE("every municipality is assigned in every boundary layer") {
    for (const auto& layer : bundled_store().layers()) {
        if (layer.given_as != "boundaries") continue;
        INFO(layer.id);
        CHECK(bundled_store().memberships(layer.id).size() == 355);
        CHECK(layer.municipalities_covered == 355);
    }
}

TEST_CASE("Enschede lies in Twente in the zorgkantoor, GGD and youth-care layers") {
    CHECK(by_municipality("zorgkantoor").at("GM0153").region_name == "Twente");
    CHECK(by_municipality("ggd").at("GM0153").region_name == "GGD Regio Twente");
    CHECK(by_municipality("jeugdregio").at("GM0153").region_name == "Twente");
}

TEST_CASE("Veenendaal lies in zorgkantoor Utrecht, GGD Regio Utrecht and youth-care region FoodValley") {
    CHECK(by_municipality("zorgkantoor").at("GM0345").region_name == "Utrecht");
    CHECK(by_municipality("ggd").at("GM0345").region_name == "GGD Regio Utrecht");
    CHECK(by_municipality("jeugdregio").at("GM0345").region_name == "Food Valley");
}

TEST_CASE("the twenty-three published Utrecht work-structure memberships, the rest by default") {
    const auto& store = bundled_store();
    auto layer = store.layer("werkstructuur");
    CHECK(layer.published_count == 23);
    CHECK(layer.default_count == 355 - 23);
    auto rows = by_municipality("werkstructuur");
    CHECK(rows.at("GM0307").region_name == "Regio Utrecht/Eemland");  // Amersfoort
    CHECK(rows.at("GM0267").region_name == "Regio Utrecht/Eemland");  // Nijkerk, in Gelderland
    CHECK(rows.at("GM1961").region_name == "Regio Utrecht/Lekstroom");  // Vijfheerenlanden, published as Vianen
    CHECK(rows.at("GM0345").basis == MembershipBasis::layer_default);  // Veenendaal: not published
    CHECK(rows.at("GM0153").region_code == "DEF-ZK22");               // Enschede follows zorgkantoor Twente
}

TEST_CASE("the municipal area is within 1% of the provincial area") {
    double municipal = 0;
    for (const auto& municipality : bundled_store().municipalities()) municipal += municipality.area_m2;
    // Provinces dissolved from the province layer file; compare with its own polygons.
    GeosContext geos;
    Manifest manifest;
    for (auto& year : Manifest::read_years(kBundledManifest)) {
        if (year.division_year == 2020) manifest = std::move(year);
    }
    double provincial = 0;
    for (const auto& spec : manifest.region_layers) {
        if (spec.id != "provincie") continue;
        for (const auto& feature : read_boundary_layer(geos, spec, {}).features) provincial += area(geos, feature.geometry.get());
    }
    CHECK(municipal / 1e6 == Approx(35062.8).epsilon(0.001));  // km², as measured in shared/geodata SOURCES.md
    CHECK(municipal == Approx(provincial).epsilon(0.01));
}

TEST_CASE("population on 1 January 2020 sums to the CBS total") {
    std::int64_t total = 0;
    for (const auto& municipality : bundled_store().municipalities()) total += municipality.population.value_or(0);
    CHECK(total == 17407585);
}

TEST_CASE("municipalities are found by code, variant, alias and names of 2016") {
    auto names = bundled_store().names();
    auto code_of = [&](const std::string& text) { return names.resolve(text).entry->targets.front().code; };
    CHECK(code_of("GM0345") == "GM0345");
    CHECK(code_of("veenendaal") == "GM0345");
    CHECK(code_of("Den Bosch") == "GM0796");
    CHECK(code_of("Bergen (NH)") == "GM0373");
    CHECK(code_of("Bergen (L)") == "GM0893");
    CHECK(code_of("SUDWEST FRYSLAN") == "GM1900");
    CHECK(code_of("Groningen (gemeente)") == "GM0014");
    CHECK(code_of("Haren") == "GM0014");            // merged into Groningen in 2019
    CHECK(code_of("Vianen") == "GM1961");           // merged into Vijfheerenlanden in 2019
    CHECK(code_of("Schijndel") == "GM1948");        // Meierijstad, 2017
    CHECK(code_of("GM0620") == "GM1961");
    auto littenseradiel = names.resolve("Littenseradiel").entry->targets;
    REQUIRE(littenseradiel.size() == 3);           // split in 2018 over three municipalities
    CHECK_THROWS_WITH(names.resolve("Veenendal"), Catch::Contains("Veenendaal"));
}
