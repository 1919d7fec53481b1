// GDAL prints its own messages to stderr unless told otherwise; regiomap
// reports every problem itself (with the last GDAL message where it helps).
#pragma once

#include <cpl_error.h>

#include <string>

namespace regiomap {

class QuietGdalErrors {
public:
    QuietGdalErrors() { CPLPushErrorHandler(CPLQuietErrorHandler); }
    ~QuietGdalErrors() { CPLPopErrorHandler(); }
    QuietGdalErrors(const QuietGdalErrors&) = delete;
    QuietGdalErrors& operator=(const QuietGdalErrors&) = delete;
};

// " (GDAL's last message)", or nothing.
inline std::string last_gdal_message() {
    std::string message = CPLGetLastErrorMsg();
    return message.empty() ? std::string() : " (" + message + ")";
}

}  // namespace regiomap
