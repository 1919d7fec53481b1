// Helpers shared by the unit tests: temporary folders and manifests that
// point at the hand-made layers in tests/data.
#pragma once

#include "core/temporary_folder.hpp"
#include "layers/loader.hpp"
#include "store/store.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace regiomap::test {

inline const std::filesystem::path kDataDir = REGIOMAP_TEST_DATA_DIR;
inline const std::filesystem::path kBundledManifest = REGIOMAP_BUNDLED_MANIFEST;

// Tests use the library's own (their folders are named regiomap-XXXXXX like any other).
using TemporaryFolder = regiomap::TemporaryFolder;

inline std::string small(const std::string& name) { return (kDataDir / "small" / name).string(); }
inline std::string bad(const std::string& name) { return (kDataDir / "bad" / name).string(); }

inline nlohmann::json boundary_layer(const std::string& id, const std::string& file) {
    return {{"id", id}, {"title", "Layer " + id}, {"year", 2020}, {"given_as", "boundaries"}, {"file", file},
            {"code_field", "code"}, {"name_field", "name"}, {"source", "hand-made test layer"}};
}

inline nlohmann::json table_layer(const std::string& id, const std::string& file) {
    return {{"id", id}, {"title", "Table " + id}, {"year", 2020}, {"given_as", "membership_table"},
            {"file", file}, {"region_code_field", "region"}, {"region_name_field", "region_name"},
            {"municipality_field", "municipality"}, {"note_field", "remark"}, {"source", "hand-made test table"}};
}

// Three 10 km x 10 km municipalities in a row (Aadorp, Bédorp, Cestad) with
// population 1000, 2000 and 7000, and the given region layers.
inline nlohmann::json small_manifest(const std::vector<nlohmann::json>& layer_list = {}) {
    nlohmann::json layers = nlohmann::json::array();
    for (const auto& layer : layer_list) layers.push_back(layer);
    return {{"crs", "EPSG:28992"},
            {"division_year", 2020},
            {"attribution", "test data"},
            {"municipalities",
             {{"id", "gemeente"}, {"title", "Gemeenten"}, {"year", 2020}, {"given_as", "boundaries"},
              {"file", small("gemeente.geojson")}, {"code_field", "code"}, {"name_field", "name"},
              {"source", "hand-made"},
              {"population",
               {{"file", small("population.csv")}, {"code_field", "code"}, {"name_field", "name"},
                {"value_field", "inhabitants"}, {"reference_date", "2020-01-01"}}},
              {"names",
               {{"earlier_municipalities", small("earlier.csv")}, {"earlier_year", 2016},
                {"earlier_code_field", "code"}, {"earlier_name_field", "name"}, {"mergers", small("mergers.csv")},
                {"aliases", small("aliases.csv")}}}}},
            {"layers", layers}};
}

inline std::filesystem::path write_manifest(const TemporaryFolder& folder, const nlohmann::json& manifest) {
    auto path = folder / "manifest.json";
    std::ofstream(path) << manifest.dump(2);
    return path;
}

inline void silent(const std::string&) {}

// One load of the bundled data per test binary, shared by every test that reads it.
// The bundled data, loaded once per test run: every year of the manifest.
inline const std::filesystem::path& bundled_store_path() {
    static TemporaryFolder folder;
    static const std::filesystem::path path = [] {
        auto store_path = folder / "bundled.sqlite";
        load({kBundledManifest, store_path, false}, silent);
        return store_path;
    }();
    return path;
}

// The bundled store at its default year (2020).
inline const Store& bundled_store() {
    static const Store store(bundled_store_path());
    return store;
}

inline std::string file_contents(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace regiomap::test
