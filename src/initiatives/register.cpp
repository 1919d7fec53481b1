#include "initiatives/register.hpp"

#include "core/error.hpp"
#include "core/name_matching.hpp"
#include "core/table_reader.hpp"
#include "geometry/geos.hpp"

#include <fmt/format.h>

#include <charconv>
#include <optional>
#include <regex>

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
    for (auto status : {InitiativeStatus::unknown, InitiativeStatus::idea, InitiativeStatus::application,
                        InitiativeStatus::granted, InitiativeStatus::running, InitiativeStatus::ended}) {
        if (to_string(status) == text) return status;
    }
    return std::nullopt;
}

std::string Date::text() const { return fmt::format("{:04}-{:02}-{:02}", year, month, day); }

namespace {

std::optional<Date> parse_date(const std::string& text) {
    static const std::regex iso(R"((\d{4})-(\d{2})-(\d{2}))");
    std::smatch match;
    if (!std::regex_match(text, match, iso)) return std::nullopt;
    Date date{std::stoi(match[1]), std::stoi(match[2]), std::stoi(match[3])};
    static constexpr int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > days[date.month - 1]) return std::nullopt;
    const bool leap = (date.year % 4 == 0 && date.year % 100 != 0) || date.year % 400 == 0;
    if (date.month == 2 && date.day == 29 && !leap) return std::nullopt;
    return date;
}

std::optional<double> parse_amount(const std::string& text) {
    double value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

class RowReader {
public:
    RowReader(const Table& table, const Table::Row& row, std::vector<std::string>& problems)
        : table_(table), row_(row), problems_(problems) {}

    std::string text(std::initializer_list<const char*> columns) const {
        for (const char* column : columns) {
            if (table_.has_column(column)) return row_.values[table_.column(column)];
        }
        return "";
    }
    void problem(const std::string& message) { problems_.push_back(message); }

private:
    const Table& table_;
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
                       const InsurerDirectory& insurers) {
    Table table = Table::read(file);
    table.column("name");  // required: throws naming the columns present
    Register result;
    result.path = table.path();
    const GeosContext geos;
    std::vector<std::string> problems;
    for (const auto& row : table.rows()) {
        std::vector<std::string> row_problems;
        RowReader read(table, row, row_problems);
        Initiative entry;
        entry.file = table.path();
        entry.where = table.where(row);
        entry.id = read.text({"id"});
        if (entry.id.empty()) entry.id = std::to_string(row.number);
        entry.name = read.text({"name"});
        if (entry.name.empty()) read.problem("empty name");
        entry.location = read.text({"location", "location_as_published"});
        entry.insurers_written = read.text({"insurers"});
        entry.target_groups = read.text({"target_groups"});
        entry.geometry = row.geometry;
        entry.geometry_crs = row.geometry_crs;
        if (!entry.geometry.empty()) {
            if (auto problem = geometry_problem(geos, entry.geometry)) read.problem(*problem);
        }
        if (auto year = read.text({"year"}); !year.empty()) {
            auto value = parse_amount(year);
            if (!value || *value < 1900 || *value > 2100 || *value != static_cast<int>(*value)) {
                read.problem(fmt::format("year '{}' is not a year", year));
            } else {
                entry.year = static_cast<int>(*value);
            }
        }
        if (auto status = read.text({"status"}); !status.empty()) {
            if (auto parsed = initiative_status_from(status)) {
                entry.status = *parsed;
            } else {
                read.problem(fmt::format("status '{}' is not one of idea, application, granted, running, ended", status));
            }
        }
        if (auto formal = read.text({"formal_agreement"}); !formal.empty()) {
            if (formal == "yes" || formal == "no") {
                entry.formal_agreement = formal == "yes";
            } else {
                read.problem(fmt::format("formal_agreement '{}' must be yes or no", formal));
            }
        }
        const bool has_insurer_columns = table.has_column("insurers") || table.has_column("lead_insurer");
        entry.lead_insurer = read.text({"lead_insurer"});
        if (has_insurer_columns && entry.insurers_written.empty() && entry.lead_insurer.empty()) {
            read.problem("no insurer: every initiative in this register names the insurers taking part");
        }
        for (const auto* written : {&entry.lead_insurer, &entry.insurers_written}) {
            if (written->empty()) continue;
            try {
                for (const auto& concern : insurers.concerns_in(*written)) {
                    if (std::find(entry.concerns.begin(), entry.concerns.end(), concern) == entry.concerns.end()) {
                        entry.concerns.push_back(concern);
                    }
                }
            } catch (const NotFoundError& error) {
                read.problem(error.what());
            }
        }
        if (!entry.lead_insurer.empty()) entry.lead_concern = insurers.concern_of(entry.lead_insurer);
        const std::string municipality_list = read.text({"municipalities"});
        if (const auto& list = municipality_list; !list.empty()) {
            for (const auto& item : split_written_list(list, ";")) {
                try {
                    entry.municipality_codes.push_back(names.resolve_one(item));
                } catch (const NotFoundError& error) {
                    read.problem(error.what());
                }
            }
        }
        if (entry.location.empty() && municipality_list.empty() && entry.geometry.empty()) {
            read.problem("no location: give location, municipalities or a geometry");
        }
        for (auto [column, target] : {std::pair{"start", &entry.start}, std::pair{"date_received", &entry.date_received}}) {
            auto text = read.text({column});
            if (text.empty()) continue;
            *target = parse_date(text);
            if (!*target) read.problem(fmt::format("{} '{}' is not a date (YYYY-MM-DD)", column, text));
        }
        if (auto text = read.text({"duration_months"}); !text.empty()) {
            auto value = parse_amount(text);
            if (!value || *value <= 0 || *value != static_cast<int>(*value)) {
                read.problem(fmt::format("duration_months '{}' is not a positive whole number", text));
            } else {
                entry.duration_months = static_cast<int>(*value);
            }
        }
        for (auto [column, target] : {std::pair{"coordination_costs", &entry.coordination_costs},
                                      std::pair{"requested_subsidy", &entry.requested_subsidy}}) {
            auto text = read.text({column});
            if (text.empty()) continue;
            auto value = parse_amount(text);
            if (!value) {
                read.problem(fmt::format("{} '{}' is not an amount in euros", column, text));
            } else if (*value < 0) {
                read.problem(fmt::format("{} {} is negative", column, text));
            } else {
                *target = value;
            }
        }
        if (row_problems.empty()) {
            result.entries.push_back(std::move(entry));
        } else {
            problems.push_back(fmt::format("{}: {}", table.where(row), fmt::join(row_problems, "; ")));
        }
    }
    if (!problems.empty()) {
        throw DataError(result.path, "",
                        fmt::format("{} bad row{}; nothing was read from this file:\n  {}", problems.size(),
                                    problems.size() == 1 ? "" : "s", fmt::join(problems, "\n  ")));
    }
    return result;
}

}  // namespace regiomap
