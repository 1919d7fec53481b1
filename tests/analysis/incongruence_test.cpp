// Scores on a hand-made case worked out on paper (docs/METRICS.md repeats it):
//   municipalities a b c d e (populations 1 2 3 4 5)
//   layer X: {a b} {c d} {e}      layer Y: {a b c} {d} {e}
//   a: U = {b} u {b c} = {b c}, I = {b}, C = 1/2, T = 2, C_pop = 2/5
//   c: U = {d} u {a b} = {a b d}, I = {}, C = 0, T = 2
//   d: U = {c}, I = {}, C = 0, T = 2
//   e: alone in both layers: U = {}, C = 1 by definition, T = 1
#include "analysis/incongruence.hpp"
#include "analysis/what_if.hpp"

#include "present/layers_text.hpp"
#include "../support.hpp"
#include "governance_fixture.hpp"
#include "core/error.hpp"

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
    const WhatIfResult result = what_if(governance, {"X", "Y"}, {{2, "X", 0}});
    const auto& changes = result.changes;
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
        CHECK(effect_of(change) == WhatIfEffect::better);
    }
    const WhatIfJudgement judgement = judge_what_if(changes);
    REQUIRE(judgement.effects.size() == changes.size());
    int changed = 0;
    for (const auto effect : judgement.effects) changed += effect == WhatIfEffect::same ? 0 : 1;
    CHECK(judgement.changed == changed);
    CHECK(judgement.changed >= 1);
    // Mean C over all five, before and after, as a full recomputation gives it.
    double total = 0;
    for (const auto& score : full.score_all()) total += score.congruence;
    CHECK(result.mean_congruence_after == Approx(total / 5));
    CHECK(result.warnings.empty());  // no graph given, and X is scored
}

TEST_CASE("what-if warns: a region left in two parts, a region the municipality does not touch, a layer not scored") {
    // Five municipalities in a row 0-1-2-3-4; X: {0 1 2} {3 4}; Y the same.
    Governance governance = make_governance({1, 1, 1, 1, 1}, {make_division("X", {0, 0, 0, 1, 1}), make_division("Y", {0, 0, 0, 1, 1})});
    const AdjacencyGraph line(5, {{0, 1}, {1, 2}, {2, 3}, {3, 4}});
    {
        Governance g = governance;
        // 1 leaves {0 1 2} for {3 4}, which it does not touch; {0 2} falls apart.
        const WhatIfResult result = what_if(g, {"X"}, {{1, "X", 1}, {0, "Y", 1}}, &line);
        REQUIRE(result.warnings.size() == 4);
        CHECK(result.warnings[0].kind == WhatIfWarning::Kind::does_not_touch);
        CHECK(result.warnings[0].move == 0);
        CHECK(result.warnings[1].kind == WhatIfWarning::Kind::leaves_region_apart);
        CHECK(result.warnings[1].parts == std::vector<std::vector<int>>{{0}, {2}});
        CHECK(result.warnings[2].kind == WhatIfWarning::Kind::layer_not_scored);  // Y
        CHECK(result.warnings[2].move == 1);
        CHECK(result.warnings[3].kind == WhatIfWarning::Kind::does_not_touch);   // 0 does not touch {3 4} either
    }
    {
        Governance g = governance;
        const WhatIfResult result = what_if(g, {"X"}, {{2, "X", 1}}, &line);  // the border moves: no warning
        CHECK(result.warnings.empty());
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

// Default memberships (docs/METRICS.md, "Default memberships"): a b c, layer X = {a b c}
// where c is in X only by default, layer Y = {a b c}.
//   all memberships:  a: U = I = {b c}, C = 1, T = 1, rests on c's default;  c the same.
//   --published-only: X = {a b}: a: U = {b c}, I = {b}, C = 1/2, T = 2;  c: X does not count,
//                     Y = {a b c}: U = I = {a b}, C = 1, T = 1; nothing rests on a default.
TEST_CASE("published-only leaves default memberships out: the layer does not count for them, nor they for others") {
    Governance governance =
        make_governance({1, 1, 1}, {make_division("X", {0, 0, 0}), make_division("Y", {0, 0, 0})});
    governance.divisions[0].basis[2] = MembershipBasis::layer_default;
    {
        IncongruenceModel model(governance, {"X", "Y"});
        auto a = model.score(0);
        CHECK(a.congruence == 1.0);
        CHECK(a.tables == 1);
        CHECK(a.rests_on_default);
        CHECK(model.score(2).rests_on_default);
    }
    leave_out_default_memberships(governance);
    CHECK(governance.published_only);
    REQUIRE(governance.left_out_defaults.size() == 1);
    CHECK(governance.left_out_defaults.front() == std::pair<std::string, int>{"X", 1});
    IncongruenceModel model(governance, {"X", "Y"});
    auto a = model.score(0);
    CHECK(a.partners_any == 2);
    CHECK(a.partners_all == 1);
    CHECK(a.congruence == Approx(0.5));
    CHECK(a.tables == 2);
    CHECK_FALSE(a.rests_on_default);
    auto c = model.score(2);
    CHECK(c.partners_any == 2);
    CHECK(c.partners_all == 2);
    CHECK(c.congruence == 1.0);
    CHECK(c.tables == 1);
    // only layer X: c would have no table at all, which is refused rather than scored C = 1
    CHECK_THROWS_AS(IncongruenceModel(governance, {"X"}), UsageError);
}

// The hand-made layers of tests/data/small: Aadorp, Bedorp, Cestad; layer split
// (regions_60_40) = {Aadorp Bedorp} {Cestad}; table partial publishes only Aadorp (T1) and
// puts Bedorp in DEF-R1, Cestad in DEF-R2 by default.
//   Bedorp, all memberships: split {A B}, partial {B}: U = {A}, I = {}, C = 0, T = 2, default.
//   Bedorp, --published-only: partial does not count: U = I = {A}, C = 1, T = 1.
//   Aadorp either way: split {A B}, partial {A}: U = {B}, I = {}, C = 0, T = 2, not default.
TEST_CASE("published-only on the hand-made layers, loaded and read back") {
    TemporaryFolder folder;
    auto table = table_layer("partial", small("table_partial.csv"));
    table["default_layer"] = "split";
    auto manifest = write_manifest(folder, small_manifest({boundary_layer("split", small("regions_60_40.geojson")), table}));
    load({manifest, folder / "store.sqlite", false}, silent);
    Governance governance = read_governance(Store(folder / "store.sqlite"));
    const int aadorp = governance.index_of.at("GM9001"), bedorp = governance.index_of.at("GM9002");
    const Division& partial = governance.division("partial");
    auto facts = default_region_facts(governance, partial, partial.region_of[bedorp]);
    REQUIRE(facts);
    CHECK(facts->origin_size == 2);
    CHECK_FALSE(facts->whole_origin);  // Aadorp of R1 is published
    CHECK(describe_default_region(*facts) ==
          "the municipalities of split region R1 Regio Een that no published partial region lists (1 of its 2: Bédorp)");
    {
        IncongruenceModel model(governance, {"split", "partial"});
        auto b = model.score(bedorp);
        CHECK(b.partners_any == 1);
        CHECK(b.congruence == 0.0);
        CHECK(b.tables == 2);
        CHECK(b.rests_on_default);
        CHECK_FALSE(model.score(aadorp).rests_on_default);
    }
    leave_out_default_memberships(governance);
    IncongruenceModel model(governance, {"split", "partial"});
    auto b = model.score(bedorp);
    CHECK(b.partners_any == 1);
    CHECK(b.partners_all == 1);
    CHECK(b.congruence == 1.0);
    CHECK(b.tables == 1);
    auto a = model.score(aadorp);
    CHECK(a.partners_any == 1);
    CHECK(a.congruence == 0.0);
    CHECK(a.tables == 2);
}
