#include "adjacency/adjacency_graph.hpp"
#include "adjacency/borders.hpp"
#include "adjacency/links.hpp"
#include "analysis/contiguity.hpp"
#include "core/error.hpp"
#include "../support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <fstream>

using namespace regiomap;

namespace {

Geometry square(const GeosContext& geos, double x, double y, double size) {
    const std::string wkt = fmt::format("POLYGON(({0} {1}, {2} {1}, {2} {3}, {0} {3}, {0} {1}))", x, y, x + size, y + size);
    GEOSWKTReader* reader = GEOSWKTReader_create_r(geos.handle());
    Geometry geometry = adopt(geos, GEOSWKTReader_read_r(geos.handle(), reader, wkt.c_str()), "read");
    GEOSWKTReader_destroy_r(geos.handle(), reader);
    return geometry;
}

bool has_pair(const std::vector<SharedBorder>& borders, std::size_t a, std::size_t b, bool point) {
    return std::any_of(borders.begin(), borders.end(), [&](const SharedBorder& border) {
        return border.a == a && border.b == b && border.point_contact == point;
    });
}

std::string name_pair(const Store& store, const AdjacencyRecord& record) {
    std::map<std::string, std::string> names;
    for (const auto& row : store.municipalities()) names[row.code] = row.name;
    std::string a = names[record.municipality_a], b = names[record.municipality_b];
    return a < b ? a + " - " + b : b + " - " + a;
}

}  // namespace

TEST_CASE("shared borders: a 2 x 2 grid of squares has 4 borders and 2 corners - a 1 m gap is a border, 3 m is not") {
    const GeosContext geos;
    std::vector<Geometry> shapes;
    shapes.push_back(square(geos, 0, 0, 1000));      // 0
    shapes.push_back(square(geos, 1000, 0, 1000));   // 1: right of 0
    shapes.push_back(square(geos, 0, 1000, 1000));   // 2: above 0
    shapes.push_back(square(geos, 1000, 1000, 1000));  // 3: diagonal to 0
    shapes.push_back(square(geos, 2001, 0, 1000));   // 4: 1 m right of 1
    shapes.push_back(square(geos, 2003, 1000, 1000));  // 5: 3 m right of 3
    std::vector<const GEOSGeometry*> raw;
    for (const auto& shape : shapes) raw.push_back(shape.get());
    const auto borders = shared_borders(geos, raw);
    CHECK(has_pair(borders, 0, 1, false));
    CHECK(has_pair(borders, 0, 2, false));
    CHECK(has_pair(borders, 1, 3, false));
    CHECK(has_pair(borders, 2, 3, false));
    CHECK(has_pair(borders, 0, 3, true));  // corner to corner
    CHECK(has_pair(borders, 1, 2, true));
    CHECK(has_pair(borders, 1, 4, false));  // across a 1 m gap: the grid artefact
    CHECK_FALSE(std::any_of(borders.begin(), borders.end(), [](const SharedBorder& b) { return b.a == 3 && b.b == 5; }));
    for (const auto& border : borders) {
        if (!border.point_contact) CHECK(border.length_m == Approx(1000).margin(2 * kBorderToleranceM + 1));
    }
}

TEST_CASE("bundled adjacency: 911 shared borders, 6 point contacts, 7 links - 7 parts without the links, 1 with") {
    const Store& store = test::bundled_store();
    const auto records = store.adjacency();
    std::vector<std::string> points;
    int borders = 0, links = 0;
    for (const auto& record : records) {
        if (record.kind == AdjacencyKind::border) ++borders;
        if (record.kind == AdjacencyKind::point_contact) points.push_back(name_pair(store, record));
        if (is_link(record.kind)) ++links;
    }
    CHECK(borders == 911);  // the pairs that share an arc in the TopoJSON
    CHECK(links == 7);
    std::sort(points.begin(), points.end());
    CHECK(points == std::vector<std::string>{"Bladel - Hilvarenbeek", "Blaricum - Hilversum", "Huizen - Laren",
                                             "Krimpen aan den IJssel - Ridderkerk", "Krimpenerwaard - Rotterdam",
                                             "Oirschot - Reusel-De Mierden"});

    const Governance governance = read_governance(store);
    const auto without = AdjacencyGraph::from_records(governance.index_of, records, LinkUse::borders_only);
    const auto parts = without.parts();
    REQUIRE(parts.size() == 7);
    CHECK(parts[0].size() == 347);
    CHECK(parts[1].size() == 3);  // Zeeuws-Vlaanderen: Hulst, Terneuzen, Sluis
    const auto with = AdjacencyGraph::from_records(governance.index_of, records, LinkUse::with_links);
    CHECK(with.parts().size() == 1);
    CHECK(with.edge_count() == 918);
    // A tolerance large enough to cross water would join these; ours does not.
    CHECK_FALSE(with.adjacent(governance.index_of.at("GM0050"), governance.index_of.at("GM0376")));  // Zeewolde, Blaricum
}

TEST_CASE("bundled contiguity: with ferry links only, every division's Frisian region leaves Schiermonnikoog apart") {
    const Store& store = test::bundled_store();
    const Governance governance = read_governance(store);
    const auto summary = summarise_adjacency(governance, store.adjacency(), LinkUse::with_links, {});
    CHECK(summary.graph_parts.size() == 1);
    REQUIRE(summary.divisions.size() == governance.divisions.size());
    const int schiermonnikoog = governance.index_of.at("GM0088");
    for (const auto& division : summary.divisions) {
        INFO(division.layer_id);
        REQUIRE(division.split_regions.size() == 1);
        REQUIRE(division.split_regions[0].parts.size() == 2);
        CHECK(division.split_regions[0].parts[1] == std::vector<int>{schiermonnikoog});
    }
}

TEST_CASE("links table: each bad row is refused with its row, column and reason") {
    test::TemporaryFolder folder;
    const std::map<std::string, std::string> names{{"GM0001", "Aadorp"}, {"GM0002", "Bedorp"}};
    auto refused = [&](const std::string& row, const std::string& expected) {
        const auto file = folder / "links.csv";
        std::ofstream(file) << "from_code,from_name,to_code,to_name,kind,crossing,source\n"
                            << "GM0001,Aadorp,GM0002,Bedorp,ferry,the ferry,a timetable\n"
                            << row << "\n";
        INFO(row);
        REQUIRE_THROWS_AS(read_links(file, names), DataError);
        try {
            read_links(file, names);
        } catch (const DataError& error) {
            CHECK_THAT(error.what(), Catch::Contains(expected));
            CHECK_THAT(error.what(), Catch::Contains("row 2"));
        }
    };
    refused("GM0001,Aadorp,GM0009,,ferry,x,y", "'GM0009' is not a municipality code");
    refused("GM0001,Aadorp,GM0002,Bedorp,hovercraft,x,y", "'hovercraft' is not a link kind");
    refused("GM0001,Aadorp,GM0001,Aadorp,ferry,x,y", "linked to itself");
    refused("GM0002,Bedorp,GM0001,Aadorp,tunnel,x,y", "linked twice");
    refused("GM0001,Aadorp,GM0002,Bedorp,administrative,,y", "needs its reason");
    refused("GM0001,Aadorp,GM0002,Bedorp,bridge,x,", "needs its source");
    refused("GM0001,Adorp,GM0002,Bedorp,bridge,x,y", "'Adorp' does not match GM0001");
    refused("GM0001,Bedorp (NH.),GM0002,Bedorp,bridge,x,y", "'Bedorp (NH.)' does not match GM0001");
}

TEST_CASE("links table: two municipalities of one name apart from their qualifier are not taken for each other") {
    test::TemporaryFolder folder;
    const auto file = folder / "links.csv";
    std::ofstream(file) << "from_code,from_name,to_code,to_name,kind,crossing,source\n"
                        << "GM0893,Bergen (NH.),GM0373,Bergen (L.),administrative,a mix-up,a test\n";
    const std::map<std::string, std::string> names{{"GM0373", "Bergen (NH.)"}, {"GM0893", "Bergen (L.)"}};
    CHECK_THROWS_WITH(read_links(file, names),
                      Catch::Contains("row 1 (line 2), column from_name: 'Bergen (NH.)' does not match GM0893, which is "
                                      "Bergen (L.)"));
}

TEST_CASE("links table: a name is checked as people write it, a province in brackets optional") {
    // One links table serves every year, and CBS writes "Laren" in 2020, "Laren (NH.)" in 2025.
    test::TemporaryFolder folder;
    const auto file = folder / "links.csv";
    std::ofstream(file) << "from_code,from_name,to_code,to_name,kind,crossing,source\n"
                        << "GM0417,Laren,GM0406,huizen,administrative,meet at a point,a test\n"
                        << "GM0088,Schiermonnikoog,GM1970,Noardeast-Fryslan,ferry,the ferry,a timetable\n";
    for (const char* laren : {"Laren", "Laren (NH.)"}) {
        INFO(laren);
        const std::map<std::string, std::string> names{
            {"GM0417", laren}, {"GM0406", "Huizen"}, {"GM0088", "Schiermonnikoog"}, {"GM1970", "Noardeast-Fryslân"}};
        const auto links = read_links(file, names);
        REQUIRE(links.size() == 2);
        CHECK(links[0].municipality_a == "GM0417");
        CHECK(links[1].municipality_b == "GM1970");
    }
}
