// The loader refuses insurer tables that would let a basis rest on nothing: a designated
// legal entity the label table does not list, and a statement on the largest insurer whose
// concern is not among the insurers the quoted statement names. Each case changes one row
// of a copy of the bundled table and builds the bundled years with it.
#include "layers/loader.hpp"

#include "../support.hpp"
#include "core/error.hpp"
#include "layers/manifest.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace regiomap;
using namespace regiomap::test;

namespace {

// A copy of `original` with every occurrence of `from` replaced by `to` (which must occur).
std::filesystem::path edited_copy(const TemporaryFolder& folder, const std::filesystem::path& original,
                                  const std::string& from, const std::string& to) {
    std::string text = file_contents(original);
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    const auto copy = folder / original.filename();
    std::ofstream(copy, std::ios::binary) << text;
    return copy;
}

std::string build_error(std::vector<Manifest> years) {
    try {
        build_datasets(years, false, silent);
    } catch (const DataError& error) {
        return error.what();
    }
    return "";
}

}  // namespace

TEST_CASE("a designated legal entity missing from the label table is refused, naming it") {
    TemporaryFolder folder;
    auto years = Manifest::read_years(kBundledManifest);
    for (auto& year : years) {
        if (!year.insurers.present) continue;
        year.insurers.label_concerns = edited_copy(folder, year.insurers.label_concerns,
                                                   "\nTrias Zorgkantoor B.V.,rechtspersoon",
                                                   "\nTrias Verzekeringen B.V.,rechtspersoon");
    }
    const std::string message = build_error(years);
    CHECK_THAT(message, Catch::Contains("Trias Zorgkantoor B.V.") && Catch::Contains("verzekeraar_label_concern.csv"));
}

TEST_CASE("a statement on the largest insurer must name a concern the quoted statement names") {
    TemporaryFolder folder;
    auto years = Manifest::read_years(kBundledManifest);
    for (auto& year : years) {
        if (!year.insurers.present) continue;
        // The Twente statement names Menzis only.
        year.insurers.largest_insurer_statements = edited_copy(
            folder, year.insurers.largest_insurer_statements, "gezonder-te-maken,Menzis,", "gezonder-te-maken,CZ,");
    }
    const std::string message = build_error(years);
    CHECK_THAT(message, Catch::Contains("'CZ' is not among the insurers the statement names"));
}
