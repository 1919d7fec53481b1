#include "initiatives/location_resolver.hpp"

#include "core/error.hpp"
#include "core/name_matching.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <regex>

namespace regiomap {

std::string to_string(ResolutionStatus status) {
    switch (status) {
        case ResolutionStatus::full: return "full";
        case ResolutionStatus::partial: return "partial";
        case ResolutionStatus::unresolved: return "unresolved";
    }
    return "unresolved";
}

namespace {

std::string trim(const std::string& text) {
    auto begin = text.find_first_not_of(" \t");
    if (begin == std::string::npos) return "";
    auto end = text.find_last_not_of(" \t");
    return text.substr(begin, end - begin + 1);
}

// Separators of published lists, tried in this order; a piece that resolves as a
// whole is never split further ("Mook en Middelaar" stays one municipality).
const std::vector<std::string> kSeparators{",", ";", " en ", " & ", "/"};

std::vector<std::string> split(const std::string& text, const std::string& separator) {
    std::vector<std::string> pieces;
    std::size_t start = 0;
    for (std::size_t found; (found = text.find(separator, start)) != std::string::npos; start = found + separator.size()) {
        pieces.push_back(trim(text.substr(start, found - start)));
    }
    pieces.push_back(trim(text.substr(start)));
    pieces.erase(std::remove(pieces.begin(), pieces.end(), std::string()), pieces.end());
    return pieces;
}

// Words that frame a place name without changing it: "Drechtsteden gemeenten", "regio Twente".
std::string strip_frame(const std::string& normalized) {
    static const std::regex frame(R"(^(de |het )?(regio |gemeente |gemeenten |provincie )?(.*?)( gemeenten| gemeente| regio)?$)");
    std::smatch match;
    if (std::regex_match(normalized, match, frame)) return match[3].str();
    return normalized;
}

}  // namespace

LocationResolver::LocationResolver(const Governance& governance, MunicipalityNames names, std::vector<PlaceAlias> aliases)
    : governance_(governance), names_(std::move(names)), aliases_(std::move(aliases)) {}

std::pair<const Division*, int> LocationResolver::find_region(const std::string& code) const {
    for (const auto& division : governance_.divisions) {
        for (std::size_t r = 0; r < division.region_codes.size(); ++r) {
            if (division.region_codes[r] == code) return {&division, static_cast<int>(r)};
        }
    }
    return {nullptr, -1};
}

std::string LocationResolver::province_label(const std::string& code) const {
    auto [division, region] = find_region(code);
    return division ? code + " " + division->region_names[region] : code;
}

std::vector<int> LocationResolver::alias_members(const PlaceAlias& alias) const {
    std::vector<int> members;
    for (const auto& code : alias.codes) {
        if (alias.kind == "group") {
            members.push_back(governance_.index_of.at(code));
        } else if (auto [division, region] = find_region(code); division) {
            members.insert(members.end(), division->members[region].begin(), division->members[region].end());
        }
    }
    return members;
}

bool LocationResolver::resolve_whole(const std::string& text, ResolvedPart& part) const {
    const std::string wanted = normalize_name(text);
    if (wanted.empty()) return false;
    // 1. a municipality by code or name of any year, a variant, alias or village
    try {
        const NameEntry& entry = *names_.resolve(text).entry;
        for (const auto& target : entry.targets) part.municipalities.push_back(governance_.index_of.at(target.code));
        part.how = fmt::format("{} ({})", entry.name, entry.explanation);
        part.unverified = entry.explanation.find(kUnverifiedAlias) != std::string::npos;
        if (entry.targets.size() > 1) {
            part.partial = true;
            part.how += "; the place was split, so it stands for part of each";
        }
        return true;
    } catch (const NotFoundError&) {
    }
    // 2. an informal region or province from the alias table
    const std::string framed = strip_frame(wanted);
    for (const auto& alias : aliases_) {
        const std::string name = normalize_name(alias.alias);
        if (name != wanted && name != framed) continue;
        part.municipalities = alias_members(alias);
        part.how = fmt::format("{} {} ({} municipalities; source: {})", alias.kind, alias.alias,
                               part.municipalities.size(), alias.source);
        part.unverified = alias.source.find(kUnverifiedAlias) != std::string::npos;
        return true;
    }
    // 3. a region of any layer by code or name ("ZK22", "Twente", "Friesland")
    for (const auto& division : governance_.divisions) {
        for (std::size_t r = 0; r < division.region_codes.size(); ++r) {
            const std::string code = normalize_name(division.region_codes[r]);
            const std::string name = normalize_name(division.region_names[r]);
            if (code != wanted && name != wanted && name != framed) continue;
            part.municipalities = division.members[r];
            part.how = fmt::format("{} region {} {} ({} municipalities)", division.layer_id, division.region_codes[r],
                                   division.region_names[r], division.members[r].size());
            return true;
        }
    }
    return false;
}

bool LocationResolver::resolve_counted_province(const std::string& text, ResolvedPart& part) const {
    // "22 van de 24 Friese gemeenten", "alle 24 Friese gemeenten", "alle Drentse gemeenten"
    static const std::regex counted(R"(^(alle )?(\d+ )?(van de (\d+) )?(.+) gemeenten$)");
    std::smatch match;
    const std::string wanted = normalize_name(text);
    if (!std::regex_match(wanted, match, counted)) return false;
    const std::string adjective = match[5].str();
    for (const auto& alias : aliases_) {
        if (alias.kind != "province" || normalize_name(alias.alias) != adjective) continue;
        part.municipalities = alias_members(alias);
        const bool some = match[2].matched && match[4].matched;
        const int named = match[2].matched ? std::stoi(match[2].str()) : 0;
        const int of = match[4].matched ? std::stoi(match[4].str()) : 0;
        if (some && named < of) {
            part.partial = true;
            part.how = fmt::format("{} of the {} municipalities of province {} as published; which {} {} not "
                                   "published, so all {} of its municipalities in {} are counted and flagged partial",
                                   named, of, province_label(alias.codes.front()), of - named,
                                   of - named == 1 ? "is" : "are", part.municipalities.size(),
                                   governance_.population_date.substr(0, 4));
        } else {
            part.how = fmt::format("all municipalities of province {} ({} in {}{})", province_label(alias.codes.front()),
                                   part.municipalities.size(), governance_.population_date.substr(0, 4),
                                   named ? fmt::format("; {} when published, before mergers", named) : "");
        }
        return true;
    }
    return false;
}

bool LocationResolver::resolve_all_of(const std::string& text, ResolvedPart& part) const {
    // "all municipalities of Friesland", "alle gemeenten van Drenthe", "alle gemeenten in Twente"
    static const std::regex all_of(R"(^(all municipalities (of|in)|alle gemeenten (van|in)) (.+)$)");
    std::smatch match;
    const std::string wanted = normalize_name(text);
    if (!std::regex_match(wanted, match, all_of)) return false;
    return resolve_whole(match[4].str(), part);
}

void LocationResolver::resolve_list(const std::string& text, std::size_t separator, std::vector<ResolvedPart>& parts) const {
    ResolvedPart part;
    part.text = text;
    if (resolve_whole(text, part) || resolve_counted_province(text, part) || resolve_all_of(text, part)) {
        part.resolved = true;
        parts.push_back(std::move(part));
        return;
    }
    for (std::size_t s = separator; s < kSeparators.size(); ++s) {
        auto pieces = split(text, kSeparators[s]);
        if (pieces.size() < 2) continue;
        for (const auto& piece : pieces) resolve_list(piece, 0, parts);
        return;
    }
    part.how = "no municipality (any year), alias, village, informal region, region of a layer or province matches";
    auto nearest = names_.nearest(text, 3);
    if (!nearest.empty()) part.how += fmt::format("; nearest municipality names: {}", fmt::join(nearest, ", "));
    parts.push_back(std::move(part));
}

LocationResolution LocationResolver::resolve(const std::string& location) const {
    LocationResolution resolution;
    const std::string text = trim(location);
    if (text.empty()) {
        resolution.parts.push_back({"", {}, "no location given", false, false});
        return resolution;
    }
    resolve_list(text, 0, resolution.parts);
    bool all_resolved = true, any_resolved = false, any_partial = false;
    for (const auto& part : resolution.parts) {
        all_resolved = all_resolved && part.resolved;
        any_resolved = any_resolved || part.resolved;
        any_partial = any_partial || part.partial;
        resolution.municipalities.insert(resolution.municipalities.end(), part.municipalities.begin(),
                                         part.municipalities.end());
    }
    std::sort(resolution.municipalities.begin(), resolution.municipalities.end());
    resolution.municipalities.erase(std::unique(resolution.municipalities.begin(), resolution.municipalities.end()),
                                    resolution.municipalities.end());
    resolution.status = !any_resolved                    ? ResolutionStatus::unresolved
                        : (all_resolved && !any_partial) ? ResolutionStatus::full
                                                         : ResolutionStatus::partial;
    return resolution;
}

}  // namespace regiomap
