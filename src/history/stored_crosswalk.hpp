// A crosswalk between two years of one store, derived from the municipal boundaries the
// store keeps for each year (history/crosswalk.hpp).
#pragma once

#include "history/crosswalk.hpp"

#include <filesystem>

namespace regiomap {

// Throws NotFoundError when either year is not in the store.
Crosswalk crosswalk_between(const std::filesystem::path& store, int from_year, int to_year);

}  // namespace regiomap
