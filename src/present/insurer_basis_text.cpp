#include "present/insurer_basis_text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace regiomap {

namespace {

constexpr const char* kZorgkantoorRule =
    "the zorgkantoor rule (the zorgkantoor is run by the insurer with the largest market share in its region)";

std::string designated_entity(const InsurerFact& fact) {
    std::string entity = fact.subject_in_source;
    if (!fact.matched_as.empty()) entity += " (" + fact.matched_as + ")";
    return entity;
}

std::string designation_text(const InsurerFact& fact) {
    if (fact.concern.empty()) {
        return fmt::format("unmapped: {} (zorgkantoor designation {}: {})", fact.detail, fact.year,
                           designated_entity(fact));
    }
    return fmt::format("zorgkantoor designation {} ({}): {} is {}: {}", fact.year, fact.source,
                       designated_entity(fact), fact.concern, fact.detail);
}

}  // namespace

std::string insurer_value_text(const InsurerFact& fact) {
    if (!fact.concern.empty()) return fact.concern;
    const bool unmapped = fact.kind == InsurerBasisKind::unmapped_designation ||
                          (fact.kind == InsurerBasisKind::zorgkantoor_rule && !fact.subject_in_source.empty());
    return unmapped ? "unmapped" : "missing";
}

std::string insurer_basis_text(const InsurerFact& fact) {
    switch (fact.kind) {
        case InsurerBasisKind::designation:
        case InsurerBasisKind::unmapped_designation:
            if (fact.subject_in_source.empty()) break;  // a fact made without its fields (hand-made governance)
            return designation_text(fact);
        case InsurerBasisKind::zorgkantoor_rule:
            if (fact.subject_in_source.empty()) break;
            if (fact.concern.empty()) return "unknown by " + std::string(kZorgkantoorRule) + "; " + designation_text(fact);
            return "regional market leader by " + std::string(kZorgkantoorRule) + "; " + designation_text(fact);
        case InsurerBasisKind::published_statement:
            return fmt::format("published statement, used instead of the zorgkantoor rule ({}, {}): {} ({}: {})",
                               fact.year, fact.source, fact.detail, fact.subject_in_source, fact.matched_as);
        case InsurerBasisKind::published_municipality: return "published: " + fact.detail;
        case InsurerBasisKind::published_lead:
        case InsurerBasisKind::user_table: break;
    }
    if (fact.concern.empty() && fact.basis.empty()) {
        return "no published figure and no zorgkantoor designation for the region";
    }
    return fact.basis;
}

std::string insurer_basis_column_text(const InsurerFact& fact) {
    if (!fact.by_zorgkantoor_rule) return insurer_basis_text(fact);
    if (fact.concern.empty()) {
        return fmt::format("unmapped: zorgkantoor rule ({} designation of {})", fact.year, fact.subject_in_source);
    }
    return fmt::format("zorgkantoor rule ({} designation)", fact.year);
}

std::string insurer_basis_kind_text(const InsurerFact& fact) {
    if (fact.concern.empty() && insurer_value_text(fact) == "unmapped") return "unmapped";
    if (fact.kind == InsurerBasisKind::designation) return "zorgkantoor_rule";  // a designation is the rule's input
    return to_string(fact.kind);
}

namespace {

constexpr const char* kNoDesignation = "missing: no zorgkantoor designation for its municipalities";

std::string tie_note(const RegionLeader& leader) {
    if (leader.tied.empty()) return "";
    return fmt::format("; TIE with {} (the first in alphabetical order is shown)", fmt::join(leader.tied, ", "));
}

std::string user_table_leader_text(const RegionLeader& leader) {
    std::string text;
    if (leader.table.figure == MarketTableFigure::insured_persons) {
        text = "share of the insured persons in the table";
    } else if (leader.table.place == MarketTablePlace::municipality) {
        text = fmt::format("market share in the table, weighed by population over its {} municipalit{} there",
                           leader.table_municipalities, leader.table_municipalities == 1 ? "y" : "ies");
    } else {
        text = "market share in the table";
    }
    return text + tie_note(leader);
}

// The sentence of a leader, with what it rests on (the designation or statement) worded by `rests_on_text`;
// `no_designation` tells a designation leader that rests on none.
template <typename RestsOnText, typename NoDesignation>
std::string leader_text(const RegionLeader& leader, RestsOnText rests_on_text, NoDesignation no_designation) {
    std::string text = leader.outside_user_table ? "not in the table; " : "";
    switch (leader.kind) {
        case LeaderBasisKind::published_statement: return text + rests_on_text(leader.rests_on);
        case LeaderBasisKind::zorgkantoor_rule:
            if (leader.population_share) {
                return text + fmt::format("zorgkantoor concern of {:.0f}% of the region's population",
                                          100 * *leader.population_share) +
                       tie_note(leader);
            }
            return text + (no_designation(leader.rests_on) ? kNoDesignation : rests_on_text(leader.rests_on));
        case LeaderBasisKind::user_table: break;
    }
    return text + user_table_leader_text(leader);
}

std::string years_text(const MarketTableShape& shape) {
    return shape.years.empty() ? "not stated" : fmt::format("{}", fmt::join(shape.years, ", "));
}

std::string designation_leaders_text(const MarketLeaders& leaders) {
    const std::string year = leaders.designation_year.empty() ? "unknown" : leaders.designation_year;
    return (leaders.weighed_by_population
                ? fmt::format("zorgkantoor rule per municipality ({} designation mapped to 2020 concerns), weighed by "
                              "population on {}",
                              year, leaders.population_date)
                : fmt::format("zorgkantoor designation (the zorgkantoor is run by the insurer with the largest market "
                              "share in its region); designation of {} mapped to the concerns of 2020",
                              year)) +
           "; a published statement naming the largest insurer of all of a region's municipalities comes first";
}

}  // namespace

std::string leader_basis_text(const RegionLeader& leader) {
    return leader_text(leader, insurer_basis_text, [](const InsurerFact& designation) {
        return designation.concern.empty() && designation.subject_in_source.empty();
    });
}

std::string leader_basis_line(const RegionLeader& leader) {
    return leader_text(leader, [](const InsurerFact& fact) { return fact.basis; },
                       [](const InsurerFact& designation) { return designation.basis.empty(); });
}

std::string leader_year_text(const RegionLeader& leader) {
    return leader.kind == LeaderBasisKind::user_table ? years_text(leader.table) : leader.year;
}

std::string market_leaders_basis_text(const MarketLeaders& leaders) {
    if (!leaders.user_table) return designation_leaders_text(leaders);
    const UserMarketTable& table = *leaders.user_table;
    const bool by_share = table.shape.figure == MarketTableFigure::market_shares;
    const bool per_municipality = table.shape.place == MarketTablePlace::municipality;
    return fmt::format(
        "user table {} of {} per {} (year {}), summed per concern and region{}; {} of {} regions covered{}",
        table.file_name, by_share ? "market shares" : "insured persons", per_municipality ? "municipality" : "region",
        years_text(table.shape), by_share && per_municipality ? " weighed by population" : "", table.regions_covered,
        leaders.regions.size(),
        table.regions_covered == leaders.regions.size() ? std::string()
                                                        : "; the others: " + designation_leaders_text(leaders));
}

std::string leader_basis_kind_text(const RegionLeader& leader) {
    switch (leader.kind) {
        case LeaderBasisKind::published_statement: return "published_statement";
        case LeaderBasisKind::user_table: return "user_table";
        case LeaderBasisKind::zorgkantoor_rule: break;
    }
    if (leader.concern.empty() && !leader.rests_on.subject_in_source.empty()) return "unmapped";
    return "zorgkantoor_rule";
}

}  // namespace regiomap
