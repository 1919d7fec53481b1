// The workbench API of `regiomap serve` (WorkbenchApi::handle, no sockets) on the bundled store.
// The input is a request: its first line "METHOD /path?name=value&..." and the rest its body.
// handle() is noexcept, so an exception cannot leave it; a finding is a crash or sanitizer
// report, an internal error (500), a status the API does not answer with (docs/API.md), or an
// answer that is not what its content type says: JSON with an "error" text for every error,
// JSON lines ending in a proposal or an error for a streamed propose.
//
// A propose body that parses as an object gets at most 2,000 annealing steps and 2 restarts
// (set where the field is absent or a larger number; a wrong type is left for the API to
// refuse), so one input is a short search, not the default two seconds.
#include "fuzz_support.hpp"
#include "serve/workbench_api.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>

namespace {

using nlohmann::json;

[[noreturn]] void finding(const std::string& what, const regiomap::ApiRequest& request, const std::string& answer) {
    std::fprintf(stderr, "FINDING: %s\n  request: %s %s\n  answer: %.500s\n", what.c_str(), request.method.c_str(),
                 request.path.c_str(), answer.c_str());
    std::abort();
}

regiomap::ApiRequest request_of(std::string_view input) {
    regiomap::ApiRequest request;
    const auto end_of_line = input.find('\n');
    const std::string_view line = input.substr(0, end_of_line);
    if (end_of_line != std::string_view::npos) request.body = std::string(input.substr(end_of_line + 1));
    const auto space = line.find(' ');
    request.method = std::string(line.substr(0, space));
    std::string_view target = space == std::string_view::npos ? std::string_view() : line.substr(space + 1);
    const auto question = target.find('?');
    request.path = std::string(target.substr(0, question));
    if (question != std::string_view::npos) {
        std::string_view query = target.substr(question + 1);
        while (!query.empty()) {
            const auto amp = query.find('&');
            const std::string_view pair = query.substr(0, amp);
            const auto equals = pair.find('=');
            request.query[std::string(pair.substr(0, equals))] =
                equals == std::string_view::npos ? std::string() : std::string(pair.substr(equals + 1));
            query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        }
    }
    return request;
}

void keep_search_short(regiomap::ApiRequest& request) {
    if (request.path != "/api/propose") return;
    json body = json::parse(request.body, nullptr, false);
    if (!body.is_object()) return;
    auto cap = [&](const char* name, std::int64_t most) {
        auto found = body.find(name);
        if (found == body.end() || (found->is_number() && found->get<double>() > static_cast<double>(most))) body[name] = most;
    };
    cap("iterations", 2000);
    cap("restarts", 2);
    request.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool is_error_json(const std::string& text) {
    const json parsed = json::parse(text, nullptr, false);
    return parsed.is_object() && parsed.contains("error") && parsed["error"].is_string();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    regiomap::fuzz::bundled_store();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const regiomap::WorkbenchApi api(regiomap::fuzz::bundled_store());
    regiomap::ApiRequest request = request_of(regiomap::fuzz::bytes(data, size));
    keep_search_short(request);
    const regiomap::ApiResponse answer = api.handle(request);
    switch (answer.status) {
        case 200: break;
        case 400: case 404: case 405: case 413: case 422: case 429:
            if (!is_error_json(answer.body)) finding("an error answer that is not {\"error\": text}", request, answer.body);
            return 0;
        default: finding("status " + std::to_string(answer.status), request, answer.body);
    }
    if (answer.stream) {
        std::string lines;
        answer.stream([&](const std::string& chunk) {
            lines += chunk;
            return true;
        });
        if (lines.empty() || lines.back() != '\n') finding("a stream that does not end in a whole line", request, lines);
        const auto last_start = lines.rfind('\n', lines.size() - 2);
        const json last = json::parse(lines.substr(last_start == std::string::npos ? 0 : last_start + 1), nullptr, false);
        if (!last.is_object() || !(last.contains("proposal") || last.contains("error"))) {
            finding("a stream whose last line is not a proposal or an error", request, lines);
        }
        return 0;
    }
    const bool json_answer = answer.content_type.rfind("application/json", 0) == 0 ||
                             answer.content_type.rfind("application/geo+json", 0) == 0;
    if (json_answer && json::parse(answer.body, nullptr, false).is_discarded()) {
        finding("an answer said to be JSON that is not", request, answer.body);
    }
    return 0;
}
