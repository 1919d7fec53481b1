// The HTML report as a document model and its one presenter.
//
// A document is a title, a subtitle and meta lines, then sections in order
// (each with an id and a title, listed in the table of contents), each holding
// blocks in order: paragraphs, note lists, tables and figures. The model holds
// text and numbers as they are to be shown; it computes nothing and knows no
// analysis. render_html() writes ONE self-contained file: CSS and JavaScript
// inline, figures as inline SVG, no external fetch of any kind, so the file
// opens offline and can be mailed on.
//
// What the page does:
//   - tables sort by clicking a column header (ascending, then descending,
//     aria-sort set); number columns sort by the cell's sort key (a double,
//     written as data-sort), never by the shown text, so Dutch "0,069" or
//     "872.757" sort as numbers; a number cell without a value sorts last;
//   - figures show the SVG as drawn (cairo's output: the XML declaration is
//     dropped and every id is prefixed with the figure's id, so two figures on
//     one page never share an id) with a transparent overlay of hotspots in
//     the same coordinate space: hovering or focusing one (Tab) shows its
//     tooltip lines;
//   - print CSS lays the page out on A4.
// All text is escaped (& < > " '); UI labels ("Inhoud", "Contents", ...) are
// Dutch by default and English with Language::en.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace regiomap::report {

enum class Language { nl, en };

struct Paragraph {
    std::string text;
};

// Numbered (or bulleted) notes, e.g. the long basis texts under a table.
struct NoteList {
    std::vector<std::string> notes;
    bool numbered = true;
};

enum class ColumnKind { text, number };

struct TableColumn {
    std::string heading;
    ColumnKind kind = ColumnKind::text;
};

// One cell: the text as shown and, in a number column, the value it sorts by.
// A number cell without a sort key (or with a non-finite one) has no value
// ("–", "n.v.t.") and sorts after every number in both directions.
struct TableCell {
    std::string display;
    std::optional<double> sort_key;

    static TableCell text(std::string display) { return {std::move(display), std::nullopt}; }
    static TableCell number(std::string display, double sort_key) { return {std::move(display), sort_key}; }
    static TableCell no_value(std::string display) { return {std::move(display), std::nullopt}; }
};

struct Table {
    std::string id;  // empty: "<section id>-table-<n>"; used by the page's script and by browser checks
    std::string caption;
    std::vector<TableColumn> columns;
    std::vector<std::vector<TableCell>> rows;  // every row has one cell per column (render_html throws otherwise)
};

// A point in the coordinate space of the figure's SVG (its viewBox).
struct SvgPoint {
    double x = 0, y = 0;
};
using SvgRing = std::vector<SvgPoint>;

// A municipality (or any area) on a figure: its outline as rings (holes filled
// even-odd) and the lines its tooltip shows (name, region in each layer, C, T).
struct Hotspot {
    std::vector<SvgRing> rings;
    std::vector<std::string> tooltip_lines;
};

struct Figure {
    std::string id;  // empty: "<section id>-figure-<n>"; also the prefix of the SVG's ids
    std::string caption;
    std::string svg;  // a complete SVG document as cairo writes it
    std::vector<Hotspot> hotspots;
};

using Block = std::variant<Paragraph, NoteList, Table, Figure>;

struct Section {
    std::string id;  // empty: made from the title; made unique in the document
    std::string title;
    int level = 1;  // 1: a chapter; 2: a subsection, listed under the chapter before it
    bool new_page_in_print = false;
    std::vector<Block> blocks;
};

struct HtmlDocument {
    std::string title;
    std::string subtitle;
    std::vector<std::string> meta_lines;  // under the subtitle: data year, sources, version
    std::vector<Section> sections;
    std::string footer;  // e.g. the attribution line
};

// The whole page. Throws regiomap::Error when a table row has the wrong number
// of cells or a figure's SVG has no <svg> element (mistakes of the caller, not
// of a user's input).
std::string render_html(const HtmlDocument& document, Language language = Language::nl);

// Exposed for tests and for the report's other outputs.
// `text` with & < > " ' replaced by entities, safe in element content and in
// quoted attribute values.
std::string escape_html(std::string_view text);

// The SVG document ready to inline in HTML: the XML declaration, doctype and
// anything else before the root <svg> dropped, the root's xmlns declarations
// dropped (HTML does not need them), and every id, url(#id) and href="#id"
// prefixed with `id_prefix`. Throws regiomap::Error when there is no <svg>.
std::string inline_svg(std::string_view svg, std::string_view id_prefix);

}  // namespace regiomap::report
