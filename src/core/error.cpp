#include "core/error.hpp"

namespace regiomap {

namespace {
std::string locate(const std::string& file, const std::string& where, const std::string& problem) {
    std::string message = file;
    if (!where.empty()) message += ": " + where;
    return message + ": " + problem;
}
}  // namespace

DataError::DataError(const std::string& file, const std::string& where, const std::string& problem)
    : Error(locate(file, where, problem)), file_(file) {}

StoreError::StoreError(const std::string& store_path, const std::string& problem)
    : Error("store " + store_path + ": " + problem) {}

}  // namespace regiomap
