// The in-memory picture the analyses work on: municipalities (by index) and,
// per layer, which region each belongs to and which municipalities each
// region holds. Read once from the store; analyses never touch SQL.
#pragma once

#include "core/number_format.hpp"
#include "initiatives/insurer_directory.hpp"
#include "layers/layer_queries.hpp"
#include "store/records.hpp"
#include "store/store.hpp"

#include <cstdint>
#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace regiomap {

struct Division {
    std::string layer_id;
    std::string title;
    int year = 0;
    std::string default_layer;                  // membership tables: what memberships not published follow
    std::vector<std::string> region_codes;
    std::vector<std::string> region_names;
    std::vector<int> region_of;                 // per municipality; -1 where the layer has none
    std::vector<MembershipBasis> basis;         // per municipality
    std::vector<std::optional<double>> share;   // per municipality: overlap share (boundary layers)
    std::vector<std::vector<int>> members;      // per region: municipality indices, ascending

    int region_index(const std::string& code_or_name) const;  // -1 when unknown
    // Its membership was a default and --published-only took it out: the layer does not count for it.
    bool left_out(int municipality) const {
        return region_of[municipality] < 0 && basis[municipality] == MembershipBasis::layer_default;
    }
    bool region_has_default_member(int region) const;
    int default_membership_count() const;  // memberships held (not left out) on a default basis
    void move(int municipality, int region);   // keeps members sorted; only the two regions change
};

// What an insurer does for a municipality, with the basis and year to print.
// The structured fields say what it rests on (presenters write the sentence from them);
// `basis` is the same as one line, for outputs that print it as it is.
struct InsurerFact {
    std::string concern;  // empty: not known (no fact, or an unmapped designation)
    std::string basis;
    std::string year;
    bool by_zorgkantoor_rule = false;  // derived, not an independent figure
    InsurerBasisKind kind = InsurerBasisKind::designation;
    std::string source{};           // URL, or the document where no URL is known
    std::string subject_in_source{};  // the designated legal entity, or the place as the source names it
    std::string detail{};           // why the entity is that concern (or why unmapped); what the source says
    std::string matched_as{};       // the region or municipalities a statement was matched to
};

struct Governance {
    std::vector<std::string> codes;
    std::vector<std::string> names;
    std::vector<std::optional<std::int64_t>> population;
    std::vector<double> area_m2;
    std::map<std::string, int> index_of;
    std::vector<Division> divisions;  // every layer in the store except the municipalities themselves
    int division_year = 0;            // the year of the store these divisions are of (--year)
    std::string population_date;      // empty: no population figures for this year
    // Set by leave_out_default_memberships: per layer, how many default memberships it took out.
    bool published_only = false;
    std::vector<std::pair<std::string, int>> left_out_defaults;

    // Per municipality: the zorgkantoor insurer of its region, its largest insurer
    // (published, else the zorgkantoor rule) and its work-structure lead (where published).
    std::vector<InsurerFact> zorgkantoor_insurer;
    std::vector<InsurerFact> largest_insurer;
    std::vector<InsurerFact> work_structure_lead;
    // Per municipality: a published region-level statement naming its region's largest insurer
    // (empty concern: none). Kept apart from largest_insurer, where a figure for the municipality
    // itself comes first, so a region all of whose municipalities a statement covers is known.
    std::vector<InsurerFact> largest_by_statement;
    // The insurer facts of regions, by (role, region code): what a municipality takes over
    // from its region, and again when it moves (refresh_insurer_facts).
    std::map<std::pair<InsurerRole, std::string>, InsurerFact> region_insurers;

    const Division& division(const std::string& layer_id) const;  // throws NotFoundError
    Division& division(const std::string& layer_id);
    bool has_division(const std::string& layer_id) const;
    std::int64_t population_of(int municipality) const { return population[municipality].value_or(0); }
    // Municipalities without a population figure: all in a year without figures, some when the
    // user's own table leaves municipalities out.
    int municipalities_without_population() const {
        return static_cast<int>(std::count(population.begin(), population.end(), std::nullopt));
    }
    std::int64_t total_population() const {  // of the municipalities with a figure
        std::int64_t total = 0;
        for (const auto& figure : population) total += figure.value_or(0);
        return total;
    }
};

// The layer ids used for the insurer dimension and the GGD count.
inline constexpr const char* kZorgkantoorLayer = "zorgkantoor";
inline constexpr const char* kGgdLayer = "ggd";
inline constexpr const char* kWorkStructureLayer = "werkstructuur";
inline constexpr const char* kProvinceLayer = "provincie";

Governance read_governance(const Store& store);

// A municipality's zorgkantoor insurer and work-structure lead from the regions it is in
// now, and its largest insurer where that follows the zorgkantoor rule: after a move.
void refresh_insurer_facts(Governance& governance, int municipality);

// --published-only: every membership on a default basis (a municipality a membership
// table does not list, put in its default layer's region) is taken out. That
// municipality has no table in that layer, so the layer does not count for it, and no
// one counts it as a partner through that layer; a work-structure lead found through
// such a membership is dropped too. Records what it took out in the governance.
void leave_out_default_memberships(Governance& governance);

// What a default region holds, e.g. DEF-ZK23: the municipalities of zorgkantoor region
// ZK23 Utrecht that no published werkstructuur region lists. nullopt for a region that
// holds no default memberships.
std::optional<DefaultRegionFacts> default_region_facts(const Governance& governance, const Division& division,
                                                       int region);

// A division from a region index per municipality (-1: none); members are derived.
Division division_from_assignment(const std::string& layer_id, std::vector<std::string> region_codes,
                                  std::vector<std::string> region_names, const std::vector<int>& region_of);

// A user's own table of the largest insurer per municipality (columns
// municipality or gemeente, concern or verzekeraar; optional year or jaar,
// source or bron), replacing the published figures and the zorgkantoor rule for
// the municipalities it names. Each name goes through the insurer directory and
// the concern is stored ("Zilveren Kruis" -> Achmea, the brand kept in the
// basis), so the insurer mismatch compares concerns, not spellings. Throws
// DataError with one message per bad cell; nothing is applied then.
void apply_largest_insurer_table(Governance& governance, const MunicipalityNames& names,
                                 const InsurerDirectory& insurers, const std::filesystem::path& table_file,
                                 DecimalConvention convention = DecimalConvention::automatic);

}  // namespace regiomap
