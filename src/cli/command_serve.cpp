// serve: the workbench page and its JSON API (src/serve/, docs/API.md).
#include "cli/commands.hpp"
#include "serve/http_server.hpp"

#include <iostream>
#include <memory>

namespace regiomap::cli {

namespace {
struct ServeArguments {
    std::string store = Store::kDefaultPath;
    ServeOptions options;
};
}  // namespace

void setup_serve(CLI::App& app) {
    auto arguments = std::make_shared<ServeArguments>();
    CLI::App* command = app.add_subcommand(
        "serve", "The workbench: a map page in the browser to try moves and see the scores change, and its JSON API "
                 "(docs/API.md). Reads the store once and never writes it; moves leave only through an export. "
                 "Stops on Ctrl-C (SIGINT) or SIGTERM.");
    add_store_option(*command, arguments->store);
    add_year_option(*command, arguments->options.year);
    command->add_option("--port", arguments->options.port, "port to listen on (0: any free port)")
        ->capture_default_str();
    command->add_option("--host", arguments->options.host,
                        "address to listen on; anything but 127.0.0.1, localhost or ::1 needs --token")
        ->capture_default_str();
    command
        ->add_option("--token", arguments->options.token,
                     "a secret every request must carry (Authorization: Bearer TOKEN; the page is opened as "
                     "/?token=TOKEN), e.g. from 'openssl rand -hex 16'; also read from REGIOMAP_SERVE_TOKEN")
        ->envname("REGIOMAP_SERVE_TOKEN")
        ->option_text("TOKEN");
    command->callback([arguments] {
        arguments->options.store = arguments->store;
        serve_workbench(arguments->options, [](const ServeStarted& started) {
            if (!started.page_missing.empty()) std::cerr << "regiomap serve: " << started.page_missing << "\n";
            std::cerr << "regiomap serve: open " << started.url << std::endl;
        });
        std::cerr << "regiomap serve: stopped" << std::endl;
    });
}

}  // namespace regiomap::cli
