// What `regiomap incongruence`, `profile` and `whatif` print: text tables, CSV and JSON.
#pragma once

#include "analysis/incongruence.hpp"
#include "analysis/what_if.hpp"
#include "core/output.hpp"

#include <string>
#include <vector>

namespace regiomap {

// Ranked table (most fragmented first) with `summary` (summarize(ranked)); top = 0 prints
// all. The table fits kTerminalWidth (region names cut with "~") unless `wide`.
std::string format_incongruence(const IncongruenceModel& model, const std::vector<IncongruenceScore>& ranked,
                                const IncongruenceSummary& summary, std::size_t top, OutputFormat format,
                                bool wide = false);

// The insurers' paper's table per municipality, every column with its basis and year.
// A basis too long for kTerminalWidth becomes a numbered note under all profiles
// (each text once); `wide` keeps every basis inline.
std::string format_profiles(const Governance& governance, const IncongruenceModel& model,
                            const std::vector<MunicipalityProfile>& profiles, OutputFormat format, bool wide = false);

std::string format_what_if(const Governance& governance, const std::vector<std::string>& layer_ids,
                           const std::vector<Move>& moves, const WhatIfResult& result,
                           const WhatIfJudgement& judgement, OutputFormat format);

// One line per warning of the what-if ("warning: ..."), e.g. for stderr next to CSV output.
std::string format_what_if_warnings(const Governance& governance, const std::vector<std::string>& layer_ids,
                                    const std::vector<Move>& moves, const WhatIfResult& result);

// municipality_code, municipality_name, region_code, region_name: a division as a
// membership table the manifest loads as a layer (whatif --save).
std::string division_memberships_csv(const Governance& governance, const Division& division);

}  // namespace regiomap
