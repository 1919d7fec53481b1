// `regiomap propose --out DIR`: the proposal as files a planner can take on:
//   memberships.csv   one row per municipality, loadable as a layer (layer.json
//                     is the manifest entry that does so);
//   changes.csv       per division, every municipality that would change region;
//   proposal.json     the whole result;
//   proposal.gpkg     layers proposed_regions (dissolved) and proposed_municipalities;
//   proposal.png/.svg the proposal's regions with today's division's borders on top.
// Each file is written atomically; the folder must be new, empty or a previous
// proposal folder (marker .regiomap-proposal) unless forced.
#pragma once

#include "core/language.hpp"
#include "proposal/proposal.hpp"
#include "maps/map_geometry.hpp"
#include "render/canvas.hpp"
#include "render/map_page.hpp"
#include "store/store.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace regiomap {

inline constexpr const char* kProposalMarker = ".regiomap-proposal";
inline constexpr const char* kProposalLayerId = "voorstel";

struct ProposalFolder {
    std::filesystem::path out;
    std::filesystem::path store;  // never written, whatever the folder holds
    bool force = false;
    Language language = Language::nl;
};

// The map page of the proposal (as layer `layer_id`) with `outline_layer`'s borders on top,
// drawn from `geometry` (which gains the proposal's regions).
render::MapPage proposal_map_page(const Store& store, const Governance& governance, MapGeometry& geometry,
                                  const Proposal& proposal, const std::string& outline_layer, Language language,
                                  const std::string& layer_id = kProposalLayerId);

// The map of the proposal against `outline_layer`, as bytes of `output` kind.
std::string proposal_map(const Store& store, const Governance& governance, const Proposal& proposal,
                         const std::string& outline_layer, Language language, render::OutputKind output);

// Writes the folder; returns the files written, relative to it.
std::vector<std::string> write_proposal_folder(const Store& store, const Governance& governance,
                                               const Proposal& proposal, const ProposalFolder& folder);

}  // namespace regiomap
