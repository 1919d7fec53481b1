// An initiative register: prevention coalitions, network initiatives and
// subsidy applications, read from CSV, GeoJSON or GeoPackage through GDAL.
//
// Columns (by name; only `name` is required, with a location in `location`,
// `location_as_published`, `municipalities` or the feature geometry):
//   name, location | location_as_published, insurers, target_groups, year,
//   status (idea, application, granted, running, ended), formal_agreement (yes/no),
//   and for applications: lead_insurer, municipalities, start (YYYY-MM-DD),
//   duration_months, coordination_costs, requested_subsidy, date_received (YYYY-MM-DD).
// A file with bad rows fails whole, with one message per bad row.
#pragma once

#include "initiatives/insurer_directory.hpp"
#include "layers/municipality_names.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace regiomap {

enum class InitiativeStatus { unknown, idea, application, granted, running, ended };
std::string to_string(InitiativeStatus status);
std::optional<InitiativeStatus> initiative_status_from(const std::string& text);

struct Date {
    int year = 0, month = 0, day = 0;
    auto operator<=>(const Date&) const = default;
    std::string text() const;
};

struct Initiative {
    std::string file;   // the register it came from, and
    std::string where;  // "row 3 (line 4)": for messages
    std::string id;
    std::string name;
    std::string location;                  // as published
    std::string insurers_written;          // as published
    std::vector<std::string> concerns;     // insurer concerns taking part (lead included)
    std::string target_groups;
    std::optional<int> year;
    InitiativeStatus status = InitiativeStatus::unknown;
    std::optional<bool> formal_agreement;
    std::string lead_insurer;              // as written
    std::optional<std::string> lead_concern;
    std::vector<std::string> municipality_codes;  // from the `municipalities` column, resolved
    std::optional<Date> start;
    std::optional<int> duration_months;
    std::optional<double> coordination_costs;
    std::optional<double> requested_subsidy;
    std::optional<Date> date_received;
    std::vector<unsigned char> geometry;   // WKB, from GeoJSON or GeoPackage
    std::string geometry_crs;
};

struct Register {
    std::string path;
    std::vector<Initiative> entries;
};

// Throws DataError listing every bad row (unknown municipality or insurer,
// missing insurer where insurers are named, negative or non-numeric amounts,
// dates that are not dates, unknown statuses); nothing is returned then.
Register read_register(const std::filesystem::path& file, const MunicipalityNames& names,
                       const InsurerDirectory& insurers);

}  // namespace regiomap
