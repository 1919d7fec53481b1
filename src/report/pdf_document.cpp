#include "report/pdf_document.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

namespace regiomap::report {

namespace {

using render::Align;
using render::Canvas;
using render::Colour;
using render::TextStyle;
using render::text_style;
using render::Weight;

const Colour kInk = render::kTextInk;
const Colour kMuted{0.38, 0.38, 0.38, 1};
const Colour kRule{0.78, 0.78, 0.78, 1};
const Colour kZebra{0.955, 0.96, 0.97, 1};
const Colour kAccent{0.11, 0.30, 0.50, 1};

constexpr double kMargin = 50;
constexpr double kFooterHeight = 24;

class PageFlow {
public:
    PageFlow(Canvas& canvas, std::string footer, Language language)
        : canvas_(canvas), footer_(std::move(footer)), language_(language) {}

    double width() const { return canvas_.page().width_pt - 2 * kMargin; }
    double bottom() const { return canvas_.page().height_pt - kMargin - kFooterHeight; }
    double y = kMargin;

    // A new page, unless this one is still empty (in the size asked for).
    void new_page(render::PageSize size = render::kA4Portrait) {
        if (fresh_ && size.width_pt == canvas_.page().width_pt && size.height_pt == canvas_.page().height_pt) return;
        finish_page();
        canvas_.next_page(size);
        y = kMargin;
        fresh_ = true;
        map_page_ = false;
    }
    // Room for `height` more points on this page, else a new page.
    void need(double height) {
        if (y + height > bottom() && !fresh_) new_page();
        fresh_ = false;
    }
    // The page holds a whole map page (with its own attribution): only the page number is added,
    // and the next text starts on a new page.
    void mark_map_page() {
        fresh_ = false;
        map_page_ = true;
        y = bottom() + 1;
    }
    void finish_page() {
        ++page_number_;
        if (map_page_) {
            canvas_.draw_text(fmt::format("{}", page_number_), {canvas_.page().width_pt - 20, canvas_.page().height_pt - 20},
                              text_style(6.5, Weight::regular, kMuted), Align::right);
            return;
        }
        const double base = canvas_.page().height_pt - kMargin + 6;
        canvas_.polyline({{kMargin, base - 8}, {canvas_.page().width_pt - kMargin, base - 8}}, kRule, 0.4);
        const auto small = text_style(6.5, Weight::regular, kMuted, canvas_.page().width_pt - 2 * kMargin - 60);
        canvas_.draw_text(footer_, {kMargin, base - 4}, small);
        canvas_.draw_text(fmt::format("{} {}", language_ == Language::nl ? "pagina" : "page", page_number_),
                          {canvas_.page().width_pt - kMargin, base - 4}, text_style(6.5, Weight::regular, kMuted),
                          Align::right);
    }
    Canvas& canvas() { return canvas_; }

private:
    Canvas& canvas_;
    std::string footer_;
    Language language_;
    int page_number_ = 0;
    bool fresh_ = true;
    bool map_page_ = false;
};

void text_block(PageFlow& flow, const std::string& text, const TextStyle& s, double space_after) {
    const auto extent = flow.canvas().measure_text(text, s);
    flow.need(extent.height_pt);
    flow.canvas().draw_text(text, {kMargin, flow.y}, s);
    flow.y += extent.height_pt + space_after;
}

void draw_table(PageFlow& flow, const Table& table) {
    Canvas& canvas = flow.canvas();
    const std::size_t columns = table.columns.size();
    if (columns == 0) return;
    // Column widths from the widest cell, shrunk proportionally (text columns wrap) to the page width.
    double size = 7.2;
    // Each cell is measured once: its one-line width, and its height only where it must wrap.
    auto measure = [&](const std::string& text, Weight weight) {
        return canvas.measure_text(text, text_style(size, weight)).width_pt + 8;
    };
    std::vector<double> natural(columns, 0);
    std::vector<double> header_widths(columns, 0);
    std::vector<std::vector<double>> cell_widths(table.rows.size(), std::vector<double>(columns, 0));
    for (std::size_t c = 0; c < columns; ++c) natural[c] = header_widths[c] = measure(table.columns[c].heading, Weight::bold);
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        for (std::size_t c = 0; c < columns && c < table.rows[r].size(); ++c) {
            cell_widths[r][c] = measure(table.rows[r][c].display, Weight::regular);
            natural[c] = std::max(natural[c], cell_widths[r][c]);
        }
    }
    std::vector<double> widths = natural;
    const double total = std::accumulate(natural.begin(), natural.end(), 0.0);
    if (total > flow.width()) {
        // Numbers keep their width; text columns share what is left.
        double numbers = 0, texts = 0;
        for (std::size_t c = 0; c < columns; ++c) {
            (table.columns[c].kind == ColumnKind::number ? numbers : texts) += natural[c];
        }
        const double room = std::max(flow.width() - numbers, flow.width() * 0.4);
        for (std::size_t c = 0; c < columns; ++c) {
            if (table.columns[c].kind == ColumnKind::text) widths[c] = natural[c] * room / std::max(texts, 1.0);
        }
        const double now = std::accumulate(widths.begin(), widths.end(), 0.0);
        if (now > flow.width()) {
            for (auto& w : widths) w *= flow.width() / now;
        }
    }
    const double line_height = canvas.measure_text("Ag", text_style(size)).height_pt;
    auto row_height = [&](const std::vector<std::string>& cells, const std::vector<double>& one_line, Weight weight) {
        double height = line_height;
        for (std::size_t c = 0; c < columns; ++c) {
            if (one_line[c] <= widths[c]) continue;
            height = std::max(height, canvas.measure_text(cells[c], text_style(size, weight, kInk, widths[c] - 6)).height_pt);
        }
        return height + 4;
    };
    auto draw_row = [&](const std::vector<std::string>& cells, const std::vector<double>& one_line, Weight weight,
                        bool zebra, bool header) {
        const double height = row_height(cells, one_line, weight);
        flow.need(0);
        if (zebra) canvas.fill_rectangle({kMargin, flow.y}, std::accumulate(widths.begin(), widths.end(), 0.0), height, kZebra);
        double x = kMargin;
        for (std::size_t c = 0; c < columns; ++c) {
            const bool number = table.columns[c].kind == ColumnKind::number;
            const bool wraps = one_line[c] > widths[c];
            const auto s = text_style(size, weight, header ? kAccent : kInk, wraps ? widths[c] - 6 : 0);
            if (number && !header) {
                canvas.draw_text(cells[c], {x + widths[c] - 3, flow.y + 2}, text_style(size, weight, kInk), Align::right);
            } else {
                canvas.draw_text(cells[c], {x + 3, flow.y + 2}, s);
            }
            x += widths[c];
        }
        flow.y += height;
        if (header) canvas.polyline({{kMargin, flow.y}, {x, flow.y}}, kAccent, 0.6);
    };
    std::vector<std::string> header;
    for (const auto& column : table.columns) header.push_back(column.heading);
    if (!table.caption.empty()) {
        flow.need(40);
        text_block(flow, table.caption, text_style(8, Weight::bold, kInk, flow.width()), 3);
    }
    flow.need(row_height(header, header_widths, Weight::bold) * 2);
    draw_row(header, header_widths, Weight::bold, false, true);
    bool zebra = false;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        std::vector<std::string> cells;
        for (const auto& cell : table.rows[r]) cells.push_back(cell.display);
        cells.resize(columns);
        const double height = row_height(cells, cell_widths[r], Weight::regular);
        if (flow.y + height > flow.bottom()) {
            flow.new_page();
            draw_row(header, header_widths, Weight::bold, false, true);
        }
        draw_row(cells, cell_widths[r], Weight::regular, zebra, false);
        zebra = !zebra;
    }
    flow.y += 10;
}

}  // namespace

std::string render_pdf(const HtmlDocument& document, const MapFigures& maps, Language language,
                       const render::DocumentInfo& info) {
    Canvas canvas(render::OutputKind::pdf, render::kA4Portrait, 72, info);
    PageFlow flow(canvas, document.footer, language);

    // Title page: title, subtitle, meta lines and contents.
    flow.y = kMargin + 90;
    flow.need(0);
    text_block(flow, document.title, text_style(24, Weight::bold, kInk, flow.width()), 10);
    if (!document.subtitle.empty()) text_block(flow, document.subtitle, text_style(12, Weight::regular, kMuted, flow.width()), 14);
    for (const auto& line : document.meta_lines) text_block(flow, line, text_style(8.5, Weight::regular, kMuted, flow.width()), 3);
    flow.y += 24;
    text_block(flow, language == Language::nl ? "Inhoud" : "Contents", text_style(12, Weight::bold, kAccent), 6);
    int chapter = 0;
    for (const auto& section : document.sections) {
        if (section.level == 1) ++chapter;
        const std::string entry = section.level == 1 ? fmt::format("{}  {}", chapter, section.title) : "      " + section.title;
        text_block(flow, entry, text_style(section.level == 1 ? 9.5 : 8, Weight::regular, kInk, flow.width()), 2);
    }

    chapter = 0;
    for (const auto& section : document.sections) {
        if (section.level == 1) {
            ++chapter;
            flow.new_page();
        } else {
            flow.need(120);
            flow.y += 8;
        }
        const std::string heading = section.level == 1 ? fmt::format("{}  {}", chapter, section.title) : section.title;
        text_block(flow, heading, text_style(section.level == 1 ? 16 : 11.5, Weight::bold, kAccent, flow.width()), 8);
        for (const auto& block : section.blocks) {
            if (const auto* paragraph = std::get_if<Paragraph>(&block)) {
                text_block(flow, paragraph->text, text_style(9, Weight::regular, kInk, flow.width()), 6);
            } else if (const auto* notes = std::get_if<NoteList>(&block)) {
                for (std::size_t i = 0; i < notes->notes.size(); ++i) {
                    const std::string text = notes->numbered ? fmt::format("[{}] {}", i + 1, notes->notes[i]) : "• " + notes->notes[i];
                    text_block(flow, text, text_style(7.5, Weight::regular, kMuted, flow.width()), 2);
                }
                flow.y += 6;
            } else if (const auto* table = std::get_if<Table>(&block)) {
                draw_table(flow, *table);
            } else if (const auto* figure = std::get_if<Figure>(&block)) {
                auto found = maps.find(figure->id);
                if (found == maps.end()) continue;
                flow.new_page(found->second.page.page);
                render::draw_map_page(canvas, found->second.page, found->second.style);
                flow.mark_map_page();
            }
        }
    }
    flow.finish_page();
    return canvas.finish();
}

}  // namespace regiomap::report
