// An initiative register: prevention coalitions, network initiatives and
// subsidy applications, read from CSV, GeoJSON or GeoPackage through GDAL.
//
// Columns (by name, in English or Dutch, case and accents aside; only `name`
// is required, with a location in `location`, `municipalities` or the feature
// geometry):
//   name (naam), location | location_as_published (locatie, werkgebied),
//   insurers (verzekeraars), target_groups (doelgroepen), year (jaar),
//   status (idea, application, granted, running, ended; idee, aanvraag,
//   toegekend, lopend, afgerond), formal_agreement (formele_afspraak; yes/no, ja/nee),
//   and for applications: lead_insurer (penvoerder), municipalities (gemeenten),
//   start (startdatum), duration_months (looptijd_maanden), coordination_costs
//   (coordinatiekosten), requested_subsidy (gevraagde_subsidie), date_received
//   (datum_ontvangst). Amounts, counts and dates as core/number_format.hpp reads them.
// A file with bad cells fails whole, with one message per bad cell.
#pragma once

#include "core/number_format.hpp"
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

// Throws DataError listing every bad cell with its row and column (unknown
// municipality or insurer, missing insurer where insurers are named, negative,
// ambiguous or non-numeric amounts, dates that are not dates, unknown statuses);
// nothing is returned then.
Register read_register(const std::filesystem::path& file, const MunicipalityNames& names,
                       const InsurerDirectory& insurers,
                       DecimalConvention convention = DecimalConvention::automatic);

}  // namespace regiomap
