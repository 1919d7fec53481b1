// The regiomap store: one SpatiaLite database file (default ./regiomap.sqlite)
// that QGIS and ogrinfo can open too.
//
// Writing replaces the whole store atomically: the new store is built in a
// temporary file beside it and renamed over the old one, so a failed load
// leaves the previous store exactly as it was. An existing file that is not a
// regiomap store is never overwritten.
#pragma once

#include "core/progress.hpp"
#include "store/records.hpp"
#include "store/sqlite.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace regiomap {

struct MembershipRow {
    std::string municipality_code;
    std::string municipality_name;
    std::string region_code;
    std::string region_name;
    std::optional<double> overlap_share;
    MembershipBasis basis = MembershipBasis::largest_overlap;
    std::string note;
};

struct LayerMembershipRow {
    std::string layer_id;
    std::string region_code;
    std::string region_name;
    std::optional<double> overlap_share;
    MembershipBasis basis = MembershipBasis::largest_overlap;
    std::string note;
};

struct MunicipalityRow {
    std::string code;
    std::string name;
    std::optional<std::int64_t> population;
    double area_m2 = 0;
};

class Store {
public:
    static constexpr const char* kDefaultPath = "regiomap.sqlite";

    // Builds the store from scratch; throws StoreError, leaving any previous store untouched.
    // A store that is a symbolic link stays one: the link's target is replaced. Temporaries
    // that killed loads left beside the store are removed first. Long writes report progress.
    // One dataset per year (division_year), all in one CRS; a store holds every year it was given.
    static void write(const std::filesystem::path& file, const std::vector<Dataset>& datasets,
                      const ProgressSink& progress = {});

    // Opens an existing store read-only; throws StoreError when the file is
    // missing, is not a regiomap store of this schema version, or is inconsistent
    // (a row naming a municipality, region or name that is not there: edited by hand).
    // Every query answers for one year: `year`, or when none is given the manifest's 'default_year'
    // if it sets one, else the latest year with population figures (bundled: 2020; 2025 once
    // `load --population 2025=FILE` gives its figures), else the latest;
    // a year not loaded throws NotFoundError listing the years there are.
    explicit Store(const std::filesystem::path& file, std::optional<int> year = std::nullopt);
    // The same file at another year it holds, on this store's connection and without checking the
    // file again: the check when this store opened covers every year. A year not loaded throws
    // NotFoundError.
    Store at_year(int year) const;

    int year() const { return year_; }
    const std::filesystem::path& file() const { return file_; }
    std::vector<int> years() const;  // every year loaded, oldest first
    // The reference date of this year's population figures ("2020-01-01"); empty: the year has none.
    std::string population_date() const;
    std::string attribution() const;  // the attribution line of this year's sources

    std::string meta(const std::string& key) const;
    // The CRS every geometry of the store is in ("EPSG:28992"), as the manifest declared it at load:
    // the 'crs' meta row, else (a store whose meta lacks it) the SRID of its geometry columns;
    // throws StoreError when neither is there.
    std::string crs() const;
    std::vector<LayerRecord> layers() const;
    LayerRecord layer(const std::string& id) const;  // throws NotFoundError listing the layer ids
    std::vector<MembershipRow> memberships(const std::string& layer_id) const;
    // One municipality's region in every layer, in manifest order.
    std::vector<LayerMembershipRow> memberships_of(const std::string& municipality_code) const;
    std::vector<LoadFinding> findings(const std::string& layer_id) const;
    std::vector<MunicipalityRow> municipalities() const;
    MunicipalityNames names() const;
    std::vector<InsurerRecord> insurers() const;
    std::vector<PlaceAlias> place_aliases() const;
    // The merger lists loaded with any year (CBS herindelingen), each row once, by file and row.
    std::vector<PublishedChange> published_changes() const;
    std::vector<InsurerName> insurer_names() const;
    // Municipalities that share a border, meet at a point, or are linked across water.
    std::vector<AdjacencyRecord> adjacency() const;
    // Municipality code -> geometry as WKB, in the store's CRS.
    std::map<std::string, std::vector<unsigned char>> municipality_geometries() const;
    // Region code -> geometry as WKB for one layer.
    std::map<std::string, std::vector<unsigned char>> region_geometries(const std::string& layer_id) const;

private:
    enum class Check { file, none };
    Store(std::shared_ptr<Database> database, const std::filesystem::path& file, std::optional<int> year, Check check);
    void check_consistency(const std::string& path) const;
    std::shared_ptr<Database> database_;  // shared by the stores of other years opened from this one
    std::filesystem::path file_;
    int year_ = 0;
};

// True when the file is an SQLite database marked as a regiomap store.
bool is_regiomap_store(const std::filesystem::path& file);

}  // namespace regiomap
