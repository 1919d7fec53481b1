#include "initiatives/initiative_map.hpp"

#include "core/error.hpp"
#include "core/gdal_errors.hpp"
#include "geometry/geos.hpp"
#include "io/store_layers.hpp"

#include <fmt/format.h>
#include <gdal_priv.h>
#include <nlohmann/json.hpp>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <set>

namespace regiomap {

namespace {

using nlohmann::json;

// Municipalities an initiative's geometry falls in.
class GeometryLocator {
public:
    GeometryLocator(const Store& store, const Governance& governance) {
        for (const auto& [code, wkb] : store.municipality_geometries()) {
            codes_.push_back(governance.index_of.at(code));
            shapes_.push_back(geometry_from_wkb(geos_, wkb.data(), wkb.size()));
            borrowed_.push_back(shapes_.back().get());
        }
        index_ = std::make_unique<SpatialIndex>(geos_, borrowed_);
    }

    ResolvedPart locate(const Initiative& entry) const {
        ResolvedPart part;
        part.text = "geometry";
        std::vector<unsigned char> wkb = entry.geometry;
        if (!entry.geometry_crs.empty() && entry.geometry_crs != "EPSG:28992") wkb = to_rd_new(entry, wkb);
        Geometry shape = geometry_from_wkb(geos_, wkb.data(), wkb.size());
        const int type = GEOSGeomTypeId_r(geos_.handle(), shape.get());
        const bool points = type == GEOS_POINT || type == GEOS_MULTIPOINT;
        const double total = points ? 0.0 : area(geos_, shape.get());
        for (std::size_t candidate : index_->candidates(shape.get())) {
            if (points) {
                if (GEOSIntersects_r(geos_.handle(), borrowed_[candidate], shape.get()) == 1) {
                    part.municipalities.push_back(codes_[candidate]);
                }
            } else if (total > 0 && intersection_area(geos_, borrowed_[candidate], shape.get()) / total >= 0.01) {
                part.municipalities.push_back(codes_[candidate]);
            }
        }
        std::sort(part.municipalities.begin(), part.municipalities.end());
        part.resolved = !part.municipalities.empty();
        part.how = part.resolved ? fmt::format("{} in {} municipalit{} by overlap", points ? "points" : "polygon",
                                               part.municipalities.size(), part.municipalities.size() == 1 ? "y" : "ies")
                                 : "the geometry lies in no municipality";
        return part;
    }

private:
    std::vector<unsigned char> to_rd_new(const Initiative& entry, const std::vector<unsigned char>& wkb) const {
        OGRSpatialReference source, target;
        source.SetFromUserInput(entry.geometry_crs.c_str());
        source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        target.importFromEPSG(28992);
        target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        OGRGeometry* geometry = nullptr;
        OGRGeometryFactory::createFromWkb(wkb.data(), &source, &geometry, static_cast<int>(wkb.size()));
        OGRGeometryUniquePtr owned(geometry);
        if (!owned || owned->transformTo(&target) != OGRERR_NONE) {
            throw DataError(entry.file, entry.where,
                            "cannot transform the geometry from " + entry.geometry_crs + " to EPSG:28992");
        }
        std::vector<unsigned char> out(static_cast<std::size_t>(owned->WkbSize()));
        owned->exportToWkb(wkbNDR, out.data(), wkbVariantIso);
        return out;
    }

    GeosContext geos_;
    std::vector<int> codes_;
    std::vector<Geometry> shapes_;
    std::vector<const GEOSGeometry*> borrowed_;
    std::unique_ptr<SpatialIndex> index_;
};

std::string municipality_list(const Governance& g, const std::vector<int>& municipalities, std::size_t limit = 8) {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < municipalities.size() && i < limit; ++i) names.push_back(g.names[municipalities[i]]);
    std::string text = fmt::format("{}", fmt::join(names, ", "));
    if (municipalities.size() > limit) text += fmt::format(", ... ({} in all)", municipalities.size());
    return text;
}

}  // namespace

InitiativeWorkspace::InitiativeWorkspace(const Store& store_)
    : store(store_),
      governance(read_governance(store_)),
      names(store_.names()),
      insurers(store_),
      resolver(governance, names, store_.place_aliases()) {}

std::vector<LocatedInitiative> locate_initiatives(const Register& register_, const LocationResolver& resolver,
                                                  const Governance& governance, const Store& store) {
    std::unique_ptr<GeometryLocator> locator;
    std::vector<LocatedInitiative> located;
    for (const auto& entry : register_.entries) {
        LocatedInitiative item{&entry, {}};
        if (!entry.municipality_codes.empty()) {
            ResolvedPart part{"municipalities", {}, "listed municipalities", true, false};
            for (const auto& code : entry.municipality_codes) part.municipalities.push_back(governance.index_of.at(code));
            std::sort(part.municipalities.begin(), part.municipalities.end());
            item.resolution.municipalities = part.municipalities;
            item.resolution.parts.push_back(part);
            item.resolution.status = ResolutionStatus::full;
        } else if (!entry.location.empty()) {
            item.resolution = resolver.resolve(entry.location, {entry.file, entry.where});
        } else {
            if (!locator) locator = std::make_unique<GeometryLocator>(store, governance);
            ResolvedPart part = locator->locate(entry);
            item.resolution.municipalities = part.municipalities;
            item.resolution.status = part.resolved ? ResolutionStatus::full : ResolutionStatus::unresolved;
            item.resolution.parts.push_back(part);
        }
        located.push_back(std::move(item));
    }
    return located;
}

std::vector<RegionShare> regions_touched(const Governance& governance, const Division& division,
                                         const std::vector<int>& municipalities) {
    std::map<int, double> weight;
    double total = 0;
    bool by_population = true;
    for (int m : municipalities) by_population = by_population && governance.population[m].has_value();
    for (int m : municipalities) {
        const int region = division.region_of[m];
        if (region < 0) continue;
        const double w = by_population ? static_cast<double>(governance.population_of(m)) : 1.0;
        weight[region] += w;
        total += w;
    }
    std::vector<RegionShare> shares;
    for (const auto& [region, w] : weight) shares.push_back({region, total > 0 ? w / total : 0.0});
    std::stable_sort(shares.begin(), shares.end(),
                     [](const RegionShare& a, const RegionShare& b) { return a.population_share > b.population_share; });
    return shares;
}

std::string format_resolution(const Governance& g, const std::vector<LocatedInitiative>& located, OutputFormat format,
                              bool wide) {
    int full = 0, partial = 0, unresolved = 0, unverified = 0;
    for (const auto& item : located) {
        unverified += item.resolution.unverified ? 1 : 0;
        switch (item.resolution.status) {
            case ResolutionStatus::full: ++full; break;
            case ResolutionStatus::partial: ++partial; break;
            case ResolutionStatus::unresolved: ++unresolved; break;
        }
    }
    if (format == OutputFormat::json) {
        json out = {{"resolved_fully", full}, {"resolved_partly", partial}, {"not_resolved", unresolved},
                    {"resting_on_unverified_aliases", unverified}, {"initiatives", json::array()}};
        for (const auto& item : located) {
            json parts = json::array();
            for (const auto& part : item.resolution.parts) {
                std::vector<std::string> codes;
                for (int m : part.municipalities) codes.push_back(g.codes[m]);
                parts.push_back({{"text", part.text}, {"resolved", part.resolved}, {"partial", part.partial},
                                 {"unverified", part.unverified}, {"how", part.how}, {"municipality_codes", codes}});
            }
            std::vector<std::string> codes;
            for (int m : item.resolution.municipalities) codes.push_back(g.codes[m]);
            out["initiatives"].push_back({{"id", item.entry->id}, {"name", item.entry->name},
                                          {"location_as_published", item.entry->location},
                                          {"status", to_string(item.resolution.status)},
                                          {"municipality_codes", codes}, {"parts", parts}});
        }
        return json_text(out);
    }
    if (format == OutputFormat::csv) {
        std::string text = csv_line({"id", "name", "location_as_published", "resolution", "municipality_codes",
                                     "municipality_names", "explanation"});
        for (const auto& item : located) {
            std::vector<std::string> codes, names, how;
            for (int m : item.resolution.municipalities) {
                codes.push_back(g.codes[m]);
                names.push_back(g.names[m]);
            }
            for (const auto& part : item.resolution.parts) how.push_back(part.text + ": " + part.how);
            text += csv_line({item.entry->id, item.entry->name, item.entry->location, to_string(item.resolution.status),
                              fmt::format("{}", fmt::join(codes, ";")), fmt::format("{}", fmt::join(names, ";")),
                              fmt::format("{}", fmt::join(how, " | "))});
        }
        return text;
    }
    // Each initiative is a short story of its own: its lines are wrapped to the terminal, under their indent.
    auto line = [&](const std::string& text) {
        return wide ? text + "\n" : wrap_long_lines(text + "\n");
    };
    std::string text;
    for (const auto& item : located) {
        text += line(fmt::format("{:>3}  {}", item.entry->id, item.entry->name));
        text += line(fmt::format("     published: \"{}\"", item.entry->location));
        text += line(fmt::format("     {}: {} municipalit{}{}", to_string(item.resolution.status),
                                 item.resolution.municipalities.size(),
                                 item.resolution.municipalities.size() == 1 ? "y" : "ies",
                                 item.resolution.municipalities.empty()
                                     ? ""
                                     : " (" + municipality_list(g, item.resolution.municipalities) + ")"));
        for (const auto& part : item.resolution.parts) {
            text += line(fmt::format("       - \"{}\": {}{}", part.text,
                                     part.resolved ? (part.partial ? "PARTIAL " : "") : "NOT RESOLVED: ", part.how));
        }
    }
    text += fmt::format("\n{} initiatives: {} resolved fully, {} partly, {} not at all.\n", located.size(), full, partial,
                        unresolved);
    if (unverified > 0) {
        text += fmt::format("{} of them rest on an alias marked UNVERIFIED (its row in the alias table names no source "
                            "that states it).\n", unverified);
    }
    return text;
}

namespace {

struct RegionCount {
    int initiatives = 0;
    int formal = 0;
    int formal_unknown = 0;
};

std::vector<RegionCount> count_per_region(const Governance& g, const Division& division,
                                          const std::vector<LocatedInitiative>& located, bool all_formal) {
    std::vector<RegionCount> counts(division.region_codes.size());
    for (const auto& item : located) {
        for (const auto& share : regions_touched(g, division, item.resolution.municipalities)) {
            auto& count = counts[share.region];
            ++count.initiatives;
            const auto formal = all_formal ? std::optional<bool>(true) : item.entry->formal_agreement;
            if (!formal) {
                ++count.formal_unknown;
            } else if (*formal) {
                ++count.formal;
            }
        }
    }
    return counts;
}

}  // namespace

std::string format_initiative_map(const Governance& g, const std::vector<LocatedInitiative>& located,
                                  const std::vector<std::string>& layer_ids, bool all_formal, OutputFormat format,
                                  bool wide) {
    std::vector<const Division*> divisions;
    for (const auto& id : layer_ids) divisions.push_back(&g.division(id));
    auto touched_text = [&](const Division& d, const std::vector<RegionShare>& shares) {
        std::vector<std::string> parts;
        for (const auto& share : shares) {
            parts.push_back(fmt::format("{} {:.0f}%", d.region_names[share.region], 100 * share.population_share));
        }
        return fmt::format("{}", fmt::join(parts, ", "));
    };
    if (format == OutputFormat::json) {
        json out = {{"layers", layer_ids}, {"initiatives", json::array()}, {"regions", json::object()}};
        for (const auto& item : located) {
            json layers = json::object();
            for (const auto* d : divisions) {
                json regions = json::array();
                auto shares = regions_touched(g, *d, item.resolution.municipalities);
                for (const auto& share : shares) {
                    regions.push_back({{"region_code", d->region_codes[share.region]},
                                       {"region_name", d->region_names[share.region]},
                                       {"population_share", share.population_share}});
                }
                layers[d->layer_id] = {{"regions", regions}, {"cross_border", shares.size() > 1}};
            }
            std::vector<std::string> codes;
            for (int m : item.resolution.municipalities) codes.push_back(g.codes[m]);
            out["initiatives"].push_back({{"id", item.entry->id}, {"name", item.entry->name},
                                          {"resolution", to_string(item.resolution.status)},
                                          {"rests_on_unverified_alias", item.resolution.unverified},
                                          {"municipality_codes", codes}, {"layers", layers}});
        }
        for (const auto* d : divisions) {
            json regions = json::array();
            auto counts = count_per_region(g, *d, located, all_formal);
            for (std::size_t r = 0; r < counts.size(); ++r) {
                regions.push_back({{"region_code", d->region_codes[r]}, {"region_name", d->region_names[r]},
                                   {"initiatives", counts[r].initiatives}, {"with_formal_agreement", counts[r].formal},
                                   {"formal_agreement_unknown", counts[r].formal_unknown}});
            }
            out["regions"][d->layer_id] = regions;
        }
        return json_text(out);
    }
    if (format == OutputFormat::csv) {
        std::string text = csv_line({"id", "name", "resolution", "layer", "region_code", "region_name",
                                     "population_share", "cross_border", "unverified_alias"});
        for (const auto& item : located) {
            for (const auto* d : divisions) {
                auto shares = regions_touched(g, *d, item.resolution.municipalities);
                for (const auto& share : shares) {
                    text += csv_line({item.entry->id, item.entry->name, to_string(item.resolution.status), d->layer_id,
                                      d->region_codes[share.region], d->region_names[share.region],
                                      fmt::format("{:.4f}", share.population_share), shares.size() > 1 ? "yes" : "no",
                                      item.resolution.unverified ? "yes" : "no"});
                }
            }
        }
        return text;
    }
    std::string text = wrap_text(fmt::format("{} initiatives over layers {}; share of each initiative's population (1 "
                                             "January 2020) per region; * = crosses a region border.",
                                             located.size(), fmt::join(layer_ids, ", "))) +
                       "\n";
    auto municipalities_cell = [](const LocatedInitiative& item) {
        return std::to_string(item.resolution.municipalities.size()) +
               (item.resolution.status == ResolutionStatus::full ? "" : " (" + to_string(item.resolution.status) + ")");
    };
    auto regions_cell = [&](const Division& d, const LocatedInitiative& item) {
        auto shares = regions_touched(g, d, item.resolution.municipalities);
        return (shares.size() > 1 ? "* " : "") + touched_text(d, shares);
    };
    if (wide) {
        std::vector<std::string> header{"id", "initiative", "municipalities"};
        for (const auto& id : layer_ids) header.push_back(id);
        std::vector<std::vector<std::string>> rows;
        for (const auto& item : located) {
            std::vector<std::string> row{item.entry->id, item.entry->name, municipalities_cell(item)};
            for (const auto* d : divisions) row.push_back(regions_cell(*d, item));
            rows.push_back(row);
        }
        text += format_text_table(header, rows);
    } else {
        // Four layers of region lists side by side run to 370 columns: one table per layer instead.
        bool shortened = false;
        for (const auto* d : divisions) {
            std::vector<std::vector<std::string>> rows;
            for (const auto& item : located) {
                rows.push_back({item.entry->id, shorten_to_width(item.entry->name, 40), municipalities_cell(item),
                                regions_cell(*d, item)});
            }
            const FittedTable table = format_fitted_table({"id", "initiative", "municipalities", d->layer_id + " regions"},
                                                          rows, {}, {false, false, false, true});
            text += (d == divisions.front() ? "" : "\n") + table.text;
            shortened = shortened || table.shortened ||
                        std::any_of(located.begin(), located.end(), [](const LocatedInitiative& item) {
                            return display_width(item.entry->name) > 40;
                        });
        }
        if (shortened) text += "(names and lists cut at \"~\" to fit 120 columns; --wide prints one table with them whole)\n";
    }
    std::vector<std::string> unverified;
    for (const auto& item : located) {
        if (item.resolution.unverified) unverified.push_back(item.entry->id);
    }
    if (!unverified.empty()) {
        text += fmt::format("UNVERIFIED: initiative{} {} rest{} on an alias whose row in the alias table names no source "
                            "that states it.\n",
                            unverified.size() == 1 ? "" : "s", fmt::join(unverified, ", "), unverified.size() == 1 ? "s" : "");
    }
    for (const auto* d : divisions) {
        auto counts = count_per_region(g, *d, located, all_formal);
        std::vector<std::vector<std::string>> region_rows;
        int regions_with = 0;
        for (std::size_t r = 0; r < counts.size(); ++r) {
            if (counts[r].initiatives == 0) continue;
            ++regions_with;
            region_rows.push_back({d->region_codes[r], d->region_names[r], std::to_string(counts[r].initiatives),
                                   counts[r].formal_unknown ? "unknown" : std::to_string(counts[r].formal)});
        }
        std::sort(region_rows.begin(), region_rows.end(), [](const auto& a, const auto& b) {
            return std::stoi(a[2]) != std::stoi(b[2]) ? std::stoi(a[2]) > std::stoi(b[2]) : a[0] < b[0];
        });
        text += fmt::format("\n{}: {} of {} regions have one or more initiatives\n", d->layer_id, regions_with,
                            counts.size());
        text += format_text_table({"region", "name", "initiatives", "with formal agreement"}, region_rows,
                                  {false, false, true, true});
    }
    return text;
}

std::vector<GeoPackageLayer> initiatives_per_region_layers(const Store& store, const Governance& g,
                                                           const std::vector<LocatedInitiative>& located,
                                                           const std::vector<std::string>& layer_ids, bool all_formal) {
    const std::string municipality_layer = store.layers().front().id;
    std::vector<GeoPackageLayer> layers;
    for (const auto& id : layer_ids) {
        const Division& d = g.division(id);
        auto counts = count_per_region(g, d, located, all_formal);
        auto shapes = store.region_geometries(id);
        GeoPackageLayer layer;
        layer.name = "initiatives_per_" + id;
        layer.fields = {{"region_code", FieldType::string},
                        {"region_name", FieldType::string},
                        {"initiatives", FieldType::integer},
                        {"with_formal_agreement", FieldType::integer}};
        layer.attribution = attribution_line(store, id == municipality_layer ? std::vector<std::string>{id}
                                                                             : std::vector<std::string>{municipality_layer, id});
        for (std::size_t r = 0; r < d.region_codes.size(); ++r) {
            GeoPackageFeature feature;
            feature.values = {d.region_codes[r], d.region_names[r], std::int64_t{counts[r].initiatives},
                              counts[r].formal_unknown ? FieldValue() : FieldValue(std::int64_t{counts[r].formal})};
            if (auto shape = shapes.find(d.region_codes[r]); shape != shapes.end()) feature.wkb = std::move(shape->second);
            layer.features.push_back(std::move(feature));
        }
        layers.push_back(std::move(layer));
    }
    return layers;
}

void write_initiative_map_geopackage(const Store& store, const Governance& g, const std::vector<LocatedInitiative>& located,
                                     const std::vector<std::string>& layer_ids, bool all_formal,
                                     const std::filesystem::path& file, const OutputPolicy& policy) {
    write_geopackage(file, kInitiativeMapKind, store.crs(),
                     initiatives_per_region_layers(store, g, located, layer_ids, all_formal), policy);
}

}  // namespace regiomap
