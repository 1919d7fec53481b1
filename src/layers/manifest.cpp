#include "layers/manifest.hpp"

#include "core/error.hpp"
#include "core/table_reader.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <fstream>
#include <limits>
#include <algorithm>
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

std::vector<Manifest> read_manifest(const std::filesystem::path& file);

}  // namespace

std::vector<Manifest> Manifest::read_years(const std::filesystem::path& file) {
    require_readable_file(file);
    try {
        return read_manifest(file);
    } catch (const json::exception& error) {
        // A value of an unexpected type that a check above missed: still the manifest's fault.
        throw DataError(file.string(), "", std::string("not a valid manifest: ") + error.what());
    }
}

Manifest Manifest::read(const std::filesystem::path& file) {
    std::vector<Manifest> years = read_years(file);
    if (years.size() != 1) {
        throw DataError(file.string(), "years", fmt::format("lists {} years where one was expected", years.size()));
    }
    return std::move(years.front());
}

namespace {

// One year of the manifest: `document` is the whole manifest (a one-year manifest) or one
// entry of its array 'years', `where` its place ("" or "years[1]"), `shared` the top level,
// whose crs and attribution a year may leave out.
Manifest read_year(const ManifestReader& reader, const std::filesystem::path& file, const json& shared,
                   const json& document, const std::string& where) {
    auto at = [&](const std::string& key) { return where.empty() ? key : where + "." + key; };
    if (!document.is_object()) reader.fail(where, "a year must be a JSON object");

    Manifest manifest;
    manifest.path = file;
    manifest.target_crs = reader.text(document.contains("crs") ? document : shared, where, "crs");
    manifest.division_year = reader.integer(document, where, "division_year");
    manifest.attribution = reader.text(document.contains("attribution") ? document : shared, where, "attribution");

    if (!document.contains("municipalities")) reader.fail(where, "missing object 'municipalities'");
    const json& municipalities = document["municipalities"];
    manifest.municipalities = reader.layer(municipalities, at("municipalities"));
    if (manifest.municipalities.form != LayerForm::boundaries) {
        reader.fail(at("municipalities"), "the municipalities must be given as boundaries");
    }
    // A year without population figures (none were found for 2025) says so where they are used.
    if (municipalities.contains("population")) {
        const json& population = municipalities["population"];
        const std::string population_where = at("municipalities.population");
        manifest.population.file = reader.path(population, population_where, "file");
        manifest.population.code_field = reader.text(population, population_where, "code_field");
        manifest.population.name_field = reader.optional_text(population, "name_field");
        manifest.population.value_field = reader.text(population, population_where, "value_field");
        manifest.population.reference_date = reader.text(population, population_where, "reference_date");
    }

    // A year without a name history knows its municipalities by their own codes and names
    // (and, once loaded with other years, by theirs through the crosswalk).
    if (municipalities.contains("names")) {
        const json& names = municipalities["names"];
        const std::string names_where = at("municipalities.names");
        manifest.names.earlier_municipalities = reader.path(names, names_where, "earlier_municipalities");
        manifest.names.earlier_year = reader.integer(names, names_where, "earlier_year");
        manifest.names.earlier_code_field = reader.text(names, names_where, "earlier_code_field");
        manifest.names.earlier_name_field = reader.text(names, names_where, "earlier_name_field");
        manifest.names.mergers = reader.path(names, names_where, "mergers");
        if (names.contains("aliases")) manifest.names.aliases = reader.path(names, names_where, "aliases");
    }

    // Years kept only for crosswalks (2016-2019: municipal boundaries only) list no layers.
    if (document.contains("layers") && !document["layers"].is_array()) reader.fail(where, "'layers' must be an array");
    std::set<std::string> ids{manifest.municipalities.id};
    std::set<std::string> boundary_ids;
    std::size_t index = 0;
    static const json no_layers = json::array();
    for (const json& entry : document.contains("layers") ? document["layers"] : no_layers) {
        const std::string place = at(fmt::format("layers[{}]", index++));
        LayerSpec spec = reader.layer(entry, place);
        if (!ids.insert(spec.id).second) reader.fail(place, "duplicate layer id '" + spec.id + "'");
        if (spec.default_layer && !boundary_ids.count(*spec.default_layer)) {
            reader.fail(place, "default_layer '" + *spec.default_layer +
                                   "' must name a boundary layer listed before this one");
        }
        if (spec.form == LayerForm::boundaries) boundary_ids.insert(spec.id);
        manifest.region_layers.push_back(std::move(spec));
    }
    if (document.contains("links")) manifest.links = reader.path(document, where, "links");
    if (document.contains("insurers")) {
        const json& insurers = document["insurers"];
        const std::string insurers_where = at("insurers");
        InsurerSpec& spec = manifest.insurers;
        spec.present = true;
        spec.zorgkantoor_layer = reader.text(insurers, insurers_where, "zorgkantoor_layer");
        spec.designation = reader.path(insurers, insurers_where, "designation");
        spec.designation_year = reader.integer(insurers, insurers_where, "designation_year");
        spec.designation_code_field = reader.text(insurers, insurers_where, "designation_code_field");
        spec.designation_entity_field = reader.text(insurers, insurers_where, "designation_entity_field");
        spec.designation_source = reader.text(insurers, insurers_where, "designation_source");
        spec.region_successors = reader.path(insurers, insurers_where, "region_successors");
        spec.label_concerns = reader.path(insurers, insurers_where, "label_concerns");
        spec.largest_published = reader.path(insurers, insurers_where, "largest_insurer_published");
        spec.regional_statements = reader.path(insurers, insurers_where, "regional_statements");
        spec.regional_statement_municipalities =
            reader.path(insurers, insurers_where, "regional_statement_municipalities");
        spec.largest_insurer_statements = reader.path(insurers, insurers_where, "largest_insurer_statements");
        spec.work_structure_layer = reader.text(insurers, insurers_where, "work_structure_layer");
        spec.work_structure_leads = reader.path(insurers, insurers_where, "work_structure_leads");
        spec.concern_list = reader.path(insurers, insurers_where, "concern_list");
        spec.brand_names = reader.path(insurers, insurers_where, "brand_names");
        for (const auto& id : {spec.zorgkantoor_layer, spec.work_structure_layer}) {
            if (!ids.count(id)) reader.fail(insurers_where, "names layer '" + id + "', which the manifest does not list");
        }
    }
    return manifest;
}

std::vector<Manifest> read_manifest(const std::filesystem::path& file) {
    json document = parse_manifest(file);
    ManifestReader reader(file);
    if (!document.is_object()) reader.fail("", "the manifest must be a JSON object");
    if (!document.contains("years")) return {read_year(reader, file, document, document, "")};
    const json& years = document["years"];
    if (!years.is_array() || years.empty()) reader.fail("years", "must be a non-empty array of years");
    std::vector<Manifest> manifests;
    std::set<int> seen;
    for (std::size_t index = 0; index < years.size(); ++index) {
        const std::string where = fmt::format("years[{}]", index);
        Manifest year = read_year(reader, file, document, years[index], where);
        if (!seen.insert(year.division_year).second) {
            reader.fail(where, fmt::format("division_year {} is listed twice", year.division_year));
        }
        manifests.push_back(std::move(year));
    }
    if (document.contains("default_year")) {
        const int chosen = reader.integer(document, "", "default_year");
        if (!seen.count(chosen)) {
            reader.fail("default_year", fmt::format("{} is not one of the years listed", chosen));
        }
        for (Manifest& year : manifests) year.default_year = chosen;
    }
    // Oldest first: a year's names may refer to the years before it.
    std::sort(manifests.begin(), manifests.end(),
              [](const Manifest& a, const Manifest& b) { return a.division_year < b.division_year; });
    return manifests;
}

}  // namespace

}  // namespace regiomap
