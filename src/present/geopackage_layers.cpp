#include "present/geopackage_layers.hpp"
#include "present/insurer_basis_text.hpp"

#include "core/resources.hpp"
#include "io/store_layers.hpp"

namespace regiomap {

namespace {
// Empty text is written as NULL, as a GIS reads a missing value.
FieldValue text_or_null(const std::string& text) { return text.empty() ? FieldValue() : FieldValue(text); }
}  // namespace

GeoPackageLayer incongruence_layer(const Store& store, const IncongruenceModel& model,
                                   const std::vector<IncongruenceScore>& ranked, const std::string& qml) {
    const Governance& g = model.governance();
    GeoPackageLayer layer;
    layer.name = kIncongruenceKind;
    // The columns of the CSV and JSON output (score_columns), typed.
    layer.fields = {{"rank", FieldType::integer},
                    {"municipality_code", FieldType::string},
                    {"municipality_name", FieldType::string},
                    {"population", FieldType::integer}};
    for (const auto& id : model.layer_ids()) {
        layer.fields.push_back({id + "_code", FieldType::string});
        layer.fields.push_back({id + "_name", FieldType::string});
    }
    for (const char* name : {"partners_any_U", "partners_all_I"}) layer.fields.push_back({name, FieldType::integer});
    for (const char* name : {"congruence_C", "incongruence", "congruence_population"}) {
        layer.fields.push_back({name, FieldType::real});
    }
    for (const char* name : {"tables_T", "parties_P", "party_municipalities", "party_insurers", "party_ggds"}) {
        layer.fields.push_back({name, FieldType::integer});
    }
    for (const char* name : {"insurer_mismatch", "largest_insurer", "largest_insurer_basis", "zorgkantoor_insurer",
                             "rests_on_default"}) {
        layer.fields.push_back({name, FieldType::string});
    }
    auto geometries = store.municipality_geometries();
    std::int64_t rank = 0;
    for (const auto& s : ranked) {
        const int m = s.municipality;
        GeoPackageFeature feature;
        feature.values = {++rank, g.codes[m], g.names[m],
                          g.population[m] ? FieldValue(std::int64_t{*g.population[m]}) : FieldValue()};
        for (std::size_t l = 0; l < model.layer_ids().size(); ++l) {
            const Division& division = g.division(model.layer_ids()[l]);
            feature.values.push_back(s.regions[l] < 0 ? FieldValue() : FieldValue(division.region_codes[s.regions[l]]));
            feature.values.push_back(s.regions[l] < 0 ? FieldValue() : FieldValue(division.region_names[s.regions[l]]));
        }
        for (int count : {s.partners_any, s.partners_all}) feature.values.emplace_back(std::int64_t{count});
        for (double share : {s.congruence, s.incongruence()}) feature.values.emplace_back(share);
        feature.values.push_back(s.congruence_population ? FieldValue(*s.congruence_population) : FieldValue());
        for (int count : {s.tables, s.parties, s.party_municipalities, s.party_insurers, s.party_ggds}) {
            feature.values.emplace_back(std::int64_t{count});
        }
        feature.values.push_back(to_string(s.insurer_mismatch));
        feature.values.push_back(text_or_null(g.largest_insurer[m].concern));
        feature.values.push_back(text_or_null(insurer_basis_column_text(g.largest_insurer[m])));
        feature.values.push_back(text_or_null(g.zorgkantoor_insurer[m].concern));
        feature.values.push_back(std::string(s.rests_on_default ? "yes" : "no"));
        if (auto shape = geometries.find(g.codes[m]); shape != geometries.end()) feature.wkb = std::move(shape->second);
        layer.features.push_back(std::move(feature));
    }
    layer.qml = qml;
    std::vector<std::string> attributed{store.layers().front().id};
    for (const auto& id : model.layer_ids()) attributed.push_back(id);
    layer.attribution = attribution_line(store, attributed);
    return layer;
}

void write_incongruence_geopackage(const Store& store, const IncongruenceModel& model,
                                   const std::vector<IncongruenceScore>& ranked, const std::filesystem::path& file,
                                   const std::filesystem::path& style, const OutputPolicy& policy,
                                   StyleFiles style_files) {
    const std::string qml = style.empty() ? std::string() : read_resource_text(style);
    write_geopackage(file, kIncongruenceKind, store.crs(), {incongruence_layer(store, model, ranked, qml)}, policy,
                     style_files);
}


std::vector<GeoPackageLayer> initiatives_per_region_layers(const Store& store, const InitiativeMap& map) {
    const std::string municipality_layer = store.layers().front().id;
    std::vector<GeoPackageLayer> layers;
    for (const auto& tally : map.divisions) {
        const Division& d = *tally.division;
        const std::string& id = d.layer_id;
        const auto& counts = tally.counts;
        auto shapes = store.region_geometries(id);
        GeoPackageLayer layer;
        layer.name = "initiatives_per_" + id;
        layer.fields = {{"region_code", FieldType::string},
                        {"region_name", FieldType::string},
                        {"initiatives", FieldType::integer},
                        {"with_formal_agreement", FieldType::integer}};
        layer.attribution = attribution_line(store, id == municipality_layer ? std::vector<std::string>{id}
                                                                             : std::vector<std::string>{municipality_layer, id});
        for (std::size_t r = 0; r < d.region_codes.size(); ++r) {
            GeoPackageFeature feature;
            feature.values = {d.region_codes[r], d.region_names[r], std::int64_t{counts[r].initiatives},
                              counts[r].formal_unknown ? FieldValue() : FieldValue(std::int64_t{counts[r].formal})};
            if (auto shape = shapes.find(d.region_codes[r]); shape != shapes.end()) feature.wkb = std::move(shape->second);
            layer.features.push_back(std::move(feature));
        }
        layers.push_back(std::move(layer));
    }
    return layers;
}

void write_initiative_map_geopackage(const Store& store, const InitiativeMap& map, const std::filesystem::path& file,
                                     const OutputPolicy& policy) {
    write_geopackage(file, kInitiativeMapKind, store.crs(), initiatives_per_region_layers(store, map), policy);
}


}  // namespace regiomap
