// A folder of its own under the system's temporary folder ($TMPDIR), removed with everything in
// it when its owner goes. The one way regiomap makes scratch space: the exports of
// `regiomap serve`, the fuzz targets' input files, the tests' folders.
#pragma once

#include "core/error.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <system_error>

namespace regiomap {

class TemporaryFolder {
public:
    // Named `prefix`-XXXXXX; throws Error when the system cannot make it (a full or read-only disk).
    explicit TemporaryFolder(const std::string& prefix = "regiomap") {
        std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw Error("cannot make a temporary folder " + pattern + ": " + std::strerror(errno));
        }
        path_ = pattern;
    }
    ~TemporaryFolder() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TemporaryFolder(const TemporaryFolder&) = delete;
    TemporaryFolder& operator=(const TemporaryFolder&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

}  // namespace regiomap
