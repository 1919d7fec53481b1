// The scheme's rules and why an application breaks one, in words, from the fields the
// check returns. The one place they are worded: the applications text, CSV and JSON.
#pragma once

#include "initiatives/applications.hpp"

#include <string>

namespace regiomap {

// e.g. "subsidy at most one third of coordination costs".
std::string application_rule_text(ApplicationRule rule);

// With the figures, e.g. "EUR 40000 requested of EUR 90000 costs: at most EUR 30000", or
// "cannot check: duration_months missing".
std::string violation_detail_text(const RuleViolation& violation);

}  // namespace regiomap
