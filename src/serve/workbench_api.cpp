#include "serve/workbench_api.hpp"

#include "adjacency/adjacency_graph.hpp"
#include "analysis/governance.hpp"
#include "analysis/incongruence.hpp"
#include "analysis/layer_comparison.hpp"
#include "analysis/region_view.hpp"
#include "analysis/what_if.hpp"
#include "core/error.hpp"
#include "core/name_matching.hpp"
#include "core/resources.hpp"
#include "core/temporary_folder.hpp"
#include "io/geojson_shapes.hpp"
#include "io/geopackage_writer.hpp"
#include "io/store_layers.hpp"
#include "layers/layer_queries.hpp"
#include "present/incongruence_text.hpp"
#include "present/proposal_text.hpp"
#include "present/region_view_text.hpp"
#include "proposal/compactness.hpp"
#include "proposal/proposal.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <iterator>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

namespace regiomap {

using nlohmann::json;

namespace {

// The layers a what-if scores over when the request names none, as `regiomap whatif` does.
const std::vector<std::string> kDefaultScoredLayers{"zorgkantoor", "ggd", "jeugdregio"};

// Simplification for the screen, in the store's units (metres for RD New): a national map and
// a province fill the screen; finer detail only adds bytes.
constexpr double kScreenTolerance = 50.0;

// A name or code longer than this is no name: refused before it reaches the name search.
constexpr std::size_t kMaxNameLength = 200;

constexpr const char* kJson = "application/json; charset=utf-8";

// A request the API refuses with a status of its own (405, 413); the others are the project's
// errors (UsageError 400, NotFoundError 404, DataError 400).
class RequestRefused : public Error {
public:
    RequestRefused(int status, const std::string& message, std::string allow = {})
        : Error(message), status_(status), allow_(std::move(allow)) {}
    int status() const { return status_; }
    const std::string& allow() const { return allow_; }

private:
    int status_;
    std::string allow_;
};

std::string dump(const json& document) { return document.dump(-1, ' ', false, json::error_handler_t::replace); }

ApiResponse json_answer(const json& document) { return api_answer(200, kJson, dump(document)); }

json population_json(const std::optional<std::int64_t>& population) {
    return population ? json(*population) : json(nullptr);
}

// ---- reading the body -------------------------------------------------------------------------

// `example`: what such a body looks like, for the message when it is not an object.
json parse_body(const std::string& body, const char* example = R"({"moves": [...]})") {
    if (body.size() > kMaxRequestBodyBytes) {
        throw RequestRefused(413, fmt::format("the body has {} bytes; at most {} (1 MiB)", body.size(),
                                              kMaxRequestBodyBytes));
    }
    json document;
    try {
        document = json::parse(body);
    } catch (const json::exception& error) {  // parse_error, and out_of_range for a number like 1e999
        throw UsageError(std::string("the body is not JSON: ") + error.what());
    }
    if (!document.is_object()) {
        throw UsageError(fmt::format("the body must be a JSON object such as {}, not {}", example, document.type_name()));
    }
    return document;
}

const json* optional_member(const json& object, const char* name) {
    auto found = object.find(name);
    return found == object.end() ? nullptr : &*found;
}

const json& required_member(const json& object, const char* name, const std::string& where) {
    const json* member = optional_member(object, name);
    if (!member) throw UsageError(fmt::format("{}: the field '{}' is missing", where, name));
    return *member;
}

// A name or code: a string, not empty, not absurdly long.
std::string name_value(const json& value, const std::string& where, const char* what) {
    if (!value.is_string()) throw UsageError(fmt::format("{}: expected a string ({}), not {}", where, what, value.type_name()));
    std::string text = value.get<std::string>();
    if (text.empty()) throw UsageError(fmt::format("{}: is empty; give {}", where, what));
    if (text.size() > kMaxNameLength) {
        throw UsageError(fmt::format("{}: '{}' has {} bytes; names and codes have at most {}", where,
                                     excerpt_for_message(text, 40), text.size(), kMaxNameLength));
    }
    return text;
}

std::string municipality_label(const Governance& governance, int municipality) {
    return fmt::format("{} ({})", governance.names[municipality], governance.codes[municipality]);
}

// `moves` of a body: an array of at most kMaxMovesPerRequest {municipality, layer, region}, each
// resolved, no two of one municipality in one layer.
std::vector<Move> moves_of(const json& body, const Governance& governance, const MunicipalityNames& names) {
    const json& list = required_member(body, "moves", "the body");
    if (!list.is_array()) throw UsageError(fmt::format("moves: expected an array of moves, not {}", list.type_name()));
    if (list.size() > kMaxMovesPerRequest) {
        throw UsageError(fmt::format("moves: {} moves; at most {} in one request", list.size(), kMaxMovesPerRequest));
    }
    std::vector<Move> moves;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string where = fmt::format("moves[{}]", i);
        const json& item = list[i];
        if (!item.is_object()) {
            throw UsageError(fmt::format("{}: expected a move {{\"municipality\": ..., \"layer\": ..., \"region\": ...}}, "
                                         "not {}",
                                         where, item.type_name()));
        }
        const std::string municipality = name_value(required_member(item, "municipality", where),
                                                    where + ".municipality", "a municipality code or name");
        const std::string layer = name_value(required_member(item, "layer", where), where + ".layer", "a layer id");
        const std::string region = name_value(required_member(item, "region", where), where + ".region",
                                              "a region code or name");
        Move move = resolve_move(governance, names, municipality, layer, region);
        for (std::size_t j = 0; j < moves.size(); ++j) {
            if (moves[j].municipality == move.municipality && moves[j].layer_id == move.layer_id) {
                throw UsageError(fmt::format("moves[{}] and {} both move {} in layer {}; send one move per "
                                             "municipality and layer",
                                             j, where, municipality_label(governance, move.municipality), layer));
            }
        }
        moves.push_back(std::move(move));
    }
    return moves;
}

// `layers` of a what-if body: distinct ids of the store's divisions; absent: the scored layers.
std::vector<std::string> layers_of(const json& body, const Governance& governance,
                                   const std::vector<std::string>& scored_layers) {
    const json* list = optional_member(body, "layers");
    if (!list || list->is_null()) return scored_layers;
    if (!list->is_array()) throw UsageError(fmt::format("layers: expected an array of layer ids, not {}", list->type_name()));
    if (list->empty()) throw UsageError("layers: is empty; name at least one layer to score over, or leave it out");
    std::vector<std::string> layers;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string where = fmt::format("layers[{}]", i);
        std::string layer = name_value((*list)[i], where, "a layer id");
        governance.division(layer);  // NotFoundError listing the layers there are
        if (std::find(layers.begin(), layers.end(), layer) != layers.end()) {
            throw UsageError(fmt::format("{}: names '{}' twice; name each layer once", where, layer));
        }
        layers.push_back(std::move(layer));
    }
    return layers;
}

// An optional whole number field within [low, high]; absent or null: `fallback`. A string such
// as "75.000" is refused, not read: JSON numbers only, so no Dutch thousands point is misread.
std::int64_t whole_number_member(const json& body, const char* name, std::int64_t fallback, std::int64_t low,
                                 std::int64_t high) {
    const json* value = optional_member(body, name);
    if (!value || value->is_null()) return fallback;
    if (!value->is_number()) {
        throw UsageError(fmt::format("{}: expected a whole number from {} to {}, not {}", name, low, high,
                                     value->type_name()));
    }
    const double number = value->get<double>();
    if (!(number >= static_cast<double>(low) && number <= static_cast<double>(high)) || number != std::floor(number)) {
        throw UsageError(fmt::format("{}: {} is not a whole number from {} to {}", name, value->dump(), low, high));
    }
    return static_cast<std::int64_t>(number);
}

double number_value(const json& value, const std::string& where) {
    if (!value.is_number()) throw UsageError(fmt::format("{}: expected a number, not {}", where, value.type_name()));
    const double number = value.get<double>();
    if (!std::isfinite(number)) throw UsageError(fmt::format("{}: {} is not a finite number", where, value.dump()));
    return number;
}

bool flag_member(const json& body, const char* name, bool fallback) {
    const json* value = optional_member(body, name);
    if (!value || value->is_null()) return fallback;
    if (!value->is_boolean()) throw UsageError(fmt::format("{}: expected true or false, not {}", name, value->type_name()));
    return value->get<bool>();
}

// The fields a propose body may have (docs/API.md); any other is refused, so a misspelt field
// is not silently a default.
const std::set<std::string>& proposal_fields() {
    static const std::set<std::string> fields{"regions", "from", "max_moves", "weights", "population_bounds",
                                              "keep_province", "links", "objective", "seed", "iterations", "restarts"};
    return fields;
}

// The options of a propose body, as `regiomap propose` takes them (docs/API.md).
ProposalOptions proposal_options_of(const json& body, const Governance& governance) {
    for (const auto& [name, value] : body.items()) {
        if (proposal_fields().count(name) == 0) {
            throw UsageError(fmt::format("'{}' is not a field of a propose request; the fields are: {}",
                                         excerpt_for_message(name, 40), fmt::join(proposal_fields(), ", ")));
        }
    }
    ProposalOptions options;
    const auto municipalities = static_cast<std::int64_t>(governance.codes.size());
    options.regions = static_cast<int>(whole_number_member(body, "regions", 0, 1, std::max<std::int64_t>(municipalities, 1)));
    if (const json* from = optional_member(body, "from"); from && !from->is_null()) {
        options.from_layer = name_value(*from, "from", "a layer id");
        governance.division(options.from_layer);  // NotFoundError listing the layers
    }
    options.max_moves = static_cast<int>(whole_number_member(body, "max_moves", -1, 0, 4 * municipalities));
    if (const json* weights = optional_member(body, "weights"); weights && !weights->is_null()) {
        if (!weights->is_object() || weights->empty()) {
            throw UsageError("weights: expected an object of layer ids and weights, e.g. {\"zorgkantoor\": 1, \"ggd\": 1}");
        }
        options.weights.clear();
        for (const auto& [layer, weight] : weights->items()) {
            governance.division(layer);  // NotFoundError listing the layers
            const double value = number_value(weight, "weights." + layer);
            if (value < 0) throw UsageError(fmt::format("weights.{}: {} is below 0", layer, value));
            options.weights.emplace_back(layer, value);
        }
    }
    if (const json* bounds = optional_member(body, "population_bounds"); bounds && !bounds->is_null()) {
        if (!bounds->is_array() || bounds->size() != 2) {
            throw UsageError("population_bounds: expected [lower, upper] in times the mean, e.g. [0.5, 2.0]");
        }
        options.lower_bound = number_value((*bounds)[0], "population_bounds[0]");
        options.upper_bound = number_value((*bounds)[1], "population_bounds[1]");
    }
    options.keep_province = flag_member(body, "keep_province", false);
    options.links = flag_member(body, "links", true) ? LinkUse::with_links : LinkUse::borders_only;
    if (const json* objective = optional_member(body, "objective"); objective && !objective->is_null()) {
        const std::string name = name_value(*objective, "objective", "ari or pairs");
        if (name != "ari" && name != "pairs") {
            throw UsageError(fmt::format("objective: '{}' is not ari or pairs", excerpt_for_message(name, 40)));
        }
        options.objective = name == "pairs" ? Objective::pair_agreement : Objective::adjusted_rand;
    }
    options.seed = static_cast<std::uint64_t>(whole_number_member(body, "seed", 1, 0, std::int64_t{1} << 53));
    options.iterations = static_cast<std::size_t>(
        whole_number_member(body, "iterations", static_cast<std::int64_t>(options.iterations), 1000, kMaxProposeIterations));
    options.restarts = static_cast<int>(whole_number_member(body, "restarts", options.restarts, 1, 64));
    return options;
}

json progress_json(const ProposalProgress& progress, double elapsed_seconds) {
    return {{"progress",
             {{"stage", proposal_stage_id(progress.stage)},
              {"step", progress.step},
              {"steps", progress.steps},
              {"best_quality", progress.best_quality ? json(*progress.best_quality) : json(nullptr)},
              {"elapsed_seconds", std::round(elapsed_seconds * 10) / 10}}}};
}

// While a stage runs, the last progress line again with the time since the start, every
// half second: the page's clock ticks, and a client that has gone is noticed by the write that
// fails, not only at the next stage.
constexpr auto kHeartbeat = std::chrono::milliseconds(500);

// One proposal searched on a thread of its own. The request's thread waits until the search
// has started (then the answer streams) or ended before that (then it is an error answer); the
// lines between the two threads go through a queue. The search owns the `busy` flag from its
// construction until its thread ends; cancel() or destroying it stops the search within 1,024
// annealing steps (ProposalOptions::stop) and, on destruction, waits for the thread.
class ProposalSearch {
public:
    // Runs the search with the progress sink and the stop flag; returns the result line.
    using Run = std::function<std::string(const ProposalProgressSink&, const std::atomic<bool>& stop)>;

    ProposalSearch(Run run, std::atomic<bool>& busy) : busy_(busy), begun_(std::chrono::steady_clock::now()) {
        worker_ = std::thread([this, run = std::move(run)] { work(run); });
    }
    ~ProposalSearch() {
        cancel({});
        if (worker_.joinable()) worker_.join();
    }
    ProposalSearch(const ProposalSearch&) = delete;
    ProposalSearch& operator=(const ProposalSearch&) = delete;

    // Stops the search; a non-empty `reason` is sent as the stream's last line ({"error": reason}).
    void cancel(const std::string& reason) {
        std::lock_guard<std::mutex> hold(lock_);
        if (!reason.empty() && cancel_reason_.empty()) cancel_reason_ = reason;
        cancelled_ = true;
    }

    // Waits until the search has started or ended; rethrows what ended it before it started.
    void wait_for_start() {
        std::unique_lock<std::mutex> hold(lock_);
        changed_.wait(hold, [&] { return started_ || finished_; });
        if (!started_ && failure_) std::rethrow_exception(failure_);
    }

    // Sends every line as it comes, until the last; stops the search when the client is gone.
    void stream(const ChunkWriter& write) {
        for (;;) {
            std::unique_lock<std::mutex> hold(lock_);
            const bool ready = changed_.wait_for(hold, kHeartbeat, [&] { return !lines_.empty() || finished_; });
            std::string line;
            if (!lines_.empty()) {
                line = std::move(lines_.front());
                lines_.pop_front();
            } else if (finished_) {
                return;
            } else if (!ready && last_progress_) {
                const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - begun_;
                line = dump(progress_json(*last_progress_, elapsed.count())) + "\n";
            } else {
                continue;
            }
            hold.unlock();
            bool sent = false;
            try {
                sent = write(line);
            } catch (...) {
            }
            if (!sent) {
                cancel({});
                return;
            }
        }
    }

private:
    void work(const Run& run) {
        const ProposalProgressSink progress = [&](const ProposalProgress& reached) {
            const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - begun_;
            std::string line = dump(progress_json(reached, elapsed.count())) + "\n";
            std::lock_guard<std::mutex> hold(lock_);
            started_ = true;
            last_progress_ = reached;
            lines_.push_back(std::move(line));
            changed_.notify_all();
            return !cancelled_.load();
        };
        std::string last_line;
        std::exception_ptr failure;
        try {
            last_line = run(progress, cancelled_);
        } catch (const SearchCancelled&) {
        } catch (const std::exception& error) {
            failure = std::current_exception();
            try {
                last_line = dump(json{{"error", error.what()}}) + "\n";
            } catch (...) {
            }
        } catch (...) {
            failure = std::current_exception();
        }
        // The last line, the end and the free flag together: a client that has read the last
        // line finds the search free when it asks again.
        std::lock_guard<std::mutex> hold(lock_);
        if (!started_) {
            failure_ = failure;
        } else if (!cancel_reason_.empty()) {
            lines_.push_back(dump(json{{"error", cancel_reason_}}) + "\n");
        } else if (!last_line.empty()) {
            lines_.push_back(std::move(last_line));
        }
        busy_ = false;
        finished_ = true;
        changed_.notify_all();
    }

    std::atomic<bool>& busy_;
    const std::chrono::steady_clock::time_point begun_;
    std::atomic<bool> cancelled_{false};
    std::mutex lock_;
    std::condition_variable changed_;
    std::deque<std::string> lines_;
    std::optional<ProposalProgress> last_progress_;
    std::string cancel_reason_;
    bool started_ = false;
    bool finished_ = false;
    std::exception_ptr failure_;
    std::thread worker_;
};

// ---- answers ------------------------------------------------------------------------------------

std::optional<std::int64_t> region_population(const Governance& governance, const Division& division, int region) {
    std::int64_t total = 0;
    for (int m : division.members[region]) {
        if (!governance.population[m]) return std::nullopt;
        total += *governance.population[m];
    }
    return total;
}

json regions_json(const Governance& governance, const Division& division) {
    json regions = json::array();
    for (std::size_t r = 0; r < division.region_codes.size(); ++r) {
        const int region = static_cast<int>(r);
        regions.push_back({{"code", division.region_codes[r]},
                           {"name", division.region_names[r]},
                           {"population", population_json(region_population(governance, division, region))},
                           {"municipalities", division.members[r].size()}});
    }
    return regions;
}

// The adjusted Rand index of `layer` to every other layer of `layers` (by municipality count).
json adjusted_rand_json(const Governance& governance, const std::string& layer, const std::vector<std::string>& layers) {
    json indices = json::object();
    for (const auto& other : layers) {
        if (other == layer) continue;
        indices[other] = compare_layers(governance, governance.division(layer), governance.division(other),
                                        Weight::count)
                             .adjusted_rand;
    }
    return indices;
}

std::string safe_file_stem(const std::string& layer_id) {
    std::string stem;
    for (char c : layer_id) stem += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '_';
    return stem + "-bewerkt";
}

std::string file_bytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (!in.good() && !in.eof()) throw Error("cannot read back the export " + file.string());
    return bytes;
}

struct Route {
    std::string name;                   // "info", "profile", ...
    std::string argument;               // the path's last part, where the route takes one
};

}  // namespace

ApiResponse api_answer(int status, std::string content_type, std::string body) {
    ApiResponse answer;
    answer.status = status;
    answer.content_type = std::move(content_type);
    answer.body = std::move(body);
    return answer;
}

ApiResponse api_error(int status, const std::string& message) {
    return api_answer(status, kJson, dump(json{{"error", message}}));
}

struct WorkbenchApi::Data {
    Governance governance;
    MunicipalityNames names;
    std::map<std::string, std::string> province_of;
    std::vector<AdjacencyRecord> adjacency;
    AdjacencyGraph graph;
    std::vector<std::string> scored_layers;
    std::optional<IncongruenceModel> model;  // today's scores over scored_layers; reads `governance`
    std::vector<IncongruenceScore> scores;   // per municipality, today
    std::string crs;
    std::string municipality_layer;          // the store's first layer (gemeente)
    std::vector<std::vector<unsigned char>> shapes;  // per municipality (governance index), in `crs`
    std::map<std::string, std::string> attribution;  // layer id -> attribution of its outlines
    std::string outline_style;                       // styles/region_outlines.qml
    json info;

    mutable std::atomic<bool> searching{false};  // a propose is running
    mutable std::mutex search_lock;
    mutable std::weak_ptr<ProposalSearch> current_search;  // the last one started, for stop_searches()

    mutable std::mutex cache_lock;
    mutable std::optional<std::string> municipalities_geojson;
    mutable std::map<std::string, std::string> regions_geojson;  // layer id -> FeatureCollection

    explicit Data(const Store& store);

    ApiResponse route(const ApiRequest& request) const;
    ApiResponse municipalities() const;
    ApiResponse regions(const std::string& layer) const;
    ApiResponse profile(const std::string& query) const;
    ApiResponse region(const std::string& query, const std::string& layer) const;
    ApiResponse what_if(const std::string& body) const;
    ApiResponse export_division(const std::string& format, const std::string& body) const;
    ApiResponse propose(const std::string& body) const;
    void stop_searches() const;

    std::string municipalities_collection() const;
    std::string regions_collection(const Division& division) const;
    // The shapes of a division's regions: the union of each region's municipalities, in `crs`
    // (regions without municipalities have none: nullopt).
    std::vector<std::optional<std::vector<unsigned char>>> region_shapes(const GeosContext& geos,
                                                                         const Division& division) const;
};

WorkbenchApi::Data::Data(const Store& store)
    : governance(read_governance(store)),
      names(store.names()),
      province_of(province_of_municipalities(store)),
      adjacency(store.adjacency()),
      graph(AdjacencyGraph::from_records(governance.index_of, adjacency, LinkUse::with_links)),
      crs(store.crs()) {
    for (const auto& layer : kDefaultScoredLayers) {
        if (governance.has_division(layer)) scored_layers.push_back(layer);
    }
    if (scored_layers.empty()) {
        for (const auto& division : governance.divisions) scored_layers.push_back(division.layer_id);
    }
    if (scored_layers.empty()) {
        throw UsageError(fmt::format("the store's {} has only the municipal boundaries, no region division to work "
                                     "on; choose another year with --year",
                                     governance.division_year));
    }
    model.emplace(governance, scored_layers);
    scores = model->score_all();

    const auto layers = store.layers();
    municipality_layer = layers.empty() ? std::string() : layers.front().id;
    shapes.resize(governance.codes.size());
    for (auto& [code, wkb] : store.municipality_geometries()) {
        auto found = governance.index_of.find(code);
        if (found != governance.index_of.end()) shapes[found->second] = std::move(wkb);
    }
    outline_style = region_outline_qml();
    json layer_list = json::array();
    for (const auto& division : governance.divisions) {
        attribution[division.layer_id] = attribution_line(store, {municipality_layer, division.layer_id});
        layer_list.push_back({{"id", division.layer_id},
                              {"title", division.title},
                              {"year", division.year},
                              {"regions", division.region_codes.size()}});
    }
    info = {{"year", store.year()},
            {"years", store.years()},
            {"population_date", governance.population_date.empty() ? json(nullptr) : json(governance.population_date)},
            {"attribution", store.attribution()},
            {"municipalities", governance.codes.size()},
            {"scored_layers", scored_layers},
            {"layers", layer_list}};
    GeoJsonShapeWriter check(crs, kScreenTolerance);  // a CRS GDAL cannot transform fails now, not at the first map
}

ApiResponse WorkbenchApi::Data::route(const ApiRequest& request) const {
    static const std::string kPrefix = "/api/";
    if (request.path.compare(0, kPrefix.size(), kPrefix) != 0) {
        throw NotFoundError(fmt::format("no such path '{}'; the API is under /api/ (docs/API.md)",
                                        excerpt_for_message(request.path)));
    }
    const std::string rest = request.path.substr(kPrefix.size());
    const auto slash = rest.find('/');
    Route route{rest.substr(0, slash), slash == std::string::npos ? std::string() : rest.substr(slash + 1)};
    struct Endpoint {
        const char* name;
        const char* method;
        bool takes_argument;
    };
    static const Endpoint kEndpoints[] = {{"info", "GET", false},    {"municipalities", "GET", false},
                                          {"regions", "GET", true},  {"profile", "GET", true},
                                          {"region", "GET", true},   {"whatif", "POST", false},
                                          {"export", "POST", true},  {"propose", "POST", false}};
    const Endpoint* endpoint = nullptr;
    for (const auto& candidate : kEndpoints) {
        if (route.name == candidate.name && candidate.takes_argument == (slash != std::string::npos)) endpoint = &candidate;
    }
    if (!endpoint || (endpoint->takes_argument && (route.argument.empty() || route.argument.find('/') != std::string::npos))) {
        throw NotFoundError(fmt::format("no such path '{}' (the endpoints are listed in docs/API.md)",
                                        excerpt_for_message(request.path)));
    }
    const std::string method = request.method == "HEAD" ? "GET" : request.method;
    if (method != endpoint->method) {
        throw RequestRefused(405, fmt::format("{} takes {}, not {}", excerpt_for_message(request.path), endpoint->method,
                                              excerpt_for_message(request.method, 20)),
                             endpoint->method);
    }
    auto query = [&](const char* name) {
        auto found = request.query.find(name);
        return found == request.query.end() ? std::string() : found->second;
    };
    if (route.name == "info") return json_answer(info);
    if (route.name == "municipalities") return municipalities();
    if (route.name == "regions") return regions(route.argument);
    if (route.name == "profile") return profile(route.argument);
    if (route.name == "region") return region(route.argument, query("layer"));
    if (route.name == "whatif") return what_if(request.body);
    if (route.name == "propose") return propose(request.body);
    return export_division(route.argument, request.body);
}

ApiResponse WorkbenchApi::Data::municipalities() const {
    std::lock_guard<std::mutex> hold(cache_lock);
    if (!municipalities_geojson) municipalities_geojson = municipalities_collection();
    return api_answer(200, "application/geo+json; charset=utf-8", *municipalities_geojson);
}

ApiResponse WorkbenchApi::Data::regions(const std::string& layer) const {
    const Division& division = governance.division(layer);  // NotFoundError listing the layers
    std::lock_guard<std::mutex> hold(cache_lock);
    auto cached = regions_geojson.find(layer);
    if (cached == regions_geojson.end()) cached = regions_geojson.emplace(layer, regions_collection(division)).first;
    return api_answer(200, "application/geo+json; charset=utf-8", cached->second);
}

std::string WorkbenchApi::Data::municipalities_collection() const {
    const GeoJsonShapeWriter writer(crs, kScreenTolerance);
    std::string text = R"({"type":"FeatureCollection","features":[)";
    for (std::size_t m = 0; m < governance.codes.size(); ++m) {
        json properties = {{"code", governance.codes[m]},
                           {"name", governance.names[m]},
                           {"population", population_json(governance.population[m])}};
        for (const auto& division : governance.divisions) {
            const int region = division.region_of[m];
            properties["region_" + division.layer_id] = region < 0 ? json(nullptr) : json(division.region_codes[region]);
        }
        properties["C"] = scores[m].congruence;
        properties["T"] = scores[m].tables;
        json neighbours = json::array();
        for (int other : graph.neighbours(static_cast<int>(m))) neighbours.push_back(governance.codes[other]);
        properties["neighbours"] = std::move(neighbours);
        const std::string geometry = shapes[m].empty() ? std::string("null") : writer.geometry(shapes[m]);
        text += fmt::format(R"({}{{"type":"Feature","id":{},"properties":{},"geometry":{}}})", m == 0 ? "" : ",", m,
                            dump(properties), geometry);
    }
    return text + "]}";
}

std::vector<std::optional<std::vector<unsigned char>>> WorkbenchApi::Data::region_shapes(const GeosContext& geos,
                                                                                          const Division& division) const {
    std::vector<std::optional<std::vector<unsigned char>>> result(division.region_codes.size());
    for (std::size_t r = 0; r < division.region_codes.size(); ++r) {
        std::vector<Geometry> parts;
        std::vector<const GEOSGeometry*> borrowed;
        for (int m : division.members[r]) {
            if (shapes[m].empty()) continue;
            parts.push_back(geometry_from_wkb(geos, shapes[m].data(), shapes[m].size()));
            borrowed.push_back(parts.back().get());
        }
        if (borrowed.empty()) continue;
        result[r] = geometry_to_wkb(geos, dissolve(geos, borrowed).get());
    }
    return result;
}

std::string WorkbenchApi::Data::regions_collection(const Division& division) const {
    const GeoJsonShapeWriter writer(crs, kScreenTolerance);
    const auto outlines = region_shapes(writer.geos(), division);
    std::string text = R"({"type":"FeatureCollection","features":[)";
    bool first = true;
    for (std::size_t r = 0; r < division.region_codes.size(); ++r) {
        if (!outlines[r]) continue;  // a region without municipalities has no shape to draw
        const json properties = {
            {"code", division.region_codes[r]},
            {"name", division.region_names[r]},
            {"municipalities", division.members[r].size()},
            {"population", population_json(region_population(governance, division, static_cast<int>(r)))}};
        text += fmt::format(R"({}{{"type":"Feature","id":{},"properties":{},"geometry":{}}})", first ? "" : ",", r,
                            dump(properties), writer.geometry(*outlines[r]));
        first = false;
    }
    return text + "]}";
}

ApiResponse WorkbenchApi::Data::profile(const std::string& query) const {
    if (query.size() > kMaxNameLength) throw UsageError("a municipality code or name has at most 200 bytes");
    const NameResolution found = names.resolve_query(query, province_of);
    std::vector<int> municipalities;
    for (const auto& target : found.entry->targets) municipalities.push_back(governance.index_of.at(target.code));
    ApiResponse answer;
    answer.body = format_profiles(governance, *model, profile_municipalities(*model, municipalities), OutputFormat::json);
    return answer;
}

ApiResponse WorkbenchApi::Data::region(const std::string& query, const std::string& layer) const {
    if (query.size() > kMaxNameLength || layer.size() > kMaxNameLength) {
        throw UsageError("a region code or name, and a layer id, have at most 200 bytes");
    }
    if (!layer.empty()) governance.division(layer);  // NotFoundError listing the layers
    const RegionRef found =
        require_one_region(find_regions(governance, query, layer), "choose a layer with ?layer=LAYER");
    ApiResponse answer;
    answer.body = format_region_view(governance, region_view(governance, found), OutputFormat::json);
    return answer;
}

ApiResponse WorkbenchApi::Data::what_if(const std::string& body) const {
    const json request = parse_body(body);
    const std::vector<std::string> layers = layers_of(request, governance, scored_layers);
    const std::vector<Move> moves = moves_of(request, governance, names);
    Governance moved = governance;  // what_if moves municipalities in the governance it is given
    const WhatIfResult result = regiomap::what_if(moved, layers, moves, &graph);
    json answer = json::parse(format_what_if(moved, layers, moves, result, judge_what_if(result.changes),
                                             OutputFormat::json));
    json divisions = json::array();
    std::vector<std::string> changed;
    for (const auto& move : moves) {
        if (std::find(changed.begin(), changed.end(), move.layer_id) == changed.end()) changed.push_back(move.layer_id);
    }
    for (const auto& layer : changed) {
        divisions.push_back({{"layer", layer},
                             {"regions", regions_json(moved, moved.division(layer))},
                             {"adjusted_rand", adjusted_rand_json(moved, layer, layers)},
                             {"adjusted_rand_before", adjusted_rand_json(governance, layer, layers)}});
    }
    answer["divisions"] = std::move(divisions);
    return json_answer(answer);
}

ApiResponse WorkbenchApi::Data::export_division(const std::string& format, const std::string& body) const {
    if (format != "csv" && format != "gpkg" && format != "manifest") {
        throw NotFoundError(fmt::format("no export format '{}'; formats: csv, gpkg, manifest", excerpt_for_message(format, 40)));
    }
    const json request = parse_body(body);
    const std::string layer = name_value(required_member(request, "layer", "the body"), "layer", "a layer id");
    governance.division(layer);  // NotFoundError listing the layers
    const std::vector<Move> moves = moves_of(request, governance, names);
    // Only the exported layer's moves change what is exported; the others are checked, not applied.
    Governance moved = governance;
    Division& division = moved.division(layer);
    int applied = 0;
    for (const auto& move : moves) {
        if (move.layer_id != layer) continue;
        division.move(move.municipality, move.region);
        ++applied;
    }
    const std::string stem = safe_file_stem(layer);
    ApiResponse answer;
    if (format == "csv") {
        answer.content_type = "text/csv; charset=utf-8";
        answer.body = division_memberships_csv(moved, division);
        answer.attachment_name = stem + ".csv";
        return answer;
    }
    if (format == "manifest") {
        const json snippet = {{"id", layer + "_bewerkt"},
                              {"title", division.title + " (bewerkt)"},
                              {"year", moved.division_year},
                              {"given_as", "membership_table"},
                              {"file", stem + ".csv"},
                              {"region_code_field", "region_code"},
                              {"region_name_field", "region_name"},
                              {"municipality_field", "municipality_code"},
                              {"source", fmt::format("regiomap serve: {} {} with {} move{}", layer, moved.division_year,
                                                     applied, applied == 1 ? "" : "s")}};
        answer.body = snippet.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
        answer.attachment_name = stem + ".manifest.json";
        return answer;
    }
    // gpkg: the edited regions (dissolved from their municipalities, unsimplified, in the store's
    // CRS) and the municipalities with their region, through the project's one GeoPackage writer.
    const GeosContext geos;
    const auto outlines = region_shapes(geos, division);
    const std::string attribution_text = attribution.at(layer) + " (bewerkt in regiomap serve)";
    GeoPackageLayer regions;
    regions.name = region_outline_layer_name(layer);
    regions.fields = {{"region_code", FieldType::string},
                      {"region_name", FieldType::string},
                      {"municipalities", FieldType::integer},
                      {"population", FieldType::integer}};
    regions.qml = outline_style;
    regions.attribution = attribution_text;
    for (std::size_t r = 0; r < division.region_codes.size(); ++r) {
        if (!outlines[r]) continue;
        const auto population = region_population(moved, division, static_cast<int>(r));
        regions.features.push_back(
            {{division.region_codes[r], division.region_names[r], static_cast<std::int64_t>(division.members[r].size()),
              population ? FieldValue(*population) : FieldValue()},
             *outlines[r]});
    }
    GeoPackageLayer members;
    members.name = "municipalities_" + layer;
    members.fields = {{"municipality_code", FieldType::string},
                      {"municipality_name", FieldType::string},
                      {"region_code", FieldType::string},
                      {"region_name", FieldType::string},
                      {"population", FieldType::integer}};
    members.attribution = attribution_text;
    for (std::size_t m = 0; m < moved.codes.size(); ++m) {
        const int region = division.region_of[m];
        if (region < 0 || shapes[m].empty()) continue;
        members.features.push_back({{moved.codes[m], moved.names[m], division.region_codes[region],
                                     division.region_names[region],
                                     moved.population[m] ? FieldValue(*moved.population[m]) : FieldValue()},
                                    shapes[m]});
    }
    const TemporaryFolder scratch("regiomap-serve");
    const auto file = scratch.path() / (stem + ".gpkg");
    write_geopackage(file, "workbench export", crs, {regions, members}, OutputPolicy{});
    answer.content_type = "application/geopackage+sqlite3";
    answer.body = file_bytes(file);
    answer.attachment_name = stem + ".gpkg";
    return answer;
}

ApiResponse WorkbenchApi::Data::propose(const std::string& body) const {
    const json request = parse_body(body, R"({"regions": 31})");
    ProposalOptions options = proposal_options_of(request, governance);
    bool idle = false;
    if (!searching.compare_exchange_strong(idle, true)) {
        throw RequestRefused(429, "a proposal is being searched already (one at a time): wait for its answer, or "
                                  "stop it (close the request that asked for it; it ends within a second)");
    }
    std::shared_ptr<ProposalSearch> search;
    try {
        search = std::make_shared<ProposalSearch>(
            [this, options](const ProposalProgressSink& progress, const std::atomic<bool>& stop) mutable {
                options.stop = &stop;
                ProposalOutcome outcome =
                    regiomap::propose(governance, names, adjacency, options, scored_layers, progress);
                if (outcome.infeasible) {
                    throw InfeasibleRequest(describe_infeasibility(governance, outcome.proposal, *outcome.infeasible,
                                                                   OptionWording::api_fields));
                }
                if (std::none_of(shapes.begin(), shapes.end(), [](const auto& shape) { return shape.empty(); })) {
                    const GeosContext geos;
                    std::vector<Geometry> municipalities;
                    for (const auto& shape : shapes) {
                        municipalities.push_back(geometry_from_wkb(geos, shape.data(), shape.size()));
                    }
                    measure_compactness(geos, municipalities, governance, outcome.proposal);
                }
                return dump(json{{"proposal", json::parse(format_proposal(governance, outcome.proposal,
                                                                          OutputFormat::json, false))}}) +
                       "\n";
            },
            searching);
    } catch (...) {
        searching = false;  // no thread took the flag over
        throw;
    }
    {
        std::lock_guard<std::mutex> hold(search_lock);
        current_search = search;
    }
    search->wait_for_start();
    ApiResponse answer;
    answer.content_type = "application/x-ndjson; charset=utf-8";
    answer.stream = [search](const ChunkWriter& write) { search->stream(write); };
    return answer;
}

void WorkbenchApi::Data::stop_searches() const {
    std::lock_guard<std::mutex> hold(search_lock);
    if (auto search = current_search.lock()) search->cancel("the server is stopping (regiomap serve was stopped)");
}

WorkbenchApi::WorkbenchApi(const Store& store) : data_(std::make_unique<Data>(store)) {}

WorkbenchApi::~WorkbenchApi() = default;

void WorkbenchApi::stop_searches() const noexcept {
    try {
        data_->stop_searches();
    } catch (...) {
        // A lock that cannot be taken (it never throws in practice): the searches end by themselves.
    }
}

ApiResponse WorkbenchApi::handle(const ApiRequest& request) const noexcept {
    try {
        try {
            return data_->route(request);
        } catch (const RequestRefused& refused) {
            ApiResponse answer = api_error(refused.status(), refused.what());
            answer.allow = refused.allow();
            return answer;
        } catch (const NotFoundError& error) {
            return api_error(404, error.what());
        } catch (const InfeasibleRequest& error) {
            return api_error(422, error.what());
        } catch (const UsageError& error) {
            return api_error(400, error.what());
        } catch (const DataError& error) {
            return api_error(400, error.what());
        } catch (const std::exception& error) {
            return api_error(500, std::string("internal error (a bug in regiomap serve; please report it): ") +
                                      error.what());
        }
    } catch (...) {
        // Building the error answer failed too (out of memory): a fixed text needs no allocation of ours.
        ApiResponse answer;
        answer.status = 500;
        answer.body = R"json({"error": "internal error (a bug in regiomap serve; please report it)"})json";
        return answer;
    }
}

}  // namespace regiomap
