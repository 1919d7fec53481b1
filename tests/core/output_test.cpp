#include "core/output.hpp"

#include "../support.hpp"
#include "core/error.hpp"
#include "core/table_reader.hpp"

#include <catch2/catch.hpp>

using namespace regiomap;

TEST_CASE("CSV fields are quoted only when they must be") {
    CHECK(csv_line({"GM0345", "Veenendaal", ""}) == "GM0345,Veenendaal,\n");
    CHECK(csv_line({"a,b", "say \"hi\""}) == "\"a,b\",\"say \"\"hi\"\"\"\n");
}

TEST_CASE("atomic writes replace the whole file and leave no temporary behind") {
    test::TemporaryFolder folder;
    auto target = folder / "out.txt";
    write_file_atomically(target, "first");
    write_file_atomically(target, "second");
    CHECK(test::file_contents(target) == "second");
    CHECK(std::distance(std::filesystem::directory_iterator(folder.path()), std::filesystem::directory_iterator()) == 1);
}

TEST_CASE("excel-nl CSV: byte-order mark, semicolons, decimal comma in numeric fields only") {
    const std::string plain = csv_line({"code", "share", "count", "note"}) +
                              csv_line({"ZK23", "0.4500", "17", "EUR 35000 requested; at most 0.5"}) +
                              csv_line({"GM0345", "-1.25", "", "a, b"});
    CHECK(csv_in_dialect(plain, CsvDialect::plain) == plain);
    CHECK(csv_in_dialect(plain, CsvDialect::excel_nl) ==
          "\xEF\xBB\xBF" "code;share;count;note\n"
          "ZK23;0,4500;17;\"EUR 35000 requested; at most 0.5\"\n"
          "GM0345;-1,25;;a, b\n");
}

TEST_CASE("prose wraps at the width with a hanging indent") {
    CHECK(wrap_text("  [1] one two three four", 14, 6) == "  [1] one two\n      three\n      four\n");
    CHECK(wrap_text("short", 120) == "short\n");
}

// Safe outputs (issue 7): --output used to overwrite anything, the store included.
TEST_CASE("an output never replaces the store or an input, even with force") {
    test::TemporaryFolder folder;
    auto store = folder / "regiomap.sqlite";
    std::ofstream(store) << "the store";
    auto link = folder / "link.csv";
    std::filesystem::create_symlink(store, link);
    OutputPolicy policy{true, {store}};
    for (const auto& target : {store, link}) {
        CHECK_THROWS_AS(write_output_file(target, OutputKind::csv, "a,b\n", policy), OutputError);
        CHECK_THROWS_WITH(write_output_file(target, OutputKind::csv, "a,b\n", policy),
                          Catch::Contains("this command reads it"));
    }
    CHECK(test::file_contents(store) == "the store");
}

TEST_CASE("an output replaces a previous output of its kind and nothing else unless forced") {
    test::TemporaryFolder folder;
    auto target = folder / "scores.csv";
    OutputPolicy policy;
    write_output_file(target, OutputKind::csv, "code,score\nGM1,1\n", policy);
    write_output_file(target, OutputKind::csv, "code,score\nGM1,2\n", policy);  // same header: a previous output
    CHECK(test::file_contents(target) == "code,score\nGM1,2\n");
    CHECK_THROWS_AS(write_output_file(target, OutputKind::csv, "other,header\n", policy), OutputError);
    CHECK_THROWS_WITH(write_output_file(target, OutputKind::csv, "other,header\n", policy),
                      Catch::Contains("not a previous regiomap output") && Catch::Contains("--force"));
    CHECK(test::file_contents(target) == "code,score\nGM1,2\n");
    write_output_file(target, OutputKind::csv, "other,header\n", {true, {}});
    CHECK(test::file_contents(target) == "other,header\n");

    auto report = folder / "report.txt";
    write_output_file(report, OutputKind::text, "Over layers a, b: mean 0.5\n", policy);
    write_output_file(report, OutputKind::text, "Over layers a, b: mean 0.7\n", policy);
    CHECK_THROWS_AS(write_output_file(report, OutputKind::text, "Over layers a, c: mean 0.7\n", policy), OutputError);

    auto json = folder / "report.json";
    write_output_file(json, OutputKind::json, "[{\"a\": 1, \"b\": 2}]\n", policy);
    write_output_file(json, OutputKind::json, "[{\"a\": 3, \"b\": 4}]\n", policy);
    CHECK_THROWS_AS(write_output_file(json, OutputKind::json, "{\"a\": 1}\n", policy), OutputError);
    std::ofstream(folder / "notes.txt") << "my notes";
    CHECK_THROWS_AS(write_output_file(folder / "notes.txt", OutputKind::text, "Over layers\n", policy), OutputError);
    CHECK(test::file_contents(folder / "notes.txt") == "my notes");
}

TEST_CASE("an output whose folder is missing or a file says so") {
    test::TemporaryFolder folder;
    std::ofstream(folder / "file") << "x";
    CHECK_THROWS_WITH(write_output_file(folder / "file" / "out.csv", OutputKind::csv, "a\n", {}),
                      Catch::Contains("cannot write") && Catch::Contains("is not a folder"));
    CHECK_THROWS_WITH(write_output_file(folder / "absent" / "out.csv", OutputKind::csv, "a\n", {}),
                      Catch::Contains("does not exist"));
    CHECK_THROWS_WITH(write_output_file(folder.path(), OutputKind::csv, "a\n", {}), Catch::Contains("is a folder"));
    // The system's reason, when writing itself fails.
    CHECK_THROWS_WITH(write_file_atomically(folder / "file" / "out.csv", "a\n"), Catch::Contains("Not a directory"));
}

TEST_CASE("a failed replacement leaves the old file and no temporary") {
    test::TemporaryFolder folder;
    auto target = folder / "map.gpkg";
    std::ofstream(target) << "old";
    CHECK_THROWS_AS(replace_file(target, ".gpkg",
                                 [](const std::filesystem::path& temporary) {
                                     std::ofstream(temporary) << "half";
                                     throw OutputError("map.gpkg", "disk full");
                                 }),
                    OutputError);
    CHECK(test::file_contents(target) == "old");
    CHECK(std::distance(std::filesystem::directory_iterator(folder.path()), std::filesystem::directory_iterator()) == 1);
}

TEST_CASE("JSON text never throws on bytes that are not UTF-8") {
    nlohmann::json document = {{"query", std::string("Veenendal\xff")}};
    CHECK(json_text(document) == "{\n  \"query\": \"Veenendal\xEF\xBF\xBD\"\n}\n");
}

TEST_CASE("UTF-8 is told from Latin-1") {
    CHECK(is_utf8("Bédorp"));
    CHECK(is_utf8(""));
    CHECK_FALSE(is_utf8("B\xe9" "dorp"));
    CHECK_FALSE(is_utf8("\xc0\xaf"));        // overlong
    CHECK_FALSE(is_utf8("\xed\xa0\x80"));    // surrogate
    CHECK_FALSE(is_utf8("\xe2\x82"));        // cut short
}
