// `regiomap load`: read every file the manifest names, check it, derive
// the memberships and write the store in one atomic step.
#pragma once

#include "core/progress.hpp"
#include "layers/manifest.hpp"
#include "store/records.hpp"

#include <filesystem>
#include <map>
#include <functional>
#include <string>
#include <vector>

namespace regiomap {

struct LoadOptions {
    std::filesystem::path manifest;
    std::filesystem::path store;
    bool repair_invalid = false;
    // The user's own population tables, by year (`load --population 2025=FILE`): each replaces the
    // manifest's figures of that year, or gives a year without figures its own.
    std::map<int, std::filesystem::path> population_tables = {};
};

// A population table of the user's for `year` of `years`: its columns found by their usual headers
// (gemeentecode/code/statcode; inwoners/bevolking/population...), the figures taken as on 1 January
// of the year. Throws UsageError for a year the manifest does not list, DataError naming the file
// and the columns it lacks.
void use_population_table(std::vector<Manifest>& years, int year, const std::filesystem::path& file);


// Reads and checks everything into memory; throws DataError on bad input.
// `previous`: the year before, already built, whose names are carried into this one through the crosswalk.
Dataset build_dataset(const Manifest& manifest, bool repair_invalid, const ProgressSink& progress,
                      const Dataset* previous = nullptr);

// One dataset per year of the manifest, oldest first.
std::vector<Dataset> build_datasets(const std::vector<Manifest>& years, bool repair_invalid,
                                    const ProgressSink& progress);

// Every year of the manifest, built, then written by Store::write: oldest first.
// Nothing is written unless everything checks out.
std::vector<Dataset> load(const LoadOptions& options, const ProgressSink& progress);

}  // namespace regiomap
