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
