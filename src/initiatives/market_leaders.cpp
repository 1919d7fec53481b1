#include "initiatives/market_leaders.hpp"

#include "core/error.hpp"
#include "core/table_reader.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace regiomap {

namespace {

void sort_by_region_code(const Division& division, std::vector<RegionLeader>& regions) {
    std::sort(regions.begin(), regions.end(), [&](const RegionLeader& a, const RegionLeader& b) {
        return division.region_codes[a.region] < division.region_codes[b.region];
    });
}

// The concern with the largest weight, and any that ties with it.
struct Largest {
    std::string concern;
    double weight = 0;
    double total = 0;
    std::vector<std::string> tied;
};

Largest largest_of(const std::map<std::string, double>& weights) {
    Largest largest;
    for (const auto& [concern, weight] : weights) {
        largest.total += weight;
        if (largest.concern.empty() || weight > largest.weight) {
            largest = {concern, weight, largest.total, {}};
        } else if (weight == largest.weight) {
            largest.tied.push_back(concern);
        }
    }
    return largest;
}

std::map<std::string, int> count_regions_led(const std::vector<RegionLeader>& regions) {
    std::map<std::string, int> led;
    for (const auto& leader : regions) {
        if (!leader.concern.empty()) ++led[leader.concern];
    }
    return led;
}

}  // namespace

namespace {

// The statement every municipality of the region rests on, naming one concern; nullptr when
// some municipality has none or another.
const InsurerFact* statement_for_whole_region(const Governance& g, const std::vector<int>& members) {
    if (members.empty() || g.largest_by_statement.empty()) return nullptr;
    const InsurerFact& first = g.largest_by_statement[members.front()];
    if (first.concern.empty()) return nullptr;
    for (int m : members) {
        const InsurerFact& fact = g.largest_by_statement[m];
        if (fact.concern != first.concern || fact.source != first.source) return nullptr;
    }
    return &first;
}

std::string designation_year_of(const Governance& g) {
    for (const auto& fact : g.zorgkantoor_insurer) {
        if (!fact.year.empty()) return fact.year;
    }
    return "";
}

}  // namespace

MarketLeaders market_leaders(const Governance& g, const std::string& division_id) {
    const Division& division = g.division(division_id);
    MarketLeaders leaders;
    leaders.division = division_id;
    const bool is_zorgkantoor = division_id == kZorgkantoorLayer;
    leaders.designation_year = designation_year_of(g);
    leaders.weighed_by_population = !is_zorgkantoor;
    leaders.population_date = g.population_date;
    for (std::size_t r = 0; r < division.members.size(); ++r) {
        if (const InsurerFact* statement = statement_for_whole_region(g, division.members[r])) {
            RegionLeader leader{static_cast<int>(r), statement->concern, std::nullopt, statement->year};
            leader.kind = LeaderBasisKind::published_statement;
            leader.source = statement->source;
            leader.rests_on = *statement;
            leaders.regions.push_back(leader);
            continue;
        }
        std::map<std::string, double> weights;
        std::string year;
        for (int m : division.members[r]) {
            const InsurerFact& fact = g.zorgkantoor_insurer[m];
            year = fact.year;
            if (fact.concern.empty()) continue;
            weights[fact.concern] += static_cast<double>(g.population_of(m));
        }
        const Largest largest = largest_of(weights);
        // A designation says who runs the zorgkantoor, not a market share: share stays empty.
        RegionLeader leader{static_cast<int>(r), largest.concern, std::nullopt, year};
        leader.kind = LeaderBasisKind::zorgkantoor_rule;
        if (!division.members[r].empty()) {
            leader.rests_on = g.zorgkantoor_insurer[division.members[r].front()];
            leader.source = leader.rests_on.source;
        }
        if (!is_zorgkantoor && !leader.concern.empty()) {
            leader.population_share = largest.total > 0 ? largest.weight / largest.total : 0.0;
            leader.tied = largest.tied;
        }
        leaders.regions.push_back(leader);
    }
    sort_by_region_code(division, leaders.regions);
    leaders.regions_led = count_regions_led(leaders.regions);
    return leaders;
}

namespace {

// One usable row of a market-share table.
struct MarketFigure {
    const Table::Row* row = nullptr;
    int region = -1;
    int municipality = -1;  // -1: the table is per region
    std::string concern;
    double insured = 0;               // persons, for a table of insured persons
    std::optional<double> share;      // fraction, for a table of market shares
};

std::string percent(double fraction) { return fmt::format("{:.1f}%", 100 * fraction); }

}  // namespace

MarketLeaders market_leaders_from_table(const Governance& g, const MunicipalityNames& names,
                                        const InsurerDirectory& insurers, const std::string& division_id,
                                        const std::filesystem::path& file, DecimalConvention convention) {
    const Division& division = g.division(division_id);
    Table table = Table::read(file);
    const auto municipality_column = table.column_named({"municipality", "gemeente"});
    const auto region_column = table.column_named({"region", "regio"});
    if (!municipality_column && !region_column) table.column("municipality");  // throws naming the columns present
    if (municipality_column && region_column) {
        throw DataError(table.path(), "", "give the place in one column, municipality or region, not both");
    }
    const bool per_municipality = municipality_column.has_value();
    const std::size_t place_column = per_municipality ? *municipality_column : *region_column;
    const auto concern_column = table.column_named({"concern", "insurer", "verzekeraar", "zorgverzekeraar"});
    if (!concern_column) table.column("concern");
    // Insured persons, or a market share that is weighed by the municipality's population when given per municipality.
    const auto insured_column = table.column_named({"insured", "insured_persons", "verzekerden", "aantal_verzekerden"});
    const auto share_column = table.column_named({"share", "market_share", "marktaandeel"});
    if (!insured_column && !share_column) table.column("insured");
    const bool by_share = !insured_column;
    const std::size_t figure_column = by_share ? *share_column : *insured_column;
    const auto year_column = table.column_named({"year", "jaar"});

    // Shares without '%' are fractions, unless any of them is above 1: then the column is in percent
    // (a fraction cannot exceed 1, and "1" in a column of percents is 1%, not 100%).
    const bool column_in_percent = by_share && std::any_of(table.rows().begin(), table.rows().end(), [&](const auto& row) {
                                       auto share = parse_written_share(row.values[figure_column], convention);
                                       return share && !share->percent && share->number > 1.0;
                                   });
    std::vector<std::string> problems;
    auto cell_problem = [&](const Table::Row& row, std::size_t column, const std::string& message) {
        problems.push_back(fmt::format("{}, column {}: {}", table.where(row), table.columns()[column], message));
    };
    std::vector<MarketFigure> figures;
    std::vector<std::string> years;
    for (const auto& row : table.rows()) {
        MarketFigure figure;
        figure.row = &row;
        bool usable = true;
        const std::string& place = row.values[place_column];
        if (per_municipality) {
            try {
                figure.municipality = g.index_of.at(names.resolve_one(place));
                figure.region = division.region_of[figure.municipality];
            } catch (const NotFoundError& error) {
                cell_problem(row, place_column, error.what());
                usable = false;
            }
        } else {
            figure.region = division.region_index(place);
            if (figure.region < 0) {
                cell_problem(row, place_column, fmt::format("no region '{}' in layer {} (codes such as {})", place,
                                                            division_id, division.region_codes.front()));
                usable = false;
            }
        }
        const std::string& concern = row.values[*concern_column];
        if (concern.empty()) {
            cell_problem(row, *concern_column, "empty: name the insurer concern or brand");
            usable = false;
        } else {
            try {
                figure.concern = insurers.require_concern(concern);
            } catch (const NotFoundError& error) {
                cell_problem(row, *concern_column, error.what());
                usable = false;
            }
        }
        const std::string& written = row.values[figure_column];
        if (by_share) {
            auto share = parse_written_share(written, convention);
            auto fraction = share ? share_as_fraction(*share, column_in_percent) : Parsed<double>::refused(share.reason());
            if (fraction) {
                figure.share = *fraction;
            } else {
                cell_problem(row, figure_column, fraction.reason() + (share ? "" : " (a market share)"));
                usable = false;
            }
        } else {
            auto insured = parse_whole_count(written, convention);
            if (insured) {
                figure.insured = static_cast<double>(*insured);
            } else {
                cell_problem(row, figure_column, insured.reason() + " (a number of insured persons)");
                usable = false;
            }
        }
        if (year_column) {
            const std::string& year = row.values[*year_column];
            auto value = parse_whole_count(year, convention);
            if (!year.empty() && (!value || *value < 1900 || *value > 2100)) {
                cell_problem(row, *year_column, fmt::format("'{}' is not a year (1900 to 2100)", year));
            } else if (!year.empty() && std::find(years.begin(), years.end(), year) == years.end()) {
                years.push_back(year);
            }
        }
        if (usable) figures.push_back(figure);
    }
    // Place -> (sum of shares, rows), to refuse a region or municipality whose shares exceed 100%.
    std::map<int, std::pair<double, std::vector<std::string>>> share_sums;
    std::vector<std::map<std::string, double>> weights(division.region_codes.size());
    std::vector<std::set<int>> municipalities_in_table(division.region_codes.size());
    for (const auto& figure : figures) {
        double weight = figure.insured;
        if (by_share) {
            auto& sum = share_sums[per_municipality ? figure.municipality : figure.region];
            sum.first += *figure.share;
            sum.second.push_back(table.where(*figure.row));
            weight = *figure.share;
            if (per_municipality) weight *= static_cast<double>(g.population_of(figure.municipality));
        }
        if (figure.region < 0) continue;  // a municipality outside this division
        weights[figure.region][figure.concern] += weight;
        if (per_municipality) municipalities_in_table[figure.region].insert(figure.municipality);
    }
    for (const auto& [place, sum] : share_sums) {
        if (sum.first <= 1.0 + 1e-9) continue;
        const std::string name = per_municipality
                                     ? fmt::format("municipality {} {}", g.codes[place], g.names[place])
                                     : fmt::format("region {} {}", division.region_codes[place], division.region_names[place]);
        problems.push_back(fmt::format("{}: the market shares sum to {}, above 100% ({})", name, percent(sum.first),
                                       fmt::join(sum.second, "; ")));
    }
    if (!problems.empty()) {
        throw DataError(table.path(), "",
                        fmt::format("{} problem{}; nothing was used from this file:\n  {}", problems.size(),
                                    problems.size() == 1 ? "" : "s", fmt::join(problems, "\n  ")));
    }

    // Regions the table does not cover keep the designation leader, so the leaders keep its facts too.
    MarketLeaders leaders = market_leaders(g, division_id);
    const MarketTableShape shape{by_share ? MarketTableFigure::market_shares : MarketTableFigure::insured_persons,
                                 per_municipality ? MarketTablePlace::municipality : MarketTablePlace::region, years};
    UserMarketTable user_table{file.filename().string(), shape, 0};
    for (auto& leader : leaders.regions) {
        const auto& region_weights = weights[leader.region];
        if (region_weights.empty()) {
            leader.outside_user_table = true;
            continue;
        }
        ++user_table.regions_covered;
        const Largest largest = largest_of(region_weights);
        RegionLeader from_table{leader.region, largest.concern, std::nullopt, ""};
        from_table.kind = LeaderBasisKind::user_table;
        from_table.source = user_table.file_name;
        from_table.tied = largest.tied;
        from_table.table = shape;
        from_table.table_municipalities = municipalities_in_table[leader.region].size();
        if (!by_share) {
            from_table.share = largest.weight / largest.total;
        } else if (per_municipality) {
            double population = 0;
            for (int m : municipalities_in_table[leader.region]) population += static_cast<double>(g.population_of(m));
            from_table.share = population > 0 ? largest.weight / population : 0.0;
        } else {
            from_table.share = largest.weight;
        }
        leader = std::move(from_table);
    }
    leaders.user_table = std::move(user_table);
    leaders.regions_led = count_regions_led(leaders.regions);
    return leaders;
}

}  // namespace regiomap
