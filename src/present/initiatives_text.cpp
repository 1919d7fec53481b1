#include "present/initiatives_text.hpp"
#include "present/application_rules_text.hpp"
#include "present/insurer_basis_text.hpp"
#include "present/location_text.hpp"

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

std::string format_resolution(const Governance& g, const std::vector<LocatedInitiative>& located,
                              const ResolutionTally& tally, OutputFormat format, bool wide) {
    const int full = tally.full, partial = tally.partial, unresolved = tally.unresolved, unverified = tally.unverified;    if (format == OutputFormat::json) {
        json out = {{"resolved_fully", full}, {"resolved_partly", partial}, {"not_resolved", unresolved},
                    {"resting_on_unverified_aliases", unverified}, {"initiatives", json::array()}};
        for (const auto& item : located) {
            json parts = json::array();
            for (const auto& part : item.resolution.parts) {
                std::vector<std::string> codes;
                for (int m : part.municipalities) codes.push_back(g.codes[m]);
                parts.push_back({{"text", part.text}, {"resolved", part.resolved}, {"partial", part.partial},
                                 {"unverified", part.unverified}, {"match", part_match_kind_text(part.match)},
                                 {"how", part_match_text(part)}, {"municipality_codes", codes}});
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
            for (const auto& part : item.resolution.parts) how.push_back(part.text + ": " + part_match_text(part));
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
                                     part.resolved ? (part.partial ? "PARTIAL " : "") : "NOT RESOLVED: ", part_match_text(part)));
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

std::string format_initiative_map(const Governance& g, const InitiativeMap& map, OutputFormat format, bool wide) {
    auto touched_text = [&](const Division& d, const std::vector<RegionShare>& shares) {
        std::vector<std::string> parts;
        for (const auto& share : shares) {
            parts.push_back(fmt::format("{} {:.0f}%", d.region_names[share.region], 100 * share.population_share));
        }
        return fmt::format("{}", fmt::join(parts, ", "));
    };
    if (format == OutputFormat::json) {
        json out = {{"layers", map.layer_ids}, {"initiatives", json::array()}, {"regions", json::object()}};
        for (const auto& mapped : map.initiatives) {
            const LocatedInitiative& item = *mapped.located;
            json layers = json::object();
            for (std::size_t i = 0; i < map.divisions.size(); ++i) {
                const Division* d = map.divisions[i].division;
                json regions = json::array();
                for (const auto& share : mapped.divisions[i].shares) {
                    regions.push_back({{"region_code", d->region_codes[share.region]},
                                       {"region_name", d->region_names[share.region]},
                                       {"population_share", share.population_share}});
                }
                layers[d->layer_id] = {{"regions", regions}, {"cross_border", mapped.divisions[i].crosses_border}};
            }
            std::vector<std::string> codes;
            for (int m : item.resolution.municipalities) codes.push_back(g.codes[m]);
            out["initiatives"].push_back({{"id", item.entry->id}, {"name", item.entry->name},
                                          {"resolution", to_string(item.resolution.status)},
                                          {"rests_on_unverified_alias", item.resolution.unverified},
                                          {"municipality_codes", codes}, {"layers", layers}});
        }
        for (const auto& tally : map.divisions) {
            const Division* d = tally.division;
            json regions = json::array();
            for (std::size_t r = 0; r < tally.counts.size(); ++r) {
                regions.push_back({{"region_code", d->region_codes[r]}, {"region_name", d->region_names[r]},
                                   {"initiatives", tally.counts[r].initiatives},
                                   {"with_formal_agreement", tally.counts[r].formal},
                                   {"formal_agreement_unknown", tally.counts[r].formal_unknown}});
            }
            out["regions"][d->layer_id] = regions;
        }
        return json_text(out);
    }
    if (format == OutputFormat::csv) {
        std::string text = csv_line({"id", "name", "resolution", "layer", "region_code", "region_name",
                                     "population_share", "cross_border", "unverified_alias"});
        for (const auto& mapped : map.initiatives) {
            const LocatedInitiative& item = *mapped.located;
            for (std::size_t i = 0; i < map.divisions.size(); ++i) {
                const Division* d = map.divisions[i].division;
                for (const auto& share : mapped.divisions[i].shares) {
                    text += csv_line({item.entry->id, item.entry->name, to_string(item.resolution.status), d->layer_id,
                                      d->region_codes[share.region], d->region_names[share.region],
                                      fmt::format("{:.4f}", share.population_share),
                                      mapped.divisions[i].crosses_border ? "yes" : "no",
                                      item.resolution.unverified ? "yes" : "no"});
                }
            }
        }
        return text;
    }
    std::string text = wrap_text(fmt::format("{} initiatives over layers {}; share of each initiative's population (1 "
                                             "January 2020) per region; * = crosses a region border.",
                                             map.initiatives.size(), fmt::join(map.layer_ids, ", "))) +
                       "\n";
    auto municipalities_cell = [](const LocatedInitiative& item) {
        return std::to_string(item.resolution.municipalities.size()) +
               (item.resolution.status == ResolutionStatus::full ? "" : " (" + to_string(item.resolution.status) + ")");
    };
    auto regions_cell = [&](std::size_t division, const MappedInitiative& mapped) {
        const InitiativeInDivision& in = mapped.divisions[division];
        return (in.crosses_border ? "* " : "") + touched_text(*map.divisions[division].division, in.shares);
    };
    if (wide) {
        std::vector<std::string> header{"id", "initiative", "municipalities"};
        for (const auto& id : map.layer_ids) header.push_back(id);
        std::vector<std::vector<std::string>> rows;
        for (const auto& mapped : map.initiatives) {
            std::vector<std::string> row{mapped.located->entry->id, mapped.located->entry->name,
                                         municipalities_cell(*mapped.located)};
            for (std::size_t i = 0; i < map.divisions.size(); ++i) row.push_back(regions_cell(i, mapped));
            rows.push_back(row);
        }
        text += format_text_table(header, rows);
    } else {
        // Four layers of region lists side by side run to 370 columns: one table per layer instead.
        bool shortened = false;
        for (std::size_t i = 0; i < map.divisions.size(); ++i) {
            std::vector<std::vector<std::string>> rows;
            for (const auto& mapped : map.initiatives) {
                rows.push_back({mapped.located->entry->id, shorten_to_width(mapped.located->entry->name, 40),
                                municipalities_cell(*mapped.located), regions_cell(i, mapped)});
            }
            const FittedTable table = format_fitted_table(
                {"id", "initiative", "municipalities", map.divisions[i].division->layer_id + " regions"}, rows, {},
                {false, false, false, true});
            text += (i == 0 ? "" : "\n") + table.text;
            shortened = shortened || table.shortened ||
                        std::any_of(map.initiatives.begin(), map.initiatives.end(), [](const MappedInitiative& mapped) {
                            return display_width(mapped.located->entry->name) > 40;
                        });
        }
        if (shortened) text += "(names and lists cut at \"~\" to fit 120 columns; --wide prints one table with them whole)\n";
    }
    if (!map.unverified.empty()) {
        text += fmt::format("UNVERIFIED: initiative{} {} rest{} on an alias whose row in the alias table names no source "
                            "that states it.\n",
                            map.unverified.size() == 1 ? "" : "s", fmt::join(map.unverified, ", "),
                            map.unverified.size() == 1 ? "s" : "");
    }
    for (const auto& tally : map.divisions) {
        const Division* d = tally.division;
        std::vector<std::vector<std::string>> region_rows;
        for (int r : tally.regions_with_initiatives) {
            region_rows.push_back({d->region_codes[r], d->region_names[r], std::to_string(tally.counts[r].initiatives),
                                   tally.counts[r].formal_unknown ? "unknown" : std::to_string(tally.counts[r].formal)});
        }
        text += fmt::format("\n{}: {} of {} regions have one or more initiatives\n", d->layer_id,
                            tally.regions_with_initiatives.size(), tally.counts.size());
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
        nlohmann::json out = {{"division", leaders.division},
                              {"basis", market_leaders_basis_text(leaders)},
                              {"regions", nlohmann::json::array()}};
        for (const auto& leader : leaders.regions) {
            out["regions"].push_back({{"region_code", d.region_codes[leader.region]},
                                      {"region_name", d.region_names[leader.region]},
                                      {"leader", leader.concern},
                                      {"share", leader.share ? nlohmann::json(*leader.share) : nlohmann::json(nullptr)},
                                      {"basis", leader_basis_text(leader)}, {"year", leader_year_text(leader)},
                                      {"basis_kind", leader_basis_kind_text(leader)}, {"source", leader.source}});
        }
        return json_text(out);
    }
    if (format == OutputFormat::csv) {
        std::string text =
            csv_line({"region_code", "region_name", "leader", "share", "basis", "year", "basis_kind", "source"});
        for (const auto& leader : leaders.regions) {
            text += csv_line({d.region_codes[leader.region], d.region_names[leader.region], leader.concern,
                              leader.share ? fmt::format("{:.4f}", *leader.share) : std::string(),
                              leader_basis_text(leader), leader_year_text(leader), leader_basis_kind_text(leader),
                              leader.source});
        }
        return text;
    }
    // The bases are long and repeat: the table names each by a number, the notes below spell it out.
    TableNotes bases(wide);
    std::vector<std::vector<std::string>> rows;
    int by_statement = 0;
    for (const auto& leader : leaders.regions) {
        const std::string kind = leader_basis_kind_text(leader);
        if (kind == "published_statement") ++by_statement;
        rows.push_back({d.region_codes[leader.region], d.region_names[leader.region],
                        leader.concern.empty() ? (kind == "unmapped" ? "unmapped" : "missing") : leader.concern,
                        leader.share ? percent(*leader.share) : "-", leader_year_text(leader),
                        bases.refer(leader_basis_text(leader))});
    }
    std::vector<std::string> tally;
    for (const auto& [concern, count] : leaders.regions_led) tally.push_back(fmt::format("{} {}", concern, count));
    std::string text = wrap_text(fmt::format("Market leaders per {} region. Basis: {}.", leaders.division,
                                             market_leaders_basis_text(leaders))) +
                       "\n" +
                       format_text_table({"region", "name", "leader", "share", "year", "basis"}, rows,
                                         {false, false, false, true, false, false});
    text += "\n" + (wide ? std::string("Share \"-\": a designated leader, not a market share.\n")
                         : bases.format("Bases (share \"-\": a designated leader, not a market share):"));
    text += fmt::format("\nRegions led: {}\n", fmt::join(tally, ", "));
    if (by_statement > 0) {
        text += wrap_text(fmt::format("{} of {} regions are led by the concern a published statement names, not by "
                                      "the zorgkantoor rule.",
                                      by_statement, leaders.regions.size()));
    }
    return text;
}


std::string p_value_method_text(PValueMethod method) {
    switch (method) {
        case PValueMethod::none: return "";
        case PValueMethod::chi_square: return "chi-square goodness of fit";
        case PValueMethod::exact_multinomial: return "exact multinomial test (expected counts below 5)";
        case PValueMethod::chi_square_approximate:
            return "chi-square goodness of fit (too many outcomes for the exact test; expected counts below 5 make it "
                   "approximate)";
    }
    return "";
}

std::string balance_verdict_text(const BalanceResult& result, const std::string& division) {
    std::string text;
    switch (result.verdict) {
        case BalanceVerdict::not_applicable:
            return "not applicable: " + result.concern + " is market leader in no " + division + " region";
        case BalanceVerdict::nothing_to_judge: return "no applications in the leader regions: nothing to judge";
        case BalanceVerdict::unbalanced:
            text = fmt::format("UNBALANCED: p = {:.4f} < {} ({})", result.p_value, kBalanceSignificance,
                               p_value_method_text(result.p_value_method));
            break;
        case BalanceVerdict::no_evidence:
            text = fmt::format("no evidence of imbalance: p = {:.4f} >= {} ({})", result.p_value, kBalanceSignificance,
                               p_value_method_text(result.p_value_method));
            break;
    }
    if (result.too_few_to_judge) {
        text += fmt::format("; with {:.4g} application{} over {} regions a test can hardly show imbalance",
                            result.total_inside, result.total_inside == 1 ? "" : "s", result.regions.size());
    }
    return text;
}

namespace {

// "12 Name: RG03 Region (led by VGZ, 40%); RG04 Other (leader unknown, 60%)"
std::string outside_text(const Division& d, const OutsideEntry& entry) {
    std::vector<std::string> regions;
    for (const auto& region : entry.regions) {
        regions.push_back(fmt::format("{} {} ({}, {:.0f}%)", d.region_codes[region.region], d.region_names[region.region],
                                      region.leader.empty() ? std::string("leader unknown") : "led by " + region.leader,
                                      100 * region.share));
    }
    return entry.id + " " + entry.name + ": " + fmt::format("{}", fmt::join(regions, "; "));
}

std::string unplaced_text(const UnplacedEntry& entry) {
    return entry.id + " " + entry.name + ": location not resolved (\"" + entry.location + "\")";
}

std::string candidate_effect_text(CandidateEffect effect) {
    switch (effect) {
        case CandidateEffect::improves: return "IMPROVES";
        case CandidateEffect::worsens: return "WORSENS";
        case CandidateEffect::no_change: return "does not change";
    }
    return "does not change";
}

}  // namespace

std::string format_balance(const Governance& g, const MarketLeaders& leaders, const BalanceResult& result,
                           const BalanceOptions& options, const std::optional<BalanceResult>& with_candidate,
                           OutputFormat format, bool wide) {
    const Division& d = g.division(leaders.division);
    std::vector<RegionTally> ranked;
    for (std::size_t i : result.most_under_served_first) ranked.push_back(result.regions[i]);
    std::vector<std::string> outside, unplaced;
    for (const auto& entry : result.outside) outside.push_back(outside_text(d, entry));
    for (const auto& entry : result.unplaced) unplaced.push_back(unplaced_text(entry));
    const std::string verdict = balance_verdict_text(result, leaders.division);
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
                              {"leader_basis", market_leaders_basis_text(leaders)}, {"entries_considered", result.entries_considered},
                              {"regions_most_under_served_first", regions}, {"chi_square", result.chi_square},
                              {"degrees_of_freedom", result.degrees}, {"chi_square_p", result.chi_square_p},
                              {"exact_multinomial_p", result.exact_p ? nlohmann::json(*result.exact_p) : nlohmann::json(nullptr)},
                              {"p_value", result.p_value}, {"p_value_method", p_value_method_text(result.p_value_method)},
                              {"max_min_ratio", result.max_min_ratio ? nlohmann::json(*result.max_min_ratio) : nlohmann::json(nullptr)},
                              {"gini", result.gini}, {"verdict", verdict}, {"outside_leader_regions", outside},
                              {"not_placed", unplaced}};
        if (with_candidate) {
            out["with_candidate"] = {{"p_value", with_candidate->p_value}, {"gini", with_candidate->gini},
                                     {"chi_square", with_candidate->chi_square},
                                     {"verdict", balance_verdict_text(*with_candidate, leaders.division)}};
        }
        return json_text(out);
    }
    std::string text = fmt::format(
        "Insurer concern {}: market leader in {} {} region{}.\nLeaders: {}.\nCounting: {}; expected: {}; statuses: {}.\n"
        "{} entries with {} considered; {:.4g} counted inside its leader regions.\n\n",
        result.concern, result.regions.size(), leaders.division, result.regions.size() == 1 ? "" : "s",
        market_leaders_basis_text(leaders),
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
                        fmt::format("{:.2f}", tally.expected), fmt::format("{:+.2f}", tally.difference),
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
    text += fmt::format("Verdict (threshold p < {}): {}\n", kBalanceSignificance, verdict);
    if (!result.outside.empty()) {
        text += fmt::format("\nOutside {}'s leader regions ({}):\n", result.concern, result.outside.size());
        for (const auto& line : outside) text += "  " + line + "\n";
    }
    if (!result.unplaced.empty()) {
        text += fmt::format("\nNot placed ({}):\n", result.unplaced.size());
        for (const auto& line : unplaced) text += "  " + line + "\n";
    }
    if (with_candidate) {
        text += fmt::format("\nWith the candidate: Gini {:.3f} -> {:.3f}, p {:.4f} -> {:.4f}, chi-square {:.3f} -> {:.3f}: "
                            "the candidate {} the balance.\n",
                            result.gini, with_candidate->gini, result.p_value, with_candidate->p_value, result.chi_square,
                            with_candidate->chi_square, candidate_effect_text(candidate_effect(result, *with_candidate)));
    }
    return wide ? text : wrap_long_lines(text);
}


std::string format_application_checks(const std::vector<ApplicationCheck>& checks, int passing, bool insurer_framework,
                                      OutputFormat format, bool wide) {
    if (format == OutputFormat::json) {
        nlohmann::json out = {{"applications", checks.size()}, {"passing", passing}, {"insurer_framework", insurer_framework},
                              {"results", nlohmann::json::array()}};
        for (const auto& check : checks) {
            nlohmann::json violations = nlohmann::json::array();
            for (const auto& v : check.violations) violations.push_back({{"rule", application_rule_text(v.rule)}, {"detail", violation_detail_text(v)}});
            out["results"].push_back({{"id", check.application->entry->id}, {"name", check.application->entry->name},
                                      {"violations", violations}});
        }
        return json_text(out);
    }
    if (format == OutputFormat::csv) {
        std::string text = csv_line({"id", "name", "rule", "detail"});
        for (const auto& check : checks) {
            for (const auto& v : check.violations) {
                text += csv_line({check.application->entry->id, check.application->entry->name, application_rule_text(v.rule),
                                  violation_detail_text(v)});
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
        for (const auto& v : check.violations) {
            text += fmt::format("  - {}: {}\n", application_rule_text(v.rule), violation_detail_text(v));
        }
    }
    text += fmt::format("\n{} of {} applications meet every rule.\n", passing, checks.size());
    return wide ? text : wrap_long_lines(text);
}


}  // namespace regiomap
