#include "initiatives/applications.hpp"

#include "core/name_matching.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

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

std::string euros(double amount) { return fmt::format("EUR {:.0f}", amount); }

}  // namespace

std::vector<ApplicationCheck> check_applications(const std::vector<LocatedInitiative>& located, bool insurer_framework,
                                                 const SchemeRules& rules) {
    std::vector<ApplicationCheck> checks;
    for (const auto& item : located) {
        const Initiative& a = *item.entry;
        ApplicationCheck check{&item, {}};
        auto violate = [&](std::string rule, std::string detail) { check.violations.push_back({std::move(rule), std::move(detail)}); };
        if (a.lead_insurer.empty()) {
            violate("the lead applicant is an insurer", "no lead_insurer given");
        } else if (!a.lead_concern) {
            violate("the lead applicant is an insurer", "'" + a.lead_insurer + "' is not a known insurer concern or brand");
        }
        if (item.resolution.municipalities.empty()) {
            violate("at least one municipality takes part", "no municipality resolved from the application");
        }
        if (!a.coordination_costs || !a.requested_subsidy) {
            violate("subsidy at most one third of coordination costs",
                    "cannot check: coordination_costs or requested_subsidy missing");
        } else if (*a.requested_subsidy > *a.coordination_costs * rules.max_subsidy_share_of_costs + 0.005) {
            violate("subsidy at most one third of coordination costs",
                    fmt::format("{} requested of {} costs: at most {}", euros(*a.requested_subsidy),
                                euros(*a.coordination_costs), euros(*a.coordination_costs * rules.max_subsidy_share_of_costs)));
        }
        if (a.requested_subsidy && *a.requested_subsidy < rules.min_subsidy_eur) {
            violate("subsidy at least EUR 25,000", fmt::format("{} requested", euros(*a.requested_subsidy)));
        }
        if (!a.duration_months) {
            violate("at most 3 years", "cannot check: duration_months missing");
        } else if (*a.duration_months > rules.max_duration_months) {
            violate("at most 3 years", fmt::format("{} months", *a.duration_months));
        }
        if (!a.date_received) {
            violate("received no later than 1 October 2021", "cannot check: date_received missing");
        } else if (*a.date_received > rules.last_application_date) {
            violate("received no later than 1 October 2021", "received " + a.date_received->text());
        }
        if (insurer_framework) {
            std::vector<std::string> outside;
            for (const auto& group : split_written_list(a.target_groups, ";,")) {
                if (!is_client_group(group)) outside.push_back(group);
            }
            if (a.target_groups.empty()) {
                violate("target groups among the insurer's client groups", "no target groups given");
            } else if (!outside.empty()) {
                violate("target groups among the insurer's client groups",
                        fmt::format("not a client group: {} (client groups: {})", fmt::join(outside, "; "),
                                    fmt::join(kFrameworkClientGroups, ", ")));
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
