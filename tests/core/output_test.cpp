#include "core/output.hpp"

#include "../support.hpp"

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
