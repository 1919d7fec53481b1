// The rules of the prevention-coalition subsidy scheme (2017-2021) and, when
// chosen, one insurer's framework (shared/docs/DOMAIN.md), checked per application.
#pragma once

#include "core/number_format.hpp"
#include "core/output.hpp"
#include "initiatives/initiative_map.hpp"

#include <optional>
#include <string>
#include <vector>

namespace regiomap {

struct SchemeRules {
    double max_subsidy_share_of_costs = 1.0 / 3.0;
    double min_subsidy_eur = 25000;
    int max_duration_months = 36;
    Date last_application_date{2021, 10, 1};
};

// The client groups of the insurer framework that asks for them.
inline const std::vector<std::string> kFrameworkClientGroups{
    "chronically ill", "elderly", "cardiovascular patients", "patients with mental-health problems",
    "oncology patients"};

// The scheme's rules, in the order they are checked; present/application_rules_text.hpp names them.
enum class ApplicationRule {
    lead_is_insurer,           // the lead applicant is an insurer
    municipality_takes_part,   // at least one municipality takes part
    subsidy_share_of_costs,    // subsidy at most one third of coordination costs
    minimum_subsidy,           // subsidy at least EUR 25,000
    maximum_duration,          // at most 3 years
    application_deadline,      // received no later than 1 October 2021
    client_groups,             // target groups among the insurer's client groups (insurer framework)
};

// Why a rule is not met: a figure it needs is missing (so it cannot be checked), or the
// figures break it.
enum class ViolationKind { cannot_check, broken };

struct RuleViolation {
    ApplicationRule rule = ApplicationRule::lead_is_insurer;
    ViolationKind kind = ViolationKind::broken;
    // The figures that break it, as far as the rule has them:
    std::string lead_insurer;                  // lead_is_insurer: the name that is no known concern or brand
    std::optional<double> requested_eur;       // subsidy rules
    std::optional<double> costs_eur;           // subsidy_share_of_costs
    std::optional<double> most_allowed_eur;    // subsidy_share_of_costs: the costs times the scheme's share
    std::optional<int> duration_months;        // maximum_duration
    std::optional<Date> received;              // application_deadline
    std::vector<std::string> outside_groups;   // client_groups: the target groups that are no client group
};

struct ApplicationCheck {
    const LocatedInitiative* application = nullptr;
    std::vector<RuleViolation> violations;
};

std::vector<ApplicationCheck> check_applications(const std::vector<LocatedInitiative>& located, bool insurer_framework,
                                                 const SchemeRules& rules = {});

// How many of the checked applications meet every rule.
int applications_meeting_every_rule(const std::vector<ApplicationCheck>& checks);


}  // namespace regiomap
