#include "report/html_document.hpp"

#include "core/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <set>
#include <utility>

namespace regiomap::report {
namespace {

// ---------------------------------------------------------------- labels

struct Labels {
    const char* contents;
    const char* sort_hint;         // title of a sortable header
    const char* sorted_ascending;  // announced to screen readers after a sort: "<label> <column>"
    const char* sorted_descending;
    const char* table;           // caption prefix: "Tabel 3."
    const char* figure;          // caption prefix: "Figuur 2."
    const char* hotspot_hint;    // under a figure with hotspots
    const char* hotspots_label;  // accessible name of the overlay
};

const Labels& labels_for(Language language) {
    static const Labels dutch{"Inhoud",
                              "Klik om te sorteren",
                              "Oplopend gesorteerd op",
                              "Aflopend gesorteerd op",
                              "Tabel",
                              "Figuur",
                              "Beweeg over een gemeente of ga er met Tab naartoe voor de details.",
                              "Gemeenten op de kaart"};
    static const Labels english{"Contents",
                                "Click to sort",
                                "Sorted ascending by",
                                "Sorted descending by",
                                "Table",
                                "Figure",
                                "Hover over a municipality, or reach it with Tab, for its details.",
                                "Municipalities on the map"};
    return language == Language::en ? english : dutch;
}

// ---------------------------------------------------------------- ids

bool is_id_character(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; }

// An explicit id must be safe in HTML, CSS selectors and URL fragments without escaping.
void check_explicit_id(const std::string& id, std::string_view what) {
    bool ok = !id.empty() && std::isalpha(static_cast<unsigned char>(id.front()));
    for (char c : id) ok = ok && is_id_character(c);
    if (!ok) {
        throw Error(
            fmt::format("HTML report: the {} id '{}' must start with a letter and hold only letters, digits, "
                        "'-' and '_'",
                        what, id));
    }
}

// "Noord-Brabant: één pagina" -> "noord-brabant-een-pagina". Latin-1 letters lose their accents; other
// non-ASCII text is dropped.
std::string slug(std::string_view title) {
    // U+00C0 .. U+00FF, by code point, as the ASCII letter it is written without accent ('-' for × and ÷).
    static constexpr std::string_view kLatin1 = "aaaaaaaceeeeiiiidnooooo-ouuuuypsaaaaaaaceeeeiiiidnooooo-ouuuuypy";
    std::string out;
    auto push = [&out](char c) {
        if (c == '-') {
            if (!out.empty() && out.back() != '-') out += '-';
        } else {
            out += c;
        }
    };
    for (std::size_t i = 0; i < title.size(); ++i) {
        auto byte = static_cast<unsigned char>(title[i]);
        if (byte < 0x80) {
            push(std::isalnum(byte) ? static_cast<char>(std::tolower(byte)) : '-');
        } else if (byte == 0xC3 && i + 1 < title.size()) {
            auto next = static_cast<unsigned char>(title[i + 1]);
            if (next >= 0x80 && next <= 0xBF) push(kLatin1[next - 0x80]);
            ++i;
        }
        // Other bytes of multi-byte characters are dropped.
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    if (out.empty() || !std::isalpha(static_cast<unsigned char>(out.front()))) out.insert(0, "s-");
    return out;
}

class IdRegistry {
public:
    // The explicit id, checked and unique, or one made from `fallback` and made unique.
    std::string claim(const std::string& explicit_id, const std::string& fallback, std::string_view what) {
        if (!explicit_id.empty()) {
            check_explicit_id(explicit_id, what);
            if (!used_.insert(explicit_id).second) {
                throw Error(
                    fmt::format("HTML report: the {} id '{}' is used twice in one document", what, explicit_id));
            }
            return explicit_id;
        }
        std::string id = fallback;
        for (int n = 2; used_.count(id) != 0; ++n) id = fmt::format("{}-{}", fallback, n);
        used_.insert(id);
        return id;
    }
    void reserve(const std::string& id) { used_.insert(id); }

private:
    std::set<std::string> used_;
};

// ---------------------------------------------------------------- numbers

// Shortest text that reads back as the same double, so the page sorts by exactly the key given.
std::string sort_key_text(double key) { return fmt::format("{}", key); }

// SVG coordinates to 0.01 of a unit (a hundredth of a point on cairo's pages), trailing zeros dropped.
std::string coordinate_text(double value) {
    std::string text = fmt::format("{:.2f}", value);
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    if (text == "-0") text = "0";
    return text;
}

// ---------------------------------------------------------------- SVG

struct Attribute {
    std::string name;
    std::string value;  // as written, entities and all
    char quote = '"';
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// The root element's start tag: where it begins and ends, and its attributes.
struct RootTag {
    std::size_t begin = 0;  // at '<'
    std::size_t end = 0;    // one past '>'
    bool self_closing = false;
    std::vector<Attribute> attributes;
};

RootTag find_svg_root(std::string_view svg) {
    std::size_t at = 0;
    while (true) {
        at = svg.find("<svg", at);
        if (at == std::string_view::npos) throw Error("HTML report: a figure's SVG has no <svg> element");
        std::size_t after = at + 4;
        if (after < svg.size() && (is_space(svg[after]) || svg[after] == '>' || svg[after] == '/')) break;
        at = after;
    }
    RootTag root;
    root.begin = at;
    std::size_t i = at + 4;
    while (i < svg.size()) {
        while (i < svg.size() && is_space(svg[i])) ++i;
        if (i >= svg.size()) break;
        if (svg[i] == '>') {
            root.end = i + 1;
            return root;
        }
        if (svg[i] == '/' && i + 1 < svg.size() && svg[i + 1] == '>') {
            root.self_closing = true;
            root.end = i + 2;
            return root;
        }
        std::size_t name_begin = i;
        while (i < svg.size() && !is_space(svg[i]) && svg[i] != '=' && svg[i] != '>' && svg[i] != '/') ++i;
        Attribute attribute;
        attribute.name = std::string(svg.substr(name_begin, i - name_begin));
        while (i < svg.size() && is_space(svg[i])) ++i;
        if (i < svg.size() && svg[i] == '=') {
            ++i;
            while (i < svg.size() && is_space(svg[i])) ++i;
            if (i < svg.size() && (svg[i] == '"' || svg[i] == '\'')) {
                attribute.quote = svg[i];
                std::size_t close = svg.find(attribute.quote, i + 1);
                if (close == std::string_view::npos) break;
                attribute.value = std::string(svg.substr(i + 1, close - i - 1));
                i = close + 1;
            } else {
                std::size_t value_begin = i;
                while (i < svg.size() && !is_space(svg[i]) && svg[i] != '>') ++i;
                attribute.value = std::string(svg.substr(value_begin, i - value_begin));
            }
        }
        if (attribute.name.empty()) {
            ++i;  // a stray character; skip it rather than loop
            continue;
        }
        root.attributes.push_back(std::move(attribute));
    }
    throw Error("HTML report: a figure's SVG has an unterminated <svg> start tag");
}

const Attribute* find_attribute(const RootTag& root, std::string_view name) {
    for (const auto& attribute : root.attributes) {
        if (attribute.name == name) return &attribute;
    }
    return nullptr;
}

// "12.5pt" -> 12.5; nullopt for text that does not start with a number.
std::optional<double> leading_number(const std::string& text) {
    double value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end == text.data() || !std::isfinite(value)) return std::nullopt;
    return value;
}

struct ViewBox {
    double x = 0, y = 0, width = 0, height = 0;
};

// The coordinate space of the SVG: its viewBox, else 0 0 width height.
std::optional<ViewBox> view_box_of(const RootTag& root) {
    if (const auto* attribute = find_attribute(root, "viewBox")) {
        std::vector<double> numbers;
        std::string number;
        for (char c : attribute->value + " ") {
            if (is_space(c) || c == ',') {
                if (!number.empty()) {
                    auto value = leading_number(number);
                    if (!value) return std::nullopt;
                    numbers.push_back(*value);
                    number.clear();
                }
            } else {
                number += c;
            }
        }
        if (numbers.size() == 4 && numbers[2] > 0 && numbers[3] > 0) {
            return ViewBox{numbers[0], numbers[1], numbers[2], numbers[3]};
        }
        return std::nullopt;
    }
    const auto* width = find_attribute(root, "width");
    const auto* height = find_attribute(root, "height");
    if (width == nullptr || height == nullptr) return std::nullopt;
    auto w = leading_number(width->value);
    auto h = leading_number(height->value);
    if (!w || !h || *w <= 0 || *h <= 0) return std::nullopt;
    return ViewBox{0, 0, *w, *h};
}

std::string view_box_text(const ViewBox& box) {
    return fmt::format("{} {} {} {}", coordinate_text(box.x), coordinate_text(box.y), coordinate_text(box.width),
                       coordinate_text(box.height));
}

// Every id="..." (or id='...') attribute value in `text`, an attribute being preceded by white space.
std::set<std::string> declared_ids(std::string_view text) {
    std::set<std::string> ids;
    std::size_t at = 0;
    while ((at = text.find("id=", at)) != std::string_view::npos) {
        std::size_t value = at + 3;
        bool attribute =
            at > 0 && is_space(text[at - 1]) && value < text.size() && (text[value] == '"' || text[value] == '\'');
        if (attribute) {
            std::size_t close = text.find(text[value], value + 1);
            if (close == std::string_view::npos) break;
            ids.emplace(text.substr(value + 1, close - value - 1));
            at = close;
        } else {
            at = value;
        }
    }
    return ids;
}

// `text` with each declared id and each reference to one (url(#id), href="#id") prefixed.
std::string prefix_ids(std::string_view text, const std::set<std::string>& ids, std::string_view prefix) {
    struct Opener {
        std::string_view text;
        bool needs_space_before;  // an attribute name must not be the tail of another ("grid=")
    };
    static constexpr Opener kOpeners[] = {
        {"id=\"", true}, {"id='", true}, {"url(#", false}, {"href=\"#", false}, {"href='#", false}};
    std::string out;
    out.reserve(text.size() + ids.size() * (prefix.size() + 2));
    std::size_t position = 0;
    // Each opener's next place is searched again only once it has been passed: a search
    // from every position would rescan the rest of a 500 kB map once per id.
    constexpr std::size_t kCount = std::size(kOpeners);
    std::size_t next_at[kCount];
    auto find_from = [&](const Opener& candidate, std::size_t from) {
        std::size_t at = text.find(candidate.text, from);
        while (at != std::string_view::npos && candidate.needs_space_before && (at == 0 || !is_space(text[at - 1]))) {
            at = text.find(candidate.text, at + 1);
        }
        return at;
    };
    for (std::size_t k = 0; k < kCount; ++k) next_at[k] = find_from(kOpeners[k], 0);
    while (position < text.size()) {
        std::size_t found = std::string_view::npos;
        const Opener* opener = nullptr;
        for (std::size_t k = 0; k < kCount; ++k) {
            if (next_at[k] != std::string_view::npos && next_at[k] < position) next_at[k] = find_from(kOpeners[k], position);
            if (next_at[k] < found) {
                found = next_at[k];
                opener = &kOpeners[k];
            }
        }
        if (opener == nullptr) {
            out.append(text.substr(position));
            break;
        }
        std::size_t start = found + opener->text.size();
        out.append(text.substr(position, start - position));
        std::size_t stop = start;
        while (stop < text.size() && text[stop] != '"' && text[stop] != '\'' && text[stop] != ')' &&
               !is_space(text[stop]) && text[stop] != '>') {
            ++stop;
        }
        std::string id(text.substr(start, stop - start));
        if (ids.count(id) != 0) out.append(prefix);
        out.append(id);
        position = stop;
    }
    return out;
}

struct InlinedSvg {
    std::string markup;
    std::optional<ViewBox> view_box;
};

// The SVG without its prolog and xmlns declarations, ids prefixed, and `extra_attributes` (already
// escaped, each with a leading space) added to the root element.
InlinedSvg inline_svg_with(std::string_view svg, std::string_view id_prefix, const std::string& extra_attributes) {
    RootTag root = find_svg_root(svg);
    std::string tag = "<svg";
    for (const auto& attribute : root.attributes) {
        // HTML knows the SVG namespace (and xlink:href) without declarations; dropping them keeps
        // namespace URLs out of the page, so a search for "http" finds only real links.
        if (attribute.name == "xmlns" || attribute.name.rfind("xmlns:", 0) == 0) continue;
        tag += fmt::format(" {}={}{}{}", attribute.name, attribute.quote, attribute.value, attribute.quote);
    }
    tag += extra_attributes;
    tag += root.self_closing ? "/>" : ">";
    std::string_view rest = svg.substr(root.end);
    std::set<std::string> ids = declared_ids(rest);
    if (const auto* root_id = find_attribute(root, "id")) ids.insert(root_id->value);
    InlinedSvg inlined;
    inlined.view_box = view_box_of(root);
    inlined.markup = prefix_ids(tag, ids, id_prefix);
    inlined.markup += prefix_ids(rest, ids, id_prefix);
    while (!inlined.markup.empty() && is_space(inlined.markup.back())) inlined.markup.pop_back();
    return inlined;
}

// ---------------------------------------------------------------- page

constexpr const char* kStyle = R"css(
:root {
  --ink: #1d2733;
  --muted: #5b6776;
  --rule: #d5dbe3;
  --zebra: #f4f6f9;
  --accent: #1f4e79;
  --accent-soft: #e8eef5;
  --page: #ffffff;
  --canvas: #f7f8fa;
}
* { box-sizing: border-box; }
html { background: var(--canvas); }
body {
  margin: 0 auto;
  max-width: 64rem;
  padding: 2.5rem 2.5rem 3rem;
  background: var(--page);
  color: var(--ink);
  font-family: "Noto Sans", "Segoe UI", "Helvetica Neue", Arial, sans-serif;
  font-size: 15px;
  line-height: 1.55;
  box-shadow: 0 0 0 1px #e6e9ee;
}
h1, h2, h3 { line-height: 1.25; font-weight: 600; color: var(--ink); }
h1 { font-size: 1.9rem; margin: 0 0 0.35rem; letter-spacing: -0.01em; }
h2 { font-size: 1.35rem; margin: 2.6rem 0 0.9rem; padding-bottom: 0.35rem; border-bottom: 2px solid var(--accent); }
h3 { font-size: 1.1rem; margin: 2rem 0 0.7rem; }
.number { color: var(--accent); margin-right: 0.5em; font-variant-numeric: tabular-nums; }
p { margin: 0 0 0.9rem; max-width: 46rem; }
.report-header { border-bottom: 1px solid var(--rule); padding-bottom: 1.2rem; margin-bottom: 1.6rem; }
.report-header .subtitle { font-size: 1.1rem; color: var(--muted); margin: 0 0 0.8rem; }
.report-header .meta { list-style: none; margin: 0; padding: 0; color: var(--muted); font-size: 0.85rem; }
.toc { background: var(--accent-soft); border-radius: 4px; padding: 1rem 1.4rem 1.1rem; margin-bottom: 1rem; }
.toc h2 { border: 0; margin: 0 0 0.5rem; padding: 0; font-size: 1rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--accent); }
.toc ol { list-style: none; margin: 0; padding: 0; columns: 2 18rem; column-gap: 2.5rem; }
.toc ol ol { columns: auto; padding-left: 1.6rem; }
.toc li { break-inside: avoid; margin: 0.12rem 0; }
.toc a { color: var(--ink); text-decoration: none; }
.toc a:hover, .toc a:focus-visible { color: var(--accent); text-decoration: underline; }
.toc .number { display: inline-block; min-width: 2.2em; margin-right: 0.2em; }
.notes { font-size: 0.88rem; color: var(--muted); margin: 0 0 1.2rem; padding-left: 1.6rem; max-width: 46rem; }
.notes li { margin: 0.2rem 0; }
.table-block { margin: 1.4rem 0 1.6rem; }
.table-wrap { overflow-x: auto; }
.table-wrap:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; font-size: 0.88rem; font-variant-numeric: tabular-nums; }
caption { caption-side: top; text-align: left; font-weight: 600; padding: 0 0 0.5rem; color: var(--ink); }
.label { color: var(--accent); }
th, td { padding: 0.38rem 0.7rem; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); font-weight: 600; white-space: nowrap; padding: 0; vertical-align: bottom; }
tbody tr:nth-child(even) { background: var(--zebra); }
tbody tr:hover { background: var(--accent-soft); }
tbody td { border-bottom: 1px solid var(--rule); }
th.num, td.num { text-align: right; }
td.num { white-space: nowrap; }
th .sort {
  all: unset; box-sizing: border-box; display: flex; align-items: flex-end; gap: 0.35em; width: 100%;
  padding: 0.45rem 0.7rem; cursor: pointer; font-weight: 600;
}
th.num .sort { justify-content: flex-end; }
th .sort:hover { background: var(--accent-soft); }
th .sort:focus-visible { outline: 2px solid var(--accent); outline-offset: -2px; }
.sort-icon { display: inline-block; width: 0.8em; color: #8a96a3; font-size: 0.85em; }
.sort-icon::before { content: "\2195"; }
th[aria-sort="ascending"] .sort-icon, th[aria-sort="descending"] .sort-icon { color: var(--accent); }
th[aria-sort="ascending"] .sort-icon::before { content: "\25B2"; }
th[aria-sort="descending"] .sort-icon::before { content: "\25BC"; }
.figure { margin: 1.6rem 0 2rem; }
.figure-canvas { position: relative; margin: 0 auto; max-width: min(100%, calc(86vh * var(--aspect, 1))); }
.figure-canvas > svg.drawing { display: block; width: 100%; height: auto; }
.figure-canvas > svg.hotspots { position: absolute; inset: 0; width: 100%; height: 100%; }
.hotspot { fill: transparent; fill-rule: evenodd; stroke: none; cursor: pointer; outline: none; }
.hotspot:hover, .hotspot:focus, .hotspot.active { fill: rgba(255, 255, 255, 0.2); stroke: #111820; stroke-width: 1.6px; vector-effect: non-scaling-stroke; }
.tooltip {
  position: absolute; z-index: 2; pointer-events: none; min-width: 10rem; max-width: 20rem;
  background: rgba(29, 39, 51, 0.95); color: #fff; border-radius: 4px; padding: 0.5rem 0.7rem;
  font-size: 0.82rem; line-height: 1.4; box-shadow: 0 2px 8px rgba(0, 0, 0, 0.25);
}
.tooltip[hidden] { display: none; }
.tooltip strong { display: block; font-size: 0.92rem; margin-bottom: 0.15rem; }
.tooltip span { display: block; }
figcaption { margin-top: 0.6rem; font-size: 0.9rem; font-weight: 600; }
figcaption .hint { display: block; font-weight: 400; color: var(--muted); font-size: 0.82rem; }
.report-footer { margin-top: 3rem; padding-top: 0.8rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: 0.82rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 40rem) { body { padding: 1.2rem; } }
@page { size: A4; margin: 16mm 15mm 18mm; }
@media print {
  html, body { background: #fff; }
  body { max-width: none; padding: 0; box-shadow: none; font-size: 10pt; line-height: 1.45; }
  h1 { font-size: 20pt; }
  h2 { font-size: 14pt; margin-top: 1.4em; break-after: avoid; }
  h3 { font-size: 11.5pt; break-after: avoid; }
  .print-new-page { break-before: page; }
  .toc { background: none; padding: 0; }
  .toc a { color: var(--ink); }
  table { font-size: 8.5pt; }
  thead { display: table-header-group; }
  tr, .hotspot { break-inside: avoid; }
  tbody tr:hover { background: inherit; }
  tbody tr:nth-child(even) { background: var(--zebra); -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .table-wrap { overflow: visible; }
  .sort-icon, figcaption .hint, svg.hotspots, .tooltip { display: none !important; }
  th .sort { cursor: default; }
  .figure { break-inside: avoid; }
  .figure-canvas { max-width: min(100%, calc(215mm * var(--aspect, 1))); }
  a { color: inherit; text-decoration: none; }
}
)css";

// Sorting and tooltips. Plain ES2015 without modules or fetches, so it runs from file:// offline.
constexpr const char* kScript = R"js(
(function () {
  'use strict';
  var body = document.body;
  var live = document.getElementById('regiomap-live');
  var collator = new Intl.Collator(document.documentElement.lang, { numeric: true, sensitivity: 'base' });

  function sortKey(cell, numeric) {
    if (numeric) {
      var text = cell.getAttribute('data-sort');
      return text === null ? null : parseFloat(text);
    }
    var shown = cell.textContent.trim();
    return shown === '' ? null : shown;
  }

  function sortTable(table, column) {
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var header = headers[column];
    var ascending = header.getAttribute('aria-sort') !== 'ascending';
    var numeric = header.getAttribute('data-kind') === 'number';
    var tbody = table.tBodies[0];
    var keyed = Array.prototype.map.call(tbody.rows, function (row) {
      return { row: row, key: sortKey(row.cells[column], numeric), index: Number(row.getAttribute('data-index')) };
    });
    keyed.sort(function (a, b) {
      /* Cells without a value go last in both directions; ties keep the document's order. */
      if (a.key === null || b.key === null) {
        return a.key === b.key ? a.index - b.index : (a.key === null ? 1 : -1);
      }
      var order = numeric ? (a.key < b.key ? -1 : (a.key > b.key ? 1 : 0)) : collator.compare(a.key, b.key);
      if (!ascending) order = -order;
      return order !== 0 ? order : a.index - b.index;
    });
    var fragment = document.createDocumentFragment();
    keyed.forEach(function (entry) { fragment.appendChild(entry.row); });
    tbody.appendChild(fragment);
    headers.forEach(function (other) { other.setAttribute('aria-sort', 'none'); });
    header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    if (live) {
      live.textContent = body.getAttribute(ascending ? 'data-sorted-ascending' : 'data-sorted-descending') + ' ' +
        header.textContent.trim();
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row, index) {
      row.setAttribute('data-index', String(index));
    });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, column) {
      var button = header.querySelector('button.sort');
      if (button) button.addEventListener('click', function () { sortTable(table, column); });
    });
  });

  Array.prototype.forEach.call(document.querySelectorAll('.figure-canvas'), function (canvas) {
    var tip = canvas.querySelector('.tooltip');
    if (!tip) return;
    var active = null;

    function place(clientX, clientY) {
      var box = canvas.getBoundingClientRect();
      var left = clientX - box.left + 14;
      var top = clientY - box.top + 14;
      if (left + tip.offsetWidth > box.width) left = Math.max(0, clientX - box.left - tip.offsetWidth - 14);
      if (top + tip.offsetHeight > box.height) top = Math.max(0, clientY - box.top - tip.offsetHeight - 14);
      tip.style.left = left + 'px';
      tip.style.top = top + 'px';
    }
    function show(spot, clientX, clientY) {
      if (active && active !== spot) active.classList.remove('active');
      active = spot;
      spot.classList.add('active');
      tip.textContent = '';
      spot.getAttribute('data-tooltip').split('\n').forEach(function (line, index) {
        var element = document.createElement(index === 0 ? 'strong' : 'span');
        element.textContent = line;
        tip.appendChild(element);
      });
      tip.hidden = false;
      place(clientX, clientY);
    }
    function hide(spot) {
      if (spot && spot !== active) return;
      if (active) active.classList.remove('active');
      active = null;
      tip.hidden = true;
    }
    Array.prototype.forEach.call(canvas.querySelectorAll('.hotspot'), function (spot) {
      /* The <title> names the area without script; with script the styled tooltip replaces the
         browser's own, which would otherwise appear a second later on top of it. */
      var title = spot.querySelector('title');
      if (title) {
        spot.setAttribute('aria-label', title.textContent);
        spot.removeChild(title);
      }
      spot.addEventListener('mouseenter', function (event) { show(spot, event.clientX, event.clientY); });
      spot.addEventListener('mousemove', function (event) { place(event.clientX, event.clientY); });
      spot.addEventListener('mouseleave', function () { hide(spot); });
      spot.addEventListener('focus', function () {
        var box = spot.getBoundingClientRect();
        show(spot, box.left + box.width / 2, box.top + box.height / 2);
      });
      spot.addEventListener('blur', function () { hide(spot); });
      spot.addEventListener('keydown', function (event) { if (event.key === 'Escape') hide(); });
    });
  });
})();
)js";

class PageWriter {
public:
    PageWriter(const HtmlDocument& document, Language language)
        : document_(document), language_(language), labels_(labels_for(language)) {}

    std::string write() {
        assign_ids();
        // The inline maps are most of the page: room for them at once, not by doubling a 10 MB string.
        std::size_t drawings = 0;
        for (const auto& section : document_.sections) {
            for (const auto& block : section.blocks) {
                if (const auto* figure = std::get_if<Figure>(&block)) drawings += figure->svg.size();
            }
        }
        out_.reserve(drawings + drawings / 4 + (1 << 20));
        out_ += fmt::format("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n", language_ == Language::en ? "en" : "nl");
        out_ += "<meta charset=\"utf-8\">\n";
        out_ += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
        out_ += "<meta name=\"generator\" content=\"regiomap\">\n";
        out_ += fmt::format("<title>{}</title>\n", escape_html(document_.title));
        // An empty data: icon, so the browser does not look for favicon.ico next to the file.
        out_ += "<link rel=\"icon\" href=\"data:,\">\n";
        out_ += fmt::format("<style>{}</style>\n</head>\n", kStyle);
        out_ += fmt::format("<body data-sorted-ascending=\"{}\" data-sorted-descending=\"{}\">\n",
                            escape_html(labels_.sorted_ascending), escape_html(labels_.sorted_descending));
        write_header();
        write_contents();
        out_ += "<main>\n";
        for (std::size_t i = 0; i < document_.sections.size(); ++i) write_section(i);
        out_ += "</main>\n";
        if (!document_.footer.empty()) {
            out_ += fmt::format("<footer class=\"report-footer\">{}</footer>\n", escape_html(document_.footer));
        }
        out_ += "<div id=\"regiomap-live\" class=\"visually-hidden\" aria-live=\"polite\"></div>\n";
        out_ += fmt::format("<script>{}</script>\n</body>\n</html>\n", kScript);
        return std::move(out_);
    }

private:
    // Ids and numbers ("2", "2.3") of sections, tables and figures, in document order.
    void assign_ids() {
        ids_.reserve("regiomap-live");
        ids_.reserve("contents-heading");
        int chapter = 0, subsection = 0;
        for (const auto& section : document_.sections) {
            if (section.level <= 1) {
                ++chapter;
                subsection = 0;
                section_numbers_.push_back(std::to_string(chapter));
            } else {
                ++subsection;
                section_numbers_.push_back(fmt::format("{}.{}", std::max(chapter, 1), subsection));
            }
            std::string section_id = ids_.claim(section.id, slug(section.title), "section");
            section_ids_.push_back(section_id);
            std::vector<std::string> block_ids;
            int tables = 0, figures = 0;
            for (const auto& block : section.blocks) {
                if (const auto* table = std::get_if<Table>(&block)) {
                    block_ids.push_back(
                        ids_.claim(table->id, fmt::format("{}-table-{}", section_id, ++tables), "table"));
                } else if (const auto* figure = std::get_if<Figure>(&block)) {
                    block_ids.push_back(
                        ids_.claim(figure->id, fmt::format("{}-figure-{}", section_id, ++figures), "figure"));
                } else {
                    block_ids.emplace_back();
                }
            }
            block_ids_.push_back(std::move(block_ids));
        }
    }

    void write_header() {
        out_ += "<header class=\"report-header\">\n";
        out_ += fmt::format("<h1>{}</h1>\n", escape_html(document_.title));
        if (!document_.subtitle.empty()) {
            out_ += fmt::format("<p class=\"subtitle\">{}</p>\n", escape_html(document_.subtitle));
        }
        if (!document_.meta_lines.empty()) {
            out_ += "<ul class=\"meta\">\n";
            for (const auto& line : document_.meta_lines) out_ += fmt::format("<li>{}</li>\n", escape_html(line));
            out_ += "</ul>\n";
        }
        out_ += "</header>\n";
    }

    void write_contents() {
        if (document_.sections.empty()) return;
        out_ += "<nav class=\"toc\" aria-labelledby=\"contents-heading\">\n";
        out_ += fmt::format("<h2 id=\"contents-heading\">{}</h2>\n<ol>\n", escape_html(labels_.contents));
        bool in_sublist = false;
        for (std::size_t i = 0; i < document_.sections.size(); ++i) {
            // A subsection before any chapter is listed as a chapter: there is no entry to nest it in.
            bool sub = document_.sections[i].level > 1 && i > 0;
            if (sub && !in_sublist) {
                out_ += "<ol>\n";
                in_sublist = true;
            } else if (!sub && in_sublist) {
                out_ += "</ol></li>\n";
                in_sublist = false;
            } else if (i > 0) {
                out_ += "</li>\n";
            }
            out_ += fmt::format("<li><a href=\"#{}\"><span class=\"number\">{}</span>{}</a>", section_ids_[i],
                                section_numbers_[i], escape_html(document_.sections[i].title));
            if (sub) out_ += "</li>\n";
        }
        out_ += in_sublist ? "</ol></li>\n" : "</li>\n";
        out_ += "</ol>\n</nav>\n";
    }

    void write_section(std::size_t index) {
        const Section& section = document_.sections[index];
        const std::string& id = section_ids_[index];
        const char* heading = section.level > 1 ? "h3" : "h2";
        std::string classes = section.level > 1 ? "level-2" : "level-1";
        if (section.new_page_in_print) classes += " print-new-page";
        out_ += fmt::format("<section id=\"{}\" class=\"{}\" aria-labelledby=\"{}-heading\">\n", id, classes, id);
        out_ += fmt::format("<{} id=\"{}-heading\"><span class=\"number\">{}</span>{}</{}>\n", heading, id,
                            section_numbers_[index], escape_html(section.title), heading);
        for (std::size_t b = 0; b < section.blocks.size(); ++b) {
            const Block& block = section.blocks[b];
            const std::string& block_id = block_ids_[index][b];
            if (const auto* paragraph = std::get_if<Paragraph>(&block)) {
                out_ += fmt::format("<p>{}</p>\n", escape_html(paragraph->text));
            } else if (const auto* notes = std::get_if<NoteList>(&block)) {
                write_notes(*notes);
            } else if (const auto* table = std::get_if<Table>(&block)) {
                write_table(*table, block_id);
            } else if (const auto* figure = std::get_if<Figure>(&block)) {
                write_figure(*figure, block_id);
            }
        }
        out_ += "</section>\n";
    }

    void write_notes(const NoteList& notes) {
        if (notes.notes.empty()) return;
        const char* list = notes.numbered ? "ol" : "ul";
        out_ += fmt::format("<{} class=\"notes\">\n", list);
        for (const auto& note : notes.notes) out_ += fmt::format("<li>{}</li>\n", escape_html(note));
        out_ += fmt::format("</{}>\n", list);
    }

    void write_table(const Table& table, const std::string& id) {
        for (std::size_t r = 0; r < table.rows.size(); ++r) {
            if (table.rows[r].size() != table.columns.size()) {
                throw Error(fmt::format("HTML report: row {} of table '{}' has {} cells for {} columns", r + 1,
                                        table.caption, table.rows[r].size(), table.columns.size()));
            }
        }
        ++table_count_;
        out_ += "<div class=\"table-block\">\n";
        out_ += fmt::format(
            "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"{}-caption\" tabindex=\"0\">\n", id);
        out_ += fmt::format("<table id=\"{}\" class=\"sortable\">\n", id);
        out_ += fmt::format("<caption id=\"{}-caption\"><span class=\"label\">{} {}.</span> {}</caption>\n", id,
                            escape_html(labels_.table), table_count_, escape_html(table.caption));
        out_ += "<thead><tr>";
        for (const auto& column : table.columns) {
            bool number = column.kind == ColumnKind::number;
            out_ += fmt::format(
                "<th scope=\"col\"{} data-kind=\"{}\" aria-sort=\"none\"><button type=\"button\" class=\"sort\" "
                "title=\"{}\">{}<span class=\"sort-icon\" aria-hidden=\"true\"></span></button></th>",
                number ? " class=\"num\"" : "", number ? "number" : "text", escape_html(labels_.sort_hint),
                escape_html(column.heading));
        }
        out_ += "</tr></thead>\n<tbody>\n";
        for (const auto& row : table.rows) {
            out_ += "<tr>";
            for (std::size_t c = 0; c < row.size(); ++c) {
                const TableCell& cell = row[c];
                if (table.columns[c].kind == ColumnKind::number) {
                    if (cell.sort_key && std::isfinite(*cell.sort_key)) {
                        out_ += fmt::format("<td class=\"num\" data-sort=\"{}\">{}</td>", sort_key_text(*cell.sort_key),
                                            escape_html(cell.display));
                    } else {
                        out_ += fmt::format("<td class=\"num\">{}</td>", escape_html(cell.display));
                    }
                } else {
                    out_ += fmt::format("<td>{}</td>", escape_html(cell.display));
                }
            }
            out_ += "</tr>\n";
        }
        out_ += "</tbody>\n</table>\n</div>\n</div>\n";
    }

    void write_figure(const Figure& figure, const std::string& id) {
        ++figure_count_;
        std::string caption = fmt::format("{} {}. {}", labels_.figure, figure_count_, figure.caption);
        InlinedSvg drawing =
            inline_svg_with(figure.svg, id + "-",
                            fmt::format(" class=\"drawing\" role=\"img\" aria-label=\"{}\"", escape_html(caption)));
        if (!figure.hotspots.empty() && !drawing.view_box) {
            throw Error(
                fmt::format("HTML report: figure '{}' has hotspots but its SVG has neither a viewBox nor a "
                            "width and height",
                            figure.caption));
        }
        out_ += fmt::format("<figure id=\"{}\" class=\"figure\">\n", id);
        std::string aspect;
        if (drawing.view_box) {
            aspect = fmt::format(" style=\"--aspect: {:.4f}\"", drawing.view_box->width / drawing.view_box->height);
        }
        out_ += fmt::format("<div class=\"figure-canvas\"{}>\n", aspect);
        out_ += drawing.markup;
        out_ += "\n";
        if (!figure.hotspots.empty()) write_hotspots(figure, *drawing.view_box, id);
        out_ += "</div>\n";
        out_ += fmt::format("<figcaption><span class=\"label\">{} {}.</span> {}", escape_html(labels_.figure),
                            figure_count_, escape_html(figure.caption));
        if (!figure.hotspots.empty()) {
            out_ += fmt::format("<span class=\"hint\">{}</span>", escape_html(labels_.hotspot_hint));
        }
        out_ += "</figcaption>\n</figure>\n";
    }

    void write_hotspots(const Figure& figure, const ViewBox& box, const std::string& id) {
        out_ += fmt::format("<svg class=\"hotspots\" viewBox=\"{}\" role=\"group\" aria-label=\"{}\">\n",
                            view_box_text(box), escape_html(labels_.hotspots_label));
        for (const auto& hotspot : figure.hotspots) {
            std::string path;
            for (const auto& ring : hotspot.rings) {
                if (ring.size() < 3) continue;
                for (std::size_t p = 0; p < ring.size(); ++p) {
                    path += fmt::format("{}{} {}", p == 0 ? (path.empty() ? "M" : " M") : " L",
                                        coordinate_text(ring[p].x), coordinate_text(ring[p].y));
                }
                path += " Z";
            }
            if (path.empty()) continue;
            std::string tooltip, title;
            for (const auto& line : hotspot.tooltip_lines) {
                if (!tooltip.empty()) tooltip += "&#10;";
                tooltip += escape_html(line);
                if (!title.empty()) title += " \xE2\x80\x94 ";  // an em dash between the lines
                title += escape_html(line);
            }
            out_ += fmt::format(
                "<path class=\"hotspot\" tabindex=\"0\" aria-describedby=\"{}-tooltip\" data-tooltip=\"{}\" "
                "d=\"{}\"><title>{}</title></path>\n",
                id, tooltip, path, title);
        }
        out_ += "</svg>\n";
        out_ += fmt::format("<div id=\"{}-tooltip\" class=\"tooltip\" role=\"tooltip\" hidden></div>\n", id);
    }

    const HtmlDocument& document_;
    Language language_;
    const Labels& labels_;
    IdRegistry ids_;
    std::vector<std::string> section_ids_;
    std::vector<std::string> section_numbers_;
    std::vector<std::vector<std::string>> block_ids_;
    int table_count_ = 0;
    int figure_count_ = 0;
    std::string out_;
};

}  // namespace

std::string escape_html(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string inline_svg(std::string_view svg, std::string_view id_prefix) {
    return inline_svg_with(svg, id_prefix, "").markup;
}

std::string render_html(const HtmlDocument& document, Language language) {
    return PageWriter(document, language).write();
}

}  // namespace regiomap::report
