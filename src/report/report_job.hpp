// `regiomap report`: the whole report in one folder, from the store (loaded
// from the bundled manifest first when there is none):
//   DIR/index.html    one self-contained page (tables sort, maps with tooltips)
//   DIR/report.pdf    the same on A4 pages
//   DIR/maps/         PNG and SVG of every map
//   DIR/data/         CSV of every table
//   DIR/regiomap.gpkg municipality scores and every division's regions, with QGIS styles
// Every file is written atomically; a folder that holds anything but a previous
// report is refused unless forced.
#pragma once

#include "core/language.hpp"
#include "core/progress.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace regiomap {

struct ReportRequest {
    std::filesystem::path store = "regiomap.sqlite";
    std::filesystem::path manifest;       // loaded into `store` when it does not exist yet
    std::optional<int> year;              // the year of the divisions; none: the latest loaded
    std::filesystem::path out = "regiomap-report";
    std::filesystem::path register_file;  // initiatives; empty: none (the sections say so)
    std::vector<std::string> score_layers{"zorgkantoor", "ggd", "jeugdregio"};
    Language language = Language::nl;
    bool force = false;
};

struct ReportSummary {
    std::filesystem::path index_html;
    std::filesystem::path pdf;
    bool loaded_store = false;  // the store did not exist and was loaded from the manifest
    int maps = 0;
    int tables = 0;
    int pdf_pages = 0;
    std::vector<std::filesystem::path> files;  // every file written, relative to `out`
};

// Name of the file that marks a folder as a regiomap report, so a later run may replace it.
inline constexpr const char* kReportMarker = ".regiomap-report";

ReportSummary write_report(const ReportRequest& request, const ProgressSink& progress = {});

}  // namespace regiomap
