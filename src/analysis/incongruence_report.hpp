// What `regiomap incongruence`, `profile` and `whatif` print or write.
#pragma once

#include "analysis/incongruence.hpp"
#include "core/output.hpp"
#include "io/geopackage_writer.hpp"
#include "store/store.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace regiomap {

// Ranked table (most fragmented first) with a summary; top = 0 prints all. The
// table fits kTerminalWidth (region names cut with "~") unless `wide`.
std::string format_incongruence(const IncongruenceModel& model, const std::vector<IncongruenceScore>& ranked,
                                std::size_t top, OutputFormat format, bool wide = false);

// The scores as a GeoPackage layer "incongruence": one feature per municipality (its shape,
// the columns of the CSV output, typed), in the order of `ranked`, with the attribution of
// the municipality layer and the scored layers, and `qml` as its QGIS style (empty: none).
inline constexpr const char* kIncongruenceKind = "incongruence";
GeoPackageLayer incongruence_layer(const Store& store, const IncongruenceModel& model,
                                   const std::vector<IncongruenceScore>& ranked, const std::string& qml);

// A GeoPackage holding incongruence_layer, in the store's CRS, marked as a regiomap output
// of kind "incongruence" (write_geopackage). With a `style` (a .qml file) the layer carries
// that QGIS style in the GeoPackage, and under StyleFiles::inside_and_beside also as
// <file>.qml beside it. Each file is checked against `policy` first and written
// atomically; a failed write leaves no temporary file.
void write_incongruence_geopackage(const Store& store, const IncongruenceModel& model,
                                   const std::vector<IncongruenceScore>& ranked, const std::filesystem::path& file,
                                   const std::filesystem::path& style, const OutputPolicy& policy,
                                   StyleFiles style_files = StyleFiles::inside_and_beside);

// The insurers' paper's table per municipality, every column with its basis and year.
// A basis too long for kTerminalWidth becomes a numbered note under all profiles
// (each text once); `wide` keeps every basis inline.
std::string format_profiles(const Governance& governance, const IncongruenceModel& model,
                            const std::vector<int>& municipalities, OutputFormat format, bool wide = false);

struct Move {
    int municipality = 0;
    std::string layer_id;
    int region = 0;
};

// Parses "MUNICIPALITY:LAYER=REGION" (municipality by code or name of any
// year, region by code or name); throws UsageError or NotFoundError.
Move parse_move(const Governance& governance, const MunicipalityNames& names, const std::string& text);

struct WhatIfChange {
    IncongruenceScore before;
    IncongruenceScore after;
};

// Applies the moves to `governance` one by one and rescoring only the
// municipalities at a table with a moved one (before or after the move).
std::vector<WhatIfChange> what_if(Governance& governance, const std::vector<std::string>& layer_ids,
                                  const std::vector<Move>& moves);

std::string format_what_if(const Governance& governance, const std::vector<std::string>& layer_ids,
                           const std::vector<Move>& moves, const std::vector<WhatIfChange>& changes,
                           OutputFormat format);

}  // namespace regiomap
