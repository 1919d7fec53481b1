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

std::string leader_basis_text(const RegionLeader& leader) {
    if (leader.outside_user_table) {
        RegionLeader designated = leader;
        designated.outside_user_table = false;
        return "not in the table; " + leader_basis_text(designated);
    }
    switch (leader.kind) {
        case LeaderBasisKind::published_statement: return insurer_basis_text(leader.rests_on);
        case LeaderBasisKind::zorgkantoor_rule:
            if (leader.population_share) {
                std::string text = fmt::format("zorgkantoor concern of {:.0f}% of the region's population",
                                               100 * *leader.population_share);
                if (!leader.tied.empty()) {
                    text += fmt::format("; TIE with {} (the first in alphabetical order is shown)",
                                        fmt::join(leader.tied, ", "));
                }
                return text;
            }
            if (leader.rests_on.concern.empty() && leader.rests_on.subject_in_source.empty()) {
                return "missing: no zorgkantoor designation for its municipalities";
            }
            return insurer_basis_text(leader.rests_on);
        case LeaderBasisKind::user_table: break;
    }
    return leader.basis;
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
