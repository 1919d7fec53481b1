#include "analysis/what_if.hpp"

#include "core/error.hpp"
#include "core/name_matching.hpp"

#include <fmt/format.h>

#include <map>

namespace regiomap {

Move parse_move(const Governance& governance, const MunicipalityNames& names, const std::string& text) {
    const auto colon = text.rfind(':');
    const auto equals = text.find('=', colon == std::string::npos ? 0 : colon);
    if (colon == std::string::npos || equals == std::string::npos || colon == 0 || equals + 1 >= text.size()) {
        throw UsageError("--move takes MUNICIPALITY:LAYER=REGION, e.g. Veenendaal:jeugdregio=JZ22, not '" +
                         excerpt_for_message(text) + "'");
    }
    const std::string municipality = text.substr(0, colon);
    const std::string layer = text.substr(colon + 1, equals - colon - 1);
    const std::string region = text.substr(equals + 1);
    const std::string code = single_code(*names.resolve_query(municipality).entry, municipality);
    const Division& division = governance.division(layer);
    const int region_index = division.region_index(region);
    if (region_index < 0) {
        throw NotFoundError(fmt::format("no region '{}' in layer {} (codes such as {}, or names such as {})",
                                        excerpt_for_message(region),
                                        layer, division.region_codes.front(), division.region_names.front()));
    }
    return {governance.index_of.at(code), layer, region_index};
}

std::vector<WhatIfChange> what_if(Governance& governance, const std::vector<std::string>& layer_ids,
                                  const std::vector<Move>& moves) {
    IncongruenceModel model(governance, layer_ids);
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
        model.count(move.municipality);
    }
    std::vector<WhatIfChange> changes;
    for (const auto& [m, score] : before) changes.push_back({score, model.score(m)});
    return changes;
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
