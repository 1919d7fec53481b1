#include "layers/loader.hpp"

#include "adjacency/borders.hpp"
#include "adjacency/links.hpp"

#include "core/error.hpp"
#include "core/name_matching.hpp"
#include "core/number_format.hpp"
#include "core/table_reader.hpp"
#include "history/crosswalk.hpp"
#include "initiatives/insurer_directory.hpp"
#include "layers/boundary_reader.hpp"
#include "layers/membership.hpp"
#include "store/store.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <functional>
#include <map>
#include <set>

namespace regiomap {

namespace {

// A municipality code as tables write it: CBS StatLine exports pad it with spaces ("GM0345    "),
// some tables drop the prefix ("0345").
std::string municipality_code_as_written(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) return "";
    std::string code = text.substr(first, text.find_last_not_of(" \t") - first + 1);
    if (code.size() == 4 && std::all_of(code.begin(), code.end(), [](unsigned char c) { return std::isdigit(c); })) {
        code = "GM" + code;
    }
    return code;
}

std::string relative_to_manifest(const Manifest& manifest, const std::filesystem::path& file) {
    // A manifest named without a folder ("manifest.json") has an empty parent: that is ".".
    const auto folder = manifest.path.parent_path().empty() ? std::filesystem::path(".") : manifest.path.parent_path();
    const auto relative = file.lexically_relative(folder);
    return relative.empty() ? file.string() : relative.string();
}

LayerRecord describe_layer(const Manifest& manifest, const LayerSpec& spec) {
    LayerRecord record;
    record.id = spec.id;
    record.title = spec.title;
    record.year = spec.year;
    record.source = spec.source;
    record.given_as = spec.form == LayerForm::boundaries ? "boundaries" : "membership table";
    record.file = relative_to_manifest(manifest, spec.file);
    record.default_layer = spec.default_layer.value_or("");
    record.region_count_note = spec.region_count_note;
    return record;
}

std::int64_t parse_count(const Table& table, const Table::Row& row, std::size_t column) {
    auto count = parse_whole_count(row.values[column], DecimalConvention::automatic);
    if (!count) {
        throw DataError(table.path(), table.where(row),
                        fmt::format("column {}: {} (a whole number of inhabitants)", table.columns()[column],
                                    count.reason()));
    }
    return *count;
}

// Shares of one old municipality's addresses are rounded in the source; their sum may exceed 1 by this much.
constexpr double kShareTolerance = 0.001;

// One year's municipalities as a division for the crosswalk, copied into `geos`
// (each dataset's geometries belong to its own context).
MunicipalDivision division_for_crosswalk(const GeosContext& geos, const Dataset& dataset, std::vector<Geometry>& shapes) {
    MunicipalDivision division;
    division.year = dataset.division_year;
    shapes.reserve(shapes.size() + dataset.municipalities.size());
    for (const auto& municipality : dataset.municipalities) {
        const auto wkb = geometry_to_wkb(*dataset.geos, municipality.geometry.get());
        shapes.push_back(geometry_from_wkb(geos, wkb.data(), wkb.size()));
        division.municipalities.push_back({municipality.code, municipality.name, shapes.back().get(),
                                           area(geos, shapes.back().get())});
    }
    return division;
}

std::string names_of(const Crosswalk& crosswalk, const std::vector<std::size_t>& links, bool successors) {
    std::string text;
    for (std::size_t index : links) {
        const CrosswalkLink& link = crosswalk.links[index];
        if (link.role == LinkRole::correction) continue;
        text += (text.empty() ? "" : ", ") + (successors ? link.to_name : link.from_name);
    }
    return text;
}

// Names of every year resolve in every other year loaded beside it, through the crosswalk
// between consecutive years derived from the boundaries: forward, every name a year knows
// (so a 2016 name reaches 2025: Weesp of 2020 is Amsterdam in 2025); backward, a year's own
// names one year back (Eemsdelta of 2025 is Appingedam, Delfzijl and Loppersum in 2020).
// A name the year already knows keeps its own meaning.
Crosswalk crosswalk_of(const Dataset& earlier, const Dataset& later) {
    GeosContext geos;
    std::vector<Geometry> shapes;
    const MunicipalDivision from = division_for_crosswalk(geos, earlier, shapes);
    const MunicipalDivision to = division_for_crosswalk(geos, later, shapes);
    return derive_crosswalk(geos, from, to);
}

std::set<std::string> known_names(const MunicipalityNames& names) {
    std::set<std::string> known;
    for (const auto& entry : names.entries()) known.insert(normalize_name(entry.name));
    return known;
}

// Forward: every name the earlier year knows, where its municipalities lie in the later year.
// Called while the later year is built, before its membership tables are read: they may name
// municipalities of earlier years (the work structures name Vianen, merged in 2019).
std::size_t carry_names_forward(const Dataset& earlier, Dataset& later) {
    const Crosswalk crosswalk = crosswalk_of(earlier, later);
    const std::set<std::string> known_later = known_names(later.names);
    std::size_t forward = 0;
    const std::vector<NameEntry> earlier_entries = earlier.names.entries();
    for (const auto& entry : earlier_entries) {
        if (known_later.count(normalize_name(entry.name))) continue;
        std::map<std::string, double> targets;
        std::vector<std::string> went;
        for (const auto& target : entry.targets) {
            const CrosswalkFromMunicipality* place = crosswalk.find_from(target.code);
            if (!place) continue;
            for (std::size_t index : place->links) {
                const CrosswalkLink& link = crosswalk.links[index];
                if (link.role == LinkRole::correction) continue;
                targets[link.to_code] += target.share * (link.role == LinkRole::split_part ? link.share_of_from : 1.0);
            }
            if (std::string successors = names_of(crosswalk, place->links, true);
                std::find(went.begin(), went.end(), successors) == went.end()) {
                went.push_back(std::move(successors));
            }
        }
        if (targets.empty()) continue;
        NameEntry carried{entry.name, {}, NameBasis::earlier,
                          fmt::format("{}; in {} {} (crosswalk {}-{} from the boundaries)", entry.explanation,
                                      later.division_year, fmt::join(went, ", "), earlier.division_year,
                                      later.division_year)};
        for (const auto& [code, share] : targets) carried.targets.push_back({code, share});
        later.names.add(std::move(carried));
        ++forward;
    }
    return forward;
}

// Backward: a later municipality's own code and name, as the earlier municipalities it was formed from.
std::size_t carry_names_back(Dataset& earlier, const Dataset& later) {
    const Crosswalk crosswalk = crosswalk_of(earlier, later);
    const std::set<std::string> known_earlier = known_names(earlier.names);
    std::size_t backward = 0;
    const std::vector<NameEntry> later_entries = later.names.entries();
    for (const auto& entry : later_entries) {
        if (entry.basis != NameBasis::current_name && entry.basis != NameBasis::current_code) continue;
        if (known_earlier.count(normalize_name(entry.name)) || entry.targets.size() != 1) continue;
        const CrosswalkPredecessorView* place = crosswalk.find_to(entry.targets.front().code);
        if (!place) continue;
        NameEntry formed{entry.name, {}, NameBasis::later, ""};
        for (std::size_t index : place->links) {
            const CrosswalkLink& link = crosswalk.links[index];
            if (link.role == LinkRole::correction) continue;
            formed.targets.push_back({link.from_code, link.share_of_to});
        }
        if (formed.targets.empty()) continue;
        formed.explanation = fmt::format("{} municipality, formed from {} (crosswalk {}-{} from the boundaries; "
                                         "shares of its area)",
                                         later.division_year, names_of(crosswalk, place->links, false),
                                         earlier.division_year, later.division_year);
        earlier.names.add(std::move(formed));
        ++backward;
    }
    return backward;
}

class DatasetBuilder {
public:
    DatasetBuilder(const Manifest& manifest, bool repair, const ProgressSink& progress, const Dataset* previous)
        : manifest_(manifest), repair_(repair), progress_(progress), previous_(previous) {
        dataset_.manifest_path = manifest.path.string();
        dataset_.crs = manifest.target_crs;
        dataset_.division_year = manifest.division_year;
        dataset_.default_year = manifest.default_year;
        dataset_.attribution = manifest.attribution;
        dataset_.population_date = manifest.population.reference_date;
    }

    Dataset build() {
        read_municipalities();
        read_population();
        read_names();
        if (previous_) {
            const std::size_t carried = carry_names_forward(*previous_, dataset_);
            progress_(fmt::format("  {} names of {} and before carried forward through the crosswalk", carried,
                                  previous_->division_year));
        }
        // Read every boundary layer, then assign all of them at once (in parallel),
        // then record the layers in manifest order: a table layer may follow a boundary layer.
        std::vector<const LayerSpec*> boundary_specs;
        for (const auto& spec : manifest_.region_layers) {
            if (spec.form != LayerForm::boundaries) continue;
            progress_(fmt::format("reading layer {}: {}", spec.id, relative_to_manifest(manifest_, spec.file)));
            boundary_specs.push_back(&spec);
        }
        auto layers_read = read_boundary_layers(geos_, boundary_specs, read_options());
        std::map<std::string, BoundaryLayer> boundary_layers;
        std::vector<std::vector<const GEOSGeometry*>> region_shapes;
        for (std::size_t i = 0; i < boundary_specs.size(); ++i) {
            region_shapes.emplace_back();
            for (const auto& feature : layers_read[i].features) region_shapes.back().push_back(feature.geometry.get());
            boundary_layers.emplace(boundary_specs[i]->id, std::move(layers_read[i]));
        }
        std::vector<const GEOSGeometry*> municipality_shapes;
        for (const auto& municipality : dataset_.municipalities) municipality_shapes.push_back(municipality.geometry.get());
        progress_(fmt::format("assigning {} municipalities to the regions of {} boundary layers by largest overlap",
                              municipality_shapes.size(), region_shapes.size()));
        auto assignments = assign_layers_by_largest_overlap(geos_, municipality_shapes, region_shapes);
        std::size_t next = 0;
        for (const auto& spec : manifest_.region_layers) {
            if (spec.form == LayerForm::boundaries) {
                record_boundary_layer(spec, boundary_layers.at(spec.id), assignments[next++]);
            } else {
                add_membership_table_layer(spec);
            }
        }
        check_place_aliases();
        if (manifest_.insurers.present) read_insurers();
        find_neighbours(municipality_shapes);
        return std::move(dataset_);
    }

private:
    // Borders measured on the shapes, then the links of the manifest's links table.
    void find_neighbours(const std::vector<const GEOSGeometry*>& municipality_shapes) {
        progress_(fmt::format("finding shared borders of {} municipalities", municipality_shapes.size()));
        const std::string measured = fmt::format("shapes of {} (within {} m, at least {} m of border)",
                                                 relative_to_manifest(manifest_, manifest_.municipalities.file),
                                                 kBorderToleranceM, kMinSharedBorderM);
        std::size_t borders = 0;
        for (const SharedBorder& border : shared_borders(geos_, municipality_shapes)) {
            const auto& a = dataset_.municipalities[border.a].code;
            const auto& b = dataset_.municipalities[border.b].code;
            dataset_.adjacency.push_back({std::min(a, b), std::max(a, b),
                                          border.point_contact ? AdjacencyKind::point_contact : AdjacencyKind::border,
                                          border.length_m, "", measured});
            if (!border.point_contact) ++borders;
        }
        std::size_t links = 0;
        if (!manifest_.links.empty()) {
            std::map<std::string, std::string> names;
            for (const auto& municipality : dataset_.municipalities) names[municipality.code] = municipality.name;
            for (auto& link : read_links(manifest_.links, names)) {
                dataset_.adjacency.push_back(std::move(link));
                ++links;
            }
        }
        progress_(fmt::format("  {} pairs share a border, {} meet only at a point, {} links across water",
                              borders, dataset_.adjacency.size() - borders - links, links));
    }

    BoundaryReadOptions read_options() {
        return {manifest_.target_crs, repair_, [this](const std::string& layer_id, std::size_t features) {
                    ticker_.step([&] { return fmt::format("  reading layer {}: {} features so far", layer_id, features); });
                }};
    }

    void read_municipalities() {
        const LayerSpec& spec = manifest_.municipalities;
        progress_(fmt::format("reading municipalities: {}", relative_to_manifest(manifest_, spec.file)));
        BoundaryLayer layer = read_boundary_layer(geos_, spec, read_options());
        LayerRecord record = describe_layer(manifest_, spec);
        record.source_crs = layer.source_crs;
        record.reprojected = layer.reprojected;
        record.region_count = static_cast<int>(layer.features.size());
        record.municipalities_covered = record.region_count;
        record_repairs(spec.id, layer);
        for (auto& feature : layer.features) {
            index_of_municipality_[feature.code] = dataset_.municipalities.size();
            double surface = area(geos_, feature.geometry.get());
            dataset_.regions.push_back({spec.id, feature.code, feature.name, clone(geos_, feature.geometry.get())});
            dataset_.memberships.push_back({spec.id, feature.code, feature.code, 1.0, MembershipBasis::self, ""});
            dataset_.municipalities.push_back({feature.code, feature.name, std::nullopt, surface, std::move(feature.geometry)});
        }
        dataset_.layers.push_back(record);
    }

    void read_population() {
        const PopulationSpec& spec = manifest_.population;
        if (spec.file.empty()) return;  // a year without figures: population_date stays empty and says so
        Table table = Table::read(spec.file);
        const std::size_t code_column = table.column(spec.code_field);
        const std::size_t value_column = table.column(spec.value_field);
        std::set<std::string> seen;
        for (const auto& row : table.rows()) {
            const std::string code = municipality_code_as_written(row.values[code_column]);
            auto found = index_of_municipality_.find(code);
            if (found == index_of_municipality_.end()) {
                throw DataError(table.path(), table.where(row),
                                fmt::format("unknown municipality code '{}' (not in {})", code,
                                            relative_to_manifest(manifest_, manifest_.municipalities.file)));
            }
            if (!seen.insert(code).second) throw DataError(table.path(), table.where(row), "duplicate code '" + code + "'");
            dataset_.municipalities[found->second].population = parse_count(table, row, value_column);
            if (!spec.name_field.empty()) {
                const std::string& spelled = row.values[table.column(spec.name_field)];
                if (spelled != dataset_.municipalities[found->second].name) {
                    variant_spellings_.emplace_back(spelled, code);
                }
            }
        }
        for (const auto& municipality : dataset_.municipalities) {
            if (!municipality.population) {
                dataset_.findings.push_back({manifest_.municipalities.id, municipality.code, FindingSeverity::warning,
                                             "no population in " + relative_to_manifest(manifest_, spec.file)});
            }
        }
    }

    // Where a code of the earlier year ended up in the division year, with the share of addresses.
    std::vector<NameTarget> carry_forward(const std::string& code, double share, int depth = 0) const {
        if (index_of_municipality_.count(code)) return {{code, share}};
        auto range = successors_.equal_range(code);
        std::vector<NameTarget> targets;
        if (depth > 10) return targets;
        for (auto it = range.first; it != range.second; ++it) {
            for (auto& target : carry_forward(it->second.first, share * it->second.second, depth + 1)) {
                targets.push_back(target);
            }
        }
        return targets;
    }

    void read_names() {
        const NameHistorySpec& spec = manifest_.names;
        MunicipalityNames& names = dataset_.names;
        for (const auto& municipality : dataset_.municipalities) {
            names.add({municipality.code, {{municipality.code, 1.0}}, NameBasis::current_code,
                       fmt::format("{} code", manifest_.division_year)});
            names.add({municipality.name, {{municipality.code, 1.0}}, NameBasis::current_name,
                       fmt::format("{} name", manifest_.division_year)});
        }
        for (const auto& [spelled, code] : variant_spellings_) {
            names.add({spelled, {{code, 1.0}}, NameBasis::variant, "spelling in the CBS population table"});
        }

        if (!spec.mergers.empty()) read_name_history(spec);
        if (!spec.aliases.empty()) read_aliases(spec);
    }

    // The earlier year's municipalities and where each ended up, through the merger list.
    void read_name_history(const NameHistorySpec& spec) {
        MunicipalityNames& names = dataset_.names;
        // The one reader of merger lists (history/crosswalk.hpp) checks every cell; here what the names need.
        const std::string mergers = spec.mergers.string();
        std::vector<PublishedChange> changes = read_published_changes(spec.mergers);
        std::map<std::string, std::string> merger_note;
        std::map<std::pair<std::string, std::string>, std::size_t> row_of_merger;  // (old, new) -> row
        std::map<std::string, double> share_handed_on;                              // old code -> sum of shares
        for (const PublishedChange& change : changes) {
            const std::string& from = change.old_code;
            const std::string& to = change.new_code;
            if (from.empty() || to.empty()) throw DataError(mergers, change.where, "empty oude_code or nieuwe_code");
            if (from == to) throw DataError(mergers, change.where, fmt::format("{} merges into itself", from));
            if (auto [it, inserted] = row_of_merger.emplace(std::make_pair(from, to), change.row); !inserted) {
                throw DataError(mergers, change.where,
                                fmt::format("{} -> {} is listed twice (also row {}); its addresses would count twice",
                                            from, to, it->second));
            }
            if ((share_handed_on[from] += change.address_share) > 1.0 + kShareTolerance) {
                throw DataError(mergers, change.where,
                                fmt::format("the shares of the addresses of {} add up to {:.3f} by this row; they can "
                                            "add up to 1 at most", from, share_handed_on[from]));
            }
            successors_.emplace(from, std::make_pair(to, change.address_share));
            auto& note = merger_note[from];
            note += fmt::format("{}{} ({})", note.empty() ? "" : ", ", change.new_name, change.effective.text());
        }
        refuse_merger_cycles(mergers, row_of_merger);
        // Kept in the store as published, so crosswalks between its years can show the address shares beside their own.
        for (auto& change : changes) change.source = relative_to_manifest(manifest_, spec.mergers);
        dataset_.published_changes = std::move(changes);
        Table earlier = Table::read(spec.earlier_municipalities);
        const auto earlier_code = earlier.column(spec.earlier_code_field);
        const auto earlier_name = earlier.column(spec.earlier_name_field);
        for (const auto& row : earlier.rows()) {
            const std::string& code = row.values[earlier_code];
            if (index_of_municipality_.count(code)) {
                const auto& now = dataset_.municipalities[index_of_municipality_.at(code)];
                if (row.values[earlier_name] != now.name) {
                    names.add({row.values[earlier_name], {{code, 1.0}}, NameBasis::earlier,
                               fmt::format("{} name of {}", spec.earlier_year, now.name)});
                }
                continue;
            }
            auto targets = carry_forward(code, 1.0);
            if (targets.empty()) {
                throw DataError(earlier.path(), earlier.where(row),
                                fmt::format("{} {} is neither a {} municipality nor in the merger list {}", code,
                                            row.values[earlier_name], manifest_.division_year,
                                            relative_to_manifest(manifest_, spec.mergers)));
            }
            std::string explanation = fmt::format("{} municipality; merged into {}", spec.earlier_year, merger_note[code]);
            if (targets.size() > 1) explanation = fmt::format("{} municipality; split over {}", spec.earlier_year, merger_note[code]);
            names.add({row.values[earlier_name], targets, NameBasis::earlier, explanation});
            names.add({code, targets, NameBasis::earlier, explanation});
        }

    }

    // Informal names of municipalities, villages, groups and provinces, each with its source.
    void read_aliases(const NameHistorySpec& spec) {
        MunicipalityNames& names = dataset_.names;
        Table aliases = Table::read(spec.aliases);
        const auto alias = aliases.column("alias");
        const auto kind_column = aliases.column("kind");
        const auto codes_column = aliases.column("codes");
        const auto source = aliases.column("source");
        // A row is traceable when it names where the membership is stated (an address or a bundled file)
        // and when; a row without one still loads, but every use of it says it is unverified.
        auto optional_cell = [&aliases](const Table::Row& row, const char* column) {
            return aliases.has_column(column) ? row.values[aliases.column(column)] : std::string();
        };
        for (const auto& row : aliases.rows()) {
            const std::string& kind = row.values[kind_column];
            const std::vector<std::string> codes = split_written_list(row.values[codes_column], ";");
            if (row.values[alias].empty()) throw DataError(aliases.path(), aliases.where(row), "empty alias");
            const std::string url = optional_cell(row, "source_url");
            const std::string dated = optional_cell(row, "source_date");
            if (!url.empty() && dated.empty()) {
                throw DataError(aliases.path(), aliases.where(row),
                                "column source_date: the source " + url + " needs a date (or 'undated page (read YYYY-MM-DD)')");
            }
            const std::string& said = row.values[source].empty() ? std::string("no source text") : row.values[source];
            const std::string stated = url.empty() ? std::string(kUnverifiedAlias) + " " + said
                                                   : fmt::format("{} ({}, {})", said, url, dated);
            if (codes.empty()) throw DataError(aliases.path(), aliases.where(row), "no codes");
            if (kind != "province") {
                for (const auto& code : codes) {
                    if (!index_of_municipality_.count(code)) {
                        throw DataError(aliases.path(), aliases.where(row),
                                        fmt::format("unknown municipality code '{}' for alias '{}'", code, row.values[alias]));
                    }
                }
            }
            if (kind == "municipality" || kind == "village") {
                if (codes.size() != 1) {
                    throw DataError(aliases.path(), aliases.where(row), "a " + kind + " alias names exactly one municipality");
                }
                const auto& target = dataset_.municipalities[index_of_municipality_.at(codes.front())];
                std::string explanation = kind == "village" ? "village in " + target.name + "; " + stated
                                                            : "alias; " + stated;
                names.add({row.values[alias], {{codes.front(), 1.0}}, NameBasis::alias, explanation});
            } else if (kind == "group" || kind == "province") {
                dataset_.place_aliases.push_back({row.values[alias], kind, codes, stated});
            } else {
                throw DataError(aliases.path(), aliases.where(row),
                                "kind must be municipality, village, group or province, not '" + kind + "'");
            }
        }
        aliases_file_ = aliases.path();
    }

    // A cycle (A -> B -> A) would send carry_forward round and round; name its codes and rows.
    void refuse_merger_cycles(const std::string& mergers,
                              const std::map<std::pair<std::string, std::string>, std::size_t>& row_of_merger) const {
        std::set<std::string> finished;
        std::vector<std::string> path;
        std::function<void(const std::string&)> visit = [&](const std::string& code) {
            if (finished.count(code)) return;
            if (auto on_path = std::find(path.begin(), path.end(), code); on_path != path.end()) {
                std::vector<std::string> steps;
                for (auto it = on_path; it != path.end(); ++it) {
                    const std::string& next = it + 1 != path.end() ? *(it + 1) : code;
                    steps.push_back(fmt::format("{} -> {} (row {})", *it, next, row_of_merger.at({*it, next})));
                }
                throw DataError(mergers, "",
                                fmt::format("the mergers go round in a cycle: {}", fmt::join(steps, ", ")));
            }
            path.push_back(code);
            auto range = successors_.equal_range(code);
            for (auto it = range.first; it != range.second; ++it) visit(it->second.first);
            path.pop_back();
            finished.insert(code);
        };
        for (const auto& [from_to, row] : row_of_merger) visit(from_to.first);
    }

    // Province aliases name region codes, which exist only once the layers are read.
    void check_place_aliases() const {
        std::set<std::string> region_codes_anywhere;
        for (const auto& region : dataset_.regions) region_codes_anywhere.insert(region.code);
        for (const auto& place : dataset_.place_aliases) {
            if (place.kind != "province") continue;
            for (const auto& code : place.codes) {
                if (!region_codes_anywhere.count(code)) {
                    throw DataError(aliases_file_, "alias " + place.alias, "unknown region code '" + code + "'");
                }
            }
        }
    }

    void record_boundary_layer(const LayerSpec& spec, BoundaryLayer& layer,
                               const std::vector<std::optional<OverlapAssignment>>& assignments) {
        record_repairs(spec.id, layer);

        int ambiguous = 0, warnings = 0;
        for (std::size_t i = 0; i < assignments.size(); ++i) {
            const auto& municipality = dataset_.municipalities[i];
            if (!assignments[i]) {
                throw DataError(spec.file.string(), "",
                                fmt::format("municipality {} {} overlaps no region of layer {}", municipality.code,
                                            municipality.name, spec.id));
            }
            const auto& chosen = assignments[i]->chosen();
            const auto& region = layer.features[chosen.region];
            dataset_.memberships.push_back(
                {spec.id, municipality.code, region.code, chosen.share, MembershipBasis::largest_overlap, ""});
            if (chosen.share < kWarningShare) {
                std::vector<std::string> competing;
                for (const auto& overlap : assignments[i]->overlaps) {
                    if (overlap.share < 0.005) continue;
                    competing.push_back(fmt::format("{} {} {:.3f}", layer.features[overlap.region].code,
                                                    layer.features[overlap.region].name, overlap.share));
                }
                bool is_ambiguous = chosen.share < kAmbiguousShare;
                (is_ambiguous ? ambiguous : warnings)++;
                LoadFinding finding{
                    spec.id, municipality.code, is_ambiguous ? FindingSeverity::ambiguous : FindingSeverity::warning,
                    fmt::format("{} {}: largest overlap share {:.3f} (below {}); overlaps: {}", municipality.code,
                                municipality.name, chosen.share, is_ambiguous ? kAmbiguousShare : kWarningShare,
                                fmt::join(competing, "; "))};
                progress_(fmt::format("  {}: {}", to_string(finding.severity), finding.message));
                dataset_.findings.push_back(std::move(finding));
            }
        }
        LayerRecord record = describe_layer(manifest_, spec);
        record.source_crs = layer.source_crs;
        record.reprojected = layer.reprojected;
        record.region_count = static_cast<int>(layer.features.size());
        record.municipalities_covered = static_cast<int>(assignments.size());
        std::set<std::string> used;
        for (std::size_t i = 0; i < assignments.size(); ++i) used.insert(layer.features[assignments[i]->chosen().region].code);
        for (auto& feature : layer.features) {
            if (!used.count(feature.code)) {
                dataset_.findings.push_back({spec.id, feature.code, FindingSeverity::warning,
                                             fmt::format("region {} {} is the largest overlap of no municipality",
                                                         feature.code, feature.name)});
            }
            dataset_.regions.push_back({spec.id, feature.code, feature.name, std::move(feature.geometry)});
        }
        dataset_.layers.push_back(record);
        progress_(fmt::format("layer {}: {} regions, {} municipalities assigned by largest overlap, {} ambiguous (<{}), "
                              "{} below {}", spec.id, record.region_count, record.municipalities_covered, ambiguous,
                              kAmbiguousShare, warnings, kWarningShare));
    }

    void add_membership_table_layer(const LayerSpec& spec) {
        progress_(fmt::format("reading layer {}: {} (membership table)", spec.id, relative_to_manifest(manifest_, spec.file)));
        Table table = Table::read(spec.file);
        const auto region_code = table.column(spec.region_code_field);
        const auto region_name = table.column(spec.region_name_field);
        const auto municipality = table.column(spec.municipality_field);
        const bool has_note = !spec.note_field.empty();
        const std::size_t note = has_note ? table.column(spec.note_field) : 0;

        std::map<std::string, std::string> region_names;  // code -> name, in code order
        std::map<std::string, std::string> membership;    // municipality -> region
        std::map<std::string, std::string> notes;
        std::map<std::string, std::size_t> row_of;
        for (const auto& row : table.rows()) {
            const std::string& code = row.values[region_code];
            const std::string& name = row.values[region_name];
            if (code.empty()) throw DataError(table.path(), table.where(row), "empty region code (column " + spec.region_code_field + ")");
            if (name.empty()) throw DataError(table.path(), table.where(row), "empty region name (column " + spec.region_name_field + ")");
            if (auto [it, inserted] = region_names.emplace(code, name); !inserted && it->second != name) {
                throw DataError(table.path(), table.where(row),
                                fmt::format("region {} is called '{}' here and '{}' above", code, name, it->second));
            }
            const std::string& written = row.values[municipality];
            NameResolution resolution;
            try {
                resolution = dataset_.names.resolve(written);
            } catch (const NotFoundError& error) {
                throw DataError(table.path(), table.where(row), error.what());
            }
            if (resolution.entry->targets.size() != 1) {
                throw DataError(table.path(), table.where(row),
                                fmt::format("'{}' was split over several municipalities ({}); name the {} municipality",
                                            written, resolution.entry->explanation, manifest_.division_year));
            }
            const std::string& resolved = resolution.entry->targets.front().code;
            if (auto [it, inserted] = row_of.emplace(resolved, row.number); !inserted) {
                throw DataError(table.path(), table.where(row),
                                fmt::format("municipality {} ('{}') is listed twice (also row {})", resolved, written, it->second));
            }
            membership[resolved] = code;
            std::string remark = has_note ? row.values[note] : "";
            if (resolution.entry->basis == NameBasis::earlier) {
                remark = fmt::format("{}{}published as {} ({})", remark, remark.empty() ? "" : "; ", written,
                                     resolution.entry->explanation);
            }
            notes[resolved] = remark;
        }

        LayerRecord record = describe_layer(manifest_, spec);
        record.published_count = static_cast<int>(membership.size());
        std::map<std::string, std::vector<std::string>> members;  // region -> municipalities
        for (const auto& [code, region] : membership) {
            members[region].push_back(code);
            dataset_.memberships.push_back({spec.id, code, region, std::nullopt, MembershipBasis::published, notes[code]});
        }
        if (spec.default_layer) {
            const std::string default_id = *spec.default_layer;
            std::map<std::string, std::string> default_region_names;
            for (const auto& region : dataset_.regions) {
                if (region.layer_id == default_id) default_region_names[region.code] = region.name;
            }
            std::set<std::string> published_codes;
            for (const auto& [code, name] : region_names) published_codes.insert(code);
            // Collect first, append after: appending to dataset_.memberships while walking it
            // would invalidate the walk as soon as the vector grows.
            std::vector<MembershipRecord> defaults;
            for (const auto& other : dataset_.memberships) {
                if (other.layer_id != default_id || membership.count(other.municipality_code)) continue;
                std::string code = spec.id == default_id ? other.region_code : "DEF-" + other.region_code;
                if (published_codes.count(code)) {
                    throw DataError(table.path(), "", fmt::format("region code {} is reserved for municipalities "
                                                                  "that follow layer {}", code, default_id));
                }
                members[code].push_back(other.municipality_code);
                region_names.emplace(code, default_region_names[other.region_code] + " (follows " + default_id + ")");
                defaults.push_back({spec.id, other.municipality_code, code, std::nullopt, MembershipBasis::layer_default,
                                    fmt::format("not published; follows {} region {}", default_id, other.region_code)});
            }
            record.default_count = static_cast<int>(defaults.size());
            dataset_.memberships.insert(dataset_.memberships.end(), std::make_move_iterator(defaults.begin()),
                                        std::make_move_iterator(defaults.end()));
        } else if (membership.size() != dataset_.municipalities.size()) {
            std::vector<std::string> missing;
            for (const auto& m : dataset_.municipalities) {
                if (!membership.count(m.code)) missing.push_back(m.code + " " + m.name);
            }
            std::size_t shown = std::min<std::size_t>(missing.size(), 5);
            throw DataError(table.path(), "",
                            fmt::format("leaves out {} of {} municipalities ({}{}) and the manifest gives layer {} no "
                                        "default_layer", missing.size(), dataset_.municipalities.size(),
                                        fmt::join(missing.begin(), missing.begin() + static_cast<long>(shown), ", "),
                                        missing.size() > shown ? ", ..." : "", spec.id));
        }
        for (const auto& [code, name] : region_names) {
            std::vector<const GEOSGeometry*> parts;
            for (const auto& member : members[code]) {
                parts.push_back(dataset_.municipalities[index_of_municipality_.at(member)].geometry.get());
            }
            dataset_.regions.push_back({spec.id, code, name, dissolve(geos_, parts)});
        }
        record.region_count = static_cast<int>(region_names.size());
        record.municipalities_covered = record.published_count + record.default_count;
        dataset_.layers.push_back(record);
        progress_(fmt::format("  {} regions; {} municipalities published, {} follow {}", record.region_count,
                              record.published_count, record.default_count, record.default_layer.empty() ? "nothing" : record.default_layer));
    }

    std::set<std::string> region_codes(const std::string& layer_id) const {
        std::set<std::string> codes;
        for (const auto& region : dataset_.regions) {
            if (region.layer_id == layer_id) codes.insert(region.code);
        }
        return codes;
    }

    // The concern a designation label or a designated legal entity stands for, and why.
    struct ConcernOf {
        std::string concern;  // empty: unmapped, and `basis` says why
        std::string basis;
    };

    void read_insurers() {
        const InsurerSpec& spec = manifest_.insurers;
        progress_("reading insurer tables");
        const std::string designation_year = std::to_string(spec.designation_year);

        // Designation labels (2014) and designated legal entities, each with the concern of
        // today and the basis of that mapping. An entity without a concern stays unmapped,
        // and its basis says why: no source names its concern.
        Table labels = Table::read(spec.label_concerns);
        const auto name_column = labels.column("naam");
        const auto kind_column = labels.column("soort");
        const auto concern_column = labels.column("concern_2020");
        const auto label_basis = labels.column("basis");
        std::map<std::string, ConcernOf> concern_of_label;
        std::map<std::string, ConcernOf> concern_of_entity;  // by normalised name
        for (const auto& row : labels.rows()) {
            const std::string& kind = row.values[kind_column];
            const ConcernOf mapping{row.values[concern_column], row.values[label_basis]};
            if (mapping.basis.empty()) {
                throw DataError(labels.path(), labels.where(row), "no basis: say why the name is that concern, or why not");
            }
            if (kind.rfind("label", 0) == 0) {
                if (mapping.concern.empty()) throw DataError(labels.path(), labels.where(row), "a label needs a concern");
                concern_of_label[row.values[name_column]] = mapping;
            } else if (kind.rfind("rechtspersoon", 0) == 0) {
                concern_of_entity[normalize_name(row.values[name_column])] = mapping;
            } else {
                throw DataError(labels.path(), labels.where(row),
                                fmt::format("soort '{}': write 'label ...' or 'rechtspersoon ...'", kind));
            }
        }

        Table designation = Table::read(spec.designation);
        const auto code_column = designation.column(spec.designation_code_field);
        const auto entity_column = designation.column(spec.designation_entity_field);
        struct Designated {
            std::string entity;
            ConcernOf mapping;
        };
        std::map<std::string, Designated> designated;
        for (const auto& row : designation.rows()) {
            const std::string& entity = row.values[entity_column];
            auto mapping = concern_of_entity.find(normalize_name(entity));
            if (mapping == concern_of_entity.end()) {
                throw DataError(designation.path(), designation.where(row),
                                fmt::format("legal entity '{}' is not in {}: map it to a concern with a basis, or "
                                            "leave the concern empty and say why",
                                            entity, spec.label_concerns.filename().string()));
            }
            designated[row.values[code_column]] = {entity, mapping->second};
        }

        Table successors = Table::read(spec.region_successors);
        const auto old_column = successors.column("oude_code");
        const auto new_column = successors.column("nieuwe_code");
        const auto year_column = successors.column("ingangsjaar");
        std::multimap<std::string, std::pair<std::string, std::string>> predecessors;  // new -> (old, year)
        std::set<std::string> merged_away;
        for (const auto& row : successors.rows()) {
            predecessors.emplace(row.values[new_column], std::make_pair(row.values[old_column], row.values[year_column]));
            merged_away.insert(row.values[old_column]);
        }

        const auto zorgkantoor_regions = region_codes(spec.zorgkantoor_layer);
        for (const auto& [code, record] : designated) {
            if (!zorgkantoor_regions.count(code) && !merged_away.count(code)) {
                throw DataError(designation.path(), "region " + code,
                                fmt::format("not a region of layer {} and not in {}", spec.zorgkantoor_layer,
                                            spec.region_successors.filename().string()));
            }
        }
        auto designation_record = [&](const std::string& code, const std::string& entity, const ConcernOf& mapping,
                                      const std::string& merged) {
            InsurerRecord record{InsurerRole::zorgkantoor, spec.zorgkantoor_layer, code, mapping.concern, "",
                                 designation_year, spec.designation_source};
            record.kind = mapping.concern.empty() ? InsurerBasisKind::unmapped_designation : InsurerBasisKind::designation;
            record.subject_in_source = entity;
            record.detail = mapping.basis;
            record.matched_as = merged;
            const std::string designated_for = merged.empty() ? std::string() : " (" + merged + ")";
            record.basis = mapping.concern.empty()
                               ? fmt::format("zorgkantoor designation {}: {}{}, unmapped: {}", designation_year, entity,
                                             designated_for, mapping.basis)
                               : fmt::format("zorgkantoor designation {}: {}{} -> concern {}: {}", designation_year,
                                             entity, designated_for, mapping.concern, mapping.basis);
            return record;
        };
        for (const auto& code : zorgkantoor_regions) {
            if (auto found = designated.find(code); found != designated.end()) {
                dataset_.insurers.push_back(designation_record(code, found->second.entity, found->second.mapping, ""));
                continue;
            }
            // A region merged since the designation: one entity designated for all its parts.
            std::set<std::string> entities;
            std::vector<std::string> parts;
            std::string merger_year;
            const Designated* part = nullptr;
            auto range = predecessors.equal_range(code);
            for (auto it = range.first; it != range.second; ++it) {
                merger_year = it->second.second;
                auto old = designated.find(it->second.first);
                if (old == designated.end()) continue;
                entities.insert(normalize_name(old->second.entity));
                parts.push_back(it->second.first);
                part = &old->second;
            }
            if (entities.size() == 1 && part != nullptr) {
                dataset_.insurers.push_back(designation_record(
                    code, part->entity, part->mapping,
                    fmt::format("for {}, merged into {} in {}", fmt::join(parts, " and "), code, merger_year)));
            } else {
                dataset_.findings.push_back({spec.zorgkantoor_layer, code, FindingSeverity::note,
                                             "no zorgkantoor designation found for region " + code});
            }
        }

        Table largest = Table::read(spec.largest_published);
        const auto municipality_column = largest.column("gemeentecode");
        const auto largest_concern = largest.column("grootste_verzekeraar_concern");
        const auto largest_year = largest.column("peiljaar");
        const auto largest_source = largest.column("bron");
        for (const auto& row : largest.rows()) {
            const std::string code = municipality_in_row(dataset_.names, largest, row, row.values[municipality_column]);
            InsurerRecord record{InsurerRole::largest, manifest_.municipalities.id, code, row.values[largest_concern],
                                 "published: " + row.values[largest_source], row.values[largest_year],
                                 row.values[largest_source]};
            record.kind = InsurerBasisKind::published_municipality;
            record.subject_in_source = row.values[largest.column("gemeentenaam")];
            record.detail = row.values[largest_source];
            dataset_.insurers.push_back(std::move(record));
        }

        read_work_structure_leads(spec);
        read_insurer_names(spec, concern_of_label);
        read_largest_insurer_statements(spec);
        progress_(fmt::format("  {} insurer facts, {} insurer names", dataset_.insurers.size(), dataset_.insurer_names.size()));
    }

    void read_work_structure_leads(const InsurerSpec& spec) {
        Table leads = Table::read(spec.work_structure_leads);
        const auto lead_region = leads.column("region_code");
        const auto lead_concern = leads.column("lead_concern");
        const auto lead_year = leads.column("year");
        const auto lead_source = leads.column("source");
        const auto lead_note = leads.column("note");
        const auto work_structure_regions = region_codes(spec.work_structure_layer);
        for (const auto& row : leads.rows()) {
            if (!work_structure_regions.count(row.values[lead_region])) {
                throw DataError(leads.path(), leads.where(row),
                                fmt::format("unknown region code '{}' in layer {}", row.values[lead_region],
                                            spec.work_structure_layer));
            }
            InsurerRecord record{InsurerRole::work_structure_lead, spec.work_structure_layer, row.values[lead_region],
                                 row.values[lead_concern], "published lead insurer: " + row.values[lead_note],
                                 row.values[lead_year], row.values[lead_source]};
            record.kind = InsurerBasisKind::published_lead;
            record.detail = row.values[lead_note];
            dataset_.insurers.push_back(std::move(record));
        }
    }

    void read_insurer_names(const InsurerSpec& spec, const std::map<std::string, ConcernOf>& concern_of_label) {
        Table concerns = Table::read(spec.concern_list);
        const auto concern_name = concerns.column("concern");
        std::set<std::string> known_concerns;
        for (const auto& row : concerns.rows()) {
            if (known_concerns.insert(row.values[concern_name]).second) {
                dataset_.insurer_names.push_back({row.values[concern_name], row.values[concern_name], "concern name"});
            }
        }
        for (const auto& [label, concern] : concern_of_label) {
            dataset_.insurer_names.push_back({label, concern.concern, "2014 designation label: " + concern.basis});
        }
        Table brands = Table::read(spec.brand_names);
        const auto brand = brands.column("name");
        const auto brand_concern = brands.column("concern");
        const auto brand_source = brands.column("source");
        for (const auto& row : brands.rows()) {
            if (!known_concerns.count(row.values[brand_concern])) {
                throw DataError(brands.path(), brands.where(row),
                                fmt::format("'{}' is not a concern of {}", row.values[brand_concern],
                                            spec.concern_list.filename().string()));
            }
            dataset_.insurer_names.push_back({row.values[brand], row.values[brand_concern], row.values[brand_source]});
        }
    }

    // The published statements that name a region's largest insurer, each checked against the
    // statement it quotes (same place, date and URL; the concern among the insurers it names),
    // become the largest insurer of the municipalities of the region they were matched to.
    // Those not matched to a region are noted with the reason.
    void read_largest_insurer_statements(const InsurerSpec& spec) {
        const InsurerDirectory insurers(dataset_.insurer_names);
        Table statements = Table::read(spec.regional_statements);
        const auto place = statements.column("regio_naam_in_bron");
        const auto date = statements.column("jaar_of_datum_in_bron");
        const auto insurer = statements.column("zorgverzekeraar_in_bron");
        const auto url = statements.column("bron_url");
        auto key = [](const std::string& a, const std::string& b, const std::string& c) { return a + "\n" + b + "\n" + c; };
        std::map<std::string, const Table::Row*> statement_of;
        for (const auto& row : statements.rows()) {
            statement_of[key(row.values[place], row.values[date], row.values[url])] = &row;
        }
        Table named = Table::read(spec.regional_statement_municipalities);
        const auto named_place = named.column("regio_naam_in_bron");
        const auto named_date = named.column("jaar_of_datum_in_bron");
        const auto named_url = named.column("bron_url");
        const auto named_code = named.column("gemeentecode_cbs2020");
        const auto named_name = named.column("gemeente_in_bron");

        Table claims = Table::read(spec.largest_insurer_statements);
        const auto claim_place = claims.column("regio_naam_in_bron");
        const auto claim_date = claims.column("jaar_of_datum_in_bron");
        const auto claim_url = claims.column("bron_url");
        const auto claim_concern = claims.column("concern");
        const auto claim_year = claims.column("jaar");
        const auto claim_says = claims.column("wat_de_bron_zegt");
        const auto claim_layer = claims.column("gebied_laag");
        const auto claim_region = claims.column("gebied_code");
        const auto claim_match = claims.column("koppeling");
        for (const auto& row : claims.rows()) {
            const std::string& where_in_source = row.values[claim_place];
            auto statement =
                statement_of.find(key(where_in_source, row.values[claim_date], row.values[claim_url]));
            if (statement == statement_of.end()) {
                throw DataError(claims.path(), claims.where(row),
                                fmt::format("no statement for '{}' of {} with this URL in {}", where_in_source,
                                            row.values[claim_date], spec.regional_statements.filename().string()));
            }
            const std::string& concern = row.values[claim_concern];
            // "Menzis (zorgverzekeraar and zorgkantoor)": the remark in brackets is not a name.
            std::string insurers_named = statement->second->values[insurer];
            for (auto open = insurers_named.find('('); open != std::string::npos; open = insurers_named.find('(')) {
                const auto close = insurers_named.find(')', open);
                insurers_named.erase(open, close == std::string::npos ? std::string::npos : close - open + 1);
            }
            const auto named_concerns = insurers.concerns_in(insurers_named);
            if (std::find(named_concerns.begin(), named_concerns.end(), concern) == named_concerns.end()) {
                throw DataError(claims.path(), claims.where(row),
                                fmt::format("concern '{}' is not among the insurers the statement names ({})", concern,
                                            statement->second->values[insurer]));
            }
            const std::string& layer = row.values[claim_layer];
            std::vector<std::string> municipalities;
            if (layer.empty()) continue;  // not matched to a region; the table's 'koppeling' says why
            if (layer == "gemeenten") {
                for (const auto& member : named.rows()) {
                    if (member.values[named_place] != where_in_source || member.values[named_date] != row.values[claim_date] ||
                        member.values[named_url] != row.values[claim_url]) {
                        continue;
                    }
                    if (member.values[named_code].empty()) {
                        throw DataError(named.path(), named.where(member),
                                        fmt::format("{} has no municipality code, and the statement on {} is used as "
                                                    "the largest insurer of the municipalities it names",
                                                    member.values[named_name], where_in_source));
                    }
                    municipalities.push_back(municipality_in_row(dataset_.names, named, member, member.values[named_code]));
                }
            } else {
                const std::string& region = row.values[claim_region];
                for (const auto& membership : dataset_.memberships) {
                    if (membership.layer_id == layer && membership.region_code == region) {
                        municipalities.push_back(membership.municipality_code);
                    }
                }
            }
            if (municipalities.empty()) {
                throw DataError(claims.path(), claims.where(row),
                                fmt::format("matches no municipality of {} (layer '{}', region '{}')",
                                            manifest_.division_year, layer, row.values[claim_region]));
            }
            for (const auto& code : municipalities) {
                InsurerRecord record{InsurerRole::largest, manifest_.municipalities.id, code, concern,
                                     fmt::format("published statement ({}, {}): {}", row.values[claim_year],
                                                 row.values[claim_url], row.values[claim_says]),
                                     row.values[claim_year], row.values[claim_url]};
                record.kind = InsurerBasisKind::published_statement;
                record.subject_in_source = where_in_source;
                record.detail = row.values[claim_says];
                record.matched_as = row.values[claim_match];
                dataset_.insurers.push_back(std::move(record));
            }
        }
    }

    void record_repairs(const std::string& layer_id, const BoundaryLayer& layer) {
        for (const auto& repair : layer.repairs) {
            dataset_.findings.push_back({layer_id, repair.feature_code, FindingSeverity::repair, repair.description});
            progress_(fmt::format("  repaired {}: {}", repair.feature_code, repair.description));
        }
    }

    const Manifest& manifest_;
    bool repair_;
    const ProgressSink& progress_;
    const Dataset* previous_;  // the year before, already built; nullptr for the first
    ThrottledProgress ticker_{progress_};
    Dataset dataset_;
    const GeosContext& geos_ = *dataset_.geos;
    std::map<std::string, std::size_t> index_of_municipality_;
    std::vector<std::pair<std::string, std::string>> variant_spellings_;
    std::multimap<std::string, std::pair<std::string, double>> successors_;  // old code -> (new code, share)
    std::string aliases_file_;
};

}  // namespace

Dataset build_dataset(const Manifest& manifest, bool repair_invalid, const ProgressSink& progress,
                      const Dataset* previous) {
    return DatasetBuilder(manifest, repair_invalid, progress, previous).build();
}

std::vector<Dataset> build_datasets(const std::vector<Manifest>& years, bool repair_invalid,
                                    const ProgressSink& progress) {
    std::vector<Dataset> datasets;
    for (const Manifest& year : years) {
        // With several years, every progress line says which one it is about.
        const ProgressSink for_year = years.size() == 1 ? progress : ProgressSink([&](const std::string& line) {
            progress(fmt::format("{}: {}", year.division_year, line));
        });
        datasets.push_back(build_dataset(year, repair_invalid, for_year, datasets.empty() ? nullptr : &datasets.back()));
    }
    for (std::size_t i = 0; i + 1 < datasets.size(); ++i) {
        const std::size_t carried = carry_names_back(datasets[i], datasets[i + 1]);
        progress(fmt::format("{}: {} names of {} carried back through the crosswalk", datasets[i].division_year,
                             carried, datasets[i + 1].division_year));
    }
    return datasets;
}

void use_population_table(std::vector<Manifest>& years, int year, const std::filesystem::path& file) {
    auto manifest = std::find_if(years.begin(), years.end(), [&](const Manifest& m) { return m.division_year == year; });
    if (manifest == years.end()) {
        std::vector<int> listed;
        for (const Manifest& m : years) listed.push_back(m.division_year);
        throw UsageError(fmt::format("--population {}={}: the manifest has no year {}; years: {}", year, file.string(),
                                     year, fmt::join(listed, ", ")));
    }
    const Table table = Table::read(file);
    auto code = table.column_named({"gemeentecode", "code", "statcode", "gm_code", "gemeente_code", "regiocode"});
    if (!code) {
        throw DataError(file.string(), "", fmt::format("no column with the municipality code (gemeentecode, code or "
                                                       "statcode, e.g. GM0345); columns: {}",
                                                       fmt::join(table.columns(), ", ")));
    }
    auto value = table.column_named({"inwoners", "bevolking", "population", "aantal_inwoners", "inwonertal",
                                     fmt::format("inwoners_1jan{}", year)});
    if (!value) {
        throw DataError(file.string(), "", fmt::format("no column with the number of inhabitants (inwoners, bevolking "
                                                       "or population); columns: {}",
                                                       fmt::join(table.columns(), ", ")));
    }
    PopulationSpec spec;
    spec.file = std::filesystem::absolute(file);
    spec.code_field = table.columns()[*code];
    spec.value_field = table.columns()[*value];
    if (auto name = table.column_named({"gemeentenaam", "gemeente", "naam", "name"})) spec.name_field = table.columns()[*name];
    spec.reference_date = fmt::format("{}-01-01", year);
    manifest->population = std::move(spec);
}

std::vector<Dataset> load(const LoadOptions& options, const ProgressSink& progress) {
    std::vector<Manifest> years = Manifest::read_years(options.manifest);
    for (const auto& [year, file] : options.population_tables) {
        use_population_table(years, year, file);
        progress(fmt::format("{}: population from your table {}", year, file.string()));
    }
    std::vector<Dataset> datasets = build_datasets(years, options.repair_invalid, progress);
    progress(fmt::format("writing store {}", options.store.string()));
    Store::write(options.store, datasets, progress);
    return datasets;
}

}  // namespace regiomap
