#include "layers/municipality_names.hpp"

#include "core/error.hpp"

#include <catch2/catch.hpp>

#include <chrono>

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

namespace {
MunicipalityNames user_sample() {
    MunicipalityNames names = sample();
    names.add({"Bergen op Zoom", {{"GM0748", 1.0}}, NameBasis::current_name, "2020 name"});
    names.add({"Bergen Limburg", {{"GM0893", 1.0}}, NameBasis::alias, "alias"});
    names.add({"Nuenen, Gerwen en Nederwetten", {{"GM0820", 1.0}}, NameBasis::current_name, "2020 name"});
    names.add({"Midden-Delfland", {{"GM1842", 1.0}}, NameBasis::current_name, "2020 name"});
    names.add({"Midden-Drenthe", {{"GM1731", 1.0}}, NameBasis::current_name, "2020 name"});
    names.add({"Ede", {{"GM0228", 1.0}}, NameBasis::current_name, "2020 name"});
    names.add({"Ede Gelderland", {{"GM9999", 1.0}}, NameBasis::alias, "hand-made rival starting with Ede"});
    return names;
}
}  // namespace

TEST_CASE("a user's query: exact first, then the name without its qualifier, then a unique word prefix") {
    auto names = user_sample();
    // "Bergen" is Bergen (NH.) or Bergen (L.) without the qualifier; Bergen op Zoom only starts so
    auto bergen = names.search("Bergen");
    REQUIRE(bergen.outcome == NameSearch::Outcome::ambiguous);
    REQUIRE(bergen.candidates.size() == 2);
    CHECK(bergen.candidates[0]->name == "Bergen (NH.)");
    CHECK(bergen.candidates[1]->name == "Bergen (L.)");  // the 2020 name, not the alias "Bergen Limburg"
    const std::string message = miss_message(bergen, {{"GM0373", "Noord-Holland"}, {"GM0893", "Limburg"}});
    CHECK(message == "'Bergen' names more than one municipality: Bergen (NH.) (GM0373, Noord-Holland); Bergen (L.) "
                     "(GM0893, Limburg); give the full name or the code");
    // a unique prefix of whole words resolves, and says so
    auto nuenen = names.search("nuenen");
    REQUIRE(nuenen.outcome == NameSearch::Outcome::found);
    CHECK(nuenen.found.entry->targets.front().code == "GM0820");
    CHECK(nuenen.found.how == "the only municipality whose name starts with 'nuenen'");
    CHECK(names.search("Nuen").outcome == NameSearch::Outcome::missing);  // not a whole word
    CHECK(names.search("Midden").outcome == NameSearch::Outcome::ambiguous);
    // an exact name wins over a longer name it starts
    auto ede = names.search("Ede");
    REQUIRE(ede.outcome == NameSearch::Outcome::found);
    CHECK(ede.found.entry->targets.front().code == "GM0228");
    CHECK(ede.found.how.empty());
    // sources match exactly: no prefixes through resolve()
    CHECK_THROWS_AS(names.resolve("Nuenen"), NotFoundError);
}

TEST_CASE("a megabyte name answers fast with a short message") {
    auto names = user_sample();
    const std::string huge(1'000'000, 'V');
    const auto start = std::chrono::steady_clock::now();
    auto search = names.search(huge);
    std::string message;
    try {
        names.resolve(huge);
    } catch (const NotFoundError& error) {
        message = error.what();
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(search.outcome == NameSearch::Outcome::missing);
    CHECK(seconds < 0.5);
    CHECK(message.size() < 200);
    CHECK_THAT(message, Catch::Contains("... (1000000 characters)"));
}
