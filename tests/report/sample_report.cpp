#include "sample_report.hpp"

#include "render/canvas.hpp"

#include <string>
#include <utility>
#include <vector>

namespace regiomap::report::testing {
namespace {

struct SampleArea {
    std::string name;
    std::vector<SvgPoint> outline;  // in the map's points, origin top left
    SvgPoint label;                 // top centre of the name
    render::Colour fill;
    std::vector<std::string> tooltip;
};

// A 300 x 200 pt map of the areas, each labelled, drawn by the canvas every real map uses.
std::string draw_map(const std::string& title, const std::vector<SampleArea>& areas) {
    render::Canvas canvas(render::OutputKind::svg, {300, 200}, 72, {title, "2020-01-01T00:00:00Z"});
    canvas.fill_rectangle({0, 0}, 300, 200, {1, 1, 1, 1});
    canvas.clip_rectangle({5, 5}, 290, 190);
    for (const auto& area : areas) {
        render::PolygonRings polygon;
        render::Ring ring;
        for (const auto& point : area.outline) ring.push_back({point.x, point.y});
        polygon.rings.push_back(std::move(ring));
        canvas.fill_polygons({polygon}, area.fill);
        canvas.stroke_polygons({polygon}, {1, 1, 1, 1}, 1);
    }
    // Labels after every fill, so no area covers another's label.
    for (const auto& area : areas) {
        render::TextStyle label;
        label.size_pt = 8;
        label.halo_width_pt = 1.5;
        canvas.draw_text(area.name, {area.label.x, area.label.y}, label, render::Align::centre);
    }
    canvas.reset_clip();
    render::TextStyle heading;
    heading.size_pt = 10;
    heading.weight = render::Weight::bold;
    canvas.draw_text(title, {10, 8}, heading);
    return canvas.finish();
}

Figure map_figure(std::string id, std::string caption, const std::vector<SampleArea>& areas) {
    Figure figure;
    figure.id = std::move(id);
    figure.caption = std::move(caption);
    figure.svg = draw_map(figure.caption, areas);
    for (const auto& area : areas) figure.hotspots.push_back({{area.outline}, area.tooltip});
    return figure;
}

}  // namespace

HtmlDocument sample_report_document() {
    const render::Colour light{0.78, 0.86, 0.93, 1}, middle{0.42, 0.62, 0.81, 1}, dark{0.13, 0.4, 0.67, 1};
    HtmlDocument document;
    document.title = "Regio's in beeld: voorbeeldrapport";
    document.subtitle = "Testdocument voor de HTML-opmaak van regiomap";
    document.meta_lines = {"Gegevens: verzonnen voorbeeldcijfers", "Gemaakt met regiomap"};
    document.footer = "Bron: CBS, Kadaster (voorbeeld)";

    Section summary;
    summary.title = "Samenvatting";
    summary.blocks.emplace_back(
        Paragraph{"Tekst met <b>opmaak</b> & \"aanhalingstekens\" blijft tekst: 's-Hertogenbosch."});
    summary.blocks.emplace_back(NoteList{{"Eerste noot.", "Tweede noot met <script>alert(1)</script> als tekst."}});
    document.sections.push_back(std::move(summary));

    Section fragmented;
    fragmented.id = "versnippering";
    fragmented.title = "Versnippering";
    fragmented.blocks.emplace_back(Paragraph{"Klik op een kolomkop om te sorteren."});
    Table table;
    table.id = "meest-versnipperd";
    table.caption = "De meest versnipperde gemeenten (voorbeeld)";
    table.columns = {{"Gemeente", ColumnKind::text},
                     {"Provincie", ColumnKind::text},
                     {"Inwoners", ColumnKind::number},
                     {"C", ColumnKind::number},
                     {"T", ColumnKind::number}};
    auto row = [](std::string name, std::string province, std::string inhabitants, double count, TableCell c,
                  std::string t, double t_value) {
        return std::vector<TableCell>{TableCell::text(std::move(name)), TableCell::text(std::move(province)),
                                      TableCell::number(std::move(inhabitants), count), std::move(c),
                                      TableCell::number(std::move(t), t_value)};
    };
    table.rows.push_back(row("Veenendaal", "Utrecht", "66.493", 66493, TableCell::number("0,069", 0.069), "4", 4));
    table.rows.push_back(row("Enschede", "Overijssel", "158.986", 158986, TableCell::number("0,012", 0.012), "2", 2));
    table.rows.push_back(
        row("Amsterdam", "Noord-Holland", "872.757", 872757, TableCell::number("0,005", 0.005), "1", 1));
    table.rows.push_back(row("Súdwest-Fryslân", "Fryslân", "89.583", 89583, TableCell::no_value("–"), "3", 3));
    table.rows.push_back(row("Ede", "Gelderland", "114.682", 114682, TableCell::number("0,15", 0.15), "12", 12));
    // As text, even with digit runs read as numbers, "0,2" would come before "0,005" and "0,15" before "0,069".
    table.rows.push_back(row("Rotterdam", "Zuid-Holland", "655.468", 655468, TableCell::number("0,2", 0.2), "7", 7));
    fragmented.blocks.emplace_back(std::move(table));
    fragmented.blocks.emplace_back(NoteList{{"C: aandeel paren van lagen dat niet samenvalt (voorbeeld)."}});
    document.sections.push_back(std::move(fragmented));

    Section maps;
    maps.id = "kaarten";
    maps.title = "Kaarten";
    maps.new_page_in_print = true;
    // An L-shaped area first: its bounding box's centre lies outside it.
    std::vector<SampleArea> north = {
        {"Veenendaal",
         {{20, 30}, {140, 30}, {140, 80}, {70, 80}, {70, 180}, {20, 180}},
         {80, 50},
         dark,
         {"Veenendaal", "Zorgkantoor: Utrecht", "GGD: GGD Regio Utrecht", "C: 0,069", "T: 4"}},
        {"Enschede",
         {{150, 30}, {280, 30}, {280, 180}, {150, 180}},
         {215, 100},
         middle,
         {"Enschede", "Zorgkantoor: Twente", "GGD: GGD Twente", "C: 0,012", "T: 2"}},
        {"Ede",
         {{80, 90}, {140, 90}, {140, 180}, {80, 180}},
         {110, 130},
         light,
         {"Ede", "Zorgkantoor: Arnhem", "C: 0,15", "T: 12"}},
    };
    std::vector<SampleArea> south = {
        {"'s-Hertogenbosch",
         {{20, 30}, {150, 30}, {150, 180}, {20, 180}},
         {85, 100},
         middle,
         {"'s-Hertogenbosch", "Zorgkantoor: 's-Hertogenbosch & omstreken", "C: 0,030"}},
        {"Eindhoven", {{160, 30}, {280, 30}, {280, 180}, {160, 180}}, {220, 100}, light, {"Eindhoven", "C: 0,001"}},
    };
    maps.blocks.emplace_back(map_figure("kaart-noord", "Versnippering in het noorden (voorbeeld)", north));
    maps.blocks.emplace_back(map_figure("kaart-zuid", "Versnippering in het zuiden (voorbeeld)", south));
    document.sections.push_back(std::move(maps));

    for (const char* province : {"Utrecht", "Overijssel"}) {
        Section page;
        page.title = std::string("Provincie ") + province;
        page.level = 2;
        page.blocks.emplace_back(Paragraph{std::string("Een pagina per provincie: ") + province + "."});
        document.sections.push_back(std::move(page));
    }
    return document;
}

}  // namespace regiomap::report::testing
