#include "present/incongruence_text.hpp"
#include "present/insurer_basis_text.hpp"

#include "present/layers_text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace regiomap {

namespace {

using nlohmann::json;

std::string region_label(const Division& division, int municipality, int region) {
    if (division.left_out(municipality)) return "(left out)";
    return region < 0 ? std::string("(none)") : division.region_names[region];
}

std::string fixed(double value, int digits = 3) { return fmt::format("{:.{}f}", value, digits); }

// The columns every output format shares, in order.
struct ScoreColumns {
    std::vector<std::string> names;
    std::vector<std::vector<std::string>> rows;
};

ScoreColumns score_columns(const IncongruenceModel& model, const std::vector<IncongruenceScore>& scores) {
    const Governance& g = model.governance();
    ScoreColumns table;
    table.names = {"rank", "municipality_code", "municipality_name", "population"};
    for (const auto& id : model.layer_ids()) {
        table.names.push_back(id + "_code");
        table.names.push_back(id + "_name");
    }
    for (const char* name : {"partners_any_U", "partners_all_I", "congruence_C", "incongruence", "congruence_population",
                             "tables_T", "parties_P", "party_municipalities", "party_insurers", "party_ggds",
                             "insurer_mismatch", "largest_insurer", "largest_insurer_basis", "zorgkantoor_insurer",
                             "rests_on_default"}) {
        table.names.emplace_back(name);
    }
    std::size_t rank = 0;
    for (const auto& s : scores) {
        const int m = s.municipality;
        std::vector<std::string> row{std::to_string(++rank), g.codes[m], g.names[m],
                                     g.population[m] ? std::to_string(*g.population[m]) : ""};
        for (std::size_t l = 0; l < model.layer_ids().size(); ++l) {
            const Division& division = g.division(model.layer_ids()[l]);
            row.push_back(s.regions[l] < 0 ? "" : division.region_codes[s.regions[l]]);
            row.push_back(s.regions[l] < 0 ? "" : division.region_names[s.regions[l]]);
        }
        for (auto value : {std::to_string(s.partners_any), std::to_string(s.partners_all), fixed(s.congruence, 4),
                           fixed(s.incongruence(), 4), s.congruence_population ? fixed(*s.congruence_population, 4) : "", std::to_string(s.tables),
                           std::to_string(s.parties), std::to_string(s.party_municipalities),
                           std::to_string(s.party_insurers), std::to_string(s.party_ggds), to_string(s.insurer_mismatch),
                           g.largest_insurer[m].concern,
                           insurer_basis_column_text(g.largest_insurer[m]),
                           g.zorgkantoor_insurer[m].concern, std::string(s.rests_on_default ? "yes" : "no")}) {
            row.push_back(value);
        }
        table.rows.push_back(std::move(row));
    }
    return table;
}

// A population-weighted figure, or why there is none: a year without population figures
// (2025) would weigh every municipality by zero.
std::string weighted_text(const Governance& g, const std::optional<double>& value) {
    if (g.population_date.empty()) return fmt::format("unknown (no population figures for {})", g.division_year);
    if (!value) {
        return fmt::format("unknown ({} municipalities have no population figure for {})",
                           g.municipalities_without_population(), g.division_year);
    }
    return fmt::format("{:.3f}", *value);
}

std::string summary_lines(const IncongruenceModel& model, const std::vector<IncongruenceScore>& scores,
                          const IncongruenceSummary& summary) {
    return fmt::format(
        "Over layers {}: mean congruence C {:.3f}, population-weighted {}; {} of {} municipalities fully "
        "congruent (C = 1, T = 1); insurer mismatch in {} (unknown for {}: no independent largest-insurer figure, "
        "only the zorgkantoor rule).",
        fmt::join(model.layer_ids(), ", "), summary.mean_congruence,
        weighted_text(model.governance(), summary.population_weighted_congruence),
        summary.fully_congruent, scores.size(), summary.insurer_mismatches, summary.insurer_unknown);
}

// What the scores do with default memberships, for the header of every presenter:
// which chosen layers hold them and what they are, or what --published-only left out.
std::string default_membership_notes(const Governance& g, const std::vector<std::string>& layer_ids) {
    std::string text;
    if (g.published_only) {
        std::vector<std::string> parts;
        for (const auto& [layer_id, count] : g.left_out_defaults) parts.push_back(fmt::format("{} in {}", count, layer_id));
        text += wrap_note(
            fmt::format("Published memberships only (--published-only): default memberships left out: {}. A "
                        "municipality without a published membership has no table in that layer: the layer does not "
                        "count for it, and no one counts it as a partner through that layer.",
                        parts.empty() ? std::string("none") : fmt::format("{}", fmt::join(parts, ", "))),
            "", 120);
        return text;
    }
    for (const auto& id : layer_ids) {
        if (!g.has_division(id)) continue;
        const Division& d = g.division(id);
        const int defaults = d.default_membership_count();
        if (defaults == 0) continue;
        text += wrap_note(fmt::format("{}: {} of {} memberships are not published but follow {} (regions DEF-...: the "
                                      "municipalities of a {} region that no published {} region lists); scores marked "
                                      "'default' rest on them; --published-only leaves them out.",
                                      id, defaults, g.codes.size(), d.default_layer, d.default_layer, id),
                          "", 120);
    }
    return text;
}

}  // namespace

std::string format_incongruence(const IncongruenceModel& model, const std::vector<IncongruenceScore>& ranked,
                                const IncongruenceSummary& summary, std::size_t top, OutputFormat format, bool wide) {
    std::vector<IncongruenceScore> shown(ranked.begin(),
                                         ranked.begin() + static_cast<long>(top == 0 ? ranked.size() : std::min(top, ranked.size())));
    const Governance& g = model.governance();
    if (format == OutputFormat::csv) {
        ScoreColumns table = score_columns(model, shown);
        std::string text = csv_line(table.names);
        for (const auto& row : table.rows) text += csv_line(row);
        return text;
    }
    if (format == OutputFormat::json) {
        ScoreColumns table = score_columns(model, shown);
        json out = {{"layers", model.layer_ids()},
                    {"published_only", g.published_only},
                    {"summary",
                     {{"mean_congruence", summary.mean_congruence},
                      {"population_weighted_congruence", summary.population_weighted_congruence
                                                             ? json(*summary.population_weighted_congruence)
                                                             : json(nullptr)},
                      {"fully_congruent", summary.fully_congruent},
                      {"insurer_mismatches", summary.insurer_mismatches},
                      {"insurer_mismatch_unknown", summary.insurer_unknown}}},
                    {"municipalities", json::array()}};
        for (const auto& row : table.rows) {
            json item;
            for (std::size_t i = 0; i < table.names.size(); ++i) item[table.names[i]] = row[i];
            out["municipalities"].push_back(item);
        }
        return json_text(out);
    }
    std::vector<std::string> header{"#", "code", "municipality", "population"};
    for (const auto& id : model.layer_ids()) header.push_back(id);
    for (const char* name : {"U", "I", "C", "T", "P", "mismatch"}) header.emplace_back(name);
    const bool any_default = summary.rests_on_default > 0;
    if (any_default) header.emplace_back("default");
    std::vector<std::vector<std::string>> rows;
    std::size_t rank = 0;
    for (const auto& s : shown) {
        const int m = s.municipality;
        std::vector<std::string> row{std::to_string(++rank), g.codes[m], g.names[m],
                                     g.population[m] ? std::to_string(*g.population[m]) : "?"};
        for (std::size_t l = 0; l < model.layer_ids().size(); ++l) {
            row.push_back(region_label(g.division(model.layer_ids()[l]), m, s.regions[l]));
        }
        for (auto value : {std::to_string(s.partners_any), std::to_string(s.partners_all), fixed(s.congruence),
                           std::to_string(s.tables), std::to_string(s.parties), to_string(s.insurer_mismatch)}) {
            row.push_back(value);
        }
        if (any_default) row.emplace_back(s.rests_on_default ? "default" : "");
        rows.push_back(row);
    }
    std::vector<bool> right(header.size(), false);
    right[0] = right[3] = true;
    const std::size_t first_score = header.size() - (any_default ? 7 : 6);
    for (std::size_t i = first_score; i < first_score + 5; ++i) right[i] = true;
    std::string text = wrap_text(summary_lines(model, ranked, summary)) + default_membership_notes(g, model.layer_ids());
    text += wrap_text(fmt::format("Most fragmented first{}. U: partners at any table; I: partners at every table; "
                                  "C = I/U; T: distinct tables; P: municipalities + insurers + GGDs around its tables.",
                                  top ? fmt::format(" (top {} of {})", shown.size(), ranked.size()) : "")) +
            "\n";
    if (wide) return text + format_text_table(header, rows, right);
    // One table would not fit a terminal (region names run to 50 characters): the scores first, then the
    // regions of the same municipalities in the same order, where only the longest region names are cut.
    const std::size_t layer_count = model.layer_ids().size();
    std::vector<std::string> score_header, region_header{"#", "municipality"};
    std::vector<bool> score_right, region_right{true, false};
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (i >= 4 && i < 4 + layer_count) continue;
        score_header.push_back(header[i]);
        score_right.push_back(right[i]);
    }
    for (const auto& id : model.layer_ids()) {
        region_header.push_back(id);
        region_right.push_back(false);
    }
    std::vector<std::vector<std::string>> score_rows, region_rows;
    for (const auto& row : rows) {
        std::vector<std::string> score_row, region_row{row[0], row[2]};
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i >= 4 && i < 4 + layer_count) {
                region_row.push_back(row[i]);
            } else {
                score_row.push_back(row[i]);
            }
        }
        score_rows.push_back(std::move(score_row));
        region_rows.push_back(std::move(region_row));
    }
    text += format_text_table(score_header, score_rows, score_right);
    std::vector<bool> shrinkable(region_header.size(), true);
    shrinkable[0] = shrinkable[1] = false;
    const FittedTable regions = format_fitted_table(region_header, region_rows, region_right, shrinkable);
    text += "\nTheir regions:\n" + regions.text;
    if (regions.shortened) text += "(names cut at \"~\" to fit 120 columns; --wide prints one table with them whole)\n";
    return text;
}


std::string format_profiles(const Governance& g, const IncongruenceModel& model,
                            const std::vector<MunicipalityProfile>& profiles, OutputFormat format, bool wide) {
    auto region_fact = [&](const char* layer_id, const MunicipalityProfile& profile) -> std::pair<std::string, std::string> {
        const int m = profile.municipality;
        if (!g.has_division(layer_id)) return {"missing", std::string("layer ") + layer_id + " is not in the store"};
        const Division& d = g.division(layer_id);
        const int region = d.region_of[m];
        if (d.left_out(m)) {
            return {"left out", fmt::format("NOT PUBLISHED: a default membership, left out by --published-only, so "
                                            "{} does not count in its scores", layer_id)};
        }
        if (region < 0) return {"missing", "no membership"};
        std::string basis;
        switch (d.basis[m]) {
            case MembershipBasis::largest_overlap:
                basis = fmt::format("CBS {}, largest overlap {:.3f}", d.year, d.share[m].value_or(0));
                break;
            case MembershipBasis::published: basis = fmt::format("published {}", d.year); break;
            case MembershipBasis::layer_default:
                if (auto facts = profile.default_regions.find(d.layer_id); facts != profile.default_regions.end()) {
                    basis = "NOT PUBLISHED: " + describe_default_region(facts->second);
                } else {
                    basis = fmt::format("NOT PUBLISHED: follows layer {}", d.default_layer);
                }
                break;
            case MembershipBasis::self: basis = "itself"; break;
        }
        return {fmt::format("{} {}", d.region_codes[region], d.region_names[region]), basis};
    };
    auto insurer = [](const InsurerFact& fact) -> std::pair<std::string, std::string> {
        const std::string value = insurer_value_text(fact);
        if (value == "missing") return {value, insurer_basis_text(fact)};
        return {value, insurer_basis_text(fact) + " (year " + fact.year + ")"};
    };
    auto insurer_json = [](const InsurerFact& fact) {
        return json{{"kind", insurer_basis_kind_text(fact)}, {"year", fact.year}, {"source", fact.source}};
    };
    json out = json::array();
    std::string text = default_membership_notes(g, model.layer_ids());
    if (!text.empty()) text += "\n";
    // Bases longer than the table leaves room for are notes under all profiles, each text once.
    TableNotes notes(wide);
    for (const auto& profile : profiles) {
        const int m = profile.municipality;
        const IncongruenceScore& s = profile.score;
        std::vector<std::pair<std::string, std::pair<std::string, std::string>>> columns{
            {"largest insurer", insurer(g.largest_insurer[m])},
            {"zorgkantoor region", region_fact(kZorgkantoorLayer, profile)},
            {"zorgkantoor insurer", insurer(g.zorgkantoor_insurer[m])},
            {"youth-care region", region_fact("jeugdregio", profile)},
            {"GGD region", region_fact(kGgdLayer, profile)},
            {"work-structure region", region_fact(kWorkStructureLayer, profile)},
        };
        if (!g.work_structure_lead[m].concern.empty()) {
            columns.push_back({"work-structure lead", insurer(g.work_structure_lead[m])});
        }
        json item = {{"municipality_code", g.codes[m]}, {"municipality_name", g.names[m]},
                     {"population", g.population[m] ? json(*g.population[m]) : json(nullptr)},
                     {"population_date", g.population_date}};
        text += g.population_date.empty()
                    ? fmt::format("{} ({}), {}: no population figures for this year\n", g.names[m], g.codes[m],
                                  g.division_year)
                    : fmt::format("{} ({}), population {} on {}\n", g.names[m], g.codes[m],
                                  g.population[m] ? format_thousands(*g.population[m]) : "unknown", g.population_date);
        std::size_t label_width = display_width("column"), value_width = display_width("value");
        for (const auto& [label, value] : columns) {
            label_width = std::max(label_width, display_width(label));
            value_width = std::max(value_width, display_width(value.first));
        }
        const std::size_t indent = 2, gaps = 4;
        const std::size_t used = indent + label_width + gaps + value_width;
        const std::size_t basis_width = kTerminalWidth > used ? kTerminalWidth - used : 0;
        std::vector<std::vector<std::string>> rows;
        for (const auto& [label, value] : columns) {
            rows.push_back({label, value.first, notes.refer(value.second, basis_width)});
            item[label] = {{"value", value.first}, {"basis", value.second}};
        }
        item["largest insurer"]["basis_fields"] = insurer_json(g.largest_insurer[m]);
        item["zorgkantoor insurer"]["basis_fields"] = insurer_json(g.zorgkantoor_insurer[m]);
        text += indent_lines(format_text_table({"column", "value", "basis and year"}, rows), "  ");
        std::string mismatch = to_string(s.insurer_mismatch);
        if (s.insurer_mismatch != InsurerMismatch::unknown) {
            mismatch += fmt::format(" (largest {}, zorgkantoor {})", g.largest_insurer[m].concern,
                                    g.zorgkantoor_insurer[m].concern);
        } else {
            mismatch += " (the largest insurer is known only through the zorgkantoor rule)";
        }
        std::string scores = fmt::format(
            "  scores over {}: C = {:.3f} ({} of {} partners meet it at every table), population-weighted C = {}, "
            "T = {} table{}, P = {} parties ({} municipalities, {} insurer{}, {} GGD{}), insurer mismatch: {}",
            fmt::join(model.layer_ids(), ", "), s.congruence, s.partners_all, s.partners_any,
            weighted_text(g, s.congruence_population),
            s.tables, s.tables == 1 ? "" : "s", s.parties, s.party_municipalities, s.party_insurers,
            s.party_insurers == 1 ? "" : "s", s.party_ggds, s.party_ggds == 1 ? "" : "s", mismatch);
        if (s.rests_on_default) scores += "; DEFAULT: these scores rest on a membership that is not published";
        text += (wide ? scores + "\n" : wrap_text(scores, kTerminalWidth, 4)) + "\n";
        item["scores"] = {{"layers", model.layer_ids()},     {"partners_any_U", s.partners_any},
                          {"partners_all_I", s.partners_all}, {"congruence_C", s.congruence},
                          {"congruence_population", s.congruence_population ? json(*s.congruence_population) : json(nullptr)},
                          {"tables_T", s.tables},             {"parties_P", s.parties},
                          {"insurer_mismatch", to_string(s.insurer_mismatch)},
                          {"rests_on_default", s.rests_on_default},
                          {"published_only", g.published_only}};
        out.push_back(item);
    }
    if (format == OutputFormat::json) return json_text(out);
    return text + notes.format("Bases:");
}

namespace {
std::string effect_text(WhatIfEffect effect) {
    switch (effect) {
        case WhatIfEffect::same: return "same";
        case WhatIfEffect::better: return "better";
        case WhatIfEffect::worse: return "worse";
        case WhatIfEffect::changed: return "changed";
    }
    return "same";
}
}  // namespace

std::string format_what_if_warnings(const Governance& g, const std::vector<std::string>& layer_ids,
                                    const std::vector<Move>& moves, const WhatIfResult& result) {
    std::string text;
    for (const auto& warning : result.warnings) {
        const Move& move = moves[warning.move];
        const Division& d = g.division(move.layer_id);
        const std::string what = fmt::format("moving {} to {} {} in {}", g.names[move.municipality],
                                             d.region_codes[move.region], d.region_names[move.region], move.layer_id);
        switch (warning.kind) {
            case WhatIfWarning::Kind::does_not_touch:
                text += fmt::format("warning: {}: {} borders no municipality of that region (no shared border or "
                                    "link), so the region would not be one area\n",
                                    what, g.names[move.municipality]);
                break;
            case WhatIfWarning::Kind::leaves_region_apart: {
                std::vector<std::string> parts;
                for (const auto& part : warning.parts) {
                    std::vector<std::string> names;
                    for (int m : part) names.push_back(g.names[m]);
                    parts.push_back(join_names_within(names, 60));
                }
                text += fmt::format("warning: {}: {} {} falls apart into {} parts ({})\n", what,
                                    d.region_codes[warning.region], d.region_names[warning.region], warning.parts.size(),
                                    fmt::join(parts, " | "));
                break;
            }
            case WhatIfWarning::Kind::layer_not_scored:
                text += fmt::format("warning: {}: {} is not among the scored layers ({}), so no score changes; "
                                    "add it with --layers\n",
                                    what, move.layer_id, fmt::join(layer_ids, ", "));
                break;
        }
    }
    return text;
}

std::string division_memberships_csv(const Governance& governance, const Division& division) {
    std::string text = csv_line({"municipality_code", "municipality_name", "region_code", "region_name"});
    for (std::size_t m = 0; m < governance.codes.size(); ++m) {
        const int region = division.region_of[m];
        if (region < 0) continue;
        text += csv_line({governance.codes[m], governance.names[m], division.region_codes[region],
                          division.region_names[region]});
    }
    return text;
}

std::string format_what_if(const Governance& g, const std::vector<std::string>& layer_ids, const std::vector<Move>& moves,
                           const WhatIfResult& result, const WhatIfJudgement& judgement, OutputFormat format) {
    const auto& changes = result.changes;
    std::vector<std::vector<std::string>> rows;
    json out = {{"layers", layer_ids}, {"moves", json::array()}, {"municipalities", json::array()},
                {"mean_congruence", {{"before", result.mean_congruence_before}, {"after", result.mean_congruence_after}}},
                {"warnings", json::array()}};
    std::string text;
    for (const auto& move : moves) {
        const Division& d = g.division(move.layer_id);
        text += fmt::format("move {} {} in {} to {} {}\n", g.codes[move.municipality], g.names[move.municipality],
                            move.layer_id, d.region_codes[move.region], d.region_names[move.region]);
        out["moves"].push_back({{"municipality_code", g.codes[move.municipality]},
                                {"municipality_name", g.names[move.municipality]}, {"layer", move.layer_id},
                                {"region_code", d.region_codes[move.region]},
                                {"region_name", d.region_names[move.region]}});
    }
    for (const auto& warning : result.warnings) {
        static const char* const kinds[] = {"leaves region apart", "does not touch the region", "layer not scored"};
        json parts = json::array();
        for (const auto& part : warning.parts) {
            json codes = json::array();
            for (int m : part) codes.push_back(g.codes[m]);
            parts.push_back(codes);
        }
        const Move& move = moves[warning.move];
        const Division& d = g.division(move.layer_id);
        out["warnings"].push_back({{"kind", kinds[static_cast<int>(warning.kind)]},
                                   {"municipality_code", g.codes[move.municipality]},
                                   {"municipality_name", g.names[move.municipality]}, {"layer", move.layer_id},
                                   {"region_code", warning.region < 0 ? json(nullptr) : json(d.region_codes[warning.region])},
                                   {"region_name", warning.region < 0 ? json(nullptr) : json(d.region_names[warning.region])},
                                   {"parts", parts}});
    }
    std::string csv = csv_line({"municipality_code", "municipality_name", "U_before", "U_after", "I_before", "I_after",
                                "C_before", "C_after", "T_before", "T_after", "P_before", "P_after"});
    for (std::size_t i = 0; i < changes.size(); ++i) {
        const auto& change = changes[i];
        const auto& b = change.before;
        const auto& a = change.after;
        const int m = b.municipality;
        rows.push_back({g.codes[m], g.names[m], fmt::format("{} -> {}", b.partners_any, a.partners_any),
                        fmt::format("{} -> {}", b.partners_all, a.partners_all),
                        fmt::format("{:.3f} -> {:.3f}", b.congruence, a.congruence),
                        fmt::format("{} -> {}", b.tables, a.tables), fmt::format("{} -> {}", b.parties, a.parties),
                        effect_text(judgement.effects[i]) +
                            (a.rests_on_default || b.rests_on_default ? ", default" : "")});
        csv += csv_line({g.codes[m], g.names[m], std::to_string(b.partners_any), std::to_string(a.partners_any),
                         std::to_string(b.partners_all), std::to_string(a.partners_all), fixed(b.congruence, 4),
                         fixed(a.congruence, 4), std::to_string(b.tables), std::to_string(a.tables),
                         std::to_string(b.parties), std::to_string(a.parties)});
        out["municipalities"].push_back({{"municipality_code", g.codes[m]}, {"municipality_name", g.names[m]},
                                         {"before", {{"U", b.partners_any}, {"I", b.partners_all}, {"C", b.congruence},
                                                     {"T", b.tables}, {"P", b.parties}}},
                                         {"after", {{"U", a.partners_any}, {"I", a.partners_all}, {"C", a.congruence},
                                                    {"T", a.tables}, {"P", a.parties}}}});
    }
    if (format == OutputFormat::json) return json_text(out);
    if (format == OutputFormat::csv) return csv;
    text += wrap_long_lines(format_what_if_warnings(g, layer_ids, moves, result));
    text += default_membership_notes(g, layer_ids);
    text += fmt::format("{} municipalities share a table with a moved one ({} rescored, the rest untouched); {} change. "
                        "The store is not changed.\n",
                        changes.size(), changes.size(), judgement.changed);
    text += fmt::format("Mean C over all {} municipalities: {:.4f} -> {:.4f}.\n\n", g.codes.size(),
                        result.mean_congruence_before, result.mean_congruence_after);
    return text + format_text_table({"code", "municipality", "U", "I", "C", "T", "P", "effect"}, rows);
}

}  // namespace regiomap
