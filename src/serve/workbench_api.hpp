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
//     once, under a lock, on first use;
//   - one propose searches at a time (another is answered 429); it runs on a thread of its
//     own, and its answer streams the search's progress (ApiResponse::stream). It is answered
//     with an error status when the request is wrong or K and the bounds cannot be met (422),
//     which is known before the search starts; a client that goes away stops the search
//     within a second (a progress line goes out every half second, and the first that cannot
//     be sent stops the annealing); stop_searches() stops it too. A streamed answer uses the
//     WorkbenchApi that made it: it must not outlive it.
#pragma once

#include "store/store.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

namespace regiomap {

inline constexpr std::size_t kMaxRequestBodyBytes = 1 << 20;  // 1 MiB
inline constexpr std::size_t kMaxMovesPerRequest = 1000;
// A propose request's annealing steps per restart at most (the CLI allows 100,000,000): about a
// minute on two cores at 8 restarts.
inline constexpr std::int64_t kMaxProposeIterations = 20'000'000;

struct ApiRequest {
    std::string method;                        // "GET", "HEAD" (answered as GET), "POST", ...
    std::string path;                          // decoded, without the query: "/api/profile/Veenendaal"
    std::map<std::string, std::string> query;  // decoded query parameters
    std::string body;
};

// Sends one chunk of a streamed answer; false when the client has gone (the stream should end).
using ChunkWriter = std::function<bool(const std::string& chunk)>;

struct ApiResponse {
    int status = 200;
    std::string content_type = "application/json; charset=utf-8";
    std::string body;
    std::string attachment_name;  // an export's file name (Content-Disposition: attachment); empty: none
    std::string allow;            // 405: the methods the path takes ("GET")
    // A streamed answer (propose) instead of `body`: called once, after the status and headers
    // are sent, on the request's thread; returns when the answer is complete or the writer
    // returned false. Never throws.
    std::function<void(const ChunkWriter&)> stream;
};

// An answer of `status` with `body` of `content_type`.
ApiResponse api_answer(int status, std::string content_type, std::string body);

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

    // Stops a proposal search that is running: its stream ends with {"error": "the server is
    // stopping ..."} within a second. The server calls it when it is told to stop.
    void stop_searches() const noexcept;

private:
    struct Data;
    std::unique_ptr<Data> data_;
};

}  // namespace regiomap
