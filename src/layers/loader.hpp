// `regiomap load`: read every file the manifest names, check it, derive
// the memberships and write the store in one atomic step.
#pragma once

#include "core/progress.hpp"
#include "layers/manifest.hpp"
#include "store/records.hpp"

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace regiomap {

struct LoadOptions {
    std::filesystem::path manifest;
    std::filesystem::path store;
    bool repair_invalid = false;
};


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
