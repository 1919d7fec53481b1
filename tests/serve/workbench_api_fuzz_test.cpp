// A bounded fuzz loop over the what-if, export and propose bodies, through the API class: random
// JSON of every type where a field goes, real and wrong names, mutated, truncated and random
// bytes. Every answer must be 200, 400 or 404 (propose also 422) with a JSON body (an "error"
// text unless 200; a proposal's stream a JSON line), and nothing may escape (handle() is
// noexcept: an exception would end the test binary). Seeded, so a failure repeats; the failing
// body is printed. A propose body keeps its search short (1,000 steps, one restart) unless the
// fuzzer put a wrong value there.
#include "api_support.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <map>
#include <optional>
#include <random>

using namespace regiomap;
using namespace regiomap::test;
using nlohmann::json;

namespace {

enum class BodyKind { moves, proposal };

class BodyMaker {
public:
    BodyMaker(unsigned seed, BodyKind kind) : random_(seed), kind_(kind) {}

    std::string body() {
        switch (pick(8)) {
            case 0:
            case 1:
            case 2:
            case 3:
            case 4: return structured().dump();
            case 5: return mutated(structured().dump());
            case 6: {
                std::string text = structured().dump();
                return text.substr(0, pick(text.size() + 1));
            }
            default: return random_bytes(pick(64));
        }
    }

    json structured() {
        if (kind_ == BodyKind::proposal) return proposal();
        json body = json::object();
        if (pick(10) != 0) body["moves"] = pick(8) == 0 ? value(2) : moves();
        if (pick(4) == 0) body["layers"] = pick(3) == 0 ? value(2) : layer_list();
        if (pick(4) == 0) body["layer"] = pick(3) == 0 ? value(1) : json(word(kLayers));
        if (pick(8) == 0) body[word(kWords)] = value(2);
        return pick(20) == 0 ? value(3) : body;
    }

private:
    json proposal() {
        json body = json::object();
        auto maybe = [&](const char* name, json good) {
            const std::size_t roll = pick(8);
            if (roll == 0) return;  // missing
            body[name] = roll == 1 ? value(2) : std::move(good);
        };
        static constexpr std::array<int, 7> kCounts{1, 2, 25, 31, 42, 355, 356};
        maybe("regions", kCounts[pick(kCounts.size())]);
        if (pick(3) == 0) maybe("from", word(kLayers));
        if (pick(3) == 0) maybe("max_moves", static_cast<int>(pick(6)));
        if (pick(3) == 0) {
            json weights = json::object();
            for (std::size_t i = 0, n = pick(4); i < n; ++i) weights[word(kLayers)] = static_cast<double>(pick(5)) / 2;
            maybe("weights", weights);
        }
        if (pick(3) == 0) maybe("population_bounds", json::array({0.1 * static_cast<double>(pick(12)), 0.5 * static_cast<double>(pick(6))}));
        if (pick(4) == 0) maybe("keep_province", pick(2) == 0);
        if (pick(4) == 0) maybe("links", pick(2) == 0);
        if (pick(4) == 0) maybe("objective", pick(2) == 0 ? "ari" : "pairs");
        if (pick(4) == 0) maybe("seed", static_cast<int>(pick(100)));
        body["iterations"] = pick(10) == 0 ? value(1) : json(1000);
        body["restarts"] = pick(10) == 0 ? value(1) : json(1);
        return pick(20) == 0 ? value(3) : body;
    }

    std::size_t pick(std::size_t n) { return n == 0 ? 0 : std::uniform_int_distribution<std::size_t>(0, n - 1)(random_); }

    template <std::size_t N>
    std::string word(const std::array<const char*, N>& words) {
        return words[pick(N)];
    }

    json moves() {
        json list = json::array();
        const std::size_t count = pick(40) == 0 ? 1001 : pick(5);
        for (std::size_t i = 0; i < count; ++i) list.push_back(pick(10) == 0 ? value(1) : move());
        return list;
    }

    json move() {
        json item = json::object();
        auto field = [&](const char* name, const auto& words) {
            const std::size_t roll = pick(10);
            if (roll == 0) return;  // missing
            item[name] = roll == 1 ? value(1) : json(word(words));
        };
        field("municipality", kMunicipalities);
        field("layer", kLayers);
        field("region", kRegions);
        if (pick(10) == 0) item[word(kWords)] = value(1);
        return item;
    }

    json layer_list() {
        json list = json::array();
        for (std::size_t i = 0, n = pick(5); i < n; ++i) list.push_back(word(kLayers));
        return list;
    }

    json value(int depth) {
        switch (pick(depth > 0 ? 9 : 7)) {
            case 0: return nullptr;
            case 1: return pick(2) == 0;
            case 2: return static_cast<std::int64_t>(random_()) - (1LL << 31);
            case 3: return pick(10) == 0 ? 1e308 : std::uniform_real_distribution<double>(-1e6, 1e6)(random_);
            case 4: return word(kWords);
            case 5: return std::string(pick(400), static_cast<char>('a' + pick(26)));
            case 6: return word(kMunicipalities);
            case 7: {
                json list = json::array();
                for (std::size_t i = 0, n = pick(4); i < n; ++i) list.push_back(value(depth - 1));
                return list;
            }
            default: {
                json object = json::object();
                for (std::size_t i = 0, n = pick(4); i < n; ++i) object[word(kWords)] = value(depth - 1);
                return object;
            }
        }
    }

    std::string mutated(std::string text) {
        for (std::size_t i = 0, n = 1 + pick(4); i < n && !text.empty(); ++i) {
            const std::size_t at = pick(text.size());
            switch (pick(4)) {
                case 0: text[at] = static_cast<char>(pick(256)); break;
                case 1: text.erase(at, 1 + pick(8)); break;
                case 2: text.insert(at, word(kTokens)); break;
                default: text.insert(at, 1, static_cast<char>(0x80 + pick(0x80)));  // a stray UTF-8 continuation byte
            }
        }
        return text;
    }

    std::string random_bytes(std::size_t size) {
        std::string bytes;
        for (std::size_t i = 0; i < size; ++i) bytes += static_cast<char>(pick(256));
        return bytes;
    }

    static constexpr std::array<const char*, 12> kMunicipalities{
        "Veenendaal", "GM0345", "Enschede", "gm153", "Bergen", "Veenendal", "", "Den Bosch", "Súdwest-Fryslân",
        "Nuenen", "GM9999", "Schiermonnikoog"};
    static constexpr std::array<const char*, 9> kLayers{"jeugdregio", "ggd", "zorgkantoor", "werkstructuur", "provincie",
                                                        "veiligheidsregio", "gemeente", "wmo", ""};
    static constexpr std::array<const char*, 11> kRegions{"JZ23", "Zuidoost Utrecht", "ZK31", "GG2514", "DEF-ZK23",
                                                          "zk23", "Utrecht", "JZ99", "", "PV26", "Food Valley"};
    static constexpr std::array<const char*, 8> kWords{"moves", "layers", "layer", "municipality", "region", "x",
                                                       "\xc3\xa9", "__proto__"};
    static constexpr std::array<const char*, 10> kTokens{"{", "}", "[", "]", ",", ":", "\"", "null", "1e999", "\\u0000"};

    std::mt19937 random_;
    BodyKind kind_;
};

struct Failure {
    std::string path;
    std::string body;
    int status = 0;
    std::string answer;
};

struct FuzzOutcome {
    std::optional<Failure> failure;  // the first answer that breaks the contract
    std::map<int, int> statuses;     // how many answers of each status
};

FuzzOutcome fuzz(const std::string& path, std::size_t rounds, unsigned seed, BodyKind kind = BodyKind::moves) {
    FuzzOutcome outcome;
    BodyMaker maker(seed, kind);
    for (std::size_t round = 0; round < rounds; ++round) {
        const std::string body = maker.body();
        const ApiResponse answer = bundled_api().handle({"POST", path, {}, body});
        bool keeps_contract = answer.status == 200 || answer.status == 400 || answer.status == 404 ||
                              (kind == BodyKind::proposal && answer.status == 422);
        std::string text = answer.body;
        if (answer.stream) {
            // The first line of the stream; the client then goes away, which stops the search.
            answer.stream([&](const std::string& chunk) {
                text = chunk;
                return false;
            });
        }
        try {
            const json parsed = json::parse(text);
            if (answer.status != 200) keeps_contract = keeps_contract && parsed.contains("error") && parsed["error"].is_string();
        } catch (const json::exception&) {
            // A CSV export is not JSON; anything else must be.
            keeps_contract = keeps_contract && answer.status == 200 && answer.content_type.rfind("text/csv", 0) == 0;
        }
        ++outcome.statuses[answer.status];
        if (!keeps_contract && !outcome.failure) outcome.failure = Failure{path, body, answer.status, text.substr(0, 500)};
    }
    return outcome;
}

}  // namespace

TEST_CASE("serve api fuzz: 2,000 random and mutated what-if bodies, each 200, 400 or 404 with a JSON body") {
    FuzzOutcome outcome = fuzz("/api/whatif", 2000, 11);
    const auto failure = outcome.failure;
    // The bodies reach every answer, not only the first checks of the body.
    for (const int status : {200, 400, 404}) {
        INFO("status " << status);
        CHECK(outcome.statuses[status] >= 100);
    }
    if (failure) {
        INFO("body: " << failure->body);
        INFO("answer " << failure->status << ": " << failure->answer);
        FAIL("an answer broke the contract");
    }
}

TEST_CASE("serve api fuzz: 300 random and mutated export bodies, each 200, 400 or 404") {
    const FuzzOutcome outcome = fuzz("/api/export/csv", 300, 12);
    const auto& failure = outcome.failure;
    if (failure) {
        INFO("body: " << failure->body);
        INFO("answer " << failure->status << ": " << failure->answer);
        FAIL("an answer broke the contract");
    }
}

TEST_CASE("serve api fuzz: 300 random and mutated propose bodies, each 200, 400, 404 or 422") {
    FuzzOutcome outcome = fuzz("/api/propose", 300, 13, BodyKind::proposal);
    for (const int status : {200, 400, 404, 422}) {
        INFO("status " << status);
        CHECK(outcome.statuses[status] >= 10);
    }
    const auto& failure = outcome.failure;
    if (failure) {
        INFO("body: " << failure->body);
        INFO("answer " << failure->status << ": " << failure->answer);
        FAIL("an answer broke the contract");
    }
}
