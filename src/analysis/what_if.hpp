// `regiomap whatif`: municipalities moved to another region, and the scores of those
// that share a table with a moved one, before and after.
#pragma once

#include "analysis/incongruence.hpp"
#include "layers/municipality_names.hpp"

#include <string>
#include <vector>

namespace regiomap {


struct Move {
    int municipality = 0;
    std::string layer_id;
    int region = 0;
};

// Parses "MUNICIPALITY:LAYER=REGION" (municipality by code or name of any
// year, region by code or name); throws UsageError or NotFoundError.
Move parse_move(const Governance& governance, const MunicipalityNames& names, const std::string& text);

struct WhatIfChange {
    IncongruenceScore before;
    IncongruenceScore after;
};

// Applies the moves to `governance` one by one and rescoring only the
// municipalities at a table with a moved one (before or after the move).
std::vector<WhatIfChange> what_if(Governance& governance, const std::vector<std::string>& layer_ids,
                                  const std::vector<Move>& moves);

// What the moves do to one municipality: `same` when U, I, T and P stay; else `better`
// or `worse` as C rises or falls, `changed` when the counts change and C does not.
enum class WhatIfEffect { same, better, worse, changed };
WhatIfEffect effect_of(const WhatIfChange& change);

struct WhatIfJudgement {
    std::vector<WhatIfEffect> effects;  // effects[i] is that of changes[i]
    int changed = 0;                    // municipalities whose effect is not `same`
};
WhatIfJudgement judge_what_if(const std::vector<WhatIfChange>& changes);


}  // namespace regiomap
