// Issue 8: every table command fits a terminal of kTerminalWidth columns unless
// --wide is given. The golden outputs of the table format (tests/CMakeLists.txt
// collects those run without --wide) are what the commands print on the bundled data.
#include "core/output.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::vector<std::string> table_goldens() {
    std::vector<std::string> files;
    std::stringstream list(REGIOMAP_TABLE_GOLDENS);
    for (std::string file; std::getline(list, file, '|');) {
        if (!file.empty()) files.push_back(file);
    }
    return files;
}

}  // namespace

TEST_CASE("every golden table output without --wide fits 120 columns", "[cli][width]") {
    const auto files = table_goldens();
    REQUIRE(files.size() >= 15);  // the list is collected, not empty by a CMake slip
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        INFO(file);
        REQUIRE(in);
        std::string line;
        int number = 0;
        while (std::getline(in, line)) {
            ++number;
            INFO("line " << number << ": " << line);
            CHECK(regiomap::display_width(line) <= regiomap::kTerminalWidth);
        }
    }
}

TEST_CASE("display width counts characters, not bytes", "[cli][width]") {
    CHECK(regiomap::display_width("GGD Fryslân") == 11);
    CHECK(regiomap::shorten_to_width("GGD Fryslân Noord", 11) == "GGD Fryslâ~");
    CHECK(regiomap::shorten_to_width("kort", 11) == "kort");
}

TEST_CASE("table notes number each distinct text once", "[cli][width]") {
    regiomap::TableNotes notes;
    CHECK(notes.refer("a long basis text", 5) == "[1]");
    CHECK(notes.refer("another long basis", 5) == "[2]");
    CHECK(notes.refer("a long basis text", 5) == "[1]");
    CHECK(notes.refer("short", 5) == "short");
    CHECK(notes.format("Bases:") == "Bases:\n  [1] a long basis text\n  [2] another long basis\n");
    regiomap::TableNotes wide(true);
    CHECK(wide.refer("a long basis text", 5) == "a long basis text");
    CHECK(wide.empty());
}

TEST_CASE("names joined within a width count the rest", "[cli][width]") {
    const std::vector<std::string> names{"Amersfoort", "Baarn", "Bunnik", "Bunschoten"};
    CHECK(regiomap::join_names_within(names, 0) == "Amersfoort, Baarn, Bunnik, Bunschoten");
    CHECK(regiomap::join_names_within(names, 30) == "Amersfoort, Baarn, +2 more");
    CHECK(regiomap::join_names_within(names, 40) == "Amersfoort, Baarn, Bunnik, Bunschoten");
}

TEST_CASE("a fitted table cuts the shrinkable column to the width", "[cli][width]") {
    const auto fitted = regiomap::format_fitted_table({"a", "region"}, {{"x", std::string(40, 'r')}}, {},
                                                      {false, true}, 20);
    CHECK(fitted.shortened);
    std::stringstream lines(fitted.text);
    for (std::string line; std::getline(lines, line);) CHECK(regiomap::display_width(line) <= 20);
    const auto wide = regiomap::format_fitted_table({"a", "region"}, {{"x", std::string(40, 'r')}}, {}, {false, true}, 0);
    CHECK_FALSE(wide.shortened);
}

TEST_CASE("a word wider than the line is broken, lines stay within the width", "[cli][width]") {
    const std::string text = "see (https://" + std::string(150, 'x') + ") for more";
    std::stringstream lines(regiomap::wrap_text(text, 60, 4));
    for (std::string line; std::getline(lines, line);) CHECK(regiomap::display_width(line) <= 60);
}
