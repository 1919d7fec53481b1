#include "initiatives/register.hpp"

#include "core/error.hpp"
#include "core/name_matching.hpp"
#include "core/table_reader.hpp"
#include "geometry/geos.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string_view>
#include <utility>

namespace regiomap {

std::string to_string(InitiativeStatus status) {
    switch (status) {
        case InitiativeStatus::unknown: return "unknown";
        case InitiativeStatus::idea: return "idea";
        case InitiativeStatus::application: return "application";
        case InitiativeStatus::granted: return "granted";
        case InitiativeStatus::running: return "running";
        case InitiativeStatus::ended: return "ended";
    }
    return "unknown";
}

std::optional<InitiativeStatus> initiative_status_from(const std::string& text) {
    // English as the README names them, and the Dutch words a register in Dutch uses.
    static const std::vector<std::pair<std::string, InitiativeStatus>> dutch{
        {"idee", InitiativeStatus::idea},           {"aanvraag", InitiativeStatus::application},
        {"aangevraagd", InitiativeStatus::application}, {"toegekend", InitiativeStatus::granted},
        {"verleend", InitiativeStatus::granted},    {"lopend", InitiativeStatus::running},
        {"loopt", InitiativeStatus::running},       {"afgerond", InitiativeStatus::ended},
        {"beeindigd", InitiativeStatus::ended},     {"onbekend", InitiativeStatus::unknown}};
    const std::string wanted = normalize_name(text);
    for (auto status : {InitiativeStatus::unknown, InitiativeStatus::idea, InitiativeStatus::application,
                        InitiativeStatus::granted, InitiativeStatus::running, InitiativeStatus::ended}) {
        if (to_string(status) == wanted) return status;
    }
    for (const auto& [word, status] : dutch) {
        if (word == wanted) return status;
    }
    return std::nullopt;
}

namespace {

// The register's columns, each known by its English name and the Dutch ones a
// user writes. The first name is the one messages and the README use.
struct RegisterColumn {
    std::vector<std::string_view> names;
};
const RegisterColumn kId{{"id", "nr", "nummer"}};
const RegisterColumn kName{{"name", "naam"}};
const RegisterColumn kLocation{{"location", "location_as_published", "locatie", "locatie_zoals_gepubliceerd",
                                "werkgebied"}};
const RegisterColumn kInsurers{{"insurers", "verzekeraars"}};
const RegisterColumn kTargetGroups{{"target_groups", "doelgroepen", "doelgroep"}};
const RegisterColumn kYear{{"year", "jaar"}};
const RegisterColumn kStatus{{"status"}};
const RegisterColumn kFormalAgreement{{"formal_agreement", "formele_afspraak", "formele_afspraken"}};
const RegisterColumn kLeadInsurer{{"lead_insurer", "penvoerder", "hoofdaanvrager"}};
const RegisterColumn kMunicipalities{{"municipalities", "gemeenten"}};
const RegisterColumn kStart{{"start", "startdatum", "begindatum"}};
const RegisterColumn kDuration{{"duration_months", "looptijd_maanden", "looptijd_in_maanden", "looptijd"}};
const RegisterColumn kCoordinationCosts{{"coordination_costs", "coordinatiekosten", "procescoordinatiekosten",
                                         "kosten_coordinatie"}};
const RegisterColumn kRequestedSubsidy{{"requested_subsidy", "gevraagde_subsidie", "aangevraagde_subsidie"}};
const RegisterColumn kDateReceived{{"date_received", "datum_ontvangst", "ontvangstdatum", "datum_ontvangen"}};

// Where each register column is in this file (found once: headers may be English or Dutch).
using ColumnPlaces = std::map<const RegisterColumn*, std::optional<std::size_t>>;

ColumnPlaces place_columns(const Table& table) {
    ColumnPlaces places;
    for (const auto* column : {&kId, &kName, &kLocation, &kInsurers, &kTargetGroups, &kYear, &kStatus,
                               &kFormalAgreement, &kLeadInsurer, &kMunicipalities, &kStart, &kDuration,
                               &kCoordinationCosts, &kRequestedSubsidy, &kDateReceived}) {
        places[column] = table.column_named(column->names);  // throws when two columns mean the same
    }
    return places;
}

// One row's cells by column, and its problems, each naming the column as the file writes it.
class RowReader {
public:
    RowReader(const Table& table, const ColumnPlaces& places, const Table::Row& row, std::vector<std::string>& problems)
        : table_(table), places_(places), row_(row), problems_(problems) {}

    bool has(const RegisterColumn& column) const { return places_.at(&column).has_value(); }
    std::string text(const RegisterColumn& column) const {
        const auto& index = places_.at(&column);
        return index ? row_.values[*index] : std::string();
    }
    // A problem with one cell: "row 3 (line 4), column coordination_costs: '-5' is negative".
    void cell_problem(const RegisterColumn& column, const std::string& message) {
        const auto& index = places_.at(&column);
        problems_.push_back(fmt::format("{}, column {}: {}", table_.where(row_),
                                        index ? table_.columns()[*index] : std::string(column.names.front()), message));
    }
    // A problem with the row as a whole: "row 3 (line 4): no location".
    void row_problem(const std::string& message) { problems_.push_back(table_.where(row_) + ": " + message); }

private:
    const Table& table_;
    const ColumnPlaces& places_;
    const Table::Row& row_;
    std::vector<std::string>& problems_;
};

// Mapping a register entry onto municipalities intersects its geometry with theirs; an
// invalid polygon (a bow tie) or a coordinate that is not a number makes GEOS fail
// there. Refused here instead, with the row named.
std::optional<std::string> geometry_problem(const GeosContext& geos, const std::vector<unsigned char>& wkb) {
    try {
        Geometry shape = geometry_from_wkb(geos, wkb.data(), wkb.size());
        const int type = GEOSGeomTypeId_r(geos.handle(), shape.get());
        if (type != GEOS_POINT && type != GEOS_MULTIPOINT && type != GEOS_POLYGON && type != GEOS_MULTIPOLYGON) {
            char* name = GEOSGeomType_r(geos.handle(), shape.get());
            std::string problem = fmt::format("the geometry is a {}; give points or polygons", name ? name : "geometry");
            GEOSFree_r(geos.handle(), name);
            return problem;
        }
        if (auto reason = invalidity_reason(geos, shape.get())) {
            return "the geometry is invalid: " + *reason + " (repair it, e.g. with QGIS 'Fix geometries')";
        }
    } catch (const GeometryError& error) {
        return std::string("the geometry cannot be used: ") + error.what();
    }
    return std::nullopt;
}

}  // namespace

Register read_register(const std::filesystem::path& file, const MunicipalityNames& names,
                       const InsurerDirectory& insurers, DecimalConvention convention) {
    Table table = Table::read(file);
    const ColumnPlaces places = place_columns(table);
    if (!places.at(&kName)) table.column("name");  // required: throws naming the columns present
    Register result;
    result.path = table.path();
    const GeosContext geos;
    std::vector<std::string> problems;
    std::size_t bad_rows = 0;
    for (const auto& row : table.rows()) {
        const std::size_t problems_before = problems.size();
        RowReader read(table, places, row, problems);
        Initiative entry;
        entry.file = table.path();
        entry.where = table.where(row);
        entry.id = read.text(kId);
        if (entry.id.empty()) entry.id = std::to_string(row.number);
        entry.name = read.text(kName);
        if (entry.name.empty()) read.cell_problem(kName, "empty name");
        entry.location = read.text(kLocation);
        entry.insurers_written = read.text(kInsurers);
        entry.target_groups = read.text(kTargetGroups);
        entry.geometry = row.geometry;
        entry.geometry_crs = row.geometry_crs;
        if (!entry.geometry.empty()) {
            if (auto problem = geometry_problem(geos, entry.geometry)) read.row_problem(*problem);
        }
        if (auto year = read.text(kYear); !year.empty()) {
            auto value = parse_whole_count(year, convention);
            if (!value || *value < 1900 || *value > 2100) {
                read.cell_problem(kYear, fmt::format("'{}' is not a year (1900 to 2100)", year));
            } else {
                entry.year = static_cast<int>(*value);
            }
        }
        if (auto status = read.text(kStatus); !status.empty()) {
            if (auto parsed = initiative_status_from(status)) {
                entry.status = *parsed;
            } else {
                read.cell_problem(kStatus, fmt::format("'{}' is not one of idea, application, granted, running, ended "
                                                       "(idee, aanvraag, toegekend, lopend, afgerond)",
                                                       status));
            }
        }
        if (auto formal = read.text(kFormalAgreement); !formal.empty()) {
            const std::string answer = normalize_name(formal);
            if (answer == "yes" || answer == "ja" || answer == "no" || answer == "nee") {
                entry.formal_agreement = answer == "yes" || answer == "ja";
            } else {
                read.cell_problem(kFormalAgreement, fmt::format("'{}' must be yes or no (ja or nee)", formal));
            }
        }
        const bool has_insurer_columns = read.has(kInsurers) || read.has(kLeadInsurer);
        entry.lead_insurer = read.text(kLeadInsurer);
        if (has_insurer_columns && entry.insurers_written.empty() && entry.lead_insurer.empty()) {
            read.row_problem("no insurer: every initiative in this register names the insurers taking part");
        }
        for (auto [column, written] : {std::pair{&kLeadInsurer, &entry.lead_insurer},
                                       std::pair{&kInsurers, &entry.insurers_written}}) {
            if (written->empty()) continue;
            try {
                for (const auto& concern : insurers.concerns_in(*written)) {
                    if (std::find(entry.concerns.begin(), entry.concerns.end(), concern) == entry.concerns.end()) {
                        entry.concerns.push_back(concern);
                    }
                }
            } catch (const NotFoundError& error) {
                read.cell_problem(*column, error.what());
            }
        }
        if (!entry.lead_insurer.empty()) entry.lead_concern = insurers.concern_of(entry.lead_insurer);
        const std::string municipality_list = read.text(kMunicipalities);
        for (const auto& item : split_written_list(municipality_list, ";")) {
            try {
                entry.municipality_codes.push_back(names.resolve_one(item));
            } catch (const NotFoundError& error) {
                read.cell_problem(kMunicipalities, error.what());
            }
        }
        if (entry.location.empty() && municipality_list.empty() && entry.geometry.empty()) {
            read.row_problem("no location: give location, municipalities or a geometry");
        }
        for (auto [column, target] : {std::pair{&kStart, &entry.start}, std::pair{&kDateReceived, &entry.date_received}}) {
            auto text = read.text(*column);
            if (text.empty()) continue;
            auto date = parse_date(text);
            if (date) {
                *target = *date;
            } else {
                read.cell_problem(*column, date.reason());
            }
        }
        if (auto text = read.text(kDuration); !text.empty()) {
            auto months = parse_whole_count(text, convention);
            if (!months) {
                read.cell_problem(kDuration, months.reason() + " (months)");
            } else if (*months == 0 || *months > 1200) {
                read.cell_problem(kDuration, fmt::format("'{}' is not a duration in months (1 to 1200)", text));
            } else {
                entry.duration_months = static_cast<int>(*months);
            }
        }
        for (auto [column, target] : {std::pair{&kCoordinationCosts, &entry.coordination_costs},
                                      std::pair{&kRequestedSubsidy, &entry.requested_subsidy}}) {
            auto text = read.text(*column);
            if (text.empty()) continue;
            auto amount = parse_amount_in_euros(text, convention);
            if (amount) {
                *target = *amount;
            } else {
                read.cell_problem(*column, amount.reason() + " (an amount in euros)");
            }
        }
        if (problems.size() == problems_before) {
            result.entries.push_back(std::move(entry));
        } else {
            ++bad_rows;
        }
    }
    if (!problems.empty()) {
        throw DataError(result.path, "",
                        fmt::format("{} problem{} in {} row{}; nothing was read from this file:\n  {}", problems.size(),
                                    problems.size() == 1 ? "" : "s", bad_rows, bad_rows == 1 ? "" : "s",
                                    fmt::join(problems, "\n  ")));
    }
    return result;
}

}  // namespace regiomap
