#include "layers/municipality_names.hpp"

#include "core/error.hpp"
#include "core/name_matching.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

namespace regiomap {

std::string canonical_municipality_code(const std::string& text) {
    std::string digits = text;
    if (digits.size() > 2 && std::toupper(static_cast<unsigned char>(digits[0])) == 'G' &&
        std::toupper(static_cast<unsigned char>(digits[1])) == 'M') {
        digits = digits.substr(2);
    }
    if (digits.empty() || digits.size() > 4 ||
        !std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); })) {
        return text;
    }
    return "GM" + std::string(4 - digits.size(), '0') + digits;
}

void MunicipalityNames::add(NameEntry entry) {
    normalized_.push_back(normalize_name(entry.name));
    const auto parenthesis = entry.name.find('(');
    without_qualifier_.push_back(parenthesis == std::string::npos || parenthesis == 0
                                     ? std::string()
                                     : normalize_name(std::string_view(entry.name).substr(0, parenthesis)));
    entries_.push_back(std::move(entry));
}

namespace {

bool same_targets(const NameEntry& a, const NameEntry& b) {
    if (a.targets.size() != b.targets.size()) return false;
    for (std::size_t i = 0; i < a.targets.size(); ++i) {
        if (a.targets[i].code != b.targets[i].code) return false;
    }
    return true;
}

// One entry per different municipality (or split place), the best-known name of each.
std::vector<const NameEntry*> distinct_places(const std::vector<const NameEntry*>& matches) {
    std::vector<const NameEntry*> places;
    for (const NameEntry* match : matches) {
        auto same = std::find_if(places.begin(), places.end(), [&](const NameEntry* p) { return same_targets(*p, *match); });
        if (same == places.end()) {
            places.push_back(match);
        } else if (match->basis < (*same)->basis) {
            *same = match;
        }
    }
    return places;
}

}  // namespace

NameSearch MunicipalityNames::search(const std::string& text) const {
    NameSearch result;
    result.query = text;
    const std::string wanted = normalize_name(canonical_municipality_code(text));
    if (!wanted.empty()) {
        // 1. exact: the best basis wins; rivals of that basis must name the same place
        const NameEntry* best = nullptr;
        std::vector<const NameEntry*> rivals;
        for (std::size_t i = 0; i < entries_.size(); ++i) {
            if (normalized_[i] != wanted) continue;
            if (best == nullptr || entries_[i].basis < best->basis) {
                best = &entries_[i];
                rivals = {best};
            } else if (entries_[i].basis == best->basis) {
                rivals.push_back(&entries_[i]);
            }
        }
        auto decide = [&](const std::vector<const NameEntry*>& matches, const NameEntry* chosen, const std::string& how) {
            auto places = distinct_places(matches);
            if (places.size() == 1) {
                result.outcome = NameSearch::Outcome::found;
                result.found = {text, chosen ? chosen : places.front(), how};
            } else {
                result.outcome = NameSearch::Outcome::ambiguous;
                result.candidates = places;
            }
        };
        if (best) {
            decide(rivals, best, "");
            return result;
        }
        // 2. a name without its qualifier, 3. the first whole words of a name
        std::vector<const NameEntry*> qualified, prefixed;
        for (std::size_t i = 0; i < entries_.size(); ++i) {
            if (entries_[i].basis == NameBasis::current_code) continue;
            if (without_qualifier_[i] == wanted) qualified.push_back(&entries_[i]);
            const std::string& name = normalized_[i];
            if (name.size() > wanted.size() && name.compare(0, wanted.size(), wanted) == 0 && name[wanted.size()] == ' ') {
                prefixed.push_back(&entries_[i]);
            }
        }
        const std::string quoted = excerpt_for_message(text);
        if (!qualified.empty()) {
            decide(qualified, nullptr, fmt::format("'{}' is this name without its qualifier", quoted));
            return result;
        }
        if (!prefixed.empty()) {
            decide(prefixed, nullptr, fmt::format("the only municipality whose name starts with '{}'", quoted));
            return result;
        }
    }
    result.nearest = nearest(text, 5);
    return result;
}

std::string miss_message(const NameSearch& search, const std::map<std::string, std::string>& province_of) {
    const std::string quoted = excerpt_for_message(search.query);
    if (search.outcome == NameSearch::Outcome::ambiguous) {
        std::vector<std::string> options;
        for (const NameEntry* candidate : search.candidates) {
            std::vector<std::string> where;
            for (const auto& target : candidate->targets) {
                auto province = province_of.find(target.code);
                where.push_back(province == province_of.end() ? target.code : target.code + ", " + province->second);
            }
            std::string option = fmt::format("{} ({})", candidate->name, fmt::join(where, "; "));
            if (candidate->basis != NameBasis::current_name) option += " [" + candidate->explanation + "]";
            options.push_back(option);
        }
        return fmt::format("'{}' names more than one municipality: {}; give the full name or the code", quoted,
                           fmt::join(options, "; "));
    }
    if (search.outcome == NameSearch::Outcome::found) return "";
    return fmt::format("no municipality matches '{}'{}", quoted,
                       search.nearest.empty() ? std::string()
                                              : fmt::format("; nearest: {}", fmt::join(search.nearest, ", ")));
}

NameResolution MunicipalityNames::resolve_query(const std::string& text,
                                                const std::map<std::string, std::string>& province_of) const {
    NameSearch found = search(text);
    if (found.outcome != NameSearch::Outcome::found) throw NotFoundError(miss_message(found, province_of));
    return found.found;
}

NameResolution MunicipalityNames::resolve(const std::string& text) const {
    const std::string wanted = normalize_name(canonical_municipality_code(text));
    const NameEntry* best = nullptr;
    std::vector<const NameEntry*> rivals;
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        if (normalized_[i] != wanted) continue;
        const NameEntry* candidate = &entries_[i];
        if (best == nullptr || candidate->basis < best->basis) {
            best = candidate;
            rivals.clear();
        } else if (candidate->basis == best->basis) {
            rivals.push_back(candidate);
        }
    }
    if (best == nullptr) {
        NameSearch miss;
        miss.query = text;
        miss.nearest = nearest(text, 5);
        throw NotFoundError(miss_message(miss));
    }
    for (const NameEntry* rival : rivals) {
        if (!same_targets(*rival, *best)) {
            std::vector<std::string> options{best->name + " (" + best->explanation + ")",
                                             rival->name + " (" + rival->explanation + ")"};
            throw NotFoundError(fmt::format("'{}' names more than one municipality: {}", excerpt_for_message(text),
                                            fmt::join(options, "; ")));
        }
    }
    return {text, best, ""};
}

std::string single_code(const NameEntry& entry, const std::string& text) {
    if (entry.targets.size() != 1) {
        std::vector<std::string> parts;
        for (const auto& target : entry.targets) parts.push_back(fmt::format("{} {:.0f}%", target.code, 100 * target.share));
        throw NotFoundError(fmt::format("'{}' names a place that was split over {} municipalities ({}); name one of them",
                                        excerpt_for_message(text), entry.targets.size(), fmt::join(parts, ", ")));
    }
    return entry.targets.front().code;
}

std::string MunicipalityNames::resolve_one(const std::string& text) const { return single_code(*resolve(text).entry, text); }

std::string municipality_in_row(const MunicipalityNames& names, const Table& table, const Table::Row& row,
                                const std::string& text) {
    try {
        return names.resolve_one(text);
    } catch (const NotFoundError& error) {
        throw DataError(table.path(), table.where(row), error.what());
    }
}

std::vector<std::string> MunicipalityNames::nearest(const std::string& text, std::size_t count) const {
    // Names are short: comparing more of a long query only costs time (|query| x |name| per name).
    std::string wanted = normalize_name(std::string_view(text).substr(0, 4 * kMaxComparedNameLength));
    if (wanted.size() > kMaxComparedNameLength) wanted.resize(kMaxComparedNameLength);
    std::vector<std::pair<std::size_t, std::string>> scored;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        if (entries_[i].basis == NameBasis::current_code) continue;
        std::size_t distance = edit_distance(wanted, normalized_[i]);
        // a name that starts with what was typed ("Bergen" -> "Bergen (NH.)") counts as near
        if (normalized_[i].rfind(wanted, 0) == 0 && !wanted.empty()) distance = std::min<std::size_t>(distance, 1);
        if (seen.insert(entries_[i].name).second) scored.emplace_back(distance, entries_[i].name);
    }
    std::sort(scored.begin(), scored.end());
    std::vector<std::string> names;
    const std::size_t limit = std::max<std::size_t>(3, wanted.size() / 2);
    for (const auto& [distance, name] : scored) {
        if (names.size() == count || distance > limit) break;
        names.push_back(name);
    }
    return names;
}

}  // namespace regiomap
