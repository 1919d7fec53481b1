// The rules of the prevention-coalition subsidy scheme (2017-2021) and, when
// chosen, one insurer's framework (shared/docs/DOMAIN.md), checked per application.
#pragma once

#include "core/output.hpp"
#include "initiatives/initiative_map.hpp"

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

struct RuleViolation {
    std::string rule;     // short name, e.g. "subsidy at most one third of coordination costs"
    std::string detail;   // with the figures
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
