#include "layers/manifest.hpp"

#include "core/error.hpp"
#include "core/table_reader.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <fstream>
#include <limits>
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
        // get<int> would wrap a larger number silently.
        const bool fits = found->is_number_unsigned() ? found->get<std::uint64_t>() <= std::numeric_limits<int>::max()
                                                      : found->get<std::int64_t>() >= std::numeric_limits<int>::min() &&
                                                            found->get<std::int64_t>() <= std::numeric_limits<int>::max();
        if (!fits) fail(where, fmt::format("integer field '{}' is out of range ({})", key, found->dump()));
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

// Builds the document as nlohmann's own parser does, but remembers where in the
// document it is, so that a number too large for a double (1e999) or a syntax
// error is reported with its line, column and key path.
class LocatingParser {
public:
    explicit LocatingParser(json& document) : builder_(document, false) {}

    bool null() { return value(builder_.null()); }
    bool boolean(bool v) { return value(builder_.boolean(v)); }
    bool number_integer(json::number_integer_t v) { return value(builder_.number_integer(v)); }
    bool number_unsigned(json::number_unsigned_t v) { return value(builder_.number_unsigned(v)); }
    bool number_float(json::number_float_t v, const json::string_t& s) { return value(builder_.number_float(v, s)); }
    bool string(json::string_t& v) { return value(builder_.string(v)); }
    bool binary(json::binary_t& v) { return value(builder_.binary(v)); }
    bool start_object(std::size_t n) { frames_.push_back({false, 0, ""}); return builder_.start_object(n); }
    bool key(json::string_t& k) { frames_.back().key = k; return builder_.key(k); }
    bool end_object() { frames_.pop_back(); return value(builder_.end_object()); }
    bool start_array(std::size_t n) { frames_.push_back({true, 0, ""}); return builder_.start_array(n); }
    bool end_array() { frames_.pop_back(); return value(builder_.end_array()); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& error) {
        error_ = error.what();
        return false;
    }

    const std::string& error() const { return error_; }
    std::string path() const {
        std::string text;
        for (const auto& frame : frames_) {
            if (frame.array) {
                text += fmt::format("[{}]", frame.index);
            } else if (!frame.key.empty()) {
                text += (text.empty() ? "" : ".") + frame.key;
            }
        }
        return text;
    }

private:
    struct Frame {
        bool array;
        std::size_t index;
        std::string key;
    };
    bool value(bool keep_going) {
        if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
        return keep_going;
    }
    nlohmann::detail::json_sax_dom_parser<json> builder_;
    std::vector<Frame> frames_;
    std::string error_;
};

json parse_manifest(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    json document;
    LocatingParser parser(document);
    if (!json::sax_parse(text, &parser) || !parser.error().empty()) {
        std::string where = parser.path().empty() ? std::string() : "at " + parser.path();
        throw DataError(file.string(), where, "not valid JSON: " + parser.error());
    }
    return document;
}

Manifest read_manifest(const std::filesystem::path& file);

}  // namespace

Manifest Manifest::read(const std::filesystem::path& file) {
    require_readable_file(file);
    try {
        return read_manifest(file);
    } catch (const json::exception& error) {
        // A value of an unexpected type that a check above missed: still the manifest's fault.
        throw DataError(file.string(), "", std::string("not a valid manifest: ") + error.what());
    }
}

namespace {

Manifest read_manifest(const std::filesystem::path& file) {
    json document = parse_manifest(file);
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
    if (document.contains("links")) manifest.links = reader.path(document, "", "links");
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

}  // namespace

}  // namespace regiomap
