// A crosswalk between two years of one store, derived from the municipal boundaries the
// store keeps for each year (history/crosswalk.hpp).
#pragma once

#include "history/crosswalk.hpp"

#include <filesystem>

namespace regiomap {

class Store;

// Throws NotFoundError when either year is not in the store.
Crosswalk crosswalk_between(const std::filesystem::path& store, int from_year, int to_year);

// The same from two years already open (each Store is one year of a store).
Crosswalk crosswalk_between(const Store& from, const Store& to);

}  // namespace regiomap
