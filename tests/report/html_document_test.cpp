// The HTML report page: text escaped, number cells carrying their sort keys,
// SVG ids prefixed per figure (so two inline SVGs never clash), no external
// URL anywhere, hotspots in the drawing's coordinate space, labels by language.
// What the page does when clicked and hovered is checked in Chromium by
// browser_check.mjs (the report.browser test).
#include "report/html_document.hpp"

#include "core/error.hpp"
#include "sample_report.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <limits>
#include <map>
#include <regex>
#include <set>
#include <string>

using namespace regiomap;
using namespace regiomap::report;

namespace {

// Shaped like cairo 1.16's SVG output (declaration, namespaces, symbols, clip path, use).
const std::string kCairoLikeSvg = R"svg(<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100pt" height="50pt" viewBox="0 0 100 50" version="1.1">
<defs>
<g>
<symbol overflow="visible" id="glyph0-1">
<path style="stroke:none;" d="M 1 0 L 1 -5 Z "/>
</symbol>
</g>
<clipPath id="clip1">
  <path d="M 0 0 L 100 0 L 100 50 L 0 50 Z "/>
</clipPath>
</defs>
<g id="surface1">
<g clip-path="url(#clip1)" clip-rule="nonzero" data-grid="clip1">
<use xlink:href="#glyph0-1" x="10" y="20"/>
<use href="#glyph0-1" x="20" y="20" fill="url(#elsewhere)"/>
</g>
</g>
</svg>
)svg";

std::size_t count_of(const std::string& text, const std::string& part) {
    std::size_t count = 0;
    for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++count;
    return count;
}

// Every id="..." in the page, with how often it is declared.
std::map<std::string, int> declared_ids(const std::string& html) {
    std::map<std::string, int> ids;
    static const std::regex kId(R"re(\sid="([^"]*)")re");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), kId); it != std::sregex_iterator(); ++it) {
        ++ids[(*it)[1].str()];
    }
    return ids;
}

HtmlDocument one_table_document(Table table) {
    HtmlDocument document;
    document.title = "T";
    Section section;
    section.title = "S";
    section.blocks.emplace_back(std::move(table));
    document.sections.push_back(std::move(section));
    return document;
}

HtmlDocument one_figure_document(Figure figure) {
    HtmlDocument document;
    document.title = "T";
    Section section;
    section.title = "S";
    section.blocks.emplace_back(std::move(figure));
    document.sections.push_back(std::move(section));
    return document;
}

}  // namespace

TEST_CASE("escape_html replaces the five characters HTML gives a meaning", "[report]") {
    CHECK(escape_html("<a href=\"x\">Tom & Jerry's</a>") ==
          "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
    CHECK(escape_html("Súdwest-Fryslân") == "Súdwest-Fryslân");
    CHECK(escape_html("&amp;") == "&amp;amp;");
}

TEST_CASE("every text of the document reaches the page escaped", "[report]") {
    const std::string hostile = "<script>alert('x')</script> & \"q\"";
    HtmlDocument document;
    document.title = hostile;
    document.subtitle = hostile;
    document.meta_lines = {hostile};
    document.footer = hostile;
    Section section;
    section.title = hostile;
    section.blocks.emplace_back(Paragraph{hostile});
    section.blocks.emplace_back(NoteList{{hostile}});
    Table table;
    table.caption = hostile;
    table.columns = {{hostile, ColumnKind::text}, {hostile, ColumnKind::number}};
    table.rows = {{TableCell::text(hostile), TableCell::number(hostile, 1)}};
    section.blocks.emplace_back(table);
    Figure figure;
    figure.caption = hostile;
    figure.svg = kCairoLikeSvg;
    figure.hotspots = {{{{{0, 0}, {10, 0}, {10, 10}}}, {hostile, hostile}}};
    section.blocks.emplace_back(figure);
    document.sections.push_back(section);

    std::string html = render_html(document);
    CHECK(html.find("<script>alert") == std::string::npos);
    CHECK(html.find("'x'") == std::string::npos);
    const std::string escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;";
    // <title>, h1, subtitle, meta line, footer, contents, heading, paragraph, note, table caption, 2 headers,
    // 2 cells, the drawing's aria-label, figcaption, the tooltip's 2 lines and the hotspot title's 2 lines.
    CHECK(count_of(html, escaped) == 20);
    // The page's own script is the only one.
    CHECK(count_of(html, "<script>") == 1);
}

TEST_CASE("number cells carry their sort key, text cells none", "[report]") {
    Table table;
    table.id = "scores";
    table.caption = "Scores";
    table.columns = {{"Gemeente", ColumnKind::text}, {"Inwoners", ColumnKind::number}, {"C", ColumnKind::number}};
    table.rows = {
        {TableCell::text("Amsterdam"), TableCell::number("872.757", 872757), TableCell::number("0,069", 0.069)},
        {TableCell::text("Ede"), TableCell::number("114.682", 114682), TableCell::no_value("–")},
        {TableCell::text("X"), TableCell::number("1e-7", 1e-7),
         TableCell::number("∞", std::numeric_limits<double>::infinity())}};
    std::string html = render_html(one_table_document(table));

    CHECK(html.find("<table id=\"scores\" class=\"sortable\">") != std::string::npos);
    CHECK(html.find("<td class=\"num\" data-sort=\"872757\">872.757</td>") != std::string::npos);
    CHECK(html.find("<td class=\"num\" data-sort=\"0.069\">0,069</td>") != std::string::npos);
    CHECK(html.find("<td class=\"num\" data-sort=\"1e-07\">1e-7</td>") != std::string::npos);
    // No value and a non-finite key: no sort key, so the page sorts them last.
    CHECK(html.find("<td class=\"num\">–</td>") != std::string::npos);
    CHECK(html.find("<td class=\"num\">∞</td>") != std::string::npos);
    CHECK(html.find("<td>Amsterdam</td>") != std::string::npos);
    CHECK(count_of(html, "data-kind=\"number\"") == 2);
    CHECK(count_of(html, "data-kind=\"text\"") == 1);
    CHECK(count_of(html, "aria-sort=\"none\"") == 3);
    CHECK(count_of(html, "<th scope=\"col\" class=\"num\"") == 2);
}

TEST_CASE("a table row with the wrong number of cells is refused", "[report]") {
    Table table;
    table.caption = "Scores";
    table.columns = {{"A", ColumnKind::text}, {"B", ColumnKind::number}};
    table.rows = {{TableCell::text("a"), TableCell::number("1", 1)}, {TableCell::text("b")}};
    CHECK_THROWS_WITH(render_html(one_table_document(table)),
                      "HTML report: row 2 of table 'Scores' has 1 cells for 2 columns");
}

TEST_CASE("inline_svg drops the XML prolog and namespaces and prefixes every id and reference", "[report]") {
    std::string svg = inline_svg(kCairoLikeSvg, "fig1-");
    CHECK(svg.rfind("<svg width=\"100pt\" height=\"50pt\" viewBox=\"0 0 100 50\" version=\"1.1\">", 0) == 0);
    CHECK(svg.find("<?xml") == std::string::npos);
    CHECK(svg.find("xmlns") == std::string::npos);
    CHECK(svg.find("id=\"fig1-glyph0-1\"") != std::string::npos);
    CHECK(svg.find("id=\"fig1-clip1\"") != std::string::npos);
    CHECK(svg.find("id=\"fig1-surface1\"") != std::string::npos);
    CHECK(svg.find("clip-path=\"url(#fig1-clip1)\"") != std::string::npos);
    CHECK(svg.find("xlink:href=\"#fig1-glyph0-1\"") != std::string::npos);
    CHECK(svg.find("<use href=\"#fig1-glyph0-1\"") != std::string::npos);
    // Only declared ids are renamed, and only in id attributes and references.
    CHECK(svg.find("url(#elsewhere)") != std::string::npos);
    CHECK(svg.find("data-grid=\"clip1\"") != std::string::npos);
    CHECK(svg.find(" id=\"clip1\"") == std::string::npos);
    CHECK(svg.find("#glyph0-1\"") == std::string::npos);
}

TEST_CASE("inline_svg refuses text without an svg element", "[report]") {
    CHECK_THROWS_AS(inline_svg("<?xml version=\"1.0\"?><svgx/>", "f-"), Error);
    CHECK_THROWS_AS(inline_svg("", "f-"), Error);
}

TEST_CASE("two figures from cairo on one page share no id and every reference stays in its figure", "[report]") {
    std::string html = render_html(testing::sample_report_document());
    auto ids = declared_ids(html);
    REQUIRE(ids.size() > 20);
    for (const auto& [id, count] : ids) {
        INFO("id " << id);
        CHECK(count == 1);
    }
    // The two maps were drawn by the same canvas code: without prefixes their ids would be the same.
    CHECK(ids.count("kaart-noord-glyph0-0") + ids.count("kaart-noord-glyph0-1") >= 1);
    CHECK(ids.count("kaart-zuid-glyph0-0") + ids.count("kaart-zuid-glyph0-1") >= 1);
    static const std::regex kReference(R"re((?:href="#|url\(#)([^")]*))re");
    std::size_t references = 0;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), kReference); it != std::sregex_iterator(); ++it) {
        std::string target = (*it)[1].str();
        INFO("reference to #" << target);
        CHECK(ids.count(target) == 1);
        ++references;
    }
    CHECK(references > 10);
}

TEST_CASE("the page fetches nothing: no URL, no src, no import", "[report]") {
    std::string html = render_html(testing::sample_report_document());
    CHECK(html.find("http") == std::string::npos);
    CHECK(html.find("src=") == std::string::npos);
    CHECK(html.find("@import") == std::string::npos);
    CHECK(html.find("//") == std::string::npos);
    CHECK(html.find("fetch(") == std::string::npos);
    // The one link element is the empty data: icon; every href is a fragment in the page.
    CHECK(count_of(html, "<link") == 1);
    CHECK(html.find("<link rel=\"icon\" href=\"data:,\">") != std::string::npos);
    static const std::regex kHref(R"re(href="([^"]*)")re");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), kHref); it != std::sregex_iterator(); ++it) {
        std::string target = (*it)[1].str();
        INFO("href " << target);
        CHECK((target.rfind('#', 0) == 0 || target == "data:,"));
    }
    static const std::regex kUrl(R"re(url\(([^)]*)\))re");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), kUrl); it != std::sregex_iterator(); ++it) {
        INFO("url(" << (*it)[1].str() << ")");
        CHECK((*it)[1].str().rfind('#', 0) == 0);
    }
}

TEST_CASE("hotspots: one focusable path per area in the drawing's viewBox, with its tooltip lines", "[report]") {
    Figure figure;
    figure.id = "kaart";
    figure.caption = "Kaart";
    figure.svg = kCairoLikeSvg;
    figure.hotspots = {
        {{{{10, 10}, {20, 10}, {20.126, 20}, {10, 20}}, {{12, 12}, {14, 12}, {14, 14}}}, {"Veenendaal", "C: 0,069"}},
        {{{{30, 10}, {40, 10}, {40, 20}}}, {"'s-Hertogenbosch"}},
        {{{{0, 0}, {1, 1}}}, {"too few points: no area"}},
    };
    std::string html = render_html(one_figure_document(figure));

    CHECK(html.find("<svg class=\"hotspots\" viewBox=\"0 0 100 50\"") != std::string::npos);
    CHECK(count_of(html, "<path class=\"hotspot\" tabindex=\"0\"") == 2);
    CHECK(html.find("data-tooltip=\"Veenendaal&#10;C: 0,069\" d=\"M10 10 L20 10 L20.13 20 L10 20 Z M12 12 L14 12 "
                    "L14 14 Z\"><title>Veenendaal — C: 0,069</title></path>") != std::string::npos);
    CHECK(html.find("data-tooltip=\"&#39;s-Hertogenbosch\" d=\"M30 10 L40 10 L40 20 Z\"><title>&#39;s-Hertogenbosch"
                    "</title>") != std::string::npos);
    CHECK(html.find("too few points") == std::string::npos);
    CHECK(html.find("<div id=\"kaart-tooltip\" class=\"tooltip\" role=\"tooltip\" hidden></div>") != std::string::npos);
    CHECK(count_of(html, "aria-describedby=\"kaart-tooltip\"") == 2);
    // The drawing is tagged so the overlay sits on it; its aspect ratio sizes the figure.
    CHECK(html.find("<svg width=\"100pt\" height=\"50pt\" viewBox=\"0 0 100 50\" version=\"1.1\" class=\"drawing\" "
                    "role=\"img\" aria-label=\"Figuur 1. Kaart\">") != std::string::npos);
    CHECK(html.find("style=\"--aspect: 2.0000\"") != std::string::npos);
}

TEST_CASE("hotspots need a coordinate space: an SVG without viewBox or size is refused", "[report]") {
    Figure figure;
    figure.caption = "Kaart";
    figure.svg = "<svg><rect width=\"1\" height=\"1\"/></svg>";
    figure.hotspots = {{{{{0, 0}, {1, 0}, {1, 1}}}, {"A"}}};
    CHECK_THROWS_AS(render_html(one_figure_document(figure)), Error);
    // Without hotspots the same SVG is fine; with a width and height it is too.
    figure.hotspots.clear();
    CHECK_NOTHROW(render_html(one_figure_document(figure)));
    figure.svg = "<svg width=\"20pt\" height=\"10pt\"/>";
    figure.hotspots = {{{{{0, 0}, {1, 0}, {1, 1}}}, {"A"}}};
    CHECK(render_html(one_figure_document(figure)).find("<svg class=\"hotspots\" viewBox=\"0 0 20 10\"") !=
          std::string::npos);
}

TEST_CASE("UI labels are Dutch by default and English with Language::en", "[report]") {
    HtmlDocument document = testing::sample_report_document();
    std::string dutch = render_html(document);
    std::string english = render_html(document, Language::en);
    CHECK(dutch.find("<html lang=\"nl\">") != std::string::npos);
    CHECK(dutch.find(">Inhoud</h2>") != std::string::npos);
    CHECK(dutch.find("title=\"Klik om te sorteren\"") != std::string::npos);
    CHECK(dutch.find(">Tabel 1.</span>") != std::string::npos);
    CHECK(dutch.find(">Figuur 2.</span>") != std::string::npos);
    CHECK(english.find("<html lang=\"en\">") != std::string::npos);
    CHECK(english.find(">Contents</h2>") != std::string::npos);
    CHECK(english.find("title=\"Click to sort\"") != std::string::npos);
    CHECK(english.find(">Table 1.</span>") != std::string::npos);
    CHECK(english.find(">Figure 2.</span>") != std::string::npos);
    CHECK(english.find("Inhoud") == std::string::npos);
}

TEST_CASE("sections: ids from titles made unique, explicit ids checked, subsections numbered under chapters",
          "[report]") {
    HtmlDocument document;
    document.title = "T";
    for (const char* title : {"Fryslân & Groningen", "Fryslân & Groningen", "2 kaarten"}) {
        Section section;
        section.title = title;
        document.sections.push_back(section);
    }
    Section sub;
    sub.title = "Één pagina";
    sub.level = 2;
    document.sections.push_back(sub);
    std::string html = render_html(document);
    CHECK(html.find("<section id=\"fryslan-groningen\"") != std::string::npos);
    CHECK(html.find("<section id=\"fryslan-groningen-2\"") != std::string::npos);
    CHECK(html.find("<section id=\"s-2-kaarten\"") != std::string::npos);
    CHECK(html.find("<section id=\"een-pagina\" class=\"level-2\"") != std::string::npos);
    CHECK(html.find("<h3 id=\"een-pagina-heading\"><span class=\"number\">3.1</span>Één pagina</h3>") !=
          std::string::npos);
    // The table of contents nests the subsection under its chapter.
    CHECK(html.find("<li><a href=\"#s-2-kaarten\"><span class=\"number\">3</span>2 kaarten</a><ol>\n"
                    "<li><a href=\"#een-pagina\"><span class=\"number\">3.1</span>Één pagina</a></li>\n</ol></li>") !=
          std::string::npos);

    // A subsection with no chapter before it is listed as a chapter, not nested in nothing.
    HtmlDocument orphan;
    orphan.title = "T";
    orphan.sections.push_back(sub);
    CHECK(render_html(orphan).find("<ol>\n<li><a href=\"#een-pagina\"><span class=\"number\">1.1</span>Één pagina</a>"
                                   "</li>\n</ol>\n</nav>") != std::string::npos);

    document.sections[0].id = "bad id";
    CHECK_THROWS_WITH(render_html(document), Catch::Contains("the section id 'bad id' must start with a letter"));
    document.sections[0].id = "same";
    document.sections[1].id = "same";
    CHECK_THROWS_WITH(render_html(document), Catch::Contains("the section id 'same' is used twice"));
}

TEST_CASE("the same document gives the same bytes", "[report]") {
    CHECK(render_html(testing::sample_report_document()) == render_html(testing::sample_report_document()));
}

// Hidden ([.]): run by the ctest report.sample_html, which names the file, for report.browser to open.
TEST_CASE("write the sample report page for the browser test", "[.][sample_html]") {
    const char* path = std::getenv("REGIOMAP_SAMPLE_REPORT_HTML");
    REQUIRE(path != nullptr);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << render_html(testing::sample_report_document());
    out.close();
    REQUIRE(out.good());
}
