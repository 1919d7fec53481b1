// The table of subcommands: each setup_<command> binds its options to a
// plain struct and registers a callback that calls one library function.
#pragma once

#include "core/output.hpp"

#include <CLI/CLI.hpp>

#include <map>
#include <string>

namespace regiomap::cli {

void setup_load(CLI::App& app);
void setup_layers(CLI::App& app);
void setup_memberships(CLI::App& app);
void setup_lookup(CLI::App& app);
void setup_profile(CLI::App& app);
void setup_incongruence(CLI::App& app);
void setup_compare_layers(CLI::App& app);
void setup_whatif(CLI::App& app);
void setup_initiatives(CLI::App& app);
void setup_leaders(CLI::App& app);
void setup_balance(CLI::App& app);
void setup_applications(CLI::App& app);

inline void add_store_option(CLI::App& command, std::string& store) {
    command.add_option("--store", store, "the regiomap store (SpatiaLite file)")->capture_default_str();
}

inline void add_format_option(CLI::App& command, OutputFormat& format) {
    static const std::map<std::string, OutputFormat> formats{
        {"table", OutputFormat::table}, {"csv", OutputFormat::csv}, {"json", OutputFormat::json}};
    command.add_option("--format", format, "output format: table, csv or json (default table)")
        ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
}

}  // namespace regiomap::cli
