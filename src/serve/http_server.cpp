#include "serve/http_server.hpp"

#include "core/error.hpp"
#include "core/resources.hpp"

#include <fmt/format.h>
#include <httplib.h>

#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <thread>

namespace regiomap {

namespace {

// Compares every byte whatever the first difference, so the time taken tells nothing of the token.
bool same_secret(const std::string& given, const std::string& expected) {
    if (given.size() != expected.size()) return false;
    unsigned char difference = 0;
    for (std::size_t i = 0; i < given.size(); ++i) {
        difference |= static_cast<unsigned char>(given[i] ^ expected[i]);
    }
    return difference == 0;
}

bool is_token_character(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '~' || c == '-';
}

std::string content_type_of(const std::filesystem::path& file) {
    static const std::map<std::string, std::string> kTypes{
        {".html", "text/html; charset=utf-8"},        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},   {".css", "text/css; charset=utf-8"},
        {".json", "application/json; charset=utf-8"}, {".map", "application/json; charset=utf-8"},
        {".svg", "image/svg+xml"},                    {".png", "image/png"},
        {".woff2", "font/woff2"},                     {".txt", "text/plain; charset=utf-8"}};
    auto found = kTypes.find(file.extension().string());
    return found == kTypes.end() ? "application/octet-stream" : found->second;
}

// `relative` under `folder`, when every part of it is a plain name (no "..", ".", empty part or
// backslash: nothing outside the folder) and it is a regular file.
std::optional<std::filesystem::path> file_under(const std::filesystem::path& folder, const std::string& relative) {
    if (relative.empty() || relative.find('\\') != std::string::npos || relative.find('\0') != std::string::npos) {
        return std::nullopt;
    }
    std::size_t start = 0;
    while (start <= relative.size()) {
        const auto end = std::min(relative.find('/', start), relative.size());
        const std::string part = relative.substr(start, end - start);
        if (part.empty() || part == "." || part == "..") return std::nullopt;
        start = end + 1;
    }
    const auto file = folder / relative;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;
    return file;
}

ApiResponse file_answer(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) return api_error(500, "cannot read " + file.string());
    return api_answer(200, content_type_of(file), std::move(bytes));
}

std::string status_message(int status) {
    switch (status) {
        case 400: return "the request is not HTTP this server understands";
        case 404: return "no such path";
        case 405: return "this path does not take that method";
        case 413: return fmt::format("the request body is over 1 MiB ({} bytes); send at most {} moves",
                                     kMaxRequestBodyBytes, kMaxMovesPerRequest);
        case 414: return "the request's path is too long";
        default: return fmt::format("HTTP status {}", status);
    }
}

// The host part of a Host header: "127.0.0.1" of "127.0.0.1:8080", "[::1]" of "[::1]:8080".
std::string host_of(const std::string& header) {
    if (!header.empty() && header.front() == '[') return header.substr(0, header.find(']') + 1);
    return header.substr(0, header.find(':'));
}

void respond(httplib::Response& res, const ApiResponse& answer) {
    res.status = answer.status;
    if (answer.stream) {
        // Chunked: each line of the answer leaves as it is written (a proposal's progress).
        res.set_chunked_content_provider(answer.content_type, [stream = answer.stream](std::size_t, httplib::DataSink& sink) {
            stream([&sink](const std::string& chunk) { return sink.is_writable() && sink.write(chunk.data(), chunk.size()); });
            sink.done();
            return true;
        });
    } else {
        res.set_content(answer.body, answer.content_type.c_str());
    }
    if (!answer.attachment_name.empty()) {
        res.set_header("Content-Disposition", "attachment; filename=\"" + answer.attachment_name + "\"");
    }
    if (!answer.allow.empty()) res.set_header("Allow", answer.allow);
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Cache-Control", "no-store");
}

}  // namespace

bool is_loopback_host(const std::string& host) {
    return host == "localhost" || host == "::1" || host == "[::1]" || host.rfind("127.", 0) == 0;
}

void check_serve_options(const ServeOptions& options) {
    if (options.port < 0 || options.port > 65535) {
        throw UsageError(fmt::format("--port {}: a port is 0 to 65535 (0: any free port)", options.port));
    }
    if (!std::all_of(options.token.begin(), options.token.end(), is_token_character)) {
        throw UsageError("--token may hold only letters, digits and . _ ~ - (it travels in a URL and a header); "
                         "e.g. the output of 'openssl rand -hex 16'");
    }
    if (options.token.empty() && !is_loopback_host(options.host)) {
        throw UsageError(fmt::format("--host {} lets other machines in: give --token TOKEN too (every request must "
                                     "then carry it), or bind to 127.0.0.1",
                                     options.host));
    }
}

WebFiles find_web_files() {
    WebFiles files;
    try {
        files.page = find_web_folder();
    } catch (const ResourceError& missing) {
        files.page_missing = std::string("the workbench page is not installed: ") + missing.what();
    }
    try {
        files.maplibre = find_maplibre_folder();
    } catch (const ResourceError& missing) {
        files.maplibre_missing = std::string("MapLibre GL JS is not installed: ") + missing.what();
    }
    return files;
}

struct WorkbenchServer::Impl {
    const WorkbenchApi& api;
    ServeOptions options;
    WebFiles files;
    httplib::Server server;
    int port = -1;
    std::atomic<bool> started{false};
    std::atomic<bool> finished{false};
    std::atomic<bool> stop_requested{false};
    std::mutex stopping;

    Impl(const WorkbenchApi& api_, const ServeOptions& options_, WebFiles files_)
        : api(api_), options(options_), files(std::move(files_)) {}

    bool authorized(const httplib::Request& req) const {
        if (options.token.empty()) return true;
        return same_secret(req.get_header_value("Authorization"), "Bearer " + options.token);
    }

    ApiResponse unauthorized() const {
        ApiResponse answer = api_error(401, "this server needs its token: send 'Authorization: Bearer TOKEN' "
                                            "(the page sends it when opened as /?token=TOKEN)");
        return answer;
    }

    ApiResponse answer(const httplib::Request& req) const {
        const std::string& path = req.path;
        // Without a token only the loopback names may reach the server: a web page whose own host name
        // was made to point at 127.0.0.1 (DNS rebinding) sends its own name as Host and is refused.
        if (options.token.empty() && req.has_header("Host") && !is_loopback_host(host_of(req.get_header_value("Host")))) {
            return api_error(403, "this server answers only requests to 127.0.0.1, localhost or [::1] (Host: " +
                                      host_of(req.get_header_value("Host")).substr(0, 100) +
                                      "); to reach it under another name, start it with --token");
        }
        if (path == "/api" || path.rfind("/api/", 0) == 0) {
            if (!authorized(req)) return unauthorized();
            ApiRequest request{req.method, path, {}, req.body};
            for (const auto& [name, value] : req.params) request.query.emplace(name, value);
            return api.handle(request);
        }
        static const std::string kMapLibre = "/static/maplibre/";
        static const std::string kStatic = "/static/";
        const bool page = path == "/" || path == "/index.html";
        if (!page && path.rfind(kStatic, 0) != 0) {
            return api_error(404, fmt::format("no such path '{}': the page is at /, the API under /api/",
                                              path.substr(0, 200)));
        }
        if (req.method != "GET" && req.method != "HEAD") {
            ApiResponse refused = api_error(405, fmt::format("{} takes GET, not {}", path.substr(0, 200),
                                                             req.method.substr(0, 20)));
            refused.allow = "GET";
            return refused;
        }
        if (page) {
            if (!options.token.empty() && !authorized(req) &&
                !same_secret(req.has_param("token") ? req.get_param_value("token") : std::string(), options.token)) {
                return api_error(401, "this server needs its token: open the page as /?token=TOKEN");
            }
            if (!files.page) return api_error(404, files.page_missing);
            return file_answer(*files.page / "index.html");
        }
        if (path.rfind(kMapLibre, 0) == 0) {
            if (!files.maplibre) return api_error(404, files.maplibre_missing);
            if (auto file = file_under(*files.maplibre, path.substr(kMapLibre.size()))) return file_answer(*file);
            return api_error(404, fmt::format("no file '{}' in MapLibre GL JS ({})", path.substr(0, 200),
                                              files.maplibre->string()));
        }
        if (!files.page) return api_error(404, files.page_missing);
        const std::string name = path.substr(kStatic.size());
        // Only the page's own files, directly in web/: not node_modules or anything else below it.
        if (name.find('/') == std::string::npos) {
            if (auto file = file_under(*files.page, name)) return file_answer(*file);
        }
        return api_error(404, fmt::format("no file '{}' in the workbench page ({})", path.substr(0, 200),
                                          files.page->string()));
    }
};

WorkbenchServer::WorkbenchServer(const WorkbenchApi& api, const ServeOptions& options, WebFiles files)
    : impl_(std::make_unique<Impl>(api, options, std::move(files))) {
    httplib::Server& server = impl_->server;
    Impl* impl = impl_.get();
    const httplib::Server::Handler handler = [impl](const httplib::Request& req, httplib::Response& res) {
        respond(res, impl->answer(req));
    };
    // Every method reaches the same dispatch, which answers 405 where a path takes another.
    server.Get(".*", handler).Post(".*", handler).Put(".*", handler).Patch(".*", handler).Delete(".*", handler);
    server.Options(".*", handler);
    server.set_payload_max_length(kMaxRequestBodyBytes);
    // Without TCP_NODELAY a kept-alive connection waits for the peer's delayed ACK before each
    // answer: every request took 40 ms under wrk (tools/bench --serve) instead of about 2 ms.
    server.set_tcp_nodelay(true);
    // httplib's default sets SO_REUSEPORT, with which a second server binds a port that is in use
    // and the two share its requests; SO_REUSEADDR alone still allows a restart right after a stop.
    server.set_socket_options([](socket_t socket) {
        const int yes = 1;
        ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    // Errors httplib answers itself (413 for a body too large, 400 for a malformed request) get a
    // JSON body like every other error; answers of ours already have one.
    server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (res.body.empty()) respond(res, api_error(res.status, status_message(res.status)));
    });
    server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr error) {
        std::string what = "unknown exception";
        try {
            if (error) std::rethrow_exception(error);
        } catch (const std::exception& caught) {
            what = caught.what();
        } catch (...) {
        }
        respond(res, api_error(500, "internal error (a bug in regiomap serve; please report it): " + what));
    });
}

WorkbenchServer::~WorkbenchServer() = default;

int WorkbenchServer::bind() {
    const ServeOptions& options = impl_->options;
    // httplib takes an IPv6 address without the brackets of a URL.
    const std::string host =
        options.host.size() > 2 && options.host.front() == '[' && options.host.back() == ']'
            ? options.host.substr(1, options.host.size() - 2)
            : options.host;
    int port = -1;
    if (options.port == 0) {
        port = impl_->server.bind_to_any_port(host);
    } else if (impl_->server.bind_to_port(host, options.port)) {
        port = options.port;
    }
    if (port < 0) {
        throw UsageError(fmt::format("cannot listen on {} port {}: the port is in use, or {} is not an address of "
                                     "this machine; choose another --port (0: any free one) or --host",
                                     options.host, options.port, options.host));
    }
    impl_->port = port;
    return port;
}

void WorkbenchServer::run() {
    impl_->started = true;
    if (!impl_->stop_requested) impl_->server.listen_after_bind();
    impl_->finished = true;
}

void WorkbenchServer::stop() {
    std::lock_guard<std::mutex> hold(impl_->stopping);
    impl_->stop_requested = true;
    // A proposal's stream is a request in flight that could run for minutes: end it first.
    impl_->api.stop_searches();
    // run() may not be listening yet: wait until it is, stop it once (httplib's stop may be called
    // only while it runs), then wait until run() has returned.
    bool stopped = false;
    while (impl_->started && !impl_->finished) {
        if (!stopped && impl_->server.is_running()) {
            impl_->server.stop();
            stopped = true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

std::string WorkbenchServer::url() const {
    const std::string& host = impl_->options.host;
    const bool bare_ipv6 = host.find(':') != std::string::npos && host.front() != '[';
    std::string text = fmt::format("http://{}:{}/", bare_ipv6 ? "[" + host + "]" : host, impl_->port);
    if (!impl_->options.token.empty()) text += "?token=" + impl_->options.token;
    return text;
}

void serve_workbench(const ServeOptions& options, const std::function<void(const ServeStarted&)>& started) {
    check_serve_options(options);
    // Everything the API needs is read here; the store is closed before the first request.
    const auto api = [&] {
        const Store store(options.store, options.year);
        return std::make_unique<WorkbenchApi>(store);
    }();
    WebFiles files = find_web_files();
    const std::string page_missing = files.page_missing;
    WorkbenchServer server(*api, options, std::move(files));
    server.bind();

    // SIGINT and SIGTERM are blocked here before the server's threads start, so those threads
    // inherit the mask and the signals reach only the waiter, which stops the server from a
    // thread of its own (httplib's stop is not safe inside a signal handler).
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigset_t previous;
    pthread_sigmask(SIG_BLOCK, &signals, &previous);
    std::thread waiter([&] {
        int received = 0;
        sigwait(&signals, &received);
        server.stop();
    });
    started({server.url(), page_missing});
    server.run();
    // run() also returns when listening fails: release the waiter if it is still waiting.
    pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
}

}  // namespace regiomap
