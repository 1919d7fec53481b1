#include "cli/commands.hpp"
#include "layers/loader.hpp"
#include "store/store.hpp"

#include <iostream>
#include <memory>

namespace regiomap::cli {

namespace {
struct LoadArguments {
    std::string store = Store::kDefaultPath;
    std::string manifest = REGIOMAP_DEFAULT_MANIFEST;
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
    command->add_option("--manifest", arguments->manifest, "the manifest naming the layers")->capture_default_str();
    command->add_flag("--repair", arguments->repair,
                      "repair invalid geometries with GEOS MakeValid (recorded in the store) instead of failing");
    command->add_flag("-q,--quiet", arguments->quiet, "no progress on stderr");
    command->callback([arguments] {
        LoadOptions options{arguments->manifest, arguments->store, arguments->repair};
        auto progress = [quiet = arguments->quiet](const std::string& line) {
            if (!quiet) std::cerr << line << "\n";
        };
        Dataset dataset = load(options, progress);
        std::cout << "loaded " << dataset.municipalities.size() << " municipalities and " << dataset.layers.size()
                  << " layers into " << arguments->store << "\n";
    });
}

}  // namespace regiomap::cli
