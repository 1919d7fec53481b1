#include "initiatives/insurer_directory.hpp"

#include "core/error.hpp"
#include "core/name_matching.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace regiomap {

InsurerDirectory::InsurerDirectory(const Store& store) : names_(store.insurer_names()) {}
InsurerDirectory::InsurerDirectory(std::vector<InsurerName> names) : names_(std::move(names)) {}

std::optional<std::string> InsurerDirectory::concern_of(const std::string& name) const {
    const std::string wanted = normalize_name(name);
    for (const auto& entry : names_) {
        if (normalize_name(entry.name) == wanted) return entry.concern;
    }
    return std::nullopt;
}

std::string InsurerDirectory::require_concern(const std::string& name) const {
    if (auto concern = concern_of(name)) return *concern;
    throw NotFoundError(fmt::format("no insurer concern or brand matches '{}' (known concerns: {})", name,
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
