// The workbench API on the bundled store, built once per test binary, and requests to it.
#pragma once

#include "../support.hpp"
#include "serve/workbench_api.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace regiomap::test {

inline const WorkbenchApi& bundled_api() {
    static const WorkbenchApi api(bundled_store());
    return api;
}

inline ApiResponse api_get(const std::string& path, const std::map<std::string, std::string>& query = {}) {
    return bundled_api().handle({"GET", path, query, ""});
}

inline ApiResponse api_post(const std::string& path, const std::string& body) {
    return bundled_api().handle({"POST", path, {}, body});
}

inline nlohmann::json json_of(const ApiResponse& response) { return nlohmann::json::parse(response.body); }

}  // namespace regiomap::test
