// Maps built from the bundled data: the right colours land on the right
// municipalities, neighbours never share a colour, renders are reproducible.
#include "maps/map_job.hpp"
#include "maps/thematic_maps.hpp"

#include "analysis/incongruence.hpp"
#include "history/stored_crosswalk.hpp"
#include "core/error.hpp"
#include "render/style.hpp"
#include "../support.hpp"

#include <cairo.h>
#include <catch2/catch.hpp>

#include <array>
#include <cstring>
#include <set>

using namespace regiomap;

namespace {

const std::filesystem::path kStyles = REGIOMAP_SOURCE_STYLES_DIR;

struct PngBytes {
    const std::string* bytes;
    std::size_t position = 0;
};

cairo_status_t read_png(void* closure, unsigned char* data, unsigned int length) {
    auto* reader = static_cast<PngBytes*>(closure);
    if (reader->position + length > reader->bytes->size()) return CAIRO_STATUS_READ_ERROR;
    std::memcpy(data, reader->bytes->data() + reader->position, length);
    reader->position += length;
    return CAIRO_STATUS_SUCCESS;
}

std::string hex_pixel(const std::string& png, double x_pt, double y_pt, double dpi) {
    PngBytes reader{&png};
    cairo_surface_t* image = cairo_image_surface_create_from_png_stream(read_png, &reader);
    REQUIRE(cairo_surface_status(image) == CAIRO_STATUS_SUCCESS);
    const int x = static_cast<int>(x_pt * dpi / 72), y = static_cast<int>(y_pt * dpi / 72);
    const unsigned char* data = cairo_image_surface_get_data(image);
    std::uint32_t argb;
    std::memcpy(&argb, data + y * cairo_image_surface_get_stride(image) + x * 4, 4);
    cairo_surface_destroy(image);
    return render::to_hex({((argb >> 16) & 0xFF) / 255.0, ((argb >> 8) & 0xFF) / 255.0, (argb & 0xFF) / 255.0, 1});
}

struct BundledMaps {
    Governance governance = read_governance(test::bundled_store());
    MapGeometry geometry{test::bundled_store()};
};

BundledMaps& bundled() {
    static BundledMaps maps;
    return maps;
}

const std::vector<std::string> kScored{"zorgkantoor", "ggd", "jeugdregio"};

}  // namespace

TEST_CASE("incongruence map: Veenendaal's pixel has the red of C below 0.2, Enschede's the blue of C = 1") {
    auto& maps = bundled();
    MapContext context = map_context(test::bundled_store(), maps.governance, maps.geometry, Language::nl, MapSize::a4);
    IncongruenceModel model(maps.governance, kScored);
    const auto style = render::read_style(kStyles / "incongruence.json");
    render::MapPage page = incongruence_map(context, model.score_all(), kScored, style);
    page.panels[0].sources.erase("labels");  // a label drawn over the sampled point would hide its fill
    page.legend.clear();

    const double dpi = 144;
    const std::string png = render::render_map(page, style, render::OutputKind::png, dpi, {"t", "2020-01-01T00:00:00Z"});
    render::Canvas measuring(render::OutputKind::svg, page.page, 72, {});
    const auto placements = render::place_panels(page, measuring);
    auto at = [&](const std::string& code) {
        const MapShape* shape = maps.geometry.municipality(code);
        REQUIRE(shape != nullptr);
        return placements[0].transform.to_page(shape->label_point);
    };
    const auto veenendaal = at("GM0345"), enschede = at("GM0153");
    CHECK(hex_pixel(png, veenendaal.x, veenendaal.y, dpi) == "#d7191c");  // C = 0.069: class below 0.2
    CHECK(hex_pixel(png, enschede.x, enschede.y, dpi) == "#2c7bb6");      // C = 1: top class
}

TEST_CASE("incongruence map: features carry C, the legend has the style's five classes with counts") {
    auto& maps = bundled();
    MapContext context = map_context(test::bundled_store(), maps.governance, maps.geometry, Language::nl, MapSize::a4);
    IncongruenceModel model(maps.governance, kScored);
    const auto style = render::read_style(kStyles / "incongruence.json");
    const auto page = incongruence_map(context, model.score_all(), kScored, style);
    const auto& municipalities = page.panels[0].sources.at("municipalities");
    REQUIRE(municipalities.size() == 355);
    const auto veenendaal = std::find_if(municipalities.begin(), municipalities.end(),
                                         [](const auto& f) { return f.id == "GM0345"; });
    REQUIRE(veenendaal != municipalities.end());
    CHECK(std::get<double>(veenendaal->properties.at("C")) == Approx(0.069).margin(0.0005));
    REQUIRE(page.legend.size() == 1);
    const auto& items = page.legend[0].items;
    REQUIRE(items.size() == 6);  // five classes and the province border
    CHECK(items[0].label.rfind("< 0,2 (", 0) == 0);
    CHECK(items[4].label.rfind("0,8 – 1,0 (", 0) == 0);
    CHECK(render::to_hex(items[0].colour) == "#d7191c");
    int total = 0;
    for (int i = 0; i < 5; ++i) {
        const auto& label = items[i].label;
        total += std::stoi(label.substr(label.find('(') + 1));
    }
    CHECK(total == 355);  // every municipality in exactly one class
    CHECK(page.attribution.find("Bron: CBS, Kadaster") == 0);
    CHECK(page.subtitle.find("2020") != std::string::npos);
}

TEST_CASE("regions map: neighbouring regions never share a colour, in every division") {
    auto& maps = bundled();
    for (const std::string layer : {"zorgkantoor", "ggd", "jeugdregio", "provincie", "veiligheidsregio", "werkstructuur"}) {
        const auto& neighbours = maps.geometry.region_neighbours(layer);
        const auto colours = colour_graph(neighbours);
        for (std::size_t a = 0; a < neighbours.size(); ++a) {
            for (int b : neighbours[a]) CHECK(colours[a] != colours[b]);
        }
        CHECK(*std::max_element(colours.begin(), colours.end()) < 7);  // the style's palette has 7 colours
    }
    // Utrecht and Amsterdam zorgkantoor regions border each other; Zeeland and Groningen do not.
    const auto& zk = maps.geometry.regions("zorgkantoor");
    auto index = [&](const std::string& code) {
        for (std::size_t i = 0; i < zk.size(); ++i) {
            if (zk[i].code == code) return static_cast<int>(i);
        }
        return -1;
    };
    const auto& neighbours = maps.geometry.region_neighbours("zorgkantoor");
    const int utrecht = index("ZK23");
    REQUIRE(utrecht >= 0);
    CHECK(neighbours[utrecht].size() >= 4);
}

TEST_CASE("colour_graph on a hand-made graph: a triangle needs three colours, a square two") {
    CHECK(colour_graph({{1, 2}, {0, 2}, {0, 1}}) == std::vector<int>{0, 1, 2});
    const auto square = colour_graph({{1, 3}, {0, 2}, {1, 3}, {0, 2}});
    CHECK(square[0] == square[2]);
    CHECK(square[1] == square[3]);
    CHECK(square[0] != square[1]);
}

TEST_CASE("make_map: two renders give the same bytes, in PNG, SVG and PDF") {
    MapRequest request;
    request.kind = MapKind::overlay;
    request.layer = "zorgkantoor";
    request.with = "ggd";
    for (auto kind : {render::OutputKind::png, render::OutputKind::svg, render::OutputKind::pdf}) {
        request.output = kind;
        const std::string first = make_map(test::bundled_store(), request);
        const std::string second = make_map(test::bundled_store(), request);
        CHECK(first.size() > 1000);
        CHECK(first == second);
    }
}

TEST_CASE("changes map 2020 -> 2025: Zeewolde outlined as moved, Eemsdelta as merged, C's change on each") {
    const Store store_2025(test::bundled_store_path(), 2025);
    const Governance before = read_governance(test::bundled_store());
    const Governance after = read_governance(store_2025);
    MapGeometry geometry(store_2025);
    MapContext context = map_context(store_2025, after, geometry, Language::nl, MapSize::a4);
    const YearChanges changes =
        compare_years(before, after, crosswalk_between(test::bundled_store_path(), 2020, 2025), kScored);
    const auto style = render::read_style(kStyles / "changes.json");
    const auto page = changes_map(context, before, changes, style);
    const auto& sources = page.panels[0].sources;
    auto ids = [&](const std::string& source) {
        std::set<std::string> found;
        for (const auto& feature : sources.at(source)) found.insert(feature.id);
        return found;
    };
    // Zeewolde (GM0050) and Voorschoten (GM0626) went to another youth-care region (`changes` says so too).
    CHECK(ids("moved") == std::set<std::string>{"GM0050", "GM0626"});
    CHECK(ids("merged").count("GM1979"));   // Eemsdelta: Appingedam, Delfzijl, Loppersum
    CHECK(!ids("merged").count("GM0345"));  // Veenendaal continues
    const auto& municipalities = sources.at("municipalities");
    REQUIRE(municipalities.size() == 342);
    const auto zeewolde = std::find_if(municipalities.begin(), municipalities.end(),
                                       [](const auto& f) { return f.id == "GM0050"; });
    REQUIRE(zeewolde != municipalities.end());
    const auto& record = changes.municipalities[after.index_of.at("GM0050")];
    CHECK(std::get<double>(zeewolde->properties.at("dC")) == Approx(record.after - record.before));
    CHECK(record.after < record.before);  // its partners in Flevoland are no longer its youth-care partners
    // Five classes and three lines; the classes count every municipality compared once.
    REQUIRE(page.legend.size() == 1);
    const auto& items = page.legend[0].items;
    REQUIRE(items.size() == 8);
    int total = 0, compared = 0;
    for (int i = 0; i < 5; ++i) total += std::stoi(items[i].label.substr(items[i].label.rfind('(') + 1));
    for (const auto& change : changes.municipalities) compared += change.compared() ? 1 : 0;
    CHECK(total == compared);
    CHECK(compared == 342);
    CHECK(items[2].label.rfind("nagenoeg gelijk", 0) == 0);
    CHECK(page.title.find("sinds 2020") != std::string::npos);
    CHECK(page.notes.front().find("Zeewolde (van Flevoland naar Noord-Veluwe)") != std::string::npos);
}

TEST_CASE("make_map: requests that do not fit their kind are refused with what is missing") {
    MapRequest request;
    request.kind = MapKind::overlay;
    CHECK_THROWS_WITH(make_map(test::bundled_store(), request), Catch::Contains("--with"));
    request.kind = MapKind::profile;
    CHECK_THROWS_WITH(make_map(test::bundled_store(), request), Catch::Contains("one or two municipalities"));
    request.kind = MapKind::regions;
    request.layer = "nonsense";
    CHECK_THROWS_AS(make_map(test::bundled_store(), request), NotFoundError);
    request.layer = "ggd";
    request.focus = "Atlantis";
    CHECK_THROWS_WITH(make_map(test::bundled_store(), request), Catch::Contains("--focus 'Atlantis'"));
    CHECK_THROWS_AS(map_kind_from("pie"), UsageError);
    request = MapRequest{};
    request.kind = MapKind::changes;
    request.from_year = 2020;  // the store's default year is 2020 too: nothing earlier to compare with
    CHECK_THROWS_WITH(make_map(test::bundled_store(), request), Catch::Contains("--from 2020 must be before --to 2020"));
}

TEST_CASE("focus: a province greys everything outside it, a municipality frames its surroundings") {
    auto& maps = bundled();
    const MunicipalityNames names = test::bundled_store().names();
    const MapFocus utrecht = find_focus(maps.governance, maps.geometry, names, "PV26");
    int inside = 0;
    for (bool in : utrecht.municipality_in) inside += in ? 1 : 0;
    CHECK(inside == 26);  // the province of Utrecht had 26 municipalities in 2020
    CHECK(utrecht.municipality_in[maps.governance.index_of.at("GM0345")]);   // Veenendaal
    CHECK(!utrecht.municipality_in[maps.governance.index_of.at("GM0153")]);  // Enschede
    const MapFocus enschede = find_focus(maps.governance, maps.geometry, names, "Enschede");
    CHECK(enschede.label == "Enschede");
    const auto& own = maps.geometry.municipality("GM0153")->extent;
    CHECK(enschede.extent.width() > own.width());
}
