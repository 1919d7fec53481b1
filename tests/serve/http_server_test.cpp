// The workbench behind real sockets: a server on a free port in a thread of this test, and the
// regiomap binary itself as a child process, talked to with httplib::Client.
#include "api_support.hpp"
#include "core/error.hpp"
#include "serve/http_server.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <httplib.h>

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

extern char** environ;

using namespace regiomap;
using namespace regiomap::test;
using nlohmann::json;

namespace {

WebFiles no_page() {
    WebFiles files;
    files.page_missing = "the workbench page is not installed: (test without web/)";
    files.maplibre_missing = "MapLibre GL JS is not installed: (test without web/)";
    return files;
}

// A WorkbenchServer on a free loopback port, serving in a thread until destroyed.
class RunningServer {
public:
    explicit RunningServer(const std::string& token = {}, WebFiles files = no_page())
        : server_(bundled_api(), options(token), std::move(files)) {
        port_ = server_.bind();
        thread_ = std::thread([this] { server_.run(); });
    }
    ~RunningServer() {
        server_.stop();
        thread_.join();
    }
    RunningServer(const RunningServer&) = delete;
    RunningServer& operator=(const RunningServer&) = delete;

    httplib::Client client() const {
        httplib::Client client("127.0.0.1", port_);
        client.set_read_timeout(60, 0);
        return client;
    }
    const WorkbenchServer& server() const { return server_; }

private:
    static ServeOptions options(const std::string& token) {
        ServeOptions options;
        options.port = 0;
        options.token = token;
        return options;
    }
    WorkbenchServer server_;
    int port_ = 0;
    std::thread thread_;
};

void check_json_error(const httplib::Result& result, int status, const std::string& fragment) {
    REQUIRE(result);
    INFO(result->body);
    CHECK(result->status == status);
    CHECK(result->get_header_value("Content-Type") == "application/json; charset=utf-8");
    const json body = json::parse(result->body);
    REQUIRE(body.contains("error"));
    CHECK_THAT(body["error"].get<std::string>(), Catch::Contains(fragment));
}

}  // namespace

TEST_CASE("serve http: /api/info over a socket, a 2 MiB body is 413, unknown paths and methods get JSON errors") {
    RunningServer running;
    CHECK_THAT(running.server().url(), Catch::Matches("http://127\\.0\\.0\\.1:[0-9]+/"));
    auto client = running.client();
    const auto info = client.Get("/api/info");
    REQUIRE(info);
    CHECK(info->status == 200);
    CHECK(json::parse(info->body)["municipalities"] == 355);

    const auto whatif = client.Post("/api/whatif", R"({"moves": [{"municipality": "Veenendaal", "layer": "jeugdregio",
                                                                   "region": "JZ23"}]})",
                                    "application/json");
    REQUIRE(whatif);
    CHECK(whatif->status == 200);
    CHECK(json::parse(whatif->body)["moves"][0]["region_code"] == "JZ23");

    check_json_error(client.Post("/api/whatif", std::string(2 << 20, ' '), "application/json"), 413, "over 1 MiB");
    check_json_error(client.Post("/api/whatif", "{nope", "application/json"), 400, "the body is not JSON");
    check_json_error(client.Get("/api/profile/Veenendal"), 404, "nearest: Veenendaal");
    // A name with a space travels percent-encoded and arrives decoded.
    const auto region = client.Get("/api/region/Zuidoost%20Utrecht");
    REQUIRE(region);
    CHECK(region->status == 200);
    check_json_error(client.Get("/api/whatif"), 405, "takes POST");
    CHECK(client.Get("/api/whatif")->get_header_value("Allow") == "POST");
    check_json_error(client.Delete("/api/info"), 405, "takes GET");
    check_json_error(client.Get("/nowhere"), 404, "no such path '/nowhere'");
    check_json_error(client.Get("/"), 404, "the workbench page is not installed");
    check_json_error(client.Get("/static/app.js"), 404, "the workbench page is not installed");
    check_json_error(client.Get("/static/maplibre/maplibre-gl.js"), 404, "MapLibre GL JS is not installed");
    check_json_error(client.Post("/", "x", "text/plain"), 405, "takes GET");

    // A page served from another host name that resolves to 127.0.0.1 (DNS rebinding) is refused.
    check_json_error(client.Get("/api/info", {{"Host", "attacker.example:8080"}}), 403,
                     "answers only requests to 127.0.0.1, localhost or [::1]");
    const auto by_name = client.Get("/api/info", {{"Host", "localhost"}});
    REQUIRE(by_name);
    CHECK(by_name->status == 200);

    const auto csv = client.Post("/api/export/csv", R"({"layer": "jeugdregio", "moves": []})", "application/json");
    REQUIRE(csv);
    CHECK(csv->status == 200);
    CHECK(csv->get_header_value("Content-Disposition") == "attachment; filename=\"jeugdregio-bewerkt.csv\"");
}

TEST_CASE("serve http: propose answers chunked, one JSON line per stage, the proposal last, 422 when it cannot be met") {
    RunningServer running;
    auto client = running.client();
    const auto answer =
        client.Post("/api/propose", R"({"regions": 25, "iterations": 5000, "restarts": 1})", "application/json");
    REQUIRE(answer);
    CHECK(answer->status == 200);
    CHECK(answer->get_header_value("Content-Type") == "application/x-ndjson; charset=utf-8");
    CHECK(answer->get_header_value("Transfer-Encoding") == "chunked");
    std::vector<json> lines;
    std::istringstream body(answer->body);
    for (std::string line; std::getline(body, line);) lines.push_back(json::parse(line));
    REQUIRE(lines.size() >= 4);
    CHECK(lines.front()["progress"]["stage"] == "starting");
    CHECK(lines.back()["proposal"]["regions"] == 25);
    CHECK(lines.back()["proposal"]["proposed_regions"].size() == 25);

    check_json_error(client.Post("/api/propose", R"({"regions": 42})", "application/json"), 422,
                     "2.11 times the mean");
    check_json_error(client.Post("/api/propose", R"({"regions": "veel"})", "application/json"), 400,
                     "regions: expected a whole number");
}

TEST_CASE("serve http: a port in use is refused with a usage error naming it") {
    RunningServer running;
    ServeOptions options;
    options.port = std::stoi(running.server().url().substr(std::string("http://127.0.0.1:").size()));
    WorkbenchServer second(bundled_api(), options, no_page());
    CHECK_THROWS_AS(second.bind(), UsageError);
    CHECK_THROWS_WITH(second.bind(), Catch::Contains(fmt::format("cannot listen on 127.0.0.1 port {}", options.port)));
}

TEST_CASE("serve http: with a token every /api request and the page need it, wrong or missing is 401") {
    RunningServer running("s3cret-token");
    CHECK_THAT(running.server().url(), Catch::EndsWith("/?token=s3cret-token"));
    auto client = running.client();
    check_json_error(client.Get("/api/info"), 401, "Authorization: Bearer TOKEN");
    check_json_error(client.Get("/api/info", {{"Authorization", "Bearer wrong-token!"}}), 401, "needs its token");
    check_json_error(client.Get("/api/info", {{"Authorization", "s3cret-token"}}), 401, "needs its token");
    check_json_error(client.Post("/api/whatif", R"({"moves": []})", "application/json"), 401, "needs its token");
    const auto info = client.Get("/api/info", {{"Authorization", "Bearer s3cret-token"}});
    REQUIRE(info);
    CHECK(info->status == 200);
    check_json_error(client.Get("/"), 401, "open the page as /?token=TOKEN");
    check_json_error(client.Get("/?token=nope"), 401, "open the page as /?token=TOKEN");
    // The right token passes (then: no page in this test).
    check_json_error(client.Get("/?token=s3cret-token"), 404, "not installed");
}

TEST_CASE("serve http: the page and its files from web/, MapLibre from its dist folder, nothing else") {
    TemporaryFolder web;
    const auto dist = web.path() / "node_modules" / "maplibre-gl" / "dist";
    std::filesystem::create_directories(dist);
    std::ofstream(web / "index.html") << "<!doctype html><title>workbench</title>";
    std::ofstream(web / "app.js") << "console.log('app');";
    std::ofstream(web / "style.css") << "body {}";
    std::ofstream(dist / "maplibre-gl.js") << "/* maplibre */";
    std::ofstream(dist / "maplibre-gl.css") << "/* maplibre css */";
    WebFiles files;
    files.page = web.path();
    files.maplibre = dist;
    RunningServer running({}, files);
    auto client = running.client();
    const auto page = client.Get("/");
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(page->body == "<!doctype html><title>workbench</title>");
    const auto app = client.Get("/static/app.js");
    REQUIRE(app);
    CHECK(app->status == 200);
    CHECK(app->get_header_value("Content-Type") == "text/javascript; charset=utf-8");
    CHECK(client.Get("/static/style.css")->get_header_value("Content-Type") == "text/css; charset=utf-8");
    const auto maplibre = client.Get("/static/maplibre/maplibre-gl.js");
    REQUIRE(maplibre);
    CHECK(maplibre->status == 200);
    CHECK(maplibre->body == "/* maplibre */");
    CHECK(client.Get("/static/maplibre/maplibre-gl.css")->status == 200);
    check_json_error(client.Get("/static/node_modules/maplibre-gl/dist/maplibre-gl.js"), 404, "no file");
    check_json_error(client.Get("/static/missing.js"), 404, "no file '/static/missing.js'");
    check_json_error(client.Get("/static/maplibre/../../../../index.html"), 404, "no file");
    check_json_error(client.Get("/static/maplibre/%2e%2e/%2e%2e/%2e%2e/%2e%2e/index.html"), 404, "no file");
}

TEST_CASE("serve options: loopback needs no token, any other host does, and the token is URL-safe") {
    ServeOptions options;
    CHECK_NOTHROW(check_serve_options(options));
    for (const char* loopback : {"127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"}) {
        options.host = loopback;
        CHECK_NOTHROW(check_serve_options(options));
    }
    options.host = "0.0.0.0";
    CHECK_THROWS_AS(check_serve_options(options), UsageError);
    CHECK_THROWS_WITH(check_serve_options(options), Catch::Contains("--host 0.0.0.0 lets other machines in: give --token"));
    options.token = "0123456789abcdef";
    CHECK_NOTHROW(check_serve_options(options));
    options.token = "two words";
    CHECK_THROWS_AS(check_serve_options(options), UsageError);
    options.token.clear();
    options.host = "127.0.0.1";
    options.port = 70000;
    CHECK_THROWS_WITH(check_serve_options(options), Catch::Contains("--port 70000"));
}

namespace {

// `regiomap serve --port 0` as a child process, its stderr read through a pipe.
class ServeProcess {
public:
    explicit ServeProcess(const std::vector<std::string>& extra = {}) {
        int pipe_ends[2];
        REQUIRE(::pipe(pipe_ends) == 0);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, pipe_ends[1], STDERR_FILENO);
        posix_spawn_file_actions_addclose(&actions, pipe_ends[0]);
        std::vector<std::string> arguments{REGIOMAP_BINARY, "serve", "--store", bundled_store_path().string(), "--port",
                                           "0"};
        arguments.insert(arguments.end(), extra.begin(), extra.end());
        std::vector<char*> argv;
        for (auto& argument : arguments) argv.push_back(argument.data());
        argv.push_back(nullptr);
        const int spawned = posix_spawn(&pid_, REGIOMAP_BINARY, &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        ::close(pipe_ends[1]);
        stderr_ = pipe_ends[0];
        REQUIRE(spawned == 0);
    }
    ~ServeProcess() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
        ::close(stderr_);
    }
    ServeProcess(const ServeProcess&) = delete;
    ServeProcess& operator=(const ServeProcess&) = delete;

    // Reads stderr until `pattern` matches it (its first group) or a minute passes ("" then).
    std::string wait_for(const std::regex& pattern) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        std::smatch match;
        while (!std::regex_search(output_, match, pattern)) {
            if (std::chrono::steady_clock::now() > deadline || read_some(1000) == Read::closed) return {};
        }
        return match.size() > 1 ? match[1].str() : match[0].str();
    }

    // Sends `signal`, waits for the exit and returns the exit code (-1 when it did not exit normally).
    int stop_with(int signal) {
        ::kill(pid_, signal);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
        while (read_some(1000) == Read::data) {
        }
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

    const std::string& output() const { return output_; }

private:
    enum class Read { data, timeout, closed };
    Read read_some(int timeout_ms) {
        pollfd ready{stderr_, POLLIN, 0};
        if (::poll(&ready, 1, timeout_ms) == 0) return Read::timeout;
        char buffer[4096];
        const ssize_t got = ::read(stderr_, buffer, sizeof buffer);
        if (got <= 0) return Read::closed;
        output_.append(buffer, static_cast<std::size_t>(got));
        return Read::data;
    }

    pid_t pid_ = -1;
    int stderr_ = -1;
    std::string output_;
};

}  // namespace

TEST_CASE("serve process: regiomap serve --port 0 prints its address, answers, and stops cleanly on SIGTERM and SIGINT") {
    for (const int signal : {SIGTERM, SIGINT}) {
        INFO("signal " << signal);
        ServeProcess serve;
        const std::string port = serve.wait_for(std::regex("regiomap serve: open http://127\\.0\\.0\\.1:([0-9]+)/\n"));
        INFO(serve.output());
        REQUIRE_FALSE(port.empty());
        httplib::Client client("127.0.0.1", std::stoi(port));
        const auto info = client.Get("/api/info");
        REQUIRE(info);
        CHECK(info->status == 200);
        CHECK(serve.stop_with(signal) == 0);
        CHECK_THAT(serve.output(), Catch::EndsWith("regiomap serve: stopped\n"));
    }
}
