#include "initiatives/market_leaders.hpp"

#include "core/error.hpp"
#include "core/table_reader.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace regiomap {

namespace {

void sort_by_region_code(const Division& division, std::vector<RegionLeader>& regions) {
    std::sort(regions.begin(), regions.end(), [&](const RegionLeader& a, const RegionLeader& b) {
        return division.region_codes[a.region] < division.region_codes[b.region];
    });
}

RegionLeader leader_of(int region, const std::map<std::string, double>& weights, const std::string& basis,
                       const std::string& year) {
    RegionLeader leader{region, "", 0, basis, year};
    double total = 0, best = -1;
    for (const auto& [concern, weight] : weights) {
        total += weight;
        if (weight > best) {
            best = weight;
            leader.concern = concern;
        }
    }
    if (total > 0) leader.share = best / total;
    return leader;
}

}  // namespace

MarketLeaders market_leaders(const Governance& g, const std::string& division_id) {
    const Division& division = g.division(division_id);
    MarketLeaders leaders;
    leaders.division = division_id;
    const bool is_zorgkantoor = division_id == kZorgkantoorLayer;
    leaders.basis = is_zorgkantoor
                        ? "zorgkantoor designation (the zorgkantoor is run by the insurer with the largest market share "
                          "in its region); designation of 2014 mapped to the concerns of 2020"
                        : "zorgkantoor rule per municipality (2014 designation mapped to 2020 concerns), weighed by "
                          "population on " + g.population_date;
    for (std::size_t r = 0; r < division.members.size(); ++r) {
        std::map<std::string, double> weights;
        std::string year;
        for (int m : division.members[r]) {
            const InsurerFact& fact = g.zorgkantoor_insurer[m];
            if (fact.concern.empty()) continue;
            weights[fact.concern] += static_cast<double>(g.population_of(m));
            year = fact.year;
        }
        RegionLeader leader = leader_of(static_cast<int>(r), weights, "", year);
        if (leader.concern.empty()) {
            leader.basis = "missing: no zorgkantoor designation for its municipalities";
        } else if (is_zorgkantoor) {
            leader.basis = g.zorgkantoor_insurer[division.members[r].front()].basis;
        } else {
            leader.basis = fmt::format("zorgkantoor concern of {:.0f}% of the region's population", 100 * leader.share);
        }
        leaders.regions.push_back(leader);
    }
    sort_by_region_code(division, leaders.regions);
    return leaders;
}

MarketLeaders market_leaders_from_table(const Governance& g, const MunicipalityNames& names,
                                        const std::string& division_id, const std::filesystem::path& file) {
    const Division& division = g.division(division_id);
    Table table = Table::read(file);
    const bool per_municipality = table.has_column("municipality");
    if (!per_municipality && !table.has_column("region")) table.column("municipality");  // throws naming columns
    const auto place = table.column(per_municipality ? "municipality" : "region");
    const auto concern_column = table.column("concern");
    // Insured persons, or a market share (fraction or percent) that is weighed by the
    // municipality's population when given per municipality.
    const bool by_share = !table.has_column("insured") && table.has_column("share");
    const auto insured_column = table.column(by_share ? "share" : "insured");
    const std::string year = table.has_column("year") ? table.rows().front().values[table.column("year")] : "not stated";
    std::vector<std::map<std::string, double>> weights(division.region_codes.size());
    for (const auto& row : table.rows()) {
        double insured = 0;
        try {
            std::size_t used = 0;
            insured = std::stod(row.values[insured_column], &used);
            if (used != row.values[insured_column].size() || insured < 0) throw std::invalid_argument("");
        } catch (const std::exception&) {
            throw DataError(table.path(), table.where(row),
                            "'" + row.values[insured_column] + "' is not a number of insured persons or a share");
        }
        if (by_share && insured > 1.0) insured /= 100.0;  // percent
        int region = -1;
        if (per_municipality) {
            const int municipality = g.index_of.at(municipality_in_row(names, table, row, row.values[place]));
            region = division.region_of[municipality];
            if (by_share) insured *= static_cast<double>(g.population_of(municipality));
        } else {
            region = division.region_index(row.values[place]);
            if (region < 0) {
                throw DataError(table.path(), table.where(row),
                                fmt::format("no region '{}' in layer {}", row.values[place], division_id));
            }
        }
        if (region >= 0) weights[region][row.values[concern_column]] += insured;
    }
    MarketLeaders leaders;
    leaders.division = division_id;
    leaders.basis = fmt::format("user table {} of {} per {} (year {}), {}", file.filename().string(),
                                by_share ? "market shares" : "insured persons",
                                per_municipality ? "municipality" : "region", year,
                                by_share && per_municipality ? "weighed by population and summed per region"
                                                             : "summed per region");
    for (std::size_t r = 0; r < weights.size(); ++r) {
        RegionLeader leader = leader_of(static_cast<int>(r), weights[r], "", year);
        leader.basis = leader.concern.empty() ? "missing: the table has no insured persons here"
                                              : fmt::format("{:.0f}% of {} in the table", 100 * leader.share,
                                                            by_share ? "the weighed market shares" : "insured persons");
        leaders.regions.push_back(leader);
    }
    sort_by_region_code(division, leaders.regions);
    return leaders;
}

std::string format_market_leaders(const Governance& g, const MarketLeaders& leaders, OutputFormat format) {
    const Division& d = g.division(leaders.division);
    if (format == OutputFormat::json) {
        nlohmann::json out = {{"division", leaders.division}, {"basis", leaders.basis}, {"regions", nlohmann::json::array()}};
        for (const auto& leader : leaders.regions) {
            out["regions"].push_back({{"region_code", d.region_codes[leader.region]},
                                      {"region_name", d.region_names[leader.region]},
                                      {"leader", leader.concern}, {"share", leader.share}, {"basis", leader.basis},
                                      {"year", leader.year}});
        }
        return json_text(out);
    }
    if (format == OutputFormat::csv) {
        std::string text = csv_line({"region_code", "region_name", "leader", "share", "basis", "year"});
        for (const auto& leader : leaders.regions) {
            text += csv_line({d.region_codes[leader.region], d.region_names[leader.region], leader.concern,
                              fmt::format("{:.4f}", leader.share), leader.basis, leader.year});
        }
        return text;
    }
    std::vector<std::vector<std::string>> rows;
    std::map<std::string, int> per_concern;

    for (const auto& leader : leaders.regions) {
        rows.push_back({d.region_codes[leader.region], d.region_names[leader.region],
                        leader.concern.empty() ? "missing" : leader.concern, leader.year, leader.basis});
        if (!leader.concern.empty()) ++per_concern[leader.concern];
    }
    std::vector<std::string> tally;
    for (const auto& [concern, count] : per_concern) tally.push_back(fmt::format("{} {}", concern, count));
    return fmt::format("Market leaders per {} region. Basis: {}.\n\n", leaders.division, leaders.basis) +
           format_text_table({"region", "name", "leader", "year", "basis"}, rows) +
           fmt::format("\nRegions led: {}\n", fmt::join(tally, ", "));
}

}  // namespace regiomap
