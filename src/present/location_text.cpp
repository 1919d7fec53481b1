#include "present/location_text.hpp"

#include <fmt/format.h>

namespace regiomap {

namespace {

std::string province_label(const ResolvedPart& part) {
    return part.province_name.empty() ? part.province_code : part.province_code + " " + part.province_name;
}

}  // namespace

std::string part_match_text(const ResolvedPart& part) {
    const std::size_t count = part.municipalities.size();
    switch (part.match) {
        case PartMatch::nothing: {
            std::string text = "no municipality (any year), alias, village, informal region, region of a layer or province matches";
            if (!part.nearest.empty()) text += fmt::format("; nearest municipality names: {}", fmt::join(part.nearest, ", "));
            return text;
        }
        case PartMatch::no_location: return "no location given";
        case PartMatch::listed: return "listed municipalities";
        case PartMatch::municipality: {
            std::string text = fmt::format("{} ({})", part.matched_name, part.matched_basis);
            if (part.split_place) text += "; the place was split, so it stands for part of each";
            return text;
        }
        case PartMatch::alias:
            return fmt::format("{} {} ({} municipalities; source: {})", part.alias_kind, part.matched_name, count,
                               part.matched_basis);
        case PartMatch::region:
            return fmt::format("{} region {} {} ({} municipalities)", part.layer_id, part.region_code, part.matched_name,
                               count);
        case PartMatch::counted_province: {
            const int unnamed = part.published_of - part.published_named;
            return fmt::format("{} of the {} municipalities of province {} as published; which {} {} not published, so "
                               "all {} of its municipalities in {} are counted and flagged partial",
                               part.published_named, part.published_of, province_label(part), unnamed,
                               unnamed == 1 ? "is" : "are", count, part.division_year);
        }
        case PartMatch::whole_province:
            return fmt::format("all municipalities of province {} ({} in {}{})", province_label(part), count,
                               part.division_year,
                               part.published_named
                                   ? fmt::format("; {} when published, before mergers", part.published_named)
                                   : "");
        case PartMatch::geometry:
            if (count == 0) return "the geometry lies in no municipality";
            return fmt::format("{} in {} municipalit{} by overlap", part.geometry_points ? "points" : "polygon", count,
                               count == 1 ? "y" : "ies");
    }
    return "";
}

std::string part_match_kind_text(PartMatch match) {
    switch (match) {
        case PartMatch::nothing: return "nothing";
        case PartMatch::no_location: return "no_location";
        case PartMatch::listed: return "listed";
        case PartMatch::municipality: return "municipality";
        case PartMatch::alias: return "alias";
        case PartMatch::region: return "region";
        case PartMatch::counted_province: return "counted_province";
        case PartMatch::whole_province: return "whole_province";
        case PartMatch::geometry: return "geometry";
    }
    return "";
}

}  // namespace regiomap
