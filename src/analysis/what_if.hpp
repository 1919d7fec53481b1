// `regiomap whatif`: municipalities moved to another region, and the scores of those
// that share a table with a moved one, before and after.
#pragma once

#include "adjacency/adjacency_graph.hpp"
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

// The move of `municipality` (code or name of any year) in layer `layer_id` to `region`
// (code or name of a region of that layer); throws NotFoundError naming what is unknown.
Move resolve_move(const Governance& governance, const MunicipalityNames& names, const std::string& municipality,
                  const std::string& layer_id, const std::string& region);

// Parses "MUNICIPALITY:LAYER=REGION" (resolve_move on its parts); throws UsageError or NotFoundError.
Move parse_move(const Governance& governance, const MunicipalityNames& names, const std::string& text);

// Every --move parsed; two moves of one municipality in one layer contradict each other
// (which one is meant is not ours to guess) and are refused with UsageError naming both.
std::vector<Move> parse_moves(const Governance& governance, const MunicipalityNames& names,
                              const std::vector<std::string>& texts);

struct WhatIfChange {
    IncongruenceScore before;
    IncongruenceScore after;
};

// What a move does that a planner should know before trusting its numbers.
struct WhatIfWarning {
    enum class Kind {
        leaves_region_apart,  // the region it left falls apart on the adjacency graph
        does_not_touch,       // it joins a region none of its neighbours is in
        layer_not_scored,     // the layer moved is not among the scored layers: no score changes
    };
    Kind kind = Kind::does_not_touch;
    std::size_t move = 0;                 // index into the moves
    int region = -1;                      // leaves_region_apart: the region left
    std::vector<std::vector<int>> parts;  // leaves_region_apart: its parts after the moves, largest first
};

struct WhatIfResult {
    std::vector<WhatIfChange> changes;     // every municipality at a table with a moved one
    double mean_congruence_before = 1.0;   // over all municipalities
    double mean_congruence_after = 1.0;
    std::vector<WhatIfWarning> warnings;
};

// Applies the moves to `governance` one by one, each municipality taking the
// zorgkantoor insurer and work-structure lead of its new region (and its largest
// insurer, where that follows the zorgkantoor rule), rescoring only the
// municipalities at a table with a moved one (before or after the move). `graph`
// (may be null: no contiguity warnings) is the adjacency the warnings are judged on.
WhatIfResult what_if(Governance& governance, const std::vector<std::string>& layer_ids, const std::vector<Move>& moves,
                     const AdjacencyGraph* graph = nullptr);

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
