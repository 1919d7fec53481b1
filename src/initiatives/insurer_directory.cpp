#include "initiatives/insurer_directory.hpp"

#include "core/error.hpp"
#include "core/name_matching.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace regiomap {

namespace {
// Names are compared and quoted at most this long: a megabyte of text in a cell
// must not take seconds of edit distance or fill the terminal. Written names may
// be longer in bytes (accents, punctuation) before they are normalised.
constexpr std::size_t kLongestInsurerName = 64;
constexpr std::size_t kLongestWrittenName = 4 * kLongestInsurerName;

std::string shown(const std::string& name) {
    return name.size() <= kLongestInsurerName ? name : name.substr(0, kLongestInsurerName) + "...";
}
}  // namespace

InsurerDirectory::InsurerDirectory(const Store& store) : names_(store.insurer_names()) {}
InsurerDirectory::InsurerDirectory(std::vector<InsurerName> names) : names_(std::move(names)) {}

std::optional<std::string> InsurerDirectory::concern_of(const std::string& name) const {
    if (name.size() > kLongestWrittenName) return std::nullopt;  // no insurer is called anything that long
    const std::string wanted = normalize_name(name);
    for (const auto& entry : names_) {
        if (normalize_name(entry.name) == wanted) return entry.concern;
    }
    return std::nullopt;
}

std::vector<std::string> InsurerDirectory::nearest(const std::string& name, std::size_t count) const {
    const std::string wanted =
        normalize_name(std::string_view(name).substr(0, kLongestWrittenName)).substr(0, kLongestInsurerName);
    std::vector<std::pair<std::size_t, std::string>> scored;
    for (const auto& entry : names_) {
        const std::string known = normalize_name(entry.name);
        std::size_t distance = edit_distance(wanted, known);
        // "zilveren" -> "Zilveren Kruis": a known name that starts with what was typed counts as near
        if (!wanted.empty() && known.rfind(wanted, 0) == 0) distance = std::min<std::size_t>(distance, 1);
        scored.emplace_back(distance, entry.name);
    }
    std::sort(scored.begin(), scored.end());
    std::vector<std::string> names;
    const std::size_t limit = std::max<std::size_t>(3, wanted.size() / 2);
    for (const auto& [distance, known] : scored) {
        if (names.size() == count || distance > limit) break;
        if (std::find(names.begin(), names.end(), known) == names.end()) names.push_back(known);
    }
    return names;
}

std::string InsurerDirectory::require_concern(const std::string& name) const {
    if (auto concern = concern_of(name)) return *concern;
    const auto near = nearest(name);
    throw NotFoundError(fmt::format("no insurer concern or brand matches '{}'{} (known concerns: {})", shown(name),
                                    near.empty() ? std::string() : fmt::format("; nearest: {}", fmt::join(near, ", ")),
                                    fmt::join(concerns(), ", ")));
}

std::vector<std::string> InsurerDirectory::concerns_in(const std::string& written) const {
    std::vector<std::string> found;
    auto add = [&](const std::string& concern) {
        if (std::find(found.begin(), found.end(), concern) == found.end()) found.push_back(concern);
    };
    if (auto whole = concern_of(written)) {
        add(*whole);
        return found;
    }
    // "Zilveren Kruis/Achmea; ONVZ": each part on its own.
    for (const auto& part : split_written_list(written, ";,/+&")) add(require_concern(part));
    return found;
}

std::vector<std::string> InsurerDirectory::names_of(const std::string& concern) const {
    std::vector<std::string> names;
    for (const auto& entry : names_) {
        if (entry.concern == concern && std::find(names.begin(), names.end(), entry.name) == names.end()) {
            names.push_back(entry.name);
        }
    }
    return names;
}

std::vector<std::string> InsurerDirectory::concerns() const {
    std::set<std::string> unique;
    for (const auto& entry : names_) unique.insert(entry.concern);
    return {unique.begin(), unique.end()};
}

}  // namespace regiomap
