#include "present/initiatives_text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>

namespace regiomap {

namespace {

using nlohmann::json;

std::string municipality_list(const Governance& g, const std::vector<int>& municipalities, std::size_t limit = 8) {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < municipalities.size() && i < limit; ++i) names.push_back(g.names[municipalities[i]]);
    std::string text = fmt::format("{}", fmt::join(names, ", "));
    if (municipalities.size() > limit) text += fmt::format(", ... ({} in all)", municipalities.size());
    return text;
}

}  // namespace

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

namespace {
std::string percent(double fraction) { return fmt::format("{:.1f}%", 100 * fraction); }
}  // namespace

std::string format_market_leaders(const Governance& g, const MarketLeaders& leaders, OutputFormat format,
                                  bool wide) {
    const Division& d = g.division(leaders.division);
    if (format == OutputFormat::json) {
        nlohmann::json out = {{"division", leaders.division}, {"basis", leaders.basis}, {"regions", nlohmann::json::array()}};
        for (const auto& leader : leaders.regions) {
            out["regions"].push_back({{"region_code", d.region_codes[leader.region]},
                                      {"region_name", d.region_names[leader.region]},
                                      {"leader", leader.concern},
                                      {"share", leader.share ? nlohmann::json(*leader.share) : nlohmann::json(nullptr)},
                                      {"basis", leader.basis}, {"year", leader.year}});
        }
        return json_text(out);
    }
    if (format == OutputFormat::csv) {
        std::string text = csv_line({"region_code", "region_name", "leader", "share", "basis", "year"});
        for (const auto& leader : leaders.regions) {
            text += csv_line({d.region_codes[leader.region], d.region_names[leader.region], leader.concern,
                              leader.share ? fmt::format("{:.4f}", *leader.share) : std::string(), leader.basis,
                              leader.year});
        }
        return text;
    }
    // The bases are long and repeat: the table names each by a number, the notes below spell it out.
    TableNotes bases(wide);
    std::vector<std::vector<std::string>> rows;
    std::map<std::string, int> per_concern;
    for (const auto& leader : leaders.regions) {
        rows.push_back({d.region_codes[leader.region], d.region_names[leader.region],
                        leader.concern.empty() ? "missing" : leader.concern,
                        leader.share ? percent(*leader.share) : "-", leader.year, bases.refer(leader.basis)});
        if (!leader.concern.empty()) ++per_concern[leader.concern];
    }
    std::vector<std::string> tally;
    for (const auto& [concern, count] : per_concern) tally.push_back(fmt::format("{} {}", concern, count));
    std::string text = wrap_text(fmt::format("Market leaders per {} region. Basis: {}.", leaders.division, leaders.basis)) +
                       "\n" +
                       format_text_table({"region", "name", "leader", "share", "year", "basis"}, rows,
                                         {false, false, false, true, false, false});
    text += "\n" + (wide ? std::string("Share \"-\": a designated leader, not a market share.\n")
                         : bases.format("Bases (share \"-\": a designated leader, not a market share):"));
    return text + fmt::format("\nRegions led: {}\n", fmt::join(tally, ", "));
}


std::string format_balance(const Governance& g, const MarketLeaders& leaders, const BalanceResult& result,
                           const BalanceOptions& options, const std::optional<BalanceResult>& with_candidate,
                           OutputFormat format, bool wide) {
    const Division& d = g.division(leaders.division);
    std::vector<RegionTally> ranked = result.regions;
    std::sort(ranked.begin(), ranked.end(), [](const RegionTally& a, const RegionTally& b) {
        return (a.observed - a.expected) < (b.observed - b.expected);
    });
    auto ratio_text = [](const std::optional<double>& ratio) {
        return ratio ? fmt::format("{:.2f}", *ratio) : std::string("infinite (a region has none)");
    };
    if (format == OutputFormat::json) {
        nlohmann::json regions = nlohmann::json::array();
        for (const auto& tally : ranked) {
            regions.push_back({{"region_code", d.region_codes[tally.region]}, {"region_name", d.region_names[tally.region]},
                               {"observed", tally.observed}, {"expected", tally.expected}, {"entries", tally.entries}});
        }
        nlohmann::json out = {{"insurer_concern", result.concern}, {"division", leaders.division},
                              {"leader_basis", leaders.basis}, {"entries_considered", result.entries_considered},
                              {"regions_most_under_served_first", regions}, {"chi_square", result.chi_square},
                              {"degrees_of_freedom", result.degrees}, {"chi_square_p", result.chi_square_p},
                              {"exact_multinomial_p", result.exact_p ? nlohmann::json(*result.exact_p) : nlohmann::json(nullptr)},
                              {"p_value", result.p_value}, {"p_value_method", result.p_value_method},
                              {"max_min_ratio", result.max_min_ratio ? nlohmann::json(*result.max_min_ratio) : nlohmann::json(nullptr)},
                              {"gini", result.gini}, {"verdict", result.verdict}, {"outside_leader_regions", result.outside},
                              {"not_placed", result.unplaced}};
        if (with_candidate) {
            out["with_candidate"] = {{"p_value", with_candidate->p_value}, {"gini", with_candidate->gini},
                                     {"chi_square", with_candidate->chi_square}, {"verdict", with_candidate->verdict}};
        }
        return json_text(out);
    }
    std::string text = fmt::format(
        "Insurer concern {}: market leader in {} {} region{}.\nLeaders: {}.\nCounting: {}; expected: {}; statuses: {}.\n"
        "{} entries with {} considered; {:.4g} counted inside its leader regions.\n\n",
        result.concern, result.regions.size(), leaders.division, result.regions.size() == 1 ? "" : "s", leaders.basis,
        options.count == CountMode::main_region ? "each entry in its main region by population (default)"
                                                : "each entry split over regions by population share",
        options.expected == Expectation::equal ? "equal per region (default)" : "proportional to population",
        [&] {
            if (options.statuses.empty()) return std::string("all");
            std::vector<std::string> names;
            for (auto s : options.statuses) names.push_back(to_string(s));
            return fmt::format("{}", fmt::join(names, ", "));
        }(),
        result.entries_considered, result.concern, result.total_inside);
    std::vector<std::vector<std::string>> rows;
    for (const auto& tally : ranked) {
        rows.push_back({d.region_codes[tally.region], d.region_names[tally.region], fmt::format("{:.4g}", tally.observed),
                        fmt::format("{:.2f}", tally.expected), fmt::format("{:+.2f}", tally.observed - tally.expected),
                        fmt::format("{}", fmt::join(tally.entries, " "))});
    }
    text += "Leader regions, most under-served first:\n";
    text += format_text_table({"region", "name", "observed", "expected", "difference", "entries"}, rows,
                              {false, false, true, true, true, false});
    if (!result.regions.empty() && result.total_inside > 0) {
        text += fmt::format("\nchi-square {:.3f} with {} degrees of freedom, p = {:.4f}", result.chi_square, result.degrees,
                            result.chi_square_p);
        if (result.exact_p) text += fmt::format("; exact multinomial p = {:.4f}", *result.exact_p);
        text += fmt::format("\nmax/min ratio of observed to expected: {}; Gini coefficient: {:.3f}\n",
                            ratio_text(result.max_min_ratio), result.gini);
    }
    text += fmt::format("Verdict (threshold p < {}): {}\n", kBalanceSignificance, result.verdict);
    if (!result.outside.empty()) {
        text += fmt::format("\nOutside {}'s leader regions ({}):\n", result.concern, result.outside.size());
        for (const auto& line : result.outside) text += "  " + line + "\n";
    }
    if (!result.unplaced.empty()) {
        text += fmt::format("\nNot placed ({}):\n", result.unplaced.size());
        for (const auto& line : result.unplaced) text += "  " + line + "\n";
    }
    if (with_candidate) {
        const bool better = with_candidate->gini < result.gini - 1e-12 ||
                            (std::abs(with_candidate->gini - result.gini) <= 1e-12 && with_candidate->p_value > result.p_value);
        const bool same = std::abs(with_candidate->gini - result.gini) <= 1e-12 &&
                          std::abs(with_candidate->p_value - result.p_value) <= 1e-12;
        text += fmt::format("\nWith the candidate: Gini {:.3f} -> {:.3f}, p {:.4f} -> {:.4f}, chi-square {:.3f} -> {:.3f}: "
                            "the candidate {} the balance.\n",
                            result.gini, with_candidate->gini, result.p_value, with_candidate->p_value, result.chi_square,
                            with_candidate->chi_square, same ? "does not change" : better ? "IMPROVES" : "WORSENS");
    }
    return wide ? text : wrap_long_lines(text);
}


std::string format_application_checks(const std::vector<ApplicationCheck>& checks, bool insurer_framework,
                                      OutputFormat format, bool wide) {
    int passing = 0;
    for (const auto& check : checks) passing += check.violations.empty() ? 1 : 0;
    if (format == OutputFormat::json) {
        nlohmann::json out = {{"applications", checks.size()}, {"passing", passing}, {"insurer_framework", insurer_framework},
                              {"results", nlohmann::json::array()}};
        for (const auto& check : checks) {
            nlohmann::json violations = nlohmann::json::array();
            for (const auto& v : check.violations) violations.push_back({{"rule", v.rule}, {"detail", v.detail}});
            out["results"].push_back({{"id", check.application->entry->id}, {"name", check.application->entry->name},
                                      {"violations", violations}});
        }
        return json_text(out);
    }
    if (format == OutputFormat::csv) {
        std::string text = csv_line({"id", "name", "rule", "detail"});
        for (const auto& check : checks) {
            for (const auto& v : check.violations) {
                text += csv_line({check.application->entry->id, check.application->entry->name, v.rule, v.detail});
            }
        }
        return text;
    }
    std::string text = fmt::format("Rules: subsidy scheme for prevention coalitions 2017-2021{}.\n\n",
                                   insurer_framework ? " and the insurer framework's client groups" : "");
    for (const auto& check : checks) {
        text += fmt::format("{} {}: {}\n", check.application->entry->id, check.application->entry->name,
                            check.violations.empty() ? "meets every rule" : fmt::format("{} violation{}",
                                                                                         check.violations.size(),
                                                                                         check.violations.size() == 1 ? "" : "s"));
        for (const auto& v : check.violations) text += fmt::format("  - {}: {}\n", v.rule, v.detail);
    }
    text += fmt::format("\n{} of {} applications meet every rule.\n", passing, checks.size());
    return wide ? text : wrap_long_lines(text);
}


}  // namespace regiomap
