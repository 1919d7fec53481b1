// regiomap: map Dutch health-governance regions onto each other.
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/output.hpp"
#include "core/resources.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <sstream>

namespace {

constexpr const char* kExitCodes =
    "Exit codes:\n"
    "  0  success\n"
    "  1  bad input data (the message names the file, the feature or row, and the problem)\n"
    "  2  bad command line\n"
    "  3  store missing, unreadable or not a regiomap store\n"
    "  4  a municipality, layer or region asked for does not exist\n"
    "  5  internal error (a geometry or database library failed unexpectedly)\n"
    "  6  applications check: one or more applications break a rule (the report is on stdout)\n"
    "  7  an output file may not or cannot be written (the store, an input, a file that is not a previous\n"
    "     output of the same kind without --force, a missing folder; the message says which and why)\n"
    "  8  propose: the regions, population bounds or fixed groups asked for cannot be met (the message\n"
    "     names the bound, by how much it fails and what would be feasible)";

// Help fits a terminal of 120 columns: descriptions wrapped at words. CLI11 indents the
// lines after a line break in an option's description under the first one.
class WrappingFormatter : public CLI::Formatter {
public:
    std::string make_option_desc(const CLI::Option* option) const override {
        return wrapped(CLI::Formatter::make_option_desc(option), regiomap::kTerminalWidth - get_column_width() - 2);
    }
    std::string make_subcommand(const CLI::App* sub) const override {
        std::stringstream out;
        CLI::detail::format_help(out, sub->get_display_name(true),
                                 wrapped(sub->get_description(), regiomap::kTerminalWidth - get_column_width() - 2),
                                 get_column_width());
        return out.str();
    }
    std::string make_description(const CLI::App* app) const override {
        return wrapped(CLI::Formatter::make_description(app), regiomap::kTerminalWidth);
    }

private:
    static std::string wrapped(const std::string& text, std::size_t width) {
        if (text.empty()) return text;
        const bool ends_in_break = text.back() == '\n';
        std::string out = regiomap::wrap_text(text, width);
        if (!ends_in_break && !out.empty() && out.back() == '\n') out.pop_back();
        return out;
    }
};

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"regiomap: maps Dutch health-governance regions onto each other and shows where governance is "
                 "fragmented.",
                 "regiomap"};
    app.formatter(std::make_shared<WrappingFormatter>());
    app.footer(kExitCodes);
    app.require_subcommand(1);
    // Before the command's name: `regiomap --resources DIR load`. Set while the command line is
    // processed, so every command's callback finds its styles and data there first.
    app.add_option_function<std::string>(
           "--resources", [](const std::string& folder) { regiomap::set_resource_folder(folder); },
           "folder to look in first for styles/, templates/, fonts/ and geodata/ (then $REGIOMAP_RESOURCES, "
           "the install prefix's share/regiomap, the source tree)")
        ->check(CLI::ExistingDirectory)
        ->option_text("DIR");
    regiomap::cli::setup_load(app);
    regiomap::cli::setup_layers(app);
    regiomap::cli::setup_memberships(app);
    regiomap::cli::setup_lookup(app);
    regiomap::cli::setup_profile(app);
    regiomap::cli::setup_incongruence(app);
    regiomap::cli::setup_compare_layers(app);
    regiomap::cli::setup_whatif(app);
    regiomap::cli::setup_initiatives(app);
    regiomap::cli::setup_leaders(app);
    regiomap::cli::setup_balance(app);
    regiomap::cli::setup_applications(app);
    regiomap::cli::setup_map(app);
    regiomap::cli::setup_report(app);
    regiomap::cli::setup_region(app);
    regiomap::cli::setup_adjacency(app);
    regiomap::cli::setup_propose(app);
    regiomap::cli::setup_crosswalk(app);
    regiomap::cli::setup_changes(app);
    regiomap::cli::setup_serve(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& help) {
        return app.exit(help);
    } catch (const CLI::CallForAllHelp& help) {
        return app.exit(help);
    } catch (const CLI::ParseError& error) {
        app.exit(error);
        return static_cast<int>(regiomap::ExitCode::usage_error);
    } catch (const regiomap::RuleViolationsFound& found) {
        return static_cast<int>(found.exit_code());
    } catch (const regiomap::Error& error) {
        std::cerr << "regiomap: error: " << error.what() << "\n";
        return static_cast<int>(error.exit_code());
    } catch (const std::exception& error) {
        std::cerr << "regiomap: internal error: " << error.what() << "\n";
        return static_cast<int>(regiomap::ExitCode::internal_error);
    }
    return 0;
}
