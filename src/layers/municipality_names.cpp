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
    entries_.push_back(std::move(entry));
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
        auto suggestions = nearest(text, 5);
        throw NotFoundError(fmt::format("no municipality matches '{}'{}", text,
                                        suggestions.empty() ? std::string()
                                                            : "; nearest: " + fmt::format("{}", fmt::join(suggestions, ", "))));
    }
    auto same_targets = [&](const NameEntry* other) {
        if (other->targets.size() != best->targets.size()) return false;
        for (std::size_t i = 0; i < other->targets.size(); ++i) {
            if (other->targets[i].code != best->targets[i].code) return false;
        }
        return true;
    };
    for (const NameEntry* rival : rivals) {
        if (!same_targets(rival)) {
            std::vector<std::string> options{best->name + " (" + best->explanation + ")",
                                             rival->name + " (" + rival->explanation + ")"};
            throw NotFoundError(fmt::format("'{}' names more than one municipality: {}", text, fmt::join(options, "; ")));
        }
    }
    return {text, best};
}

std::string MunicipalityNames::resolve_one(const std::string& text) const {
    const NameEntry& entry = *resolve(text).entry;
    if (entry.targets.size() != 1) {
        std::vector<std::string> parts;
        for (const auto& target : entry.targets) parts.push_back(fmt::format("{} {:.0f}%", target.code, 100 * target.share));
        throw NotFoundError(fmt::format("'{}' names a place that was split over {} municipalities ({}); name one of them",
                                        text, entry.targets.size(), fmt::join(parts, ", ")));
    }
    return entry.targets.front().code;
}

std::string municipality_in_row(const MunicipalityNames& names, const Table& table, const Table::Row& row,
                                const std::string& text) {
    try {
        return names.resolve_one(text);
    } catch (const NotFoundError& error) {
        throw DataError(table.path(), table.where(row), error.what());
    }
}

std::vector<std::string> MunicipalityNames::nearest(const std::string& text, std::size_t count) const {
    const std::string wanted = normalize_name(text);
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
