// A proposal (proposal/proposal.hpp) as terminal text, JSON, and the CSV files
// `regiomap propose --out DIR` writes: the membership table (loadable as a layer
// through the manifest) and the change list per division.
#pragma once

#include "core/output.hpp"
#include "proposal/proposal.hpp"

#include <string>

namespace regiomap {

// How a message names the options: as `regiomap propose` takes them (--population-bounds 0.5,2)
// or as the workbench API's JSON fields (population_bounds [0.5, 2]).
enum class OptionWording { command_line, api_fields };

// The message for bounds or a K that cannot be met: the bound, by how much, and what would.
std::string describe_infeasibility(const Governance& governance, const Proposal& proposal,
                                   const Infeasibility& infeasible,
                                   OptionWording wording = OptionWording::command_line);

std::string format_proposal(const Governance& governance, const Proposal& proposal, OutputFormat format, bool wide);

// The stage's id in the API's progress lines: "starting", "blocks", "polish", "reheat",
// "merge_split", "curve".
const char* proposal_stage_id(ProposalProgress::Stage stage);

// A progress line for stderr: "propose: polished on single municipalities (2 of 18), best agreement 0.8123".
std::string proposal_progress_line(const ProposalProgress& progress);

// municipality_code, municipality_name, region_code, region_name: one row per municipality.
std::string proposal_memberships_csv(const Governance& governance, const Proposal& proposal);

// layer, municipality_code, municipality_name, from_region_code, from_region_name,
// to_region_code, to_region_name, proposed_region_code, proposed_region_name.
std::string proposal_changes_csv(const Governance& governance, const Proposal& proposal);

}  // namespace regiomap
