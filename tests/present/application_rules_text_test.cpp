// A broken rule is a rule, a kind and its figures; the words come from them alone.
#include "present/application_rules_text.hpp"

#include <catch2/catch.hpp>

using namespace regiomap;

TEST_CASE("a broken subsidy rule is worded with its figures, a missing figure as cannot check") {
    auto violation = [](ApplicationRule rule, ViolationKind kind) {
        RuleViolation v;
        v.rule = rule;
        v.kind = kind;
        return v;
    };
    RuleViolation greedy = violation(ApplicationRule::subsidy_share_of_costs, ViolationKind::broken);
    greedy.requested_eur = 40000;
    greedy.costs_eur = 90000;
    greedy.most_allowed_eur = 30000;
    CHECK(application_rule_text(greedy.rule) == "subsidy at most one third of coordination costs");
    CHECK(violation_detail_text(greedy) == "EUR 40000 requested of EUR 90000 costs: at most EUR 30000");
    const RuleViolation unknown = violation(ApplicationRule::subsidy_share_of_costs, ViolationKind::cannot_check);
    CHECK(violation_detail_text(unknown) == "cannot check: coordination_costs or requested_subsidy missing");
    RuleViolation late = violation(ApplicationRule::application_deadline, ViolationKind::broken);
    late.received = Date{2021, 10, 2};
    CHECK(violation_detail_text(late) == "received 2021-10-02");
    RuleViolation groups = violation(ApplicationRule::client_groups, ViolationKind::broken);
    groups.outside_groups = {"youth sports clubs"};
    CHECK_THAT(violation_detail_text(groups), Catch::StartsWith("not a client group: youth sports clubs (client groups: "
                                                                "chronically ill, elderly"));
}
