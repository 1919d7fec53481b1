// Sentences on what an insurer fact or a region's market leader rests on, written from
// the structured fields the analyses return (kind, year, source, entity or statement).
// The one place these sentences are worded: profile, leaders and their JSON use it.
#pragma once

#include "analysis/governance.hpp"
#include "initiatives/market_leaders.hpp"

#include <string>

namespace regiomap {

// "Achmea", "unmapped" (a designated legal entity no source ties to a concern) or "missing".
std::string insurer_value_text(const InsurerFact& fact);

// e.g. "zorgkantoor designation 2015 (decree ...): Achmea Zorgkantoor N.V. is Achmea: its name ...",
// "unmapped: the NZa regional table ... (zorgkantoor designation 2015: Trias Zorgkantoor B.V.)",
// "published statement (2019, https://...): 'Ruim de helft ...' (Twente: ...)".
std::string insurer_basis_text(const InsurerFact& fact);

// The basis kind as JSON and CSV write it: zorgkantoor_rule, published_statement,
// published_municipality, published_lead, user_table or unmapped.
std::string insurer_basis_kind_text(const InsurerFact& fact);

// For a table column: "zorgkantoor rule (2015 designation)", "unmapped: zorgkantoor rule (2015
// designation of Trias Zorgkantoor B.V.)", else the sentence of insurer_basis_text.
std::string insurer_basis_column_text(const InsurerFact& fact);

std::string leader_basis_text(const RegionLeader& leader);
std::string leader_basis_kind_text(const RegionLeader& leader);

}  // namespace regiomap
