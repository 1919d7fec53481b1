// Scores on a hand-made case worked out on paper (docs/METRICS.md repeats it):
//   municipalities a b c d e (populations 1 2 3 4 5)
//   layer X: {a b} {c d} {e}      layer Y: {a b c} {d} {e}
//   a: U = {b} u {b c} = {b c}, I = {b}, C = 1/2, T = 2, C_pop = 2/5
//   c: U = {d} u {a b} = {a b d}, I = {}, C = 0, T = 2
//   d: U = {c}, I = {}, C = 0, T = 2
//   e: alone in both layers: U = {}, C = 1 by definition, T = 1
#include "analysis/incongruence.hpp"

#include "analysis/incongruence_report.hpp"
#include "governance_fixture.hpp"

#include <catch2/catch.hpp>

using namespace regiomap;
using namespace regiomap::test;

namespace {
Governance paper_case() {
    return make_governance({1, 2, 3, 4, 5}, {make_division("X", {0, 0, 1, 1, 2}), make_division("Y", {0, 0, 0, 1, 2})});
}
}  // namespace

TEST_CASE("partners, shared partners, congruence and tables on the paper case") {
    Governance governance = paper_case();
    IncongruenceModel model(governance, {"X", "Y"});
    auto a = model.score(0);
    CHECK(a.partners_any == 2);
    CHECK(a.partners_all == 1);
    CHECK(a.congruence == Approx(0.5));
    CHECK(a.incongruence() == Approx(0.5));
    CHECK(a.tables == 2);
    CHECK(a.congruence_population == Approx(2.0 / 5.0));
    auto c = model.score(2);
    CHECK(c.partners_any == 3);
    CHECK(c.partners_all == 0);
    CHECK(c.congruence == 0.0);
    auto d = model.score(3);
    CHECK(d.partners_any == 1);
    CHECK(d.congruence == 0.0);
    CHECK(d.tables == 2);
    auto e = model.score(4);
    CHECK(e.partners_any == 0);
    CHECK(e.congruence == 1.0);
    CHECK(e.tables == 1);
}

TEST_CASE("the same division twice is fully congruent for everyone") {
    Governance governance = make_governance({1, 1, 1}, {make_division("X", {0, 0, 1}), make_division("Y", {0, 0, 1})});
    IncongruenceModel model(governance, {"X", "Y"});
    for (const auto& score : model.score_all()) {
        CHECK(score.congruence == 1.0);
        CHECK(score.tables == 1);
    }
}

TEST_CASE("parties count partners, distinct insurers and the GGDs around the tables") {
    Governance governance = make_governance(
        {1, 1, 1, 1}, {make_division("zorgkantoor", {0, 0, 0, 1}), make_division("ggd", {0, 0, 1, 1})});
    governance.zorgkantoor_insurer[0] = {"Achmea", "designation", "2014"};
    governance.largest_insurer[0] = {"Menzis", "published", "2020"};
    IncongruenceModel model(governance, {"zorgkantoor", "ggd"});
    auto a = model.score(0);
    CHECK(a.party_municipalities == 2);  // b (both tables) and c (zorgkantoor)
    CHECK(a.party_insurers == 2);        // Achmea and Menzis
    CHECK(a.party_ggds == 2);            // its own GGD and c's
    CHECK(a.parties == 6);
    CHECK(a.insurer_mismatch == InsurerMismatch::yes);
    CHECK(model.score(1).insurer_mismatch == InsurerMismatch::unknown);
    governance.largest_insurer[1] = {"Achmea", "zorgkantoor rule", "2014", true};
    governance.zorgkantoor_insurer[1] = {"Achmea", "designation", "2014"};
    CHECK(model.score(1).insurer_mismatch == InsurerMismatch::unknown);  // derived from the rule: not evidence
}

TEST_CASE("what-if rescoring only the affected municipalities equals a full recomputation") {
    Governance governance = paper_case();
    // move c from X's {c d} to X's {a b}
    auto changes = what_if(governance, {"X", "Y"}, {{2, "X", 0}});
    Governance fresh = make_governance({1, 2, 3, 4, 5}, {make_division("X", {0, 0, 0, 1, 2}), make_division("Y", {0, 0, 0, 1, 2})});
    IncongruenceModel full(fresh, {"X", "Y"});
    REQUIRE(changes.size() == 4);  // a, b, c, d share a table with c before or after; e does not
    for (const auto& change : changes) {
        auto expected = full.score(change.after.municipality);
        CHECK(change.after.partners_any == expected.partners_any);
        CHECK(change.after.partners_all == expected.partners_all);
        CHECK(change.after.tables == expected.tables);
    }
    // c now meets a and b at every table: C from 0 to 1
    for (const auto& change : changes) {
        if (change.before.municipality != 2) continue;
        CHECK(change.before.congruence == 0.0);
        CHECK(change.after.congruence == 1.0);
    }
}

TEST_CASE("ranking puts the least congruent first") {
    Governance governance = paper_case();
    IncongruenceModel model(governance, {"X", "Y"});
    auto scores = model.score_all();
    rank_most_fragmented_first(governance, scores);
    CHECK(scores.front().congruence == 0.0);
    CHECK(scores.front().municipality == 2);  // c: C 0 with 3 partners outranks d: C 0 with 1
    CHECK(scores.back().municipality == 4);
}
