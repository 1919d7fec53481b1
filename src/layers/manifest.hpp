// The manifest (geodata/manifest.json) says which files make up a dataset:
// the municipalities with their population and name history, and every
// region layer, given either as boundaries or as a membership table.
// Adding a layer or a year is an edit of the manifest, not of the code.
// Relative paths in the manifest are relative to the manifest's folder.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace regiomap {

enum class LayerForm { boundaries, membership_table };

struct LayerSpec {
    std::string id;
    std::string title;
    int year = 0;
    std::string source;  // source and licence, shown by `regiomap layers`
    LayerForm form = LayerForm::boundaries;
    std::filesystem::path file;

    // boundaries: feature fields, and the CRS to assume when the file declares none
    std::string code_field;
    std::string name_field;
    std::optional<std::string> assumed_crs;

    // membership table: one row per municipality
    std::string region_code_field;
    std::string region_name_field;
    std::string municipality_field;  // a code or name of any year
    std::string note_field;          // optional
    // Municipalities the table leaves out follow this boundary layer (the work
    // structures follow the zorgkantoor regions except where published otherwise).
    std::optional<std::string> default_layer;

    // Shown wherever the region count is reported (e.g. 31 zorgkantoor regions, not 32).
    std::string region_count_note;
};

// Empty `file`: the year has no population figures (none were found for 2025).
struct PopulationSpec {
    std::filesystem::path file;
    std::string code_field;
    std::string name_field;  // CBS spells some names differently ("Utrecht (gemeente)"): kept as variants
    std::string value_field;
    std::string reference_date;
};

// Empty paths: the year has no name history of its own (only its current codes and names).
struct NameHistorySpec {
    std::filesystem::path earlier_municipalities;  // a full list of an earlier year
    int earlier_year = 0;
    std::string earlier_code_field;
    std::string earlier_name_field;
    std::filesystem::path mergers;  // the official merger list since that year
    std::filesystem::path aliases;  // informal names, each with its source (optional)
};

// Which insurer runs what, where published: the zorgkantoor designation (the
// zorgkantoor is run by the regional market leader), the largest insurer per
// municipality where a source states it, and work-structure leads.
struct InsurerSpec {
    bool present = false;
    std::string zorgkantoor_layer;
    std::filesystem::path designation;        // CBS region code (2016 codes) -> designated legal entity
    int designation_year = 0;
    std::string designation_code_field;       // the CBS region code column
    std::string designation_entity_field;     // the designated legal entity column
    std::string designation_source;           // the decree, printed with the designation
    std::filesystem::path region_successors;  // region codes merged since the designation
    std::filesystem::path label_concerns;     // designation labels and legal entities -> concern of today, with basis
    std::filesystem::path largest_published;  // largest insurer per municipality, where published
    // Region-level published statements tying a region to an insurer (year, URL), the
    // municipalities some of them name, and which of them name the region's largest insurer.
    std::filesystem::path regional_statements;
    std::filesystem::path regional_statement_municipalities;
    std::filesystem::path largest_insurer_statements;
    std::string work_structure_layer;
    std::filesystem::path work_structure_leads;
    std::filesystem::path concern_list;  // the insurer concerns, with insured persons per year
    std::filesystem::path brand_names;   // brand and former names -> concern
};

struct Manifest {
    std::filesystem::path path;
    std::string target_crs = "EPSG:28992";
    int division_year = 0;
    // The year commands use without --year (the manifest's 'default_year'); 0: the latest year.
    int default_year = 0;
    std::string attribution;
    LayerSpec municipalities;  // id "gemeente": the base every region layer groups
    PopulationSpec population;
    NameHistorySpec names;
    std::vector<LayerSpec> region_layers;
    InsurerSpec insurers;
    // Ferries, tunnels and administrative links that join municipalities whose shapes
    // do not touch (adjacency/links.hpp); empty when the manifest names none.
    std::filesystem::path links;

    // Every year the manifest lists (its array 'years'; a manifest without one is one year),
    // oldest first. Throws DataError naming the manifest and the key that is wrong.
    static std::vector<Manifest> read_years(const std::filesystem::path& file);
    // A manifest of exactly one year.
    static Manifest read(const std::filesystem::path& file);
};

}  // namespace regiomap
