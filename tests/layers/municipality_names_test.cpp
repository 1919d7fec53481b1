#include "layers/municipality_names.hpp"

#include "core/error.hpp"

#include <catch2/catch.hpp>

using namespace regiomap;

namespace {
MunicipalityNames sample() {
    MunicipalityNames names;
    names.add({"GM0345", {{"GM0345", 1.0}}, NameBasis::current_code, "2020 code"});
    names.add({"Veenendaal", {{"GM0345", 1.0}}, NameBasis::current_name, "2020 name"});
    names.add({"Bergen (NH.)", {{"GM0373", 1.0}}, NameBasis::current_name, "2020 name"});
    names.add({"Bergen (L.)", {{"GM0893", 1.0}}, NameBasis::current_name, "2020 name"});
    names.add({"Den Bosch", {{"GM0796", 1.0}}, NameBasis::alias, "alias"});
    names.add({"Winsum", {{"GM1966", 0.877}, {"GM1969", 0.123}}, NameBasis::earlier, "split"});
    return names;
}
}  // namespace

TEST_CASE("codes resolve in any spelling") {
    auto names = sample();
    CHECK(canonical_municipality_code("gm345") == "GM0345");
    CHECK(canonical_municipality_code("0345") == "GM0345");
    CHECK(canonical_municipality_code("Veenendaal") == "Veenendaal");
    CHECK(names.resolve("gm0345").entry->targets.front().code == "GM0345");
    CHECK(names.resolve("345").entry->targets.front().code == "GM0345");
}

TEST_CASE("names resolve without case, punctuation or accents and splits keep their shares") {
    auto names = sample();
    CHECK(names.resolve("VEENENDAAL").entry->targets.front().code == "GM0345");
    CHECK(names.resolve("Bergen (NH)").entry->targets.front().code == "GM0373");
    CHECK(names.resolve("den bosch").entry->targets.front().code == "GM0796");
    auto winsum = names.resolve("Winsum");
    REQUIRE(winsum.entry->targets.size() == 2);
    CHECK(winsum.entry->targets[0].share == Approx(0.877));
}

TEST_CASE("an unknown name fails with the nearest names") {
    auto names = sample();
    try {
        names.resolve("Veenendal");
        FAIL("expected NotFoundError");
    } catch (const NotFoundError& error) {
        CHECK(std::string(error.what()).find("nearest: Veenendaal") != std::string::npos);
    }
    try {
        names.resolve("Bergen");
        FAIL("expected NotFoundError");
    } catch (const NotFoundError& error) {
        std::string message = error.what();
        CHECK(message.find("Bergen (NH.)") != std::string::npos);
        CHECK(message.find("Bergen (L.)") != std::string::npos);
    }
}

TEST_CASE("resolve_one refuses a place that was split, naming the parts") {
    auto names = sample();
    CHECK(names.resolve_one("Veenendaal") == "GM0345");
    CHECK_THROWS_WITH(names.resolve_one("Winsum"),
                      Catch::Contains("split over 2 municipalities") && Catch::Contains("GM1966 88%"));
}
