#include "analysis/governance.hpp"

#include "core/error.hpp"
#include "core/name_matching.hpp"
#include "core/table_reader.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace regiomap {

int Division::region_index(const std::string& code_or_name) const {
    for (std::size_t i = 0; i < region_codes.size(); ++i) {
        if (region_codes[i] == code_or_name) return static_cast<int>(i);
    }
    const std::string wanted = normalize_name(code_or_name);
    for (std::size_t i = 0; i < region_names.size(); ++i) {
        if (normalize_name(region_names[i]) == wanted) return static_cast<int>(i);
    }
    return -1;
}

bool Division::region_has_default_member(int region) const {
    if (region < 0) return false;
    return std::any_of(members[region].begin(), members[region].end(),
                       [&](int m) { return basis[m] == MembershipBasis::layer_default; });
}

int Division::default_membership_count() const {
    int count = 0;
    for (std::size_t m = 0; m < region_of.size(); ++m) {
        count += region_of[m] >= 0 && basis[m] == MembershipBasis::layer_default ? 1 : 0;
    }
    return count;
}

void Division::move(int municipality, int region) {
    const int from = region_of[municipality];
    if (from == region) return;
    if (from >= 0) {
        auto& old_members = members[from];
        old_members.erase(std::lower_bound(old_members.begin(), old_members.end(), municipality));
    }
    auto& new_members = members[region];
    new_members.insert(std::lower_bound(new_members.begin(), new_members.end(), municipality), municipality);
    region_of[municipality] = region;
    share[municipality] = std::nullopt;
}

const Division& Governance::division(const std::string& layer_id) const {
    for (const auto& division : divisions) {
        if (division.layer_id == layer_id) return division;
    }
    std::vector<std::string> ids;
    for (const auto& division : divisions) ids.push_back(division.layer_id);
    const std::string where = division_year != 0 ? fmt::format("the store's {}", division_year) : "the store";
    if (ids.empty()) {
        throw NotFoundError(fmt::format("no layer '{}' in {}: that year has only the municipal boundaries "
                                        "(regiomap layers --year YEAR shows what a year has)",
                                        layer_id, where));
    }
    throw NotFoundError(fmt::format("no layer '{}' in {}; layers: {}", layer_id, where, fmt::join(ids, ", ")));
}

Division& Governance::division(const std::string& layer_id) {
    return const_cast<Division&>(static_cast<const Governance&>(*this).division(layer_id));
}

bool Governance::has_division(const std::string& layer_id) const {
    return std::any_of(divisions.begin(), divisions.end(), [&](const Division& d) { return d.layer_id == layer_id; });
}

Governance read_governance(const Store& store) {
    Governance governance;
    governance.division_year = store.year();
    governance.population_date = store.population_date();
    for (auto& row : store.municipalities()) {
        governance.index_of[row.code] = static_cast<int>(governance.codes.size());
        governance.codes.push_back(row.code);
        governance.names.push_back(row.name);
        governance.population.push_back(row.population);
        governance.area_m2.push_back(row.area_m2);
    }
    const std::size_t count = governance.codes.size();
    for (const auto& layer : store.layers()) {
        auto memberships = store.memberships(layer.id);
        if (!memberships.empty() && memberships.front().basis == MembershipBasis::self) continue;
        Division division;
        division.layer_id = layer.id;
        division.title = layer.title;
        division.year = layer.year;
        division.default_layer = layer.default_layer;
        division.region_of.assign(count, -1);
        division.basis.assign(count, MembershipBasis::largest_overlap);
        division.share.assign(count, std::nullopt);
        std::map<std::string, int> region_index;
        for (const auto& row : memberships) {
            auto [it, inserted] = region_index.emplace(row.region_code, static_cast<int>(division.region_codes.size()));
            if (inserted) {
                division.region_codes.push_back(row.region_code);
                division.region_names.push_back(row.region_name);
                division.members.emplace_back();
            }
            const int municipality = governance.index_of.at(row.municipality_code);
            division.region_of[municipality] = it->second;
            division.basis[municipality] = row.basis;
            division.share[municipality] = row.overlap_share;
            division.members[it->second].push_back(municipality);
        }
        for (auto& members : division.members) std::sort(members.begin(), members.end());
        governance.divisions.push_back(std::move(division));
    }

    governance.zorgkantoor_insurer.assign(count, {});
    governance.largest_insurer.assign(count, {});
    governance.work_structure_lead.assign(count, {});
    governance.largest_by_statement.assign(count, {});
    // Of several published largest insurers of one municipality: a figure for the municipality
    // itself before a region-level statement, and of two statements the later one.
    auto precedes = [](const InsurerFact& a, const InsurerFact& b) {
        const bool a_own = a.kind == InsurerBasisKind::published_municipality;
        const bool b_own = b.kind == InsurerBasisKind::published_municipality;
        if (a_own != b_own) return a_own;
        return a.year > b.year;
    };
    for (const auto& record : store.insurers()) {
        InsurerFact fact{record.concern, record.basis,  record.year,   false,
                         record.kind,    record.source, record.subject_in_source, record.detail, record.matched_as};
        if (record.role == InsurerRole::largest) {
            const int m = governance.index_of.at(record.subject_code);
            InsurerFact& largest = governance.largest_insurer[m];
            if (largest.concern.empty() || precedes(fact, largest)) largest = fact;
            InsurerFact& statement = governance.largest_by_statement[m];
            if (fact.kind == InsurerBasisKind::published_statement &&
                (statement.concern.empty() || precedes(fact, statement))) {
                statement = fact;
            }
        } else {
            governance.region_insurers[{record.role, record.subject_code}] = fact;
        }
    }
    for (std::size_t m = 0; m < count; ++m) refresh_insurer_facts(governance, static_cast<int>(m));
    return governance;
}

void refresh_insurer_facts(Governance& governance, int municipality) {
    auto region_fact = [&](const char* layer_id, InsurerRole role) -> InsurerFact {
        if (!governance.has_division(layer_id)) return {};
        const Division& division = governance.division(layer_id);
        const int region = division.region_of[municipality];
        if (region < 0) return {};
        auto found = governance.region_insurers.find({role, division.region_codes[region]});
        return found == governance.region_insurers.end() ? InsurerFact{} : found->second;
    };
    governance.zorgkantoor_insurer[municipality] = region_fact(kZorgkantoorLayer, InsurerRole::zorgkantoor);
    governance.work_structure_lead[municipality] = region_fact(kWorkStructureLayer, InsurerRole::work_structure_lead);
    InsurerFact& largest = governance.largest_insurer[municipality];
    if (largest.concern.empty() || largest.by_zorgkantoor_rule) {
        const InsurerFact& zorgkantoor = governance.zorgkantoor_insurer[municipality];
        if (zorgkantoor.concern.empty() && zorgkantoor.kind != InsurerBasisKind::unmapped_designation) {
            largest = InsurerFact{};  // no designation for its region
        } else {
            // The rule carries the designation it rests on; with an unmapped entity the concern stays unknown.
            largest = zorgkantoor;
            largest.by_zorgkantoor_rule = true;
            largest.kind = InsurerBasisKind::zorgkantoor_rule;
            largest.basis = (zorgkantoor.concern.empty()
                                 ? "unknown by the zorgkantoor rule, the zorgkantoor's concern being unmapped; "
                                 : "regional market leader by the zorgkantoor rule (the zorgkantoor is run by the "
                                   "insurer with the largest market share in its region); ") +
                            zorgkantoor.basis;
        }
    }
}

void leave_out_default_memberships(Governance& governance) {
    governance.published_only = true;
    for (auto& division : governance.divisions) {
        int left_out = 0;
        for (std::size_t m = 0; m < division.region_of.size(); ++m) {
            const int region = division.region_of[m];
            if (region < 0 || division.basis[m] != MembershipBasis::layer_default) continue;
            auto& members = division.members[region];
            members.erase(std::lower_bound(members.begin(), members.end(), static_cast<int>(m)));
            division.region_of[m] = -1;
            if (division.layer_id == kWorkStructureLayer) governance.work_structure_lead[m] = {};
            ++left_out;
        }
        if (left_out > 0) governance.left_out_defaults.emplace_back(division.layer_id, left_out);
    }
}

std::optional<DefaultRegionFacts> default_region_facts(const Governance& governance, const Division& division,
                                                       int region) {
    if (region < 0 || !division.region_has_default_member(region) || division.default_layer.empty() ||
        !governance.has_division(division.default_layer)) {
        return std::nullopt;
    }
    const Division& origin = governance.division(division.default_layer);
    DefaultRegionFacts facts;
    facts.layer_id = division.layer_id;
    facts.default_layer = division.default_layer;
    const int origin_region = origin.region_of[division.members[region].front()];
    if (origin_region < 0) return std::nullopt;
    facts.origin_code = origin.region_codes[origin_region];
    facts.origin_name = origin.region_names[origin_region];
    facts.origin_size = static_cast<int>(origin.members[origin_region].size());
    for (int m : division.members[region]) facts.member_names.push_back(governance.names[m]);
    facts.whole_origin = static_cast<int>(facts.member_names.size()) == facts.origin_size;
    return facts;
}

Division division_from_assignment(const std::string& layer_id, std::vector<std::string> region_codes,
                                  std::vector<std::string> region_names, const std::vector<int>& region_of) {
    Division division;
    division.layer_id = layer_id;
    division.title = layer_id;
    division.members.resize(region_codes.size());
    division.region_codes = std::move(region_codes);
    division.region_names = std::move(region_names);
    division.region_of = region_of;
    division.basis.assign(region_of.size(), MembershipBasis::largest_overlap);
    division.share.assign(region_of.size(), std::nullopt);
    for (std::size_t m = 0; m < region_of.size(); ++m) {
        if (region_of[m] >= 0) division.members[region_of[m]].push_back(static_cast<int>(m));
    }
    return division;
}

void apply_largest_insurer_table(Governance& governance, const MunicipalityNames& names,
                                 const InsurerDirectory& insurers, const std::filesystem::path& table_file,
                                 DecimalConvention convention) {
    Table table = Table::read(table_file);
    const auto municipality_column = table.column_named({"municipality", "gemeente"});
    if (!municipality_column) table.column("municipality");  // throws naming the columns present
    const auto concern_column = table.column_named({"concern", "insurer", "verzekeraar", "zorgverzekeraar"});
    if (!concern_column) table.column("concern");
    const auto year_column = table.column_named({"year", "jaar"});
    const auto source_column = table.column_named({"source", "bron"});
    std::vector<std::string> problems;
    auto cell_problem = [&](const Table::Row& row, std::size_t column, const std::string& message) {
        problems.push_back(fmt::format("{}, column {}: {}", table.where(row), table.columns()[column], message));
    };
    std::vector<std::pair<int, InsurerFact>> facts;
    for (const auto& row : table.rows()) {
        int municipality = -1;
        try {
            municipality = governance.index_of.at(names.resolve_one(row.values[*municipality_column]));
        } catch (const NotFoundError& error) {
            cell_problem(row, *municipality_column, error.what());
        }
        const std::string& written = row.values[*concern_column];
        std::string concern;
        if (written.empty()) {
            cell_problem(row, *concern_column, "empty: name the insurer concern or brand");
        } else {
            try {
                concern = insurers.require_concern(written);
            } catch (const NotFoundError& error) {
                cell_problem(row, *concern_column, error.what());
            }
        }
        std::string year = year_column ? row.values[*year_column] : std::string();
        if (!year.empty()) {
            auto value = parse_whole_count(year, convention);
            if (!value || *value < 1900 || *value > 2100) {
                cell_problem(row, *year_column, fmt::format("'{}' is not a year (1900 to 2100)", year));
            }
        }
        if (municipality < 0 || concern.empty()) continue;
        const std::string source = source_column ? row.values[*source_column] : std::string();
        std::string basis = "user table " + table_file.filename().string();
        if (normalize_name(written) != normalize_name(concern)) basis += fmt::format(" ({}: concern {})", written, concern);
        if (!source.empty()) basis += ": " + source;
        InsurerFact fact{concern, basis, year.empty() ? "not stated" : year};
        fact.kind = InsurerBasisKind::user_table;
        fact.source = table_file.filename().string();
        fact.detail = source;
        fact.subject_in_source = written;
        facts.push_back({municipality, std::move(fact)});
    }
    if (!problems.empty()) {
        throw DataError(table.path(), "",
                        fmt::format("{} problem{}; nothing was used from this file:\n  {}", problems.size(),
                                    problems.size() == 1 ? "" : "s", fmt::join(problems, "\n  ")));
    }
    for (auto& [municipality, fact] : facts) governance.largest_insurer[municipality] = std::move(fact);
}

}  // namespace regiomap
