// Which insurer concern a name means: a concern ("Achmea"), a brand ("Zilveren
// Kruis"), a former label ("Agis", "UVIT") or a combination as sources write
// them ("Zilveren Kruis/Achmea", "CZ; VGZ"). The one resolver of insurer names:
// registers, market-share and largest-insurer tables and the command line all
// go through it, and compare concerns, never spellings.
#pragma once

#include "store/store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace regiomap {

class InsurerDirectory {
public:
    explicit InsurerDirectory(const Store& store);
    InsurerDirectory(std::vector<InsurerName> names);

    // The concern a single name means, or nullopt.
    std::optional<std::string> concern_of(const std::string& name) const;
    // The same; throws NotFoundError with the nearest known names and the known
    // concerns when nothing matches.
    std::string require_concern(const std::string& name) const;
    // Up to `count` known names nearest to `name` (edit distance on normalised names).
    std::vector<std::string> nearest(const std::string& name, std::size_t count = 3) const;
    // The concerns a written list names, each once, in order. Throws NotFoundError
    // naming the part no concern matches.
    std::vector<std::string> concerns_in(const std::string& written) const;
    // Every name known for a concern ("Achmea: Achmea, Agis, De Friesland, Zilveren Kruis, ...").
    std::vector<std::string> names_of(const std::string& concern) const;
    std::vector<std::string> concerns() const;

private:
    std::vector<InsurerName> names_;
};

}  // namespace regiomap
