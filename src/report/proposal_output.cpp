#include "report/proposal_output.hpp"

#include "core/output.hpp"
#include "geometry/geos.hpp"
#include "io/geopackage_writer.hpp"
#include "io/store_layers.hpp"
#include "maps/map_job.hpp"
#include "maps/thematic_maps.hpp"
#include "present/proposal_text.hpp"
#include "proposal/compactness.hpp"
#include "render/style.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace regiomap {

namespace fs = std::filesystem;

namespace {

// A proposal groups the store's municipalities: it has their year.
int municipality_year(const Store& store) {
    const auto layers = store.layers();
    return layers.empty() ? 0 : layers.front().year;
}

std::string proposal_title(const Proposal& proposal, Language language) {
    return in_language(language, fmt::format("Voorstel: {} regio's", proposal.regions),
                       fmt::format("Proposal: {} regions", proposal.regions));
}

// The manifest entry that loads memberships.csv as a layer.
std::string layer_entry(const Store& store, const Proposal& proposal, const fs::path& memberships) {
    nlohmann::json entry = {
        {"id", kProposalLayerId},
        {"title", fmt::format("Voorstel regiomap: {} regio's", proposal.regions)},
        {"year", municipality_year(store)},
        {"given_as", "membership_table"},
        {"file", fs::absolute(memberships).lexically_normal().string()},
        {"region_code_field", "region_code"},
        {"region_name_field", "region_name"},
        {"municipality_field", "municipality_code"},
        {"source", fmt::format("regiomap propose ({}, seed {}); not an official division",
                               proposal.minimal_change ? "minimal change from " + proposal.options.from_layer
                                                       : fmt::format("{} regions", proposal.regions),
                               proposal.options.seed)}};
    return json_text(entry);
}

std::vector<GeoPackageLayer> proposal_layers(const Store& store, const Governance& governance, const Proposal& proposal) {
    const GeosContext geos;
    const std::vector<Geometry> shapes = municipality_shapes(geos, store, governance);
    const std::string attribution =
        attribution_line(store, {"gemeente"}) + fmt::format("; {}", proposal_title(proposal, Language::nl));
    GeoPackageLayer regions;
    regions.name = "proposed_regions";
    regions.fields = {{"region_code", FieldType::string}, {"region_name", FieldType::string},
                      {"municipalities", FieldType::integer}, {"population", FieldType::integer},
                      {"population_ratio", FieldType::real}, {"polsby_popper", FieldType::real}};
    for (const auto& region : proposal.proposed) {
        std::vector<const GEOSGeometry*> parts;
        for (int m : region.members) parts.push_back(shapes[m].get());
        Geometry shape = dissolve(geos, parts);
        regions.features.push_back(
            {{region.code, region.name, static_cast<std::int64_t>(region.members.size()), region.population,
              region.population_ratio,
              region.polsby_popper ? FieldValue(*region.polsby_popper) : FieldValue(std::monostate{})},
             geometry_to_wkb(geos, shape.get())});
    }
    regions.qml = region_outline_qml();
    regions.attribution = attribution;
    GeoPackageLayer municipalities;
    municipalities.name = "proposed_municipalities";
    municipalities.fields = {{"municipality_code", FieldType::string}, {"municipality_name", FieldType::string},
                             {"region_code", FieldType::string}, {"region_name", FieldType::string}};
    for (std::size_t m = 0; m < governance.codes.size(); ++m) {
        const auto& region = proposal.proposed[proposal.region_of[m]];
        municipalities.features.push_back({{governance.codes[m], governance.names[m], region.code, region.name},
                                           geometry_to_wkb(geos, shapes[m].get())});
    }
    municipalities.attribution = attribution;
    return {std::move(regions), std::move(municipalities)};
}

}  // namespace

render::MapPage proposal_map_page(const Store& store, const Governance& governance, MapGeometry& geometry,
                                  const Proposal& proposal, const std::string& outline_layer, Language language,
                                  const std::string& layer_id) {
    Governance with_proposal = governance;
    Division layout = proposal_division(proposal, layer_id);
    layout.title = proposal_title(proposal, language);
    layout.year = municipality_year(store);
    with_proposal.divisions.push_back(std::move(layout));
    std::map<std::string, std::vector<std::string>> members;
    for (const auto& region : proposal.proposed) {
        for (int m : region.members) members[region.code].push_back(governance.codes[m]);
    }
    geometry.define_layer(layer_id, members);
    MapContext context = map_context(store, with_proposal, geometry, language, MapSize::a4);
    LayerRecord record;
    record.id = layer_id;
    record.title = proposal_title(proposal, language);
    record.year = with_proposal.divisions.back().year;
    record.given_as = "membership table";
    record.region_count = proposal.regions;
    context.layers.push_back(record);
    return overlay_map(context, layer_id, outline_layer);
}

std::string proposal_map(const Store& store, const Governance& governance, const Proposal& proposal,
                         const std::string& outline_layer, Language language, render::OutputKind output) {
    MapGeometry geometry(store);
    const render::MapStyle style = render::read_style(default_style_file(MapKind::overlay));
    const render::MapPage page = proposal_map_page(store, governance, geometry, proposal, outline_layer, language);
    return render::render_map(page, style, output, 150, map_document_info(store, page.title));
}

std::vector<std::string> write_proposal_folder(const Store& store, const Governance& governance,
                                               const Proposal& proposal, const ProposalFolder& folder) {
    check_output_folder(folder.out, kProposalMarker, "regiomap proposal", folder.force);
    const std::string outline = proposal.options.from_layer.empty() ? std::string(kZorgkantoorLayer)
                                                                    : proposal.options.from_layer;
    // Everything is built before the folder is touched: a failure leaves it as it was.
    std::vector<std::pair<std::string, std::string>> files{
        {"memberships.csv", proposal_memberships_csv(governance, proposal)},
        {"changes.csv", proposal_changes_csv(governance, proposal)},
        {"proposal.json", format_proposal(governance, proposal, OutputFormat::json, true)},
        {"layer.json", layer_entry(store, proposal, folder.out / "memberships.csv")},
        {"proposal.png", proposal_map(store, governance, proposal, outline, folder.language, render::OutputKind::png)},
        {"proposal.svg", proposal_map(store, governance, proposal, outline, folder.language, render::OutputKind::svg)}};
    const auto layers = proposal_layers(store, governance, proposal);
    fs::create_directories(folder.out);
    write_file_atomically(folder.out / kProposalMarker, "regiomap proposal\n");
    std::vector<std::string> written;
    for (const auto& [name, content] : files) {
        write_file_atomically(folder.out / name, content);
        written.push_back(name);
    }
    // Inside our own folder a previous proposal.gpkg is ours to replace; the store never is.
    write_geopackage(folder.out / "proposal.gpkg", "proposal", store.crs(), layers, OutputPolicy{true, {folder.store}});
    written.push_back("proposal.gpkg");
    return written;
}

}  // namespace regiomap
