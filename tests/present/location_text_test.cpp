// How a location part was matched is a set of fields; its sentence is written from them alone.
#include "present/location_text.hpp"

#include <catch2/catch.hpp>

using namespace regiomap;

namespace {
ResolvedPart matched(PartMatch match, std::size_t municipalities) {
    ResolvedPart part;
    part.match = match;
    part.municipalities.assign(municipalities, 0);
    part.resolved = match != PartMatch::nothing && match != PartMatch::no_location;
    return part;
}
}  // namespace

TEST_CASE("a counted province says how many were named, how many were not, and what is counted") {
    ResolvedPart part = matched(PartMatch::counted_province, 18);
    part.province_code = "PV21";
    part.province_name = "Fryslân";
    part.published_named = 22;
    part.published_of = 24;
    part.division_year = 2020;
    CHECK(part_match_text(part) ==
          "22 of the 24 municipalities of province PV21 Fryslân as published; which 2 are not published, so all 18 "
          "of its municipalities in 2020 are counted and flagged partial");
    part.published_named = 23;
    CHECK(part_match_text(part).find("which 1 is not published") != std::string::npos);
}

TEST_CASE("a whole province, a region, an alias and a split place are worded from their fields") {
    ResolvedPart province = matched(PartMatch::whole_province, 12);
    province.province_code = "PV22";
    province.division_year = 2025;
    CHECK(part_match_text(province) == "all municipalities of province PV22 (12 in 2025)");
    province.published_named = 13;
    CHECK(part_match_text(province) == "all municipalities of province PV22 (12 in 2025; 13 when published, before mergers)");

    ResolvedPart region = matched(PartMatch::region, 14);
    region.layer_id = "ggd";
    region.region_code = "GG11";
    region.matched_name = "Twente";
    CHECK(part_match_text(region) == "ggd region GG11 Twente (14 municipalities)");

    ResolvedPart alias = matched(PartMatch::alias, 6);
    alias.alias_kind = "group";
    alias.matched_name = "Drechtsteden";
    alias.matched_basis = "hand-made source";
    CHECK(part_match_text(alias) == "group Drechtsteden (6 municipalities; source: hand-made source)");

    ResolvedPart split = matched(PartMatch::municipality, 2);
    split.matched_name = "Littenseradiel";
    split.matched_basis = "municipality of 2017";
    split.split_place = true;
    CHECK(part_match_text(split) ==
          "Littenseradiel (municipality of 2017); the place was split, so it stands for part of each");
}

TEST_CASE("what matched nothing says so, with the nearest names, and a geometry by what it is") {
    ResolvedPart nothing = matched(PartMatch::nothing, 0);
    CHECK(part_match_text(nothing) ==
          "no municipality (any year), alias, village, informal region, region of a layer or province matches");
    nothing.nearest = {"Oss", "Olst-Wijhe"};
    CHECK(part_match_text(nothing).ends_with("; nearest municipality names: Oss, Olst-Wijhe"));
    ResolvedPart points = matched(PartMatch::geometry, 1);
    points.geometry_points = true;
    CHECK(part_match_text(points) == "points in 1 municipality by overlap");
    CHECK(part_match_text(matched(PartMatch::geometry, 3)) == "polygon in 3 municipalities by overlap");
    CHECK(part_match_text(matched(PartMatch::geometry, 0)) == "the geometry lies in no municipality");
    CHECK(part_match_kind_text(PartMatch::counted_province) == "counted_province");
}
