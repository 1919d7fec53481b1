// The report as A4 pages: the same document model the HTML page shows
// (report/html_document.hpp), laid out with cairo and pango. Headings,
// paragraphs, notes and tables flow over portrait pages (a table's header is
// repeated on every page it spans); each figure whose id names a map is drawn
// as a map page of its own, in the map's own size (the two-panel profile is
// landscape), from the map's data rather than from its SVG, so the PDF keeps
// vector quality and the same fonts. Every page carries the attribution and
// its page number.
#pragma once

#include "render/canvas.hpp"
#include "render/map_page.hpp"
#include "render/style.hpp"
#include "report/html_document.hpp"

#include <map>
#include <string>

namespace regiomap::report {

struct MapFigure {
    render::MapPage page;
    render::MapStyle style;
};

// Figure id -> the map it shows. Figures without an entry are left out of the PDF.
using MapFigures = std::map<std::string, MapFigure>;

std::string render_pdf(const HtmlDocument& document, const MapFigures& maps, Language language,
                       const render::DocumentInfo& info);

}  // namespace regiomap::report
