#include "cli/commands.hpp"
#include "core/resources.hpp"
#include "layers/loader.hpp"
#include "store/store.hpp"

#include <iostream>
#include <memory>

namespace regiomap::cli {

namespace {
struct LoadArguments {
    std::string store = Store::kDefaultPath;
    std::string manifest;  // empty: the bundled manifest, found at run time (src/core/resources.hpp)
    bool repair = false;
    bool quiet = false;
};
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
    command->add_flag("-q,--quiet", arguments->quiet, "no progress on stderr");
    command->callback([arguments] {
        auto progress = [quiet = arguments->quiet](const std::string& line) {
            if (!quiet) std::cerr << line << "\n";
        };
        const std::filesystem::path manifest =
            arguments->manifest.empty() ? find_bundled_manifest() : std::filesystem::path(arguments->manifest);
        progress("reading manifest " + manifest.string());
        LoadOptions options{manifest, arguments->store, arguments->repair};
        const std::vector<Dataset> datasets = load(options, progress);
        // One line per year, newest first, marking the year every command uses unless given --year.
        for (auto dataset = datasets.rbegin(); dataset != datasets.rend(); ++dataset) {
            std::cout << "loaded " << dataset->division_year << ": " << dataset->municipalities.size() << " municipalities";
            if (dataset->layers.size() > 1) {
                std::cout << " and " << dataset->layers.size() << " layers";
            } else {
                std::cout << " (municipal boundaries only)";
            }
            const int default_year = datasets.back().default_year != 0 ? datasets.back().default_year
                                                                        : datasets.back().division_year;
            std::cout << (dataset->division_year == default_year ? " (the default year)" : "") << "\n";
        }
        std::cout << "into " << arguments->store << "\n";
    });
}

}  // namespace regiomap::cli
