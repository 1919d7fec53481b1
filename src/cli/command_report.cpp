// report: the whole report in one folder (the README's main job).
#include "cli/commands.hpp"
#include "core/resources.hpp"
#include "report/report_job.hpp"

#include <iostream>
#include <memory>

namespace regiomap::cli {

void setup_report(CLI::App& app) {
    struct ReportArguments {
        ReportRequest request;
        std::string language = "nl";
        bool quiet = false;
    };
    auto arguments = std::make_shared<ReportArguments>();
    CLI::App* command = app.add_subcommand(
        "report",
        "Write the report: index.html (one self-contained page, sortable tables, maps with tooltips), report.pdf (A4), "
        "maps/ (PNG and SVG of every map), data/ (CSV of every table). Loads the bundled data first when the store "
        "does not exist. Prints the path of index.html.");
    command->add_option("--store", arguments->request.store, "the regiomap store (loaded from --manifest if missing)")
        ->capture_default_str();
    command->add_option("--manifest", arguments->request.manifest,
                        "the manifest loaded when the store is missing (default: the bundled geodata/manifest.json)");
    add_year_option(*command, arguments->request.year);
    command->add_option("--out", arguments->request.out, "the report folder (created; a previous report is replaced)")
        ->capture_default_str();
    command->add_option("--register", arguments->request.register_file,
                        "initiative register for the initiative sections (default: the bundled RIVM 2016 register, "
                        "geodata/initiatives/rivm_2016_formal_agreements.csv)")
        ->check(CLI::ExistingFile);
    command->add_option("--layers", arguments->request.score_layers, "layers scored over, comma-separated")
        ->delimiter(',')
        ->capture_default_str();
    command->add_option("--lang", arguments->language, "nl (default) or en")->check(CLI::IsMember({"nl", "en"}));
    command->add_flag("--force", arguments->request.force, "write into a folder that holds other files");
    command->add_flag("-q,--quiet", arguments->quiet, "no progress on stderr");
    command->callback([arguments] {
        ReportRequest request = arguments->request;
        if (request.manifest.empty()) request.manifest = find_bundled_manifest();
        if (request.register_file.empty()) {
            request.register_file = find_resource("geodata/initiatives/rivm_2016_formal_agreements.csv",
                                                  "the bundled initiative register");
        }
        require_distinct_layers(request.score_layers);
        request.language = arguments->language == "en" ? Language::en : Language::nl;
        auto progress = [quiet = arguments->quiet](const std::string& line) {
            if (!quiet) std::cerr << line << "\n";
        };
        const ReportSummary summary = write_report(request, progress);
        std::cout << summary.index_html.string() << "\n";
    });
}

}  // namespace regiomap::cli
