// `regiomap load`: read every file the manifest names, check it, derive
// the memberships and write the store in one atomic step.
#pragma once

#include "core/progress.hpp"
#include "layers/manifest.hpp"
#include "store/records.hpp"

#include <filesystem>
#include <functional>
#include <string>

namespace regiomap {

struct LoadOptions {
    std::filesystem::path manifest;
    std::filesystem::path store;
    bool repair_invalid = false;
};


// Reads and checks everything into memory; throws DataError on bad input.
Dataset build_dataset(const Manifest& manifest, bool repair_invalid, const ProgressSink& progress);

// build_dataset, then Store::write. Nothing is written unless everything checks out.
Dataset load(const LoadOptions& options, const ProgressSink& progress);

}  // namespace regiomap
