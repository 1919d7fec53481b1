// The workbench API (docs/API.md) as function calls on the bundled store. Expected figures come
// from outside the API: the insurers' reference case as `regiomap profile` prints it
// (tests/cli/expected/profile_veenendaal_enschede.txt: Veenendaal C = 0.069, 2 of 29 partners,
// population 66,493), the what-if golden (tests/cli/expected/whatif_veenendaal.txt: moving
// Veenendaal into JZ23 Zuidoost Utrecht, the youth-care region of most of its GGD partners,
// raises its C from 0.069 to 0.192, 29 -> 26 partners, 2 -> 5 at every table; mean C 0.5593 ->
// 0.5600 over 355 municipalities; 30 municipalities rescored), and the CBS region counts.
#include "api_support.hpp"

#include "analysis/governance.hpp"
#include "layers/loader.hpp"

#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <chrono>
#include <cstdint>
#include <fstream>
#include <set>
#include <thread>

using namespace regiomap;
using namespace regiomap::test;
using nlohmann::json;

namespace {

const char* const kVeenendaalToZuidoostUtrecht =
    R"({"moves": [{"municipality": "Veenendaal", "layer": "jeugdregio", "region": "Zuidoost Utrecht"}]})";

const json* feature_with_code(const json& collection, const std::string& code) {
    for (const auto& feature : collection["features"]) {
        if (feature["properties"]["code"] == code) return &feature;
    }
    return nullptr;
}

// Every position of a GeoJSON geometry, called with (longitude, latitude).
template <typename Visit>
void for_each_position(const json& coordinates, Visit visit) {
    if (coordinates.is_array() && coordinates.size() == 2 && coordinates[0].is_number()) {
        visit(coordinates[0].get<double>(), coordinates[1].get<double>());
        return;
    }
    for (const auto& part : coordinates) for_each_position(part, visit);
}

void check_json_error(const ApiResponse& response, int status, const std::string& fragment) {
    INFO(response.body);
    CHECK(response.status == status);
    CHECK(response.content_type == "application/json; charset=utf-8");
    const json body = json_of(response);
    REQUIRE(body.contains("error"));
    CHECK_THAT(body["error"].get<std::string>(), Catch::Contains(fragment));
}

}  // namespace

TEST_CASE("serve api: /api/info gives the year, its layers and their region counts") {
    const ApiResponse response = api_get("/api/info");
    REQUIRE(response.status == 200);
    CHECK(response.content_type == "application/json; charset=utf-8");
    const json info = json_of(response);
    CHECK(info["year"] == 2020);
    CHECK(info["years"] == json({2016, 2017, 2018, 2019, 2020, 2025}));
    CHECK(info["population_date"] == "2020-01-01");
    CHECK(info["municipalities"] == 355);
    CHECK(info["scored_layers"] == json({"zorgkantoor", "ggd", "jeugdregio"}));
    CHECK_THAT(info["attribution"].get<std::string>(), Catch::Contains("Bron: CBS, Kadaster"));
    std::map<std::string, int> regions;
    for (const auto& layer : info["layers"]) regions[layer["id"]] = layer["regions"];
    CHECK(regions["zorgkantoor"] == 31);
    CHECK(regions["ggd"] == 25);
    CHECK(regions["jeugdregio"] == 42);
    CHECK(regions["provincie"] == 12);
    CHECK(regions.count("gemeente") == 0);  // the municipalities are not a division
}

TEST_CASE("serve api: a year without population figures says so with a null population_date") {
    const Store store(bundled_store_path(), 2025);
    const WorkbenchApi api(store);
    const json info = json_of(api.handle({"GET", "/api/info", {}, ""}));
    CHECK(info["year"] == 2025);
    CHECK(info["population_date"].is_null());
    CHECK(info["municipalities"] == 342);
}

TEST_CASE("serve api: /api/municipalities is GeoJSON of the 355 municipalities in WGS84 with today's scores") {
    const ApiResponse response = api_get("/api/municipalities");
    REQUIRE(response.status == 200);
    CHECK(response.content_type == "application/geo+json; charset=utf-8");
    const json collection = json_of(response);
    CHECK(collection["type"] == "FeatureCollection");
    REQUIRE(collection["features"].size() == 355);
    int positions = 0;
    bool inside_the_netherlands = true;
    for (const auto& feature : collection["features"]) {
        REQUIRE(feature["geometry"].is_object());
        CHECK(feature["geometry"]["type"] == "MultiPolygon");
        for_each_position(feature["geometry"]["coordinates"], [&](double longitude, double latitude) {
            ++positions;
            inside_the_netherlands = inside_the_netherlands && longitude > 3.2 && longitude < 7.3 && latitude > 50.7 &&
                                     latitude < 53.6;
        });
    }
    CHECK(positions > 355 * 4);
    CHECK(inside_the_netherlands);  // longitude first, latitude second, as GeoJSON has it

    const json* veenendaal = feature_with_code(collection, "GM0345");
    REQUIRE(veenendaal);
    const json& properties = (*veenendaal)["properties"];
    CHECK(properties["name"] == "Veenendaal");
    CHECK(properties["population"] == 66493);
    CHECK(properties["region_jeugdregio"] == "JZ21");
    CHECK(properties["region_zorgkantoor"] == "ZK23");
    CHECK(properties["region_ggd"] == "GG2514");
    CHECK(properties["C"].get<double>() == Approx(2.0 / 29.0));
    CHECK(properties["T"] == 3);
    // Its neighbours as the store's adjacency has them: Ede, Renswoude, Rhenen, Utrechtse Heuvelrug.
    CHECK(properties["neighbours"] == json::array({"GM0228", "GM0339", "GM0340", "GM1581"}));
    // Texel's only neighbour is across water (geodata/links.csv: the TESO ferry to Den Helder), and the
    // graph is the 911 shared borders plus the 7 links of `regiomap adjacency`.
    CHECK((*feature_with_code(collection, "GM0448"))["properties"]["neighbours"] == json::array({"GM0400"}));
    std::size_t ends = 0;
    for (const auto& feature : collection["features"]) ends += feature["properties"]["neighbours"].size();
    CHECK(ends == 2 * (911 + 7));
    // Veenendaal lies near 5.55 E, 52.03 N.
    double west = 180, east = -180, south = 90, north = -90;
    for_each_position((*veenendaal)["geometry"]["coordinates"], [&](double longitude, double latitude) {
        west = std::min(west, longitude), east = std::max(east, longitude);
        south = std::min(south, latitude), north = std::max(north, latitude);
    });
    CHECK(west > 5.45);
    CHECK(east < 5.65);
    CHECK(south > 51.97);
    CHECK(north < 52.10);
    // The second answer is the cached first.
    CHECK(api_get("/api/municipalities").body == response.body);
}

TEST_CASE("serve api: /api/regions/{layer} is GeoJSON of the dissolved regions") {
    const ApiResponse response = api_get("/api/regions/zorgkantoor");
    REQUIRE(response.status == 200);
    const json collection = json_of(response);
    REQUIRE(collection["features"].size() == 31);
    int municipalities = 0;
    for (const auto& feature : collection["features"]) {
        municipalities += feature["properties"]["municipalities"].get<int>();
        CHECK(feature["geometry"].is_object());
    }
    CHECK(municipalities == 355);
    const json* utrecht = feature_with_code(collection, "ZK23");
    REQUIRE(utrecht);
    CHECK((*utrecht)["properties"]["name"] == "Utrecht");
    CHECK((*utrecht)["properties"]["municipalities"] == 25);  // "3 of its 25" in the profile's note
    check_json_error(api_get("/api/regions/wmo"), 404, "no layer 'wmo'");
    check_json_error(api_get("/api/regions/gemeente"), 404, "no layer 'gemeente'");
}

TEST_CASE("serve api: /api/profile/{municipality} is the profile's JSON, Veenendaal with C = 0.069") {
    const ApiResponse response = api_get("/api/profile/Veenendaal");
    REQUIRE(response.status == 200);
    const json profiles = json_of(response);
    REQUIRE(profiles.size() == 1);
    const json& veenendaal = profiles[0];
    CHECK(veenendaal["municipality_code"] == "GM0345");
    CHECK(veenendaal["population"] == 66493);
    CHECK(veenendaal["youth-care region"]["value"] == "JZ21 Food Valley");
    CHECK(veenendaal["scores"]["congruence_C"].get<double>() == Approx(0.069).margin(0.0005));
    CHECK(veenendaal["scores"]["partners_any_U"] == 29);
    CHECK(veenendaal["scores"]["partners_all_I"] == 2);
    CHECK(veenendaal["scores"]["tables_T"] == 3);
    CHECK(veenendaal["scores"]["parties_P"] == 33);
    // By code too, and the same answer.
    CHECK(api_get("/api/profile/GM0345").body == response.body);
    check_json_error(api_get("/api/profile/Veenendal"), 404, "no municipality matches 'Veenendal'; nearest: Veenendaal");
    check_json_error(api_get("/api/profile/Bergen"), 404, "names more than one municipality");
}

TEST_CASE("serve api: /api/region/{region} is the region view's JSON, ?layer= chooses between namesakes") {
    const ApiResponse response = api_get("/api/region/ZK23");
    REQUIRE(response.status == 200);
    CHECK_THAT(response.body, Catch::Contains("\"region_name\": \"Veiligheids- en Gezondheidsregio Gelderland-Midden\""));
    check_json_error(api_get("/api/region/Utrecht"), 404, "give its code or choose a layer with ?layer=LAYER");
    CHECK(api_get("/api/region/Utrecht", {{"layer", "provincie"}}).status == 200);
    check_json_error(api_get("/api/region/ZK23", {{"layer", "wmo"}}), 404, "no layer 'wmo'");
    check_json_error(api_get("/api/region/Twnte"), 404, "nearest: ZK22 Twente (zorgkantoor)");
}

TEST_CASE("serve api: a what-if of Veenendaal into Zuidoost Utrecht gives the numbers regiomap whatif prints") {
    const ApiResponse response = api_post("/api/whatif", kVeenendaalToZuidoostUtrecht);
    REQUIRE(response.status == 200);
    const json answer = json_of(response);
    CHECK(answer["layers"] == json({"zorgkantoor", "ggd", "jeugdregio"}));
    REQUIRE(answer["moves"].size() == 1);
    CHECK(answer["moves"][0] == json({{"municipality_code", "GM0345"},
                                      {"municipality_name", "Veenendaal"},
                                      {"layer", "jeugdregio"},
                                      {"region_code", "JZ23"},
                                      {"region_name", "Zuidoost Utrecht"}}));
    CHECK(answer["mean_congruence"]["before"].get<double>() == Approx(0.5593).margin(0.00005));
    CHECK(answer["mean_congruence"]["after"].get<double>() == Approx(0.5600).margin(0.00005));
    CHECK(answer["municipalities"].size() == 30);
    CHECK(answer["warnings"].empty());
    const json* veenendaal = nullptr;
    for (const auto& item : answer["municipalities"]) {
        if (item["municipality_code"] == "GM0345") veenendaal = &item;
    }
    REQUIRE(veenendaal);
    CHECK((*veenendaal)["before"]["C"].get<double>() == Approx(0.069).margin(0.0005));
    CHECK((*veenendaal)["after"]["C"].get<double>() == Approx(0.192).margin(0.0005));
    CHECK((*veenendaal)["after"]["C"].get<double>() > (*veenendaal)["before"]["C"].get<double>());
    CHECK((*veenendaal)["before"]["U"] == 29);
    CHECK((*veenendaal)["after"]["U"] == 26);
    CHECK((*veenendaal)["after"]["I"] == 5);

    // The youth-care division after the move: JZ23 gained Veenendaal and its 66,493 inhabitants.
    REQUIRE(answer["divisions"].size() == 1);
    const json& youth = answer["divisions"][0];
    CHECK(youth["layer"] == "jeugdregio");
    const Governance today = read_governance(bundled_store());
    const Division& jeugdregio = today.division("jeugdregio");
    const int jz23 = jeugdregio.region_index("JZ23");
    std::int64_t population_before = 0;
    for (int m : jeugdregio.members[jz23]) population_before += *today.population[m];
    const json* region = nullptr;
    for (const auto& item : youth["regions"]) {
        if (item["code"] == "JZ23") region = &item;
    }
    REQUIRE(region);
    CHECK((*region)["name"] == "Zuidoost Utrecht");
    CHECK((*region)["municipalities"] == jeugdregio.members[jz23].size() + 1);
    CHECK((*region)["population"] == population_before + 66493);
    CHECK(youth["regions"].size() == 42);
    CHECK(youth["adjusted_rand"].size() == 2);
    CHECK(youth["adjusted_rand_before"].size() == 2);
    for (const char* other : {"zorgkantoor", "ggd"}) {
        CHECK(youth["adjusted_rand"][other].get<double>() > youth["adjusted_rand_before"][other].get<double>());
    }
}

TEST_CASE("serve api: a what-if without moves is today, and a move into a region it does not touch is warned about") {
    const json today = json_of(api_post("/api/whatif", R"({"moves": []})"));
    CHECK(today["mean_congruence"]["before"] == today["mean_congruence"]["after"]);
    CHECK(today["municipalities"].empty());
    CHECK(today["divisions"].empty());

    const ApiResponse far = api_post(
        "/api/whatif", R"({"moves": [{"municipality": "GM0153", "layer": "zorgkantoor", "region": "ZK31"}],
                           "layers": ["zorgkantoor", "ggd"]})");
    REQUIRE(far.status == 200);
    const json answer = json_of(far);
    CHECK(answer["layers"] == json({"zorgkantoor", "ggd"}));
    REQUIRE(answer["warnings"].size() >= 1);
    CHECK(answer["warnings"][0]["kind"] == "does not touch the region");
    CHECK(answer["warnings"][0]["municipality_name"] == "Enschede");
    CHECK(answer["divisions"][0]["adjusted_rand"].size() == 1);  // to ggd, the other scored layer
}

TEST_CASE("serve api: bad requests are 400, unknown codes 404, wrong methods 405, all with a JSON error") {
    check_json_error(api_post("/api/whatif", "{\"moves\": [}"), 400, "the body is not JSON");
    check_json_error(api_post("/api/whatif", ""), 400, "the body is not JSON");
    check_json_error(api_post("/api/whatif", "[1, 2]"), 400, "the body must be a JSON object");
    check_json_error(api_post("/api/whatif", "{}"), 400, "the field 'moves' is missing");
    check_json_error(api_post("/api/whatif", R"({"moves": {"municipality": "Veenendaal"}})"), 400,
                     "moves: expected an array");
    check_json_error(api_post("/api/whatif", R"({"moves": [42]})"), 400, "moves[0]: expected a move");
    check_json_error(api_post("/api/whatif", R"({"moves": [{"municipality": "Veenendaal", "layer": "jeugdregio"}]})"),
                     400, "moves[0]: the field 'region' is missing");
    check_json_error(
        api_post("/api/whatif", R"({"moves": [{"municipality": 345, "layer": "jeugdregio", "region": "JZ23"}]})"), 400,
        "moves[0].municipality: expected a string");
    check_json_error(
        api_post("/api/whatif", R"({"moves": [{"municipality": "", "layer": "jeugdregio", "region": "JZ23"}]})"), 400,
        "moves[0].municipality: is empty");
    check_json_error(api_post("/api/whatif", R"({"moves": [], "layers": "ggd"})"), 400, "layers: expected an array");
    check_json_error(api_post("/api/whatif", R"({"moves": [], "layers": ["ggd", "ggd"]})"), 400,
                     "names 'ggd' twice");
    check_json_error(api_post("/api/whatif", R"({"moves": [], "layers": []})"), 400, "layers: is empty");
    check_json_error(api_post("/api/whatif", R"({"moves": [
                         {"municipality": "Veenendaal", "layer": "jeugdregio", "region": "JZ23"},
                         {"municipality": "GM0345", "layer": "jeugdregio", "region": "JZ21"}]})"),
                     400, "moves[0] and moves[1] both move Veenendaal (GM0345) in layer jeugdregio");

    check_json_error(
        api_post("/api/whatif", R"({"moves": [{"municipality": "Veenendal", "layer": "jeugdregio", "region": "JZ23"}]})"),
        404, "no municipality matches 'Veenendal'; nearest: Veenendaal");
    check_json_error(
        api_post("/api/whatif", R"({"moves": [{"municipality": "Veenendaal", "layer": "jeugdregio", "region": "JZ99"}]})"),
        404, "no region 'JZ99' in layer jeugdregio");
    check_json_error(
        api_post("/api/whatif", R"({"moves": [{"municipality": "Veenendaal", "layer": "wmo", "region": "JZ23"}]})"), 404,
        "no layer 'wmo'");
    check_json_error(api_post("/api/whatif", R"({"moves": [], "layers": ["wmo"]})"), 404, "no layer 'wmo'");

    check_json_error(api_get("/api/whatif"), 405, "/api/whatif takes POST, not GET");
    CHECK(api_get("/api/whatif").allow == "POST");
    check_json_error(api_post("/api/info", "{}"), 405, "/api/info takes GET, not POST");
    check_json_error(bundled_api().handle({"DELETE", "/api/profile/Veenendaal", {}, ""}), 405, "takes GET");
    CHECK(bundled_api().handle({"HEAD", "/api/info", {}, ""}).status == 200);

    check_json_error(api_get("/api/nothing"), 404, "no such path '/api/nothing'");
    check_json_error(api_get("/api/profile/"), 404, "no such path");
    check_json_error(api_get("/api/info/extra"), 404, "no such path");
    check_json_error(api_get("/elsewhere"), 404, "the API is under /api/");
    check_json_error(api_post("/api/export/shp", "{}"), 404, "no export format 'shp'; formats: csv, gpkg, manifest");
}

TEST_CASE("serve api: more than 1,000 moves are refused with 400, a body over 1 MiB with 413") {
    json moves = json::array();
    for (int i = 0; i < 1001; ++i) {
        moves.push_back({{"municipality", "Veenendaal"}, {"layer", "jeugdregio"}, {"region", "JZ23"}});
    }
    check_json_error(api_post("/api/whatif", json{{"moves", moves}}.dump()), 400, "moves: 1001 moves; at most 1000");
    check_json_error(api_post("/api/whatif", std::string(kMaxRequestBodyBytes + 1, ' ')), 413, "at most 1048576");

    // 1,000 moves are allowed: every municipality into one region of each of three layers, up to 1,000.
    const Governance today = read_governance(bundled_store());
    json many = json::array();
    for (const auto& [layer, region] : std::vector<std::pair<std::string, std::string>>{
             {"jeugdregio", "JZ23"}, {"ggd", "GG2514"}, {"zorgkantoor", "ZK23"}}) {
        for (const auto& code : today.codes) {
            if (many.size() < 1000) many.push_back({{"municipality", code}, {"layer", layer}, {"region", region}});
        }
    }
    REQUIRE(many.size() == 1000);
    const ApiResponse all = api_post("/api/whatif", json{{"moves", many}}.dump());
    CHECK(all.status == 200);
}

TEST_CASE("serve api: an exported csv loads back through the manifest as a layer with the move in it") {
    const std::string body =
        R"({"layer": "jeugdregio", "moves": [{"municipality": "Veenendaal", "layer": "jeugdregio", "region": "JZ23"},
                                             {"municipality": "Enschede", "layer": "zorgkantoor", "region": "ZK31"}]})";
    const ApiResponse csv = api_post("/api/export/csv", body);
    REQUIRE(csv.status == 200);
    CHECK(csv.content_type == "text/csv; charset=utf-8");
    CHECK(csv.attachment_name == "jeugdregio-bewerkt.csv");
    CHECK_THAT(csv.body, Catch::StartsWith("municipality_code,municipality_name,region_code,region_name\n"));
    CHECK_THAT(csv.body, Catch::Contains("GM0345,Veenendaal,JZ23,Zuidoost Utrecht\n"));
    CHECK(std::count(csv.body.begin(), csv.body.end(), '\n') == 356);
    const ApiResponse manifest = api_post("/api/export/manifest", body);
    REQUIRE(manifest.status == 200);
    CHECK(manifest.attachment_name == "jeugdregio-bewerkt.manifest.json");
    const json layer = json_of(manifest);
    CHECK(layer["file"] == "jeugdregio-bewerkt.csv");
    CHECK(layer["source"] == "regiomap serve: jeugdregio 2020 with 1 move");  // the zorgkantoor move is not this layer's

    TemporaryFolder folder;
    std::filesystem::copy(kBundledManifest.parent_path(), folder / "geodata", std::filesystem::copy_options::recursive);
    std::ofstream(folder / "geodata" / "jeugdregio-bewerkt.csv") << csv.body;
    json bundled = json::parse(file_contents(folder / "geodata" / "manifest.json"));
    for (auto& year : bundled["years"]) {
        if (year["division_year"] == 2020) year["layers"].push_back(layer);
    }
    std::ofstream(folder / "geodata" / "manifest.json") << bundled.dump(2);
    load({(folder / "geodata" / "manifest.json").string(), (folder / "loaded.sqlite").string(), false}, silent);
    const Governance loaded = read_governance(Store(folder / "loaded.sqlite"));
    const Division& edited = loaded.division("jeugdregio_bewerkt");
    const Division& original = loaded.division("jeugdregio");
    CHECK(edited.region_codes.size() == 42);
    for (std::size_t m = 0; m < loaded.codes.size(); ++m) {
        INFO(loaded.codes[m]);
        const std::string expected =
            loaded.codes[m] == "GM0345" ? std::string("JZ23") : original.region_codes[original.region_of[m]];
        CHECK(edited.region_codes[edited.region_of[m]] == expected);
    }
}

TEST_CASE("serve api: an exported GeoPackage holds the edited regions and the municipalities") {
    const ApiResponse gpkg = api_post(
        "/api/export/gpkg",
        R"({"layer": "jeugdregio", "moves": [{"municipality": "Veenendaal", "layer": "jeugdregio", "region": "JZ23"}]})");
    REQUIRE(gpkg.status == 200);
    CHECK(gpkg.content_type == "application/geopackage+sqlite3");
    CHECK(gpkg.attachment_name == "jeugdregio-bewerkt.gpkg");
    REQUIRE(gpkg.body.size() > 16);
    CHECK(gpkg.body.compare(0, 16, std::string("SQLite format 3\0", 16)) == 0);
    TemporaryFolder folder;
    const auto file = folder / "export.gpkg";
    std::ofstream(file, std::ios::binary) << gpkg.body;
    GDALAllRegister();
    GDALDatasetUniquePtr dataset(GDALDataset::Open(file.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(dataset);
    OGRLayer* regions = dataset->GetLayerByName("regions_jeugdregio");
    OGRLayer* municipalities = dataset->GetLayerByName("municipalities_jeugdregio");
    REQUIRE(regions);
    REQUIRE(municipalities);
    CHECK(regions->GetFeatureCount() == 42);
    CHECK(municipalities->GetFeatureCount() == 355);
    municipalities->SetAttributeFilter("municipality_code = 'GM0345'");
    OGRFeatureUniquePtr veenendaal(municipalities->GetNextFeature());
    REQUIRE(veenendaal);
    CHECK(std::string(veenendaal->GetFieldAsString("region_code")) == "JZ23");
    regions->SetAttributeFilter("region_code = 'JZ23'");
    OGRFeatureUniquePtr jz23(regions->GetNextFeature());
    REQUIRE(jz23);
    CHECK(std::string(jz23->GetFieldAsString("region_name")) == "Zuidoost Utrecht");
    REQUIRE(jz23->GetGeometryRef());
    CHECK(jz23->GetGeometryRef()->getSpatialReference()->GetAuthorityCode(nullptr) == std::string("28992"));

    check_json_error(api_post("/api/export/gpkg", R"({"moves": []})"), 400, "the field 'layer' is missing");
    check_json_error(api_post("/api/export/csv", R"({"layer": "wmo", "moves": []})"), 404, "no layer 'wmo'");
}

namespace {

// The lines of a streamed answer, each parsed, with a writer that accepts the first `accepted`.
std::vector<json> streamed_lines(const ApiResponse& response, std::size_t accepted = SIZE_MAX) {
    REQUIRE(response.stream);
    std::vector<json> lines;
    std::string text;
    response.stream([&](const std::string& chunk) {
        if (lines.size() >= accepted) return false;
        text += chunk;
        for (std::size_t end; (end = text.find('\n')) != std::string::npos; text.erase(0, end + 1)) {
            lines.push_back(json::parse(text.substr(0, end)));
        }
        return true;
    });
    CHECK(text.empty());  // every line ends in a newline
    return lines;
}

// The lines without the half-second repeats of the last progress line (the same stage and step).
std::vector<json> without_repeats(const std::vector<json>& lines) {
    std::vector<json> kept;
    for (const auto& line : lines) {
        const bool repeat = !kept.empty() && line.contains("progress") && kept.back().contains("progress") &&
                            line["progress"]["stage"] == kept.back()["progress"]["stage"] &&
                            line["progress"]["step"] == kept.back()["progress"]["step"];
        if (!repeat) kept.push_back(line);
    }
    return kept;
}

}  // namespace

TEST_CASE("serve api: propose streams its progress, then a K = 31 proposal of every municipality once") {
    const ApiResponse response =
        api_post("/api/propose", R"({"regions": 31, "iterations": 20000, "restarts": 2, "seed": 7})");
    REQUIRE(response.status == 200);
    CHECK(response.content_type == "application/x-ndjson; charset=utf-8");
    const std::vector<json> lines = without_repeats(streamed_lines(response));
    REQUIRE(lines.size() >= 4);
    CHECK(lines.front()["progress"]["stage"] == "starting");
    CHECK(lines.front()["progress"]["step"] == 0);
    CHECK(lines.front()["progress"]["steps"] == 18);
    CHECK(lines.front()["progress"]["best_quality"].is_null());
    CHECK(lines[1]["progress"]["stage"] == "blocks");
    CHECK(lines[2]["progress"]["stage"] == "polish");
    for (std::size_t i = 1; i + 1 < lines.size(); ++i) {
        INFO(lines[i].dump());
        REQUIRE(lines[i].contains("progress"));
        CHECK(lines[i]["progress"]["step"].get<int>() > lines[i - 1]["progress"]["step"].get<int>());
        CHECK(lines[i]["progress"]["best_quality"].is_number());
        CHECK(lines[i]["progress"]["elapsed_seconds"].get<double>() >= 0);
    }
    CHECK(lines[lines.size() - 2]["progress"]["step"] == 18);
    const json& last = lines.back();
    REQUIRE(last.contains("proposal"));
    const json& proposal = last["proposal"];
    CHECK(proposal["mode"] == "from scratch");
    CHECK(proposal["regions"] == 31);
    CHECK(proposal["seed"] == 7);
    CHECK(proposal["bounds_met"] == true);
    CHECK(proposal["mean_polsby_popper"].is_number());  // the store has every shape
    REQUIRE(proposal["proposed_regions"].size() == 31);
    std::set<std::string> placed;
    std::size_t members = 0;
    for (const auto& region : proposal["proposed_regions"]) {
        for (const auto& code : region["municipality_codes"]) placed.insert(code.get<std::string>());
        members += region["municipality_codes"].size();
    }
    CHECK(members == 355);
    CHECK(placed.size() == 355);
    CHECK(proposal["quality"].get<double>() == Approx(lines[lines.size() - 2]["progress"]["best_quality"].get<double>()));

    // The same request again gives the same proposal (the seed decides), and the search is free again.
    const std::vector<json> again = streamed_lines(
        api_post("/api/propose", R"({"regions": 31, "iterations": 20000, "restarts": 2, "seed": 7})"));
    REQUIRE_FALSE(again.empty());
    CHECK(again.back()["proposal"]["proposed_regions"] == proposal["proposed_regions"]);
}

TEST_CASE("serve api: propose in minimal change streams one step per move allowed and its trade-off curve") {
    const std::vector<json> lines = without_repeats(streamed_lines(
        api_post("/api/propose", R"({"from": "zorgkantoor", "max_moves": 3, "iterations": 10000, "restarts": 1})")));
    REQUIRE(lines.size() == 5);
    for (int i = 1; i <= 3; ++i) {
        CHECK(lines[i]["progress"]["stage"] == "curve");
        CHECK(lines[i]["progress"]["step"] == i);
        CHECK(lines[i]["progress"]["steps"] == 3);
    }
    const json& proposal = lines.back()["proposal"];
    CHECK(proposal["mode"] == "minimal change");
    CHECK(proposal["regions"] == 31);  // the zorgkantoor layer's count (CBS 2020)
    CHECK(proposal["tradeoff_curve"].size() == 4);
    CHECK(proposal["tradeoff_curve"].back()["moves_used"].get<int>() <= 3);
}

TEST_CASE("serve api: a propose that cannot be met is 422 naming the bound, bad fields are 400, a busy search 429") {
    check_json_error(api_post("/api/propose", R"({"regions": 42})"), 422,
                     "Amsterdam alone has 872,757 (2.11 times the mean");
    // Named as the body's fields, not as the command line's options.
    check_json_error(api_post("/api/propose", R"({"regions": 42})"), 422,
                     "The smallest feasible upper bound is 2.11 (population_bounds [0.5, 2.11]), or choose fewer regions");
    check_json_error(api_post("/api/propose", R"({"from": "jeugdregio", "max_moves": 3})"), 422,
                     "or start from a division with fewer regions");
    check_json_error(api_post("/api/propose", R"({"regions": "31"})"), 400, "regions: expected a whole number from 1 to 355");
    check_json_error(api_post("/api/propose", R"({"regions": 31.5})"), 400, "regions: 31.5 is not a whole number");
    check_json_error(api_post("/api/propose", R"({"regions": 400})"), 400, "regions: 400 is not a whole number from 1 to 355");
    check_json_error(api_post("/api/propose", R"({"regions": 31, "iterations": 500})"), 400,
                     "iterations: 500 is not a whole number from 1000 to 20000000");
    check_json_error(api_post("/api/propose", R"({"regions": 31, "restarts": 0})"), 400, "restarts: 0 is not");
    check_json_error(api_post("/api/propose", R"({"regions": 31, "weights": {"ggd": -1}})"), 400, "weights.ggd: -1 is below 0");
    check_json_error(api_post("/api/propose", R"({"regions": 31, "weights": {"ggd": "1"}})"), 400,
                     "weights.ggd: expected a number");
    check_json_error(api_post("/api/propose", R"({"regions": 31, "weights": []})"), 400, "weights: expected an object");
    check_json_error(api_post("/api/propose", R"({"regions": 31, "population_bounds": [0.5]})"), 400,
                     "population_bounds: expected [lower, upper]");
    check_json_error(api_post("/api/propose", R"({"regions": 31, "keep_province": "yes"})"), 400,
                     "keep_province: expected true or false");
    check_json_error(api_post("/api/propose", R"({"regions": 31, "objective": "cut"})"), 400, "objective: 'cut' is not ari or pairs");
    check_json_error(api_post("/api/propose", R"({"regions": 31, "weights": {"wmo": 1}})"), 404, "no layer 'wmo'");
    check_json_error(api_post("/api/propose", R"({"from": "wmo", "max_moves": 2})"), 404, "no layer 'wmo'");
    check_json_error(api_get("/api/propose"), 405, "/api/propose takes POST, not GET");
    check_json_error(api_post("/api/propose", R"({"regions": 31, "iteration": 1000})"), 400,
                     "'iteration' is not a field of a propose request; the fields are: from, iterations,");
    check_json_error(api_post("/api/propose", R"([31])"), 400, "the body must be a JSON object such as {\"regions\": 31}");
    // One division weighted alone: its 25 GGD regions, one of them in two parts on the graph
    // (Schiermonnikoog, whose ferry lands in Groningen), are 26 blocks the search never splits.
    check_json_error(api_post("/api/propose", R"({"regions": 31, "weights": {"ggd": 1}})"), 422,
                     "no way found to form 31 connected regions from the 26 blocks of municipalities that every "
                     "weighted division keeps together; give weight to more divisions, or ask for at most 26 regions");

    // While one search runs, a second is refused; once the first is gone, a search is possible again.
    {
        const ApiResponse first = api_post("/api/propose", R"({"regions": 31, "iterations": 1000, "restarts": 1})");
        REQUIRE(first.status == 200);
        check_json_error(api_post("/api/propose", R"({"regions": 25, "iterations": 1000, "restarts": 1})"), 429,
                         "a proposal is being searched already");
        // A client that goes away after the first line stops the search.
        const std::vector<json> lines = streamed_lines(first, 1);
        CHECK(lines.size() == 1);
    }
    const ApiResponse next = api_post("/api/propose", R"({"regions": 25, "iterations": 1000, "restarts": 1})");
    CHECK(next.status == 200);
    CHECK(streamed_lines(next).back().contains("proposal"));
}

TEST_CASE("serve api: a propose whose client goes away, or whose server stops, ends within seconds, not minutes") {
    using Clock = std::chrono::steady_clock;
    // At these settings the search would run for minutes.
    const char* const kLong = R"({"regions": 31, "iterations": 20000000, "restarts": 8})";
    {
        const auto begun = Clock::now();
        {
            const ApiResponse answer = api_post("/api/propose", kLong);
            REQUIRE(answer.status == 200);
            // The first line is taken; the next write (a half-second repeat while the blocks are
            // annealed) finds the client gone.
            CHECK(streamed_lines(answer, 1).size() == 1);
        }  // the answer goes: the search is stopped and its thread joined
        const std::chrono::duration<double> took = Clock::now() - begun;
        CHECK(took.count() < 10);
    }
    {
        const auto begun = Clock::now();
        const ApiResponse answer = api_post("/api/propose", kLong);
        REQUIRE(answer.status == 200);
        std::thread stopper([] {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            bundled_api().stop_searches();
        });
        const std::vector<json> lines = streamed_lines(answer);
        stopper.join();
        const std::chrono::duration<double> took = Clock::now() - begun;
        CHECK(took.count() < 10);
        REQUIRE_FALSE(lines.empty());
        CHECK(lines.front()["progress"]["stage"] == "starting");
        CHECK(lines.back() == json{{"error", "the server is stopping (regiomap serve was stopped)"}});
    }
    // Free again at once.
    const ApiResponse next = api_post("/api/propose", R"({"regions": 25, "iterations": 1000, "restarts": 1})");
    CHECK(next.status == 200);
    CHECK(streamed_lines(next).back().contains("proposal"));
}
