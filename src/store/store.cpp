#include "store/store.hpp"

#include "core/error.hpp"
#include "core/name_matching.hpp"
#include "core/output.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>


namespace regiomap {

namespace {

// PRAGMA application_id marks the file as ours: "RGMP".
constexpr std::int64_t kApplicationId = 0x52474D50;
constexpr std::int64_t kSchemaVersion = 7;  // 4: adjacency; 5: several years; 6: insurer basis fields; 7: merger lists

int srid_of(const std::string& crs) {
    auto colon = crs.find(':');
    if (colon == std::string::npos || crs.substr(0, colon) != "EPSG") {
        throw StoreError("", "the store's CRS must be an EPSG code, not '" + crs + "'");
    }
    return std::stoi(crs.substr(colon + 1));
}

std::int64_t pragma_value(Database& database, const std::string& pragma) {
    Statement statement = database.prepare("PRAGMA " + pragma);
    return statement.step() ? statement.integer(0) : 0;
}

void create_schema(Database& database, int srid) {
    database.execute(fmt::format("PRAGMA application_id = {}; PRAGMA user_version = {};", kApplicationId, kSchemaVersion));
    database.execute("BEGIN");
    database.execute("SELECT InitSpatialMetadata(0, 'NONE')");
    Statement srs = database.prepare("SELECT InsertEpsgSrid(?)");
    srs.bind(1, srid).run();
    database.execute(R"sql(
        CREATE TABLE regiomap_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        -- One row per year loaded; every other table says which year (division_year) a row belongs to.
        CREATE TABLE years (
            division_year INTEGER PRIMARY KEY, population_date TEXT NOT NULL, attribution TEXT NOT NULL);
        CREATE TABLE municipalities (
            division_year INTEGER NOT NULL REFERENCES years(division_year),
            code TEXT NOT NULL, name TEXT NOT NULL, population INTEGER, area_m2 REAL NOT NULL,
            PRIMARY KEY (division_year, code));
        CREATE TABLE layers (
            division_year INTEGER NOT NULL REFERENCES years(division_year),
            id TEXT NOT NULL, position INTEGER NOT NULL, title TEXT NOT NULL, year INTEGER NOT NULL,
            source TEXT NOT NULL, given_as TEXT NOT NULL, file TEXT NOT NULL, source_crs TEXT,
            reprojected INTEGER NOT NULL, default_layer TEXT, region_count INTEGER NOT NULL,
            municipalities_covered INTEGER NOT NULL, published_count INTEGER NOT NULL,
            default_count INTEGER NOT NULL, region_count_note TEXT,
            PRIMARY KEY (division_year, id));
        CREATE TABLE regions (
            division_year INTEGER NOT NULL, layer_id TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL,
            PRIMARY KEY (division_year, layer_id, code),
            FOREIGN KEY (division_year, layer_id) REFERENCES layers(division_year, id));
        CREATE TABLE memberships (
            division_year INTEGER NOT NULL, layer_id TEXT NOT NULL, municipality_code TEXT NOT NULL,
            region_code TEXT NOT NULL, overlap_share REAL, basis TEXT NOT NULL, note TEXT,
            PRIMARY KEY (division_year, layer_id, municipality_code),
            FOREIGN KEY (division_year, municipality_code) REFERENCES municipalities(division_year, code),
            FOREIGN KEY (division_year, layer_id, region_code) REFERENCES regions(division_year, layer_id, code));
        CREATE TABLE load_findings (
            division_year INTEGER NOT NULL, layer_id TEXT NOT NULL, subject_code TEXT NOT NULL,
            severity TEXT NOT NULL, message TEXT NOT NULL);
        CREATE TABLE insurers (
            division_year INTEGER NOT NULL, role TEXT NOT NULL, layer_id TEXT NOT NULL, subject_code TEXT NOT NULL,
            concern TEXT NOT NULL, basis TEXT NOT NULL, year TEXT NOT NULL, source TEXT NOT NULL,
            basis_kind TEXT NOT NULL, subject_in_source TEXT NOT NULL, detail TEXT NOT NULL, matched_as TEXT NOT NULL);
        CREATE TABLE insurer_names (
            division_year INTEGER NOT NULL, name TEXT NOT NULL, concern TEXT NOT NULL, source TEXT NOT NULL);
        CREATE TABLE published_changes (
            division_year INTEGER NOT NULL, effective TEXT NOT NULL, old_code TEXT NOT NULL, old_name TEXT NOT NULL,
            new_code TEXT NOT NULL, new_name TEXT NOT NULL, new_code_existed INTEGER NOT NULL, type TEXT NOT NULL,
            address_share REAL NOT NULL, source_row INTEGER NOT NULL, source TEXT NOT NULL);
        CREATE TABLE place_aliases (
            division_year INTEGER NOT NULL, alias TEXT NOT NULL, kind TEXT NOT NULL, codes TEXT NOT NULL,
            source TEXT NOT NULL);
        CREATE TABLE municipality_names (
            id INTEGER PRIMARY KEY, division_year INTEGER NOT NULL, name TEXT NOT NULL, basis INTEGER NOT NULL,
            explanation TEXT NOT NULL);
        CREATE TABLE adjacency (
            division_year INTEGER NOT NULL, municipality_a TEXT NOT NULL, municipality_b TEXT NOT NULL,
            kind TEXT NOT NULL, shared_border_m REAL NOT NULL, description TEXT NOT NULL, source TEXT NOT NULL,
            PRIMARY KEY (division_year, municipality_a, municipality_b, kind),
            FOREIGN KEY (division_year, municipality_a) REFERENCES municipalities(division_year, code),
            FOREIGN KEY (division_year, municipality_b) REFERENCES municipalities(division_year, code));
        CREATE TABLE municipality_name_targets (
            name_id INTEGER NOT NULL REFERENCES municipality_names(id), division_year INTEGER NOT NULL,
            municipality_code TEXT NOT NULL, share REAL NOT NULL,
            FOREIGN KEY (division_year, municipality_code) REFERENCES municipalities(division_year, code));
    )sql");
    for (const char* table : {"municipalities", "regions"}) {
        Statement column = database.prepare("SELECT AddGeometryColumn(?, 'geometry', ?, 'MULTIPOLYGON', 'XY', 1)");
        column.bind(1, std::string(table)).bind(2, srid);
        if (!column.step() || column.integer(0) != 1) database.fail(std::string("AddGeometryColumn on ") + table);
    }
}

// One year's rows; `name_id` numbers the names across years.
void insert_dataset(Database& database, const Dataset& dataset, int srid, std::int64_t& name_id,
                    const ProgressSink& progress) {
    const GeosContext& geos = *dataset.geos;
    const int year = dataset.division_year;
    ThrottledProgress ticker(progress);
    Statement year_row = database.prepare("INSERT INTO years (division_year, population_date, attribution) VALUES (?, ?, ?)");
    year_row.bind(1, year).bind(2, dataset.population_date).bind(3, dataset.attribution).run();
    Statement municipality = database.prepare(
        "INSERT INTO municipalities (division_year, code, name, population, area_m2, geometry) "
        "VALUES (?, ?, ?, ?, ?, CastToMultiPolygon(GeomFromWKB(?, ?)))");
    for (const auto& record : dataset.municipalities) {
        municipality.bind(1, year).bind(2, record.code).bind(3, record.name).bind(4, record.population);
        municipality.bind(5, record.area_m2).bind(6, geometry_to_wkb(geos, record.geometry.get())).bind(7, srid).run();
    }
    Statement layer = database.prepare(
        "INSERT INTO layers (division_year, id, position, title, year, source, given_as, file, source_crs, reprojected, "
        "default_layer, region_count, municipalities_covered, published_count, default_count, region_count_note) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    int position = 0;
    for (const auto& record : dataset.layers) {
        layer.bind(1, year).bind(2, record.id).bind(3, position++).bind(4, record.title).bind(5, record.year);
        layer.bind(6, record.source).bind(7, record.given_as).bind(8, record.file).bind(9, record.source_crs);
        layer.bind(10, record.reprojected ? 1 : 0).bind(11, record.default_layer).bind(12, record.region_count);
        layer.bind(13, record.municipalities_covered).bind(14, record.published_count).bind(15, record.default_count);
        layer.bind(16, record.region_count_note).run();
    }
    Statement region = database.prepare(
        "INSERT INTO regions (division_year, layer_id, code, name, geometry) "
        "VALUES (?, ?, ?, ?, CastToMultiPolygon(GeomFromWKB(?, ?)))");
    std::size_t regions_written = 0;
    for (const auto& record : dataset.regions) {
        region.bind(1, year).bind(2, record.layer_id).bind(3, record.code).bind(4, record.name);
        region.bind(5, geometry_to_wkb(geos, record.geometry.get())).bind(6, srid).run();
        ++regions_written;
        ticker.step([&] {
            return fmt::format("  writing store: {} of {} regions", regions_written, dataset.regions.size());
        });
    }
    Statement membership = database.prepare(
        "INSERT INTO memberships (division_year, layer_id, municipality_code, region_code, overlap_share, basis, note) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (const auto& record : dataset.memberships) {
        membership.bind(1, year).bind(2, record.layer_id).bind(3, record.municipality_code).bind(4, record.region_code);
        membership.bind(5, record.overlap_share).bind(6, to_string(record.basis)).bind(7, record.note).run();
    }
    Statement finding = database.prepare(
        "INSERT INTO load_findings (division_year, layer_id, subject_code, severity, message) VALUES (?, ?, ?, ?, ?)");
    for (const auto& record : dataset.findings) {
        finding.bind(1, year).bind(2, record.layer_id).bind(3, record.subject_code).bind(4, to_string(record.severity));
        finding.bind(5, record.message).run();
    }
    Statement insurer = database.prepare(
        "INSERT INTO insurers (division_year, role, layer_id, subject_code, concern, basis, year, source, basis_kind, "
        "subject_in_source, detail, matched_as) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const auto& record : dataset.insurers) {
        insurer.bind(1, year).bind(2, to_string(record.role)).bind(3, record.layer_id).bind(4, record.subject_code);
        insurer.bind(5, record.concern).bind(6, record.basis).bind(7, record.year).bind(8, record.source);
        insurer.bind(9, to_string(record.kind)).bind(10, record.subject_in_source).bind(11, record.detail);
        insurer.bind(12, record.matched_as).run();
    }
    Statement insurer_name =
        database.prepare("INSERT INTO insurer_names (division_year, name, concern, source) VALUES (?, ?, ?, ?)");
    for (const auto& record : dataset.insurer_names) {
        insurer_name.bind(1, year).bind(2, record.name).bind(3, record.concern).bind(4, record.source).run();
    }
    Statement change = database.prepare(
        "INSERT INTO published_changes (division_year, effective, old_code, old_name, new_code, new_name, "
        "new_code_existed, type, address_share, source_row, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const auto& record : dataset.published_changes) {
        change.bind(1, year).bind(2, record.effective.text()).bind(3, record.old_code).bind(4, record.old_name);
        change.bind(5, record.new_code).bind(6, record.new_name).bind(7, std::int64_t{record.new_code_existed ? 1 : 0});
        change.bind(8, std::string(record.type == PublishedChangeType::split ? "split" : "whole"));
        change.bind(9, record.address_share).bind(10, static_cast<std::int64_t>(record.row)).bind(11, record.source).run();
    }
    Statement place = database.prepare(
        "INSERT INTO place_aliases (division_year, alias, kind, codes, source) VALUES (?, ?, ?, ?, ?)");
    for (const auto& record : dataset.place_aliases) {
        place.bind(1, year).bind(2, record.alias).bind(3, record.kind);
        place.bind(4, fmt::format("{}", fmt::join(record.codes, ";"))).bind(5, record.source).run();
    }
    Statement name = database.prepare(
        "INSERT INTO municipality_names (id, division_year, name, basis, explanation) VALUES (?, ?, ?, ?, ?)");
    Statement target = database.prepare(
        "INSERT INTO municipality_name_targets (name_id, division_year, municipality_code, share) VALUES (?, ?, ?, ?)");
    for (const auto& entry : dataset.names.entries()) {
        ++name_id;
        name.bind(1, name_id).bind(2, year).bind(3, entry.name).bind(4, static_cast<int>(entry.basis));
        name.bind(5, entry.explanation).run();
        for (const auto& destination : entry.targets) {
            target.bind(1, name_id).bind(2, year).bind(3, destination.code).bind(4, destination.share).run();
        }
    }
    Statement adjacency = database.prepare(
        "INSERT INTO adjacency (division_year, municipality_a, municipality_b, kind, shared_border_m, description, "
        "source) VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (const auto& record : dataset.adjacency) {
        adjacency.bind(1, year).bind(2, record.municipality_a).bind(3, record.municipality_b);
        adjacency.bind(4, to_string(record.kind)).bind(5, record.shared_border_m).bind(6, record.description);
        adjacency.bind(7, record.source).run();
    }
}

void insert_datasets(Database& database, const std::vector<Dataset>& datasets, int srid, const ProgressSink& progress) {
    const Dataset& latest = datasets.back();
    Statement meta = database.prepare("INSERT INTO regiomap_meta (key, value) VALUES (?, ?)");
    for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
             {"manifest", latest.manifest_path}, {"crs", latest.crs}}) {
        meta.bind(1, key).bind(2, value).run();
    }
    if (latest.default_year != 0) meta.bind(1, std::string("default_year")).bind(2, std::to_string(latest.default_year)).run();
    std::int64_t name_id = 0;
    std::size_t regions = 0;
    for (const Dataset& dataset : datasets) {
        insert_dataset(database, dataset, srid, name_id, progress);
        regions += dataset.regions.size();
    }
    if (progress && regions > 10000) progress(fmt::format("  writing store: spatial index over {} regions", regions));
    database.execute("SELECT CreateSpatialIndex('municipalities', 'geometry')");
    database.execute("SELECT CreateSpatialIndex('regions', 'geometry')");
}

}  // namespace

std::string to_string(MembershipBasis basis) {
    switch (basis) {
        case MembershipBasis::self: return "self";
        case MembershipBasis::largest_overlap: return "largest overlap";
        case MembershipBasis::published: return "published";
        case MembershipBasis::layer_default: return "default";
    }
    return "unknown";
}

MembershipBasis membership_basis_from(const std::string& text) {
    for (auto basis : {MembershipBasis::self, MembershipBasis::largest_overlap, MembershipBasis::published,
                       MembershipBasis::layer_default}) {
        if (to_string(basis) == text) return basis;
    }
    throw StoreError("", "unknown membership basis '" + text + "'");
}

std::string to_string(AdjacencyKind kind) {
    switch (kind) {
        case AdjacencyKind::border: return "border";
        case AdjacencyKind::point_contact: return "point contact";
        case AdjacencyKind::ferry: return "ferry";
        case AdjacencyKind::tunnel: return "tunnel";
        case AdjacencyKind::bridge: return "bridge";
        case AdjacencyKind::administrative: return "administrative";
    }
    return "border";
}

std::optional<AdjacencyKind> adjacency_kind_from(const std::string& text) {
    for (auto kind : {AdjacencyKind::border, AdjacencyKind::point_contact, AdjacencyKind::ferry, AdjacencyKind::tunnel,
                      AdjacencyKind::bridge, AdjacencyKind::administrative}) {
        if (to_string(kind) == text) return kind;
    }
    return std::nullopt;
}

std::string to_string(InsurerRole role) {
    switch (role) {
        case InsurerRole::zorgkantoor: return "zorgkantoor";
        case InsurerRole::largest: return "largest";
        case InsurerRole::work_structure_lead: return "work structure lead";
    }
    return "unknown";
}

std::string to_string(InsurerBasisKind kind) {
    switch (kind) {
        case InsurerBasisKind::designation: return "designation";
        case InsurerBasisKind::unmapped_designation: return "unmapped_designation";
        case InsurerBasisKind::published_statement: return "published_statement";
        case InsurerBasisKind::published_municipality: return "published_municipality";
        case InsurerBasisKind::published_lead: return "published_lead";
        case InsurerBasisKind::user_table: return "user_table";
        case InsurerBasisKind::zorgkantoor_rule: return "zorgkantoor_rule";
    }
    return "unknown";
}

std::optional<InsurerBasisKind> insurer_basis_kind_from(const std::string& text) {
    for (auto kind : {InsurerBasisKind::designation, InsurerBasisKind::unmapped_designation,
                      InsurerBasisKind::published_statement, InsurerBasisKind::published_municipality,
                      InsurerBasisKind::published_lead, InsurerBasisKind::user_table,
                      InsurerBasisKind::zorgkantoor_rule}) {
        if (to_string(kind) == text) return kind;
    }
    return std::nullopt;
}

std::string to_string(FindingSeverity severity) {
    switch (severity) {
        case FindingSeverity::ambiguous: return "ambiguous";
        case FindingSeverity::warning: return "warning";
        case FindingSeverity::repair: return "repair";
        case FindingSeverity::note: return "note";
    }
    return "unknown";
}

namespace {
FindingSeverity finding_severity_from(const std::string& text) {
    for (auto severity : {FindingSeverity::ambiguous, FindingSeverity::warning, FindingSeverity::repair,
                          FindingSeverity::note}) {
        if (to_string(severity) == text) return severity;
    }
    return FindingSeverity::note;
}
}  // namespace

bool is_regiomap_store(const std::filesystem::path& file) {
    try {
        Database database(file, Database::Mode::read_only);
        return pragma_value(database, "application_id") == kApplicationId;
    } catch (const StoreError&) {
        return false;  // not an SQLite database at all
    }
}

void Store::write(const std::filesystem::path& file, const std::vector<Dataset>& datasets, const ProgressSink& progress) {
    const std::string target = file.string();
    if (datasets.empty()) throw StoreError(target, "nothing to write: the manifest lists no year");
    if (std::filesystem::exists(file) && !is_regiomap_store(file)) {
        throw StoreError(target, "the file exists and is not a regiomap store; refusing to overwrite it "
                                 "(choose another --store path or remove the file)");
    }
    // Renaming over a symbolic link would replace the link by a regular file; replace what it points to.
    const std::filesystem::path destination = final_destination(file);
    const std::filesystem::path folder = destination.parent_path().empty() ? "." : destination.parent_path();
    if (std::error_code ec; !std::filesystem::is_directory(folder, ec)) {
        throw StoreError(target, std::filesystem::exists(folder, ec) ? "parent " + folder.string() + " is not a folder"
                                                                     : "folder " + folder.string() + " does not exist");
    }
    remove_stale_temporaries(destination);
    const auto temporary = sibling_temporary_path(destination);
    std::error_code ec;
    std::filesystem::remove(temporary, ec);
    try {
        {
            Database database(temporary, Database::Mode::create);
            const int srid = srid_of(datasets.back().crs);
            for (const Dataset& dataset : datasets) {
                if (dataset.crs != datasets.back().crs) {
                    throw StoreError(target, fmt::format("year {} is in {} and year {} in {}; every year of a store "
                                                         "must be in one CRS", dataset.division_year, dataset.crs,
                                                         datasets.back().division_year, datasets.back().crs));
                }
            }
            create_schema(database, srid);
            insert_datasets(database, datasets, srid, progress);
            database.execute("COMMIT");
        }
        std::filesystem::rename(temporary, destination, ec);
        if (ec) throw StoreError(target, "cannot replace " + destination.string() + ": " + ec.message());
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        throw;
    }
}

Store::Store(const std::filesystem::path& file, std::optional<int> year)
    : Store(
          [&] {
              if (!std::filesystem::exists(file)) {
                  throw StoreError(file.string(), "no store here; run 'regiomap load' first (or pass --store FILE)");
              }
              return std::make_shared<Database>(file, Database::Mode::read_only);
          }(),
          file, year, Check::file) {}

// The same connection: the file this store checked, even if a load has replaced it on disk since.
Store Store::at_year(int year) const { return Store(database_, file_, year, Check::none); }

Store::Store(std::shared_ptr<Database> database, const std::filesystem::path& file, std::optional<int> year,
             Check check)
    : database_(std::move(database)), file_(file) {
    std::int64_t application_id = 0;
    try {
        application_id = pragma_value(*database_, "application_id");
    } catch (const StoreError&) {
        throw StoreError(file.string(), "not a regiomap store (not an SQLite database)");
    }
    if (application_id != kApplicationId) {
        throw StoreError(file.string(), "not a regiomap store (an SQLite database of another application)");
    }
    if (auto version = pragma_value(*database_, "user_version"); version != kSchemaVersion) {
        throw StoreError(file.string(), fmt::format("store schema version {}, this regiomap reads version {}; "
                                                    "run 'regiomap load' again", version, kSchemaVersion));
    }
    std::vector<int> loaded = years();
    if (loaded.empty()) throw StoreError(file.string(), "the store holds no year; run 'regiomap load' again");
    if (!year) {
        // The manifest's default year, else the latest year with population figures (proposals, the
        // report's population columns and weighted scores need them), else the latest.
        const std::string chosen = meta("default_year");
        year_ = loaded.back();
        Statement with_population = database_->prepare(
            "SELECT max(division_year) FROM years WHERE population_date IS NOT NULL AND population_date <> ''");
        if (with_population.step() && !with_population.is_null(0)) year_ = static_cast<int>(with_population.integer(0));
        if (!chosen.empty()) {
            int parsed = 0;
            const auto [end, error] = std::from_chars(chosen.data(), chosen.data() + chosen.size(), parsed);
            if (error != std::errc() || end != chosen.data() + chosen.size() ||
                std::find(loaded.begin(), loaded.end(), parsed) == loaded.end()) {
                throw StoreError(file.string(), "store is inconsistent: its default year '" + chosen +
                                                    "' is not a year it holds; run 'regiomap load' again");
            }
            year_ = parsed;
        }
    } else if (std::find(loaded.begin(), loaded.end(), *year) != loaded.end()) {
        year_ = *year;
    } else {
        throw NotFoundError(fmt::format("no year {} in the store {}; years loaded: {}", *year, file.string(),
                                        fmt::join(loaded, ", ")));
    }
    if (check == Check::file) check_consistency(file.string());
}

std::vector<int> Store::years() const {
    Statement statement = database_->prepare("SELECT division_year FROM years ORDER BY division_year");
    std::vector<int> loaded;
    while (statement.step()) loaded.push_back(static_cast<int>(statement.integer(0)));
    return loaded;
}

std::string Store::population_date() const {
    Statement statement = database_->prepare("SELECT population_date FROM years WHERE division_year = ?");
    statement.bind(1, year_);
    return statement.step() ? statement.text(0) : std::string();
}

std::string Store::attribution() const {
    Statement statement = database_->prepare("SELECT attribution FROM years WHERE division_year = ?");
    statement.bind(1, year_);
    return statement.step() ? statement.text(0) : std::string();
}

void Store::check_consistency(const std::string& path) const {
    auto inconsistent = [&](const std::string& what) {
        throw StoreError(path, "store is inconsistent: " + what +
                                   " (changed by another program?); run 'regiomap load' again");
    };
    // Every reference the schema declares (memberships and name targets to municipalities,
    // memberships to regions, regions to layers): one query over all of them.
    Statement references = database_->prepare("PRAGMA foreign_key_check");
    if (references.step()) {
        inconsistent(fmt::format("row {} of table {} names a row of table {} that is not there", references.integer(1),
                                 references.text(0), references.text(2)));
    }
    Statement insurer = database_->prepare(
        "SELECT i.subject_code, i.division_year FROM insurers i WHERE i.role = 'largest' AND NOT EXISTS "
        "(SELECT 1 FROM municipalities m WHERE m.division_year = i.division_year AND m.code = i.subject_code)");
    if (insurer.step()) {
        inconsistent(fmt::format("the largest insurer is given for municipality {}, which is not in table "
                                 "municipalities of {}", insurer.text(0), insurer.integer(1)));
    }
    Statement uncovered = database_->prepare(
        "SELECT m.code, l.id, m.division_year FROM municipalities m JOIN layers l ON l.division_year = m.division_year "
        "WHERE NOT EXISTS (SELECT 1 FROM memberships s WHERE s.division_year = m.division_year AND "
        "s.layer_id = l.id AND s.municipality_code = m.code) LIMIT 1");
    if (uncovered.step()) {
        inconsistent(fmt::format("municipality {} has no region in layer {} of {}", uncovered.text(0), uncovered.text(1),
                                 uncovered.integer(2)));
    }
}

std::string Store::meta(const std::string& key) const {
    // Per-year facts once kept as meta rows (readers of those keys move to the methods).
    if (key == "division_year") return std::to_string(year_);
    // (default_year is a meta row of its own)
    if (key == "population_date") return population_date();
    if (key == "attribution") return attribution();
    Statement statement = database_->prepare("SELECT value FROM regiomap_meta WHERE key = ?");
    statement.bind(1, key);
    return statement.step() ? statement.text(0) : std::string();
}

std::string Store::crs() const {
    if (std::string recorded = meta("crs"); !recorded.empty()) return recorded;
    Statement srid = database_->prepare(
        "SELECT srid FROM geometry_columns WHERE f_table_name = 'municipalities' AND srid > 0");
    if (srid.step()) return fmt::format("EPSG:{}", srid.integer(0));
    throw StoreError(database_->path(), "the store records no CRS; run 'regiomap load' again");
}

namespace {
LayerRecord layer_from(const Statement& row) {
    LayerRecord record;
    record.id = row.text(0);
    record.title = row.text(1);
    record.year = static_cast<int>(row.integer(2));
    record.source = row.text(3);
    record.given_as = row.text(4);
    record.file = row.text(5);
    record.source_crs = row.text(6);
    record.reprojected = row.integer(7) != 0;
    record.default_layer = row.text(8);
    record.region_count = static_cast<int>(row.integer(9));
    record.municipalities_covered = static_cast<int>(row.integer(10));
    record.published_count = static_cast<int>(row.integer(11));
    record.default_count = static_cast<int>(row.integer(12));
    record.region_count_note = row.text(13);
    return record;
}
constexpr const char* kLayerColumns =
    "SELECT id, title, year, source, given_as, file, source_crs, reprojected, default_layer, region_count, "
    "municipalities_covered, published_count, default_count, region_count_note FROM layers WHERE division_year = ?";
}  // namespace

std::vector<LayerRecord> Store::layers() const {
    Statement statement = database_->prepare(std::string(kLayerColumns) + " ORDER BY position");
    statement.bind(1, year_);
    std::vector<LayerRecord> records;
    while (statement.step()) records.push_back(layer_from(statement));
    return records;
}

LayerRecord Store::layer(const std::string& id) const {
    Statement statement = database_->prepare(std::string(kLayerColumns) + " AND id = ?");
    statement.bind(1, year_).bind(2, id);
    if (statement.step()) return layer_from(statement);
    std::vector<std::string> ids;
    for (const auto& record : layers()) ids.push_back(record.id);
    throw NotFoundError(fmt::format("no layer '{}' in the store's {}; layers: {}", id, year_, fmt::join(ids, ", ")));
}

std::vector<MembershipRow> Store::memberships(const std::string& layer_id) const {
    Statement statement = database_->prepare(
        "SELECT m.municipality_code, g.name, m.region_code, r.name, m.overlap_share, m.basis, m.note "
        "FROM memberships m JOIN municipalities g ON g.division_year = m.division_year AND g.code = m.municipality_code "
        "JOIN regions r ON r.division_year = m.division_year AND r.layer_id = m.layer_id AND r.code = m.region_code "
        "WHERE m.division_year = ? AND m.layer_id = ? ORDER BY m.municipality_code");
    statement.bind(1, year_).bind(2, layer_id);
    std::vector<MembershipRow> rows;
    while (statement.step()) {
        rows.push_back({statement.text(0), statement.text(1), statement.text(2), statement.text(3),
                        statement.optional_real(4), membership_basis_from(statement.text(5)), statement.text(6)});
    }
    return rows;
}

std::vector<LayerMembershipRow> Store::memberships_of(const std::string& municipality_code) const {
    Statement statement = database_->prepare(
        "SELECT m.layer_id, m.region_code, r.name, m.overlap_share, m.basis, m.note "
        "FROM memberships m JOIN layers l ON l.division_year = m.division_year AND l.id = m.layer_id "
        "JOIN regions r ON r.division_year = m.division_year AND r.layer_id = m.layer_id AND r.code = m.region_code "
        "WHERE m.division_year = ? AND m.municipality_code = ? ORDER BY l.position");
    statement.bind(1, year_).bind(2, municipality_code);
    std::vector<LayerMembershipRow> rows;
    while (statement.step()) {
        rows.push_back({statement.text(0), statement.text(1), statement.text(2), statement.optional_real(3),
                        membership_basis_from(statement.text(4)), statement.text(5)});
    }
    return rows;
}

std::vector<LoadFinding> Store::findings(const std::string& layer_id) const {
    Statement statement = database_->prepare(
        "SELECT layer_id, subject_code, severity, message FROM load_findings WHERE division_year = ? AND layer_id = ? "
        "ORDER BY rowid");
    statement.bind(1, year_).bind(2, layer_id);
    std::vector<LoadFinding> rows;
    while (statement.step()) {
        rows.push_back({statement.text(0), statement.text(1), finding_severity_from(statement.text(2)), statement.text(3)});
    }
    return rows;
}

std::vector<MunicipalityRow> Store::municipalities() const {
    Statement statement = database_->prepare(
        "SELECT code, name, population, area_m2 FROM municipalities WHERE division_year = ? ORDER BY code");
    statement.bind(1, year_);
    std::vector<MunicipalityRow> rows;
    while (statement.step()) {
        rows.push_back({statement.text(0), statement.text(1), statement.optional_integer(2), statement.real(3)});
    }
    return rows;
}

std::vector<InsurerRecord> Store::insurers() const {
    Statement statement = database_->prepare(
        "SELECT role, layer_id, subject_code, concern, basis, year, source, basis_kind, subject_in_source, detail, "
        "matched_as FROM insurers WHERE division_year = ? "
        "ORDER BY rowid");
    statement.bind(1, year_);
    std::vector<InsurerRecord> rows;
    while (statement.step()) {
        InsurerRecord record;
        const std::string role = statement.text(0);
        for (auto candidate : {InsurerRole::zorgkantoor, InsurerRole::largest, InsurerRole::work_structure_lead}) {
            if (to_string(candidate) == role) record.role = candidate;
        }
        record.layer_id = statement.text(1);
        record.subject_code = statement.text(2);
        record.concern = statement.text(3);
        record.basis = statement.text(4);
        record.year = statement.text(5);
        record.source = statement.text(6);
        const std::string kind = statement.text(7);
        auto known = insurer_basis_kind_from(kind);
        if (!known) throw StoreError("", "unknown insurer basis kind '" + kind + "'; run 'regiomap load' again");
        record.kind = *known;
        record.subject_in_source = statement.text(8);
        record.detail = statement.text(9);
        record.matched_as = statement.text(10);
        rows.push_back(std::move(record));
    }
    return rows;
}

std::vector<InsurerName> Store::insurer_names() const {
    Statement statement =
        database_->prepare("SELECT name, concern, source FROM insurer_names WHERE division_year = ? ORDER BY rowid");
    statement.bind(1, year_);
    std::vector<InsurerName> rows;
    while (statement.step()) rows.push_back({statement.text(0), statement.text(1), statement.text(2)});
    return rows;
}

std::vector<PublishedChange> Store::published_changes() const {
    // Each list once, whichever years name it (by source and row).
    Statement statement = database_->prepare(
        "SELECT effective, old_code, old_name, new_code, new_name, new_code_existed, type, address_share, source_row, "
        "source FROM published_changes GROUP BY source, source_row ORDER BY source, source_row");
    std::vector<PublishedChange> rows;
    while (statement.step()) {
        PublishedChange change;
        const auto effective = parse_date(statement.text(0));
        if (!effective) throw StoreError(file_.string(), "store is inconsistent: a merger-list date is not a date; run 'regiomap load' again");
        change.effective = *effective;
        change.old_code = statement.text(1);
        change.old_name = statement.text(2);
        change.new_code = statement.text(3);
        change.new_name = statement.text(4);
        change.new_code_existed = statement.integer(5) != 0;
        change.type = statement.text(6) == "split" ? PublishedChangeType::split : PublishedChangeType::whole;
        change.address_share = statement.real(7);
        change.row = static_cast<std::size_t>(statement.integer(8));
        change.source = statement.text(9);
        rows.push_back(std::move(change));
    }
    return rows;
}

std::vector<PlaceAlias> Store::place_aliases() const {
    Statement statement =
        database_->prepare("SELECT alias, kind, codes, source FROM place_aliases WHERE division_year = ? ORDER BY rowid");
    statement.bind(1, year_);
    std::vector<PlaceAlias> rows;
    while (statement.step()) {
        rows.push_back({statement.text(0), statement.text(1), split_written_list(statement.text(2), ";"), statement.text(3)});
    }
    return rows;
}

std::vector<AdjacencyRecord> Store::adjacency() const {
    Statement statement = database_->prepare(
        "SELECT municipality_a, municipality_b, kind, shared_border_m, description, source FROM adjacency "
        "WHERE division_year = ? ORDER BY rowid");
    statement.bind(1, year_);
    std::vector<AdjacencyRecord> rows;
    while (statement.step()) {
        auto kind = adjacency_kind_from(statement.text(2));
        if (!kind) throw StoreError(database_->path(), "unknown adjacency kind '" + statement.text(2) + "'");
        rows.push_back({statement.text(0), statement.text(1), *kind, statement.real(3), statement.text(4), statement.text(5)});
    }
    return rows;
}

std::map<std::string, std::vector<unsigned char>> Store::municipality_geometries() const {
    Statement statement =
        database_->prepare("SELECT code, AsBinary(geometry) FROM municipalities WHERE division_year = ?");
    statement.bind(1, year_);
    std::map<std::string, std::vector<unsigned char>> geometries;
    while (statement.step()) geometries[statement.text(0)] = statement.blob(1);
    return geometries;
}

std::map<std::string, std::vector<unsigned char>> Store::region_geometries(const std::string& layer_id) const {
    Statement statement =
        database_->prepare("SELECT code, AsBinary(geometry) FROM regions WHERE division_year = ? AND layer_id = ?");
    statement.bind(1, year_).bind(2, layer_id);
    std::map<std::string, std::vector<unsigned char>> geometries;
    while (statement.step()) geometries[statement.text(0)] = statement.blob(1);
    return geometries;
}

MunicipalityNames Store::names() const {
    Statement statement = database_->prepare(
        "SELECT n.id, n.name, n.basis, n.explanation, t.municipality_code, t.share "
        "FROM municipality_names n JOIN municipality_name_targets t ON t.name_id = n.id WHERE n.division_year = ? "
        "ORDER BY n.id, t.rowid");
    statement.bind(1, year_);
    MunicipalityNames names;
    std::int64_t current_id = -1;
    NameEntry entry;
    auto flush = [&] {
        if (current_id >= 0) names.add(std::move(entry));
        entry = NameEntry{};
    };
    while (statement.step()) {
        if (statement.integer(0) != current_id) {
            flush();
            current_id = statement.integer(0);
            entry.name = statement.text(1);
            entry.basis = static_cast<NameBasis>(statement.integer(2));
            entry.explanation = statement.text(3);
        }
        entry.targets.push_back({statement.text(4), statement.real(5)});
    }
    flush();
    return names;
}

}  // namespace regiomap
