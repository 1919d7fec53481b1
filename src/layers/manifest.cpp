#include "layers/manifest.hpp"

#include "core/error.hpp"
#include "core/table_reader.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <set>

namespace regiomap {

namespace {

using nlohmann::json;

class ManifestReader {
public:
    explicit ManifestReader(std::filesystem::path file) : file_(std::move(file)), folder_(file_.parent_path()) {}

    std::string text(const json& object, const std::string& where, const std::string& key) const {
        auto found = object.find(key);
        if (found == object.end() || !found->is_string() || found->get<std::string>().empty()) {
            fail(where, "missing text field '" + key + "'");
        }
        return found->get<std::string>();
    }
    std::string optional_text(const json& object, const std::string& key) const {
        auto found = object.find(key);
        return (found != object.end() && found->is_string()) ? found->get<std::string>() : std::string();
    }
    int integer(const json& object, const std::string& where, const std::string& key) const {
        auto found = object.find(key);
        if (found == object.end() || !found->is_number_integer()) fail(where, "missing integer field '" + key + "'");
        return found->get<int>();
    }
    std::filesystem::path path(const json& object, const std::string& where, const std::string& key) const {
        std::filesystem::path relative = text(object, where, key);
        return relative.is_absolute() ? relative : (folder_ / relative).lexically_normal();
    }
    [[noreturn]] void fail(const std::string& where, const std::string& problem) const {
        throw DataError(file_.string(), where, problem);
    }

    LayerSpec layer(const json& object, const std::string& where) const {
        if (!object.is_object()) fail(where, "a layer must be a JSON object");
        LayerSpec spec;
        spec.id = text(object, where, "id");
        std::string place = where + " (id " + spec.id + ")";
        spec.title = text(object, place, "title");
        spec.year = integer(object, place, "year");
        spec.source = text(object, place, "source");
        spec.file = path(object, place, "file");
        spec.region_count_note = optional_text(object, "region_count_note");
        std::string form = text(object, place, "given_as");
        if (form == "boundaries") {
            spec.form = LayerForm::boundaries;
            spec.code_field = text(object, place, "code_field");
            spec.name_field = text(object, place, "name_field");
            if (auto crs = optional_text(object, "crs"); !crs.empty()) spec.assumed_crs = crs;
        } else if (form == "membership_table") {
            spec.form = LayerForm::membership_table;
            spec.region_code_field = text(object, place, "region_code_field");
            spec.region_name_field = text(object, place, "region_name_field");
            spec.municipality_field = text(object, place, "municipality_field");
            spec.note_field = optional_text(object, "note_field");
            if (auto fallback = optional_text(object, "default_layer"); !fallback.empty()) {
                spec.default_layer = fallback;
            }
        } else {
            fail(place, "given_as must be \"boundaries\" or \"membership_table\", not \"" + form + "\"");
        }
        return spec;
    }

private:
    std::filesystem::path file_;
    std::filesystem::path folder_;
};

}  // namespace

Manifest Manifest::read(const std::filesystem::path& file) {
    require_readable_file(file);
    std::ifstream in(file);
    json document;
    try {
        document = json::parse(in);
    } catch (const json::parse_error& error) {
        throw DataError(file.string(), "", std::string("not valid JSON: ") + error.what());
    }
    ManifestReader reader(file);
    if (!document.is_object()) reader.fail("", "the manifest must be a JSON object");

    Manifest manifest;
    manifest.path = file;
    manifest.target_crs = reader.text(document, "", "crs");
    manifest.division_year = reader.integer(document, "", "division_year");
    manifest.attribution = reader.text(document, "", "attribution");

    if (!document.contains("municipalities")) reader.fail("", "missing object 'municipalities'");
    const json& municipalities = document["municipalities"];
    manifest.municipalities = reader.layer(municipalities, "municipalities");
    if (manifest.municipalities.form != LayerForm::boundaries) {
        reader.fail("municipalities", "the municipalities must be given as boundaries");
    }
    if (!municipalities.contains("population")) reader.fail("municipalities", "missing object 'population'");
    const json& population = municipalities["population"];
    manifest.population.file = reader.path(population, "municipalities.population", "file");
    manifest.population.code_field = reader.text(population, "municipalities.population", "code_field");
    manifest.population.name_field = reader.optional_text(population, "name_field");
    manifest.population.value_field = reader.text(population, "municipalities.population", "value_field");
    manifest.population.reference_date = reader.text(population, "municipalities.population", "reference_date");

    if (!municipalities.contains("names")) reader.fail("municipalities", "missing object 'names'");
    const json& names = municipalities["names"];
    const std::string names_where = "municipalities.names";
    manifest.names.earlier_municipalities = reader.path(names, names_where, "earlier_municipalities");
    manifest.names.earlier_year = reader.integer(names, names_where, "earlier_year");
    manifest.names.earlier_code_field = reader.text(names, names_where, "earlier_code_field");
    manifest.names.earlier_name_field = reader.text(names, names_where, "earlier_name_field");
    manifest.names.mergers = reader.path(names, names_where, "mergers");
    manifest.names.aliases = reader.path(names, names_where, "aliases");

    if (!document.contains("layers") || !document["layers"].is_array()) reader.fail("", "missing array 'layers'");
    std::set<std::string> ids{manifest.municipalities.id};
    std::set<std::string> boundary_ids;
    std::size_t index = 0;
    for (const json& entry : document["layers"]) {
        std::string where = fmt::format("layers[{}]", index++);
        LayerSpec spec = reader.layer(entry, where);
        if (!ids.insert(spec.id).second) reader.fail(where, "duplicate layer id '" + spec.id + "'");
        if (spec.default_layer && !boundary_ids.count(*spec.default_layer)) {
            reader.fail(where, "default_layer '" + *spec.default_layer +
                                   "' must name a boundary layer listed before this one");
        }
        if (spec.form == LayerForm::boundaries) boundary_ids.insert(spec.id);
        manifest.region_layers.push_back(std::move(spec));
    }
    if (document.contains("insurers")) {
        const json& insurers = document["insurers"];
        const std::string where = "insurers";
        InsurerSpec& spec = manifest.insurers;
        spec.present = true;
        spec.zorgkantoor_layer = reader.text(insurers, where, "zorgkantoor_layer");
        spec.designation = reader.path(insurers, where, "designation");
        spec.designation_year = reader.integer(insurers, where, "designation_year");
        spec.region_successors = reader.path(insurers, where, "region_successors");
        spec.label_concerns = reader.path(insurers, where, "label_concerns");
        spec.largest_published = reader.path(insurers, where, "largest_insurer_published");
        spec.work_structure_layer = reader.text(insurers, where, "work_structure_layer");
        spec.work_structure_leads = reader.path(insurers, where, "work_structure_leads");
        spec.concern_list = reader.path(insurers, where, "concern_list");
        spec.brand_names = reader.path(insurers, where, "brand_names");
        for (const auto& id : {spec.zorgkantoor_layer, spec.work_structure_layer}) {
            if (!ids.count(id)) reader.fail(where, "names layer '" + id + "', which the manifest does not list");
        }
    }
    return manifest;
}

}  // namespace regiomap
