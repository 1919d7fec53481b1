#include "cli/commands.hpp"
#include "core/resources.hpp"
#include "layers/loader.hpp"
#include "store/store.hpp"

#include <fmt/format.h>

#include <charconv>
#include <iostream>
#include <memory>

namespace regiomap::cli {

namespace {
struct LoadArguments {
    std::string store = Store::kDefaultPath;
    std::string manifest;  // empty: the bundled manifest, found at run time (src/core/resources.hpp)
    bool repair = false;
    bool quiet = false;
    std::vector<std::string> population;  // YEAR=FILE
};

// "2025=inwoners.csv" -> {2025, "inwoners.csv"}.
std::pair<int, std::filesystem::path> year_and_file(const std::string& text) {
    const auto equals = text.find('=');
    int year = 0;
    if (equals != std::string::npos) {
        const auto [end, error] = std::from_chars(text.data(), text.data() + equals, year);
        if (error == std::errc() && end == text.data() + equals && equals + 1 < text.size()) {
            return {year, text.substr(equals + 1)};
        }
    }
    throw UsageError("--population takes YEAR=FILE, e.g. --population 2025=inwoners_2025.csv; got '" +
                     text.substr(0, 80) + "'");
}
}  // namespace

void setup_load(CLI::App& app) {
    auto arguments = std::make_shared<LoadArguments>();
    CLI::App* command = app.add_subcommand(
        "load", "Read every layer the manifest names, check it, derive memberships and write the store "
                "(atomically: a failed load leaves the previous store as it was).");
    add_store_option(*command, arguments->store);
    command->add_option("--manifest", arguments->manifest,
                        "the manifest naming the layers (default: the bundled geodata/manifest.json, found under "
                        "--resources, REGIOMAP_RESOURCES, the install prefix's share/regiomap or the source tree)");
    command->add_flag("--repair", arguments->repair,
                      "repair invalid geometries with GEOS MakeValid (recorded in the store) instead of failing");
    command->add_option("--population", arguments->population,
                        "your own population table for a year, as YEAR=FILE (CSV with a municipality code column "
                        "such as gemeentecode and an inwoners column; figures as on 1 January of YEAR); replaces the "
                        "manifest's figures of that year or gives a year without figures its own. Repeatable.")
        ->option_text("YEAR=FILE");
    command->add_flag("-q,--quiet", arguments->quiet, "no progress on stderr");
    command->callback([arguments] {
        auto progress = [quiet = arguments->quiet](const std::string& line) {
            if (!quiet) std::cerr << line << "\n";
        };
        const std::filesystem::path manifest =
            arguments->manifest.empty() ? find_bundled_manifest() : std::filesystem::path(arguments->manifest);
        progress("reading manifest " + manifest.string());
        LoadOptions options{manifest, arguments->store, arguments->repair};
        for (const auto& text : arguments->population) {
            const auto [year, file] = year_and_file(text);
            if (!std::filesystem::is_regular_file(file)) {
                throw UsageError(fmt::format("--population {}: no file {}", text.substr(0, 80), file.string()));
            }
            if (!options.population_tables.emplace(year, file).second) {
                throw UsageError(fmt::format("--population: two tables for {}", year));
            }
        }
        const std::vector<Dataset> datasets = load(options, progress);
        // One line per year, newest first, marking the year every command uses unless given --year.
        const int default_year = Store(arguments->store).year();
        for (auto dataset = datasets.rbegin(); dataset != datasets.rend(); ++dataset) {
            std::cout << "loaded " << dataset->division_year << ": " << dataset->municipalities.size() << " municipalities";
            if (dataset->layers.size() > 1) {
                std::cout << " and " << dataset->layers.size() << " layers";
            } else {
                std::cout << " (municipal boundaries only)";
            }
            std::cout << (dataset->division_year == default_year ? " (the default year)" : "") << "\n";
        }
        std::cout << "into " << arguments->store << "\n";
    });
}

}  // namespace regiomap::cli
