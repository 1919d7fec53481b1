#include "analysis/what_if.hpp"

#include "core/error.hpp"
#include "core/name_matching.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace regiomap {

Move parse_move(const Governance& governance, const MunicipalityNames& names, const std::string& text) {
    const auto colon = text.rfind(':');
    const auto equals = text.find('=', colon == std::string::npos ? 0 : colon);
    if (colon == std::string::npos || equals == std::string::npos || colon == 0 || equals + 1 >= text.size()) {
        throw UsageError("--move takes MUNICIPALITY:LAYER=REGION, e.g. Veenendaal:jeugdregio=JZ22, not '" +
                         excerpt_for_message(text) + "'");
    }
    return resolve_move(governance, names, text.substr(0, colon), text.substr(colon + 1, equals - colon - 1),
                        text.substr(equals + 1));
}

Move resolve_move(const Governance& governance, const MunicipalityNames& names, const std::string& municipality,
                  const std::string& layer_id, const std::string& region) {
    const std::string code = single_code(*names.resolve_query(municipality).entry, municipality);
    const Division& division = governance.division(layer_id);
    const int region_index = division.region_index(region);
    if (region_index < 0 && division.region_codes.empty()) {
        throw NotFoundError(fmt::format("no region '{}' in layer {}: it has no regions", excerpt_for_message(region),
                                        layer_id));
    }
    if (region_index < 0) {
        throw NotFoundError(fmt::format("no region '{}' in layer {} (codes such as {}, or names such as {})",
                                        excerpt_for_message(region),
                                        layer_id, division.region_codes.front(), division.region_names.front()));
    }
    return {governance.index_of.at(code), layer_id, region_index};
}

std::vector<Move> parse_moves(const Governance& governance, const MunicipalityNames& names,
                              const std::vector<std::string>& texts) {
    std::vector<Move> moves;
    for (const auto& text : texts) {
        Move move = parse_move(governance, names, text);
        for (std::size_t i = 0; i < moves.size(); ++i) {
            if (moves[i].municipality == move.municipality && moves[i].layer_id == move.layer_id) {
                throw UsageError(fmt::format("--move '{}' and --move '{}' both move {} in layer {}; give one move per "
                                             "municipality and layer",
                                             excerpt_for_message(texts[i]), excerpt_for_message(text),
                                             governance.names[move.municipality], move.layer_id));
            }
        }
        moves.push_back(move);
    }
    return moves;
}


WhatIfResult what_if(Governance& governance, const std::vector<std::string>& layer_ids, const std::vector<Move>& moves,
                     const AdjacencyGraph* graph) {
    WhatIfResult result;
    IncongruenceModel model(governance, layer_ids);
    result.mean_congruence_before = model.mean_congruence();
    // Parts of each region left, before the moves: a region already apart (Schiermonnikoog's) is not
    // blamed on a move.
    std::vector<std::size_t> parts_before(moves.size(), 1);
    std::vector<int> left(moves.size(), -1);
    for (std::size_t i = 0; i < moves.size(); ++i) {
        const Division& division = governance.division(moves[i].layer_id);
        left[i] = division.region_of[moves[i].municipality];
        if (graph && left[i] >= 0) parts_before[i] = graph->parts(division.members[left[i]]).size();
    }
    std::map<int, IncongruenceScore> before;
    auto remember = [&](int m) {
        if (!before.count(m)) before.emplace(m, model.score(m));
    };
    for (const auto& move : moves) {
        Division& division = governance.division(move.layer_id);
        for (int m : model.partners(move.municipality)) remember(m);
        for (int m : division.members[move.region]) remember(m);
        model.forget(move.municipality);
        division.move(move.municipality, move.region);
        refresh_insurer_facts(governance, move.municipality);
        model.count(move.municipality);
    }
    for (const auto& [m, score] : before) result.changes.push_back({score, model.score(m)});
    result.mean_congruence_after = model.mean_congruence();

    for (std::size_t i = 0; i < moves.size(); ++i) {
        const Move& move = moves[i];
        const Division& division = governance.division(move.layer_id);
        if (std::find(layer_ids.begin(), layer_ids.end(), move.layer_id) == layer_ids.end()) {
            result.warnings.push_back({WhatIfWarning::Kind::layer_not_scored, i, -1, {}});
        }
        if (!graph) continue;
        bool touches = false;
        for (int other : graph->neighbours(move.municipality)) touches = touches || division.region_of[other] == move.region;
        if (!touches && division.members[move.region].size() > 1) {
            result.warnings.push_back({WhatIfWarning::Kind::does_not_touch, i, move.region, {}});
        }
        if (left[i] >= 0 && left[i] != move.region && !division.members[left[i]].empty()) {
            auto parts = graph->parts(division.members[left[i]]);
            if (parts.size() > parts_before[i]) {
                result.warnings.push_back({WhatIfWarning::Kind::leaves_region_apart, i, left[i], std::move(parts)});
            }
        }
    }
    return result;
}

WhatIfEffect effect_of(const WhatIfChange& change) {
    const auto& b = change.before;
    const auto& a = change.after;
    const bool differs = b.partners_any != a.partners_any || b.partners_all != a.partners_all || b.tables != a.tables ||
                         b.parties != a.parties;
    if (!differs) return WhatIfEffect::same;
    return a.congruence > b.congruence ? WhatIfEffect::better
           : a.congruence < b.congruence ? WhatIfEffect::worse
                                         : WhatIfEffect::changed;
}

WhatIfJudgement judge_what_if(const std::vector<WhatIfChange>& changes) {
    WhatIfJudgement judgement;
    for (const auto& change : changes) {
        judgement.effects.push_back(effect_of(change));
        judgement.changed += judgement.effects.back() == WhatIfEffect::same ? 0 : 1;
    }
    return judgement;
}

}  // namespace regiomap
