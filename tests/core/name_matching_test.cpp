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

TEST_CASE("messages quote at most 80 characters of user text, with the length") {
    using regiomap::excerpt_for_message;
    CHECK(excerpt_for_message("Veenendaal") == "Veenendaal");
    const std::string long_text(1000, 'x');
    CHECK(excerpt_for_message(long_text) == std::string(80, 'x') + "... (1000 characters)");
    // never cuts a two-byte character in half: 79 'a' then a 2-byte 'é' straddling byte 80
    const std::string accented = std::string(79, 'a') + "\xC3\xA9" + std::string(10, 'b');
    CHECK(excerpt_for_message(accented) == std::string(79, 'a') + "... (90 characters)");
}
