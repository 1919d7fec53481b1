#include "present/application_rules_text.hpp"

#include <fmt/format.h>

namespace regiomap {

namespace {

std::string euros(const std::optional<double>& amount) { return fmt::format("EUR {:.0f}", amount.value_or(0)); }

}  // namespace

std::string application_rule_text(ApplicationRule rule) {
    switch (rule) {
        case ApplicationRule::lead_is_insurer: return "the lead applicant is an insurer";
        case ApplicationRule::municipality_takes_part: return "at least one municipality takes part";
        case ApplicationRule::subsidy_share_of_costs: return "subsidy at most one third of coordination costs";
        case ApplicationRule::minimum_subsidy: return "subsidy at least EUR 25,000";
        case ApplicationRule::maximum_duration: return "at most 3 years";
        case ApplicationRule::application_deadline: return "received no later than 1 October 2021";
        case ApplicationRule::client_groups: return "target groups among the insurer's client groups";
    }
    return "";
}

std::string violation_detail_text(const RuleViolation& v) {
    const bool cannot_check = v.kind == ViolationKind::cannot_check;
    switch (v.rule) {
        case ApplicationRule::lead_is_insurer:
            return cannot_check ? "no lead_insurer given"
                                : "'" + v.lead_insurer + "' is not a known insurer concern or brand";
        case ApplicationRule::municipality_takes_part: return "no municipality resolved from the application";
        case ApplicationRule::subsidy_share_of_costs:
            return cannot_check ? "cannot check: coordination_costs or requested_subsidy missing"
                                : fmt::format("{} requested of {} costs: at most {}", euros(v.requested_eur),
                                              euros(v.costs_eur), euros(v.most_allowed_eur));
        case ApplicationRule::minimum_subsidy: return fmt::format("{} requested", euros(v.requested_eur));
        case ApplicationRule::maximum_duration:
            return cannot_check ? "cannot check: duration_months missing"
                                : fmt::format("{} months", v.duration_months.value_or(0));
        case ApplicationRule::application_deadline:
            return cannot_check ? "cannot check: date_received missing"
                                : "received " + (v.received ? v.received->text() : std::string());
        case ApplicationRule::client_groups:
            return cannot_check ? "no target groups given"
                                : fmt::format("not a client group: {} (client groups: {})",
                                              fmt::join(v.outside_groups, "; "), fmt::join(kFrameworkClientGroups, ", "));
    }
    return "";
}

}  // namespace regiomap
