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

// A region leader's basis: "zorgkantoor concern of 62% of the region's population", "market share in the
// table, weighed by population over its 3 municipalities there", "not in the table; zorgkantoor designation
// 2015 (...)", with "; TIE with ..." where concerns are as large; the designation or statement as
// insurer_basis_text words it.
std::string leader_basis_text(const RegionLeader& leader);
// As leader_basis_text, but the designation or statement in the one line the store keeps (InsurerFact::basis):
// the region view shows the leader so, beside the other insurer facts it shows the same way.
std::string leader_basis_line(const RegionLeader& leader);
std::string leader_basis_kind_text(const RegionLeader& leader);
// "2015"; for a leader from a user table its years ("2020, 2021") or "not stated".
std::string leader_year_text(const RegionLeader& leader);

// How the leaders of a division were found, one line: "zorgkantoor designation (...); designation of 2015
// mapped to the concerns of 2020; a published statement ... comes first", or "user table shares.csv of market
// shares per region (year 2021), summed per concern and region; 1 of 31 regions covered; the others: ...".
std::string market_leaders_basis_text(const MarketLeaders& leaders);

}  // namespace regiomap
