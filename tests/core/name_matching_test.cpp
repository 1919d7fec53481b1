#include "core/name_matching.hpp"

#include <catch2/catch.hpp>

using regiomap::edit_distance;
using regiomap::normalize_name;

TEST_CASE("names compare without case, accents and punctuation") {
    CHECK(normalize_name("Súdwest-Fryslân") == "sudwest fryslan");
    CHECK(normalize_name("Bergen (NH.)") == normalize_name("bergen nh"));
    CHECK(normalize_name("'s-Hertogenbosch") == "s hertogenbosch");
    CHECK(normalize_name("  Den   Bosch ") == "den bosch");
    CHECK(normalize_name("Ijsselstein") == normalize_name("IJsselstein"));
    CHECK(normalize_name("Bédorp") == "bedorp");
}

TEST_CASE("edit distance counts single-letter edits") {
    CHECK(edit_distance("veenendal", "veenendaal") == 1);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("written lists split at any separator, trimmed, without empty items") {
    using regiomap::split_written_list;
    CHECK(split_written_list("CZ; VGZ", ";") == std::vector<std::string>{"CZ", "VGZ"});
    CHECK(split_written_list("Zilveren Kruis/Achmea;; ONVZ ", ";/") ==
          std::vector<std::string>{"Zilveren Kruis", "Achmea", "ONVZ"});
    CHECK(split_written_list("", ";").empty());
    CHECK(split_written_list("GM0345", ";") == std::vector<std::string>{"GM0345"});
}
