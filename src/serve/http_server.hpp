// `regiomap serve` on the network: the WorkbenchApi behind HTTP (cpp-httplib), with the
// workbench page's files.
//
//   GET /                     web/index.html (the page)
//   GET /static/NAME          web/NAME (app.js, style.css: files directly in web/)
//   GET /static/maplibre/...  web/node_modules/maplibre-gl/dist/... (MapLibre GL JS)
//   /api/...                  WorkbenchApi::handle (docs/API.md)
//
// Every error, of the API or of the server (unknown path, 401, 405, 413), is a JSON body
// {"error": "..."}. A request body over 1 MiB is refused with 413 before it is read whole.
// With a token, every /api request needs `Authorization: Bearer TOKEN` and the page needs
// `/?token=TOKEN` (the page then sends the token on); the static files need none (they hold
// no data). The server binds to loopback unless told otherwise, and binding to any other
// address needs a token (check_serve_options). Without a token a request must name a loopback
// host in its Host header (else 403), so a web page cannot reach the server through a host name
// of its own that points at 127.0.0.1 (DNS rebinding).
#pragma once

#include "serve/workbench_api.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace regiomap {

struct ServeOptions {
    std::filesystem::path store = Store::kDefaultPath;
    std::optional<int> year;        // none: the store's default year
    std::string host = "127.0.0.1";
    int port = 8080;                // 0: a free port the system picks
    std::string token;              // empty: none (loopback only)
};

// 127.0.0.1 (any 127.x.y.z), localhost or ::1.
bool is_loopback_host(const std::string& host);

// Throws UsageError (exit code 2): a host other than loopback without a token, a token with
// characters other than letters, digits and . _ ~ - (it travels in a URL and a header), a port
// outside 0..65535. Reads nothing.
void check_serve_options(const ServeOptions& options);

// Where the page's files are, found once through the resource roots (core/resources.hpp).
// A folder not found leaves its message, which the server answers with 404.
struct WebFiles {
    std::optional<std::filesystem::path> page;      // web/
    std::string page_missing;
    std::optional<std::filesystem::path> maplibre;  // web/node_modules/maplibre-gl/dist/
    std::string maplibre_missing;
};
WebFiles find_web_files();

class WorkbenchServer {
public:
    // The api must outlive the server.
    WorkbenchServer(const WorkbenchApi& api, const ServeOptions& options, WebFiles files);
    ~WorkbenchServer();
    WorkbenchServer(const WorkbenchServer&) = delete;
    WorkbenchServer& operator=(const WorkbenchServer&) = delete;

    // Binds options.host:options.port (port 0: a free one) and returns the port bound; throws
    // UsageError naming host and port when that fails (in use, not an address of this machine).
    int bind();
    // Serves on the bound socket until stop(); returns when every request in flight is answered.
    void run();
    // From any thread but a request's own: makes run() return (also when it has not started yet).
    void stop();

    // http://HOST:PORT/ (with ?token=TOKEN when there is one): what to open in a browser.
    std::string url() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

struct ServeStarted {
    std::string url;           // WorkbenchServer::url()
    std::string page_missing;  // why `/` answers 404 (the page is not installed); empty: it is there
};

// The whole of `regiomap serve`: reads the store, binds, calls `started` once the socket is
// bound, serves until SIGINT or SIGTERM, then stops cleanly (requests in flight are answered).
void serve_workbench(const ServeOptions& options, const std::function<void(const ServeStarted&)>& started);

}  // namespace regiomap
