// Turning a location as published into municipalities of the division year:
// municipality names and codes of any year, informal names ("Den Bosch"),
// villages ("Erica"), lists ("Stadskanaal, Veendam en Pekela"), informal
// regions ("Drechtsteden"), region names or codes of any layer ("Twente",
// "ZK22"), provinces and partial provinces ("22 van de 24 Friese gemeenten").
// What data cannot resolve is reported with the reason, never dropped.
#pragma once

#include "analysis/governance.hpp"
#include "layers/municipality_names.hpp"
#include "store/records.hpp"

#include <string>
#include <vector>

namespace regiomap {

enum class ResolutionStatus { full, partial, unresolved };
std::string to_string(ResolutionStatus status);

struct ResolvedPart {
    std::string text;                 // the part of the location as written
    std::vector<int> municipalities;  // indices into the governance
    std::string how;                  // e.g. "alias of 's-Hertogenbosch (source ...)", or why it failed
    bool resolved = false;
    bool partial = false;             // stands for part of what it resolves to (22 of 24)
    bool unverified = false;          // rests on an alias row that names no source stating it
};

struct LocationResolution {
    std::vector<int> municipalities;  // ascending, each once
    std::vector<ResolvedPart> parts;
    ResolutionStatus status = ResolutionStatus::unresolved;
};

class LocationResolver {
public:
    LocationResolver(const Governance& governance, MunicipalityNames names, std::vector<PlaceAlias> aliases);

    LocationResolution resolve(const std::string& location) const;

private:
    bool resolve_whole(const std::string& text, ResolvedPart& part) const;
    bool resolve_counted_province(const std::string& text, ResolvedPart& part) const;
    bool resolve_all_of(const std::string& text, ResolvedPart& part) const;
    void resolve_list(const std::string& text, std::size_t separator, std::vector<ResolvedPart>& parts) const;
    std::pair<const Division*, int> find_region(const std::string& code) const;  // {nullptr, -1} when unknown
    std::string province_label(const std::string& code) const;
    std::vector<int> alias_members(const PlaceAlias& alias) const;

    const Governance& governance_;
    MunicipalityNames names_;
    std::vector<PlaceAlias> aliases_;
};

}  // namespace regiomap
