#include "initiatives/location_resolver.hpp"

#include "core/error.hpp"
#include "core/name_matching.hpp"
#include "core/output.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>

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

bool drop_leading_word(std::string& text, std::string_view word) {
    if (text.size() <= word.size() || text.compare(0, word.size(), word) != 0 || text[word.size()] != ' ') return false;
    text.erase(0, word.size() + 1);
    return true;
}

bool drop_trailing_word(std::string& text, std::string_view word) {
    if (text.size() <= word.size()) return false;
    const std::size_t start = text.size() - word.size();
    if (text.compare(start, word.size(), word) != 0 || text[start - 1] != ' ') return false;
    text.erase(start - 1);
    return true;
}

struct FramedName {
    PlaceKind kind = PlaceKind::any;
    std::string core;  // the name without its frame words
};

// Words that frame a place name and say what kind of place it is: "de provincie
// Groningen", "gemeente Groningen", "regio Twente", "Drechtsteden gemeenten".
// Works on normalised text, word by word (no regex: locations can be long).
FramedName frame_of(const std::string& normalized) {
    FramedName framed{PlaceKind::any, normalized};
    std::string& rest = framed.core;
    if (!drop_leading_word(rest, "de")) drop_leading_word(rest, "het");
    if (drop_leading_word(rest, "provincie")) {
        framed.kind = PlaceKind::province;
    } else if (drop_leading_word(rest, "gemeente")) {
        framed.kind = PlaceKind::municipality;
    } else if (drop_leading_word(rest, "gemeenten")) {
        framed.kind = PlaceKind::area;
    } else if (drop_leading_word(rest, "regio")) {
        framed.kind = PlaceKind::region;
    } else if (drop_trailing_word(rest, "gemeenten")) {
        framed.kind = PlaceKind::area;
    } else if (drop_trailing_word(rest, "gemeente")) {
        framed.kind = PlaceKind::municipality;
    } else if (drop_trailing_word(rest, "regio")) {
        framed.kind = PlaceKind::region;
    }
    return framed;
}

std::vector<std::string> words_of(const std::string& normalized) { return split(normalized, " "); }

bool all_digits(const std::string& word) {
    return !word.empty() && std::all_of(word.begin(), word.end(), [](unsigned char c) { return std::isdigit(c); });
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

void LocationResolver::name_province(const std::string& code, ResolvedPart& part) const {
    part.province_code = code;
    if (auto [division, region] = find_region(code); division) part.province_name = division->region_names[region];
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

bool LocationResolver::resolve_whole(const std::string& text, ResolvedPart& part, PlaceKind required) const {
    const std::string wanted = normalize_name(text);
    if (wanted.empty()) return false;
    FramedName framed = frame_of(wanted);
    if (framed.kind == PlaceKind::any) framed.kind = required;
    const PlaceKind kind = framed.kind;
    // 1. a municipality by code or name of any year, a variant, alias or village
    if (kind == PlaceKind::any || kind == PlaceKind::municipality) {
        try {
            const NameEntry& entry = *names_.resolve(kind == PlaceKind::any ? text : framed.core).entry;
            for (const auto& target : entry.targets) part.municipalities.push_back(governance_.index_of.at(target.code));
            part.match = PartMatch::municipality;
            part.matched_name = entry.name;
            part.matched_basis = entry.explanation;
            part.unverified = entry.explanation.find(kUnverifiedAlias) != std::string::npos;
            if (entry.targets.size() > 1) {
                part.partial = true;
                part.split_place = true;
            }
            return true;
        } catch (const NotFoundError&) {
        }
        if (kind == PlaceKind::municipality) return false;
    }
    // 2. an informal region or province from the alias table
    for (const auto& alias : aliases_) {
        if (kind == PlaceKind::province && alias.kind != "province") continue;
        if (kind == PlaceKind::region && alias.kind != "group") continue;
        const std::string name = normalize_name(alias.alias);
        if (name != wanted && name != framed.core) continue;
        part.municipalities = alias_members(alias);
        part.match = PartMatch::alias;
        part.alias_kind = alias.kind;
        part.matched_name = alias.alias;
        part.matched_basis = alias.source;
        part.unverified = alias.source.find(kUnverifiedAlias) != std::string::npos;
        return true;
    }
    // 3. a region of any layer by code or name ("ZK22", "Twente", "Friesland"); a kind
    //    word picks the layers ("provincie Groningen" is PV20, not zorgkantoor ZK09)
    for (const auto& division : governance_.divisions) {
        const bool province_layer = division.layer_id == kProvinceLayer;
        if (kind == PlaceKind::province && !province_layer) continue;
        if (kind == PlaceKind::region && province_layer) continue;
        for (std::size_t r = 0; r < division.region_codes.size(); ++r) {
            const std::string code = normalize_name(division.region_codes[r]);
            const std::string name = normalize_name(division.region_names[r]);
            if (code != wanted && name != wanted && name != framed.core) continue;
            part.municipalities = division.members[r];
            part.match = PartMatch::region;
            part.layer_id = division.layer_id;
            part.region_code = division.region_codes[r];
            part.matched_name = division.region_names[r];
            return true;
        }
    }
    return false;
}

bool LocationResolver::resolve_counted_province(const std::string& text, ResolvedPart& part,
                                                const LocationSource& source) const {
    // "22 van de 24 Friese gemeenten", "alle 24 Friese gemeenten", "alle Drentse gemeenten"
    const std::vector<std::string> words = words_of(normalize_name(text));
    if (words.size() < 2 || words.back() != "gemeenten") return false;
    std::size_t i = 0;
    if (words[i] == "alle") ++i;
    std::string named_text, of_text;
    if (i < words.size() && all_digits(words[i])) named_text = words[i++];
    if (i + 2 < words.size() && words[i] == "van" && words[i + 1] == "de" && all_digits(words[i + 2])) {
        of_text = words[i + 2];
        i += 3;
    }
    if (i + 1 >= words.size()) return false;
    std::string adjective = words[i];
    for (std::size_t w = i + 1; w + 1 < words.size(); ++w) adjective += " " + words[w];
    for (const auto& alias : aliases_) {
        if (alias.kind != "province" || normalize_name(alias.alias) != adjective) continue;
        // A count is 1 to a few hundred municipalities; anything else is a typo in the source.
        auto count = [&](const std::string& digits) {
            int value = 0;
            auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
            if (error != std::errc() || end != digits.data() + digits.size() || value < 1 || value > 999) {
                throw DataError(source.file, source.where.empty() ? "location" : source.where + ", location",
                                fmt::format("'{}': {} is not a number of municipalities (1 to 999)",
                                            excerpt_for_message(text), excerpt_for_message(digits, 20)));
            }
            return value;
        };
        // normalize_name drops signs, so "-3 van de 24" would read as 3: a signed count is refused as written.
        for (std::size_t c = 0; c + 1 < text.size(); ++c) {
            const bool sign_starts_word = c == 0 || text[c - 1] == ' ';
            if (sign_starts_word && (text[c] == '-' || text[c] == '+') && std::isdigit(static_cast<unsigned char>(text[c + 1]))) {
                throw DataError(source.file, source.where.empty() ? "location" : source.where + ", location",
                                fmt::format("'{}': a signed number is not a number of municipalities (1 to 999)",
                                            excerpt_for_message(text)));
            }
        }
        const int named = named_text.empty() ? 0 : count(named_text);
        const int of = of_text.empty() ? 0 : count(of_text);
        if (named && of && named > of) {
            throw DataError(source.file, source.where.empty() ? "location" : source.where + ", location",
                            fmt::format("'{}': {} of {} municipalities is more than all of them",
                                        excerpt_for_message(text), named, of));
        }
        part.municipalities = alias_members(alias);
        const bool some = named && of;
        name_province(alias.codes.front(), part);
        part.published_named = named;
        part.division_year = governance_.division_year;
        if (some && named < of) {
            part.partial = true;
            part.match = PartMatch::counted_province;
            part.published_of = of;
        } else {
            part.match = PartMatch::whole_province;
        }
        return true;
    }
    return false;
}

bool LocationResolver::resolve_all_of(const std::string& text, ResolvedPart& part) const {
    // "all municipalities of Friesland", "alle gemeenten van Drenthe", "alle gemeenten in Twente":
    // a group, so never the municipality of that name ("alle gemeenten van Groningen" is the province)
    std::string rest = normalize_name(text);
    for (const char* opening : {"all municipalities of", "all municipalities in", "alle gemeenten van", "alle gemeenten in"}) {
        const std::string_view words(opening);
        if (rest.size() > words.size() + 1 && rest.compare(0, words.size(), words) == 0 && rest[words.size()] == ' ') {
            return resolve_whole(rest.substr(words.size() + 1), part, PlaceKind::area);
        }
    }
    return false;
}

void LocationResolver::resolve_list(const std::string& text, std::size_t separator, std::vector<ResolvedPart>& parts,
                                    const LocationSource& source) const {
    ResolvedPart part;
    part.text = text;
    if (resolve_whole(text, part) || resolve_counted_province(text, part, source) || resolve_all_of(text, part)) {
        part.resolved = true;
        parts.push_back(std::move(part));
        return;
    }
    for (std::size_t s = separator; s < kSeparators.size(); ++s) {
        auto pieces = split(text, kSeparators[s]);
        if (pieces.size() < 2) continue;
        for (const auto& piece : pieces) resolve_list(piece, 0, parts, source);
        return;
    }
    part.match = PartMatch::nothing;
    part.nearest = names_.nearest(text, 3);
    parts.push_back(std::move(part));
}

LocationResolution LocationResolver::resolve(const std::string& location, const LocationSource& source) const {
    if (location.size() > kMaxLocationLength) {
        throw DataError(source.file, source.where.empty() ? "location" : source.where + ", location",
                        fmt::format("the location is {} bytes long, more than the {} a location may have: '{}'",
                                    format_thousands(static_cast<std::int64_t>(location.size())),
                                    format_thousands(kMaxLocationLength), excerpt_for_message(location, 40)));
    }
    LocationResolution resolution;
    const std::string text = trim(location);
    if (text.empty()) {
        ResolvedPart nothing_given;
        nothing_given.match = PartMatch::no_location;
        resolution.parts.push_back(std::move(nothing_given));
        return resolution;
    }
    resolve_list(text, 0, resolution.parts, source);
    bool all_resolved = true, any_resolved = false, any_partial = false;
    for (const auto& part : resolution.parts) {
        all_resolved = all_resolved && part.resolved;
        any_resolved = any_resolved || part.resolved;
        any_partial = any_partial || part.partial;
        resolution.unverified = resolution.unverified || part.unverified;
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
