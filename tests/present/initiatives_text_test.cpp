// The balance verdict and the candidate's effect are fields of the result; the text is
// written from them alone.
#include "present/initiatives_text.hpp"

#include <catch2/catch.hpp>

using namespace regiomap;

namespace {
BalanceResult judged(BalanceVerdict verdict, double p_value, double gini, double inside, std::size_t regions) {
    BalanceResult result;
    result.concern = "Achmea";
    result.verdict = verdict;
    result.p_value = p_value;
    result.p_value_method = PValueMethod::chi_square;
    result.gini = gini;
    result.total_inside = inside;
    result.regions.resize(regions);
    result.too_few_to_judge = inside < double(regions);
    return result;
}
}  // namespace

TEST_CASE("balance verdict text comes from the verdict field") {
    CHECK(balance_verdict_text(judged(BalanceVerdict::unbalanced, 0.0123, 0.3, 40, 4), "zorgkantoor") ==
          "UNBALANCED: p = 0.0123 < 0.05 (chi-square goodness of fit)");
    CHECK(balance_verdict_text(judged(BalanceVerdict::no_evidence, 0.5, 0.1, 2, 4), "zorgkantoor") ==
          "no evidence of imbalance: p = 0.5000 >= 0.05 (chi-square goodness of fit); with 2 applications over 4 "
          "regions a test can hardly show imbalance");
    CHECK(balance_verdict_text(judged(BalanceVerdict::not_applicable, 1, 0, 0, 0), "ggd") ==
          "not applicable: Achmea is market leader in no ggd region");
    CHECK(balance_verdict_text(judged(BalanceVerdict::nothing_to_judge, 1, 0, 0, 3), "ggd") ==
          "no applications in the leader regions: nothing to judge");
}

TEST_CASE("a candidate improves the balance by a lower Gini, or the same Gini and a higher p") {
    const auto before = judged(BalanceVerdict::unbalanced, 0.01, 0.30, 10, 3);
    CHECK(candidate_effect(before, judged(BalanceVerdict::unbalanced, 0.01, 0.20, 11, 3)) == CandidateEffect::improves);
    CHECK(candidate_effect(before, judged(BalanceVerdict::unbalanced, 0.02, 0.30, 11, 3)) == CandidateEffect::improves);
    CHECK(candidate_effect(before, judged(BalanceVerdict::unbalanced, 0.01, 0.40, 11, 3)) == CandidateEffect::worsens);
    CHECK(candidate_effect(before, judged(BalanceVerdict::unbalanced, 0.005, 0.30, 11, 3)) == CandidateEffect::worsens);
    CHECK(candidate_effect(before, before) == CandidateEffect::no_change);
}
