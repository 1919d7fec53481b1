#include "initiatives/applications.hpp"

#include "core/name_matching.hpp"

#include <algorithm>

namespace regiomap {

namespace {

// Words by which a target group written in a register matches a client group.
bool is_client_group(const std::string& group) {
    static const std::vector<std::vector<std::string>> keywords{
        {"chronic", "chronisch"}, {"elderly", "older", "ouderen", "oudere", "75", "65"},
        {"cardiovascular", "hart", "vaat"}, {"mental", "ggz", "psych"}, {"oncology", "cancer", "kanker", "oncolog"}};
    const std::string text = normalize_name(group);
    for (const auto& words : keywords) {
        for (const auto& word : words) {
            if (text.find(word) != std::string::npos) return true;
        }
    }
    return false;
}

}  // namespace

std::vector<ApplicationCheck> check_applications(const std::vector<LocatedInitiative>& located, bool insurer_framework,
                                                 const SchemeRules& rules) {
    std::vector<ApplicationCheck> checks;
    for (const auto& item : located) {
        const Initiative& a = *item.entry;
        ApplicationCheck check{&item, {}};
        auto violated = [&](ApplicationRule rule, ViolationKind kind) -> RuleViolation& {
            RuleViolation& violation = check.violations.emplace_back();
            violation.rule = rule;
            violation.kind = kind;
            return violation;
        };
        if (a.lead_insurer.empty()) {
            violated(ApplicationRule::lead_is_insurer, ViolationKind::cannot_check);
        } else if (!a.lead_concern) {
            violated(ApplicationRule::lead_is_insurer, ViolationKind::broken).lead_insurer = a.lead_insurer;
        }
        if (item.resolution.municipalities.empty()) {
            violated(ApplicationRule::municipality_takes_part, ViolationKind::broken);
        }
        if (!a.coordination_costs || !a.requested_subsidy) {
            violated(ApplicationRule::subsidy_share_of_costs, ViolationKind::cannot_check);
        } else if (*a.requested_subsidy > *a.coordination_costs * rules.max_subsidy_share_of_costs + 0.005) {
            RuleViolation& v = violated(ApplicationRule::subsidy_share_of_costs, ViolationKind::broken);
            v.requested_eur = *a.requested_subsidy;
            v.costs_eur = *a.coordination_costs;
            v.most_allowed_eur = *a.coordination_costs * rules.max_subsidy_share_of_costs;
        }
        if (a.requested_subsidy && *a.requested_subsidy < rules.min_subsidy_eur) {
            violated(ApplicationRule::minimum_subsidy, ViolationKind::broken).requested_eur = *a.requested_subsidy;
        }
        if (!a.duration_months) {
            violated(ApplicationRule::maximum_duration, ViolationKind::cannot_check);
        } else if (*a.duration_months > rules.max_duration_months) {
            violated(ApplicationRule::maximum_duration, ViolationKind::broken).duration_months = *a.duration_months;
        }
        if (!a.date_received) {
            violated(ApplicationRule::application_deadline, ViolationKind::cannot_check);
        } else if (*a.date_received > rules.last_application_date) {
            violated(ApplicationRule::application_deadline, ViolationKind::broken).received = *a.date_received;
        }
        if (insurer_framework) {
            std::vector<std::string> outside;
            for (const auto& group : split_written_list(a.target_groups, ";,")) {
                if (!is_client_group(group)) outside.push_back(group);
            }
            if (a.target_groups.empty()) {
                violated(ApplicationRule::client_groups, ViolationKind::cannot_check);
            } else if (!outside.empty()) {
                violated(ApplicationRule::client_groups, ViolationKind::broken).outside_groups = std::move(outside);
            }
        }
        checks.push_back(std::move(check));
    }
    return checks;
}

int applications_meeting_every_rule(const std::vector<ApplicationCheck>& checks) {
    return static_cast<int>(std::count_if(checks.begin(), checks.end(),
                                          [](const ApplicationCheck& check) { return check.violations.empty(); }));
}

}  // namespace regiomap
