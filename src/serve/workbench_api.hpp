// The workbench's JSON API (docs/API.md) without any socket: a request (method, path, query,
// body) in, a response (status, content type, body) out, so every endpoint is testable as a
// function call. src/serve/http_server.hpp puts it behind HTTP.
//
// Contract:
//   - everything is read from the store once, at construction (governance, names, adjacency,
//     shapes); the store is not kept and never written;
//   - handle() never throws: every error is a JSON body {"error": "..."} with the status of
//     docs/API.md (400 bad body, 404 unknown path or code, 405 wrong method, 413 body too
//     large; 500 only for a bug, and the message says so);
//   - handle() may be called from several threads at once: requests share the data read-only,
//     a what-if works on its own copy of the governance, and the GeoJSON answers are built
//     once, under a lock, on first use.
#pragma once

#include "store/store.hpp"

#include <cstddef>
#include <map>
#include <memory>
#include <string>

namespace regiomap {

inline constexpr std::size_t kMaxRequestBodyBytes = 1 << 20;  // 1 MiB
inline constexpr std::size_t kMaxMovesPerRequest = 1000;

struct ApiRequest {
    std::string method;                        // "GET", "HEAD" (answered as GET), "POST", ...
    std::string path;                          // decoded, without the query: "/api/profile/Veenendaal"
    std::map<std::string, std::string> query;  // decoded query parameters
    std::string body;
};

struct ApiResponse {
    int status = 200;
    std::string content_type = "application/json; charset=utf-8";
    std::string body;
    std::string attachment_name;  // an export's file name (Content-Disposition: attachment); empty: none
    std::string allow;            // 405: the methods the path takes ("GET")
};

// The JSON error answer: {"error": message} with `status`.
ApiResponse api_error(int status, const std::string& message);

class WorkbenchApi {
public:
    // Reads the store's year (Store::year()). Throws what reading the store throws, and Error when
    // the store's CRS cannot be transformed to WGS84.
    explicit WorkbenchApi(const Store& store);
    ~WorkbenchApi();
    WorkbenchApi(const WorkbenchApi&) = delete;
    WorkbenchApi& operator=(const WorkbenchApi&) = delete;

    ApiResponse handle(const ApiRequest& request) const noexcept;

private:
    struct Data;
    std::unique_ptr<Data> data_;
};

}  // namespace regiomap
