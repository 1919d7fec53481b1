// What the `initiatives` commands print or write: resolution, the map per region,
// market leaders, the balance check and the application checks.
#pragma once

#include "core/output.hpp"
#include "initiatives/applications.hpp"
#include "initiatives/balance.hpp"
#include "initiatives/initiative_map.hpp"
#include "initiatives/market_leaders.hpp"

#include <optional>
#include <string>
#include <vector>

namespace regiomap {

// The table formats fit kTerminalWidth (kTerminalWidth in core/output.hpp): long source
// texts become numbered notes, lists are wrapped or cut; `wide` prints them inline.
// `tally` is tally_resolutions(located).
std::string format_resolution(const Governance& governance, const std::vector<LocatedInitiative>& located,
                              const ResolutionTally& tally, OutputFormat format, bool wide = false);

std::string format_initiative_map(const Governance& governance, const InitiativeMap& map, OutputFormat format,
                                  bool wide = false);

// Table: each basis a numbered note under the table (each text once); `wide` prints them inline.
std::string format_market_leaders(const Governance& governance, const MarketLeaders& leaders, OutputFormat format,
                                  bool wide = false);

// "chi-square goodness of fit", "exact multinomial test (expected counts below 5)", ...; none: "".
std::string p_value_method_text(PValueMethod method);

// The verdict as a sentence: "UNBALANCED: p = 0.0123 < 0.05 (chi-square goodness of fit)".
std::string balance_verdict_text(const BalanceResult& result, const std::string& division);

std::string format_balance(const Governance& governance, const MarketLeaders& leaders, const BalanceResult& result,
                           const BalanceOptions& options, const std::optional<BalanceResult>& with_candidate,
                           OutputFormat format, bool wide = false);  // table: lines fit kTerminalWidth unless wide

// Table: lines fit kTerminalWidth (long details wrapped) unless `wide`.
// `passing`: applications_meeting_every_rule(checks).
std::string format_application_checks(const std::vector<ApplicationCheck>& checks, int passing, bool insurer_framework,
                                      OutputFormat format, bool wide = false);

}  // namespace regiomap
