#include "report/report_job.hpp"

#include "analysis/governance.hpp"
#include "analysis/incongruence.hpp"
#include "analysis/layer_comparison.hpp"
#include "core/error.hpp"
#include "core/number_format.hpp"
#include "core/output.hpp"
#include "core/resources.hpp"
#include "io/geopackage_writer.hpp"
#include "io/store_layers.hpp"
#include "core/worker_threads.hpp"
#include "history/division_changes.hpp"
#include "history/stored_crosswalk.hpp"
#include "initiatives/balance.hpp"
#include "initiatives/initiative_map.hpp"
#include "initiatives/market_leaders.hpp"
#include "layers/layer_queries.hpp"
#include "present/geopackage_layers.hpp"
#include "present/incongruence_text.hpp"
#include "present/initiatives_text.hpp"
#include "present/insurer_basis_text.hpp"
#include "present/layer_comparison_text.hpp"
#include "present/layers_text.hpp"
#include "layers/loader.hpp"
#include "maps/map_job.hpp"
#include "maps/thematic_maps.hpp"
#include "present/proposal_text.hpp"
#include "present/crosswalk_text.hpp"
#include "present/year_changes_text.hpp"
#include "proposal/proposal.hpp"
#include "render/map_page.hpp"
#include "report/html_document.hpp"
#include "report/pdf_document.hpp"
#include "report/proposal_output.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <optional>
#include <set>

namespace regiomap {

namespace {

namespace fs = std::filesystem;
using report::ColumnKind;
using report::Figure;
using report::NoteList;
using report::Paragraph;
using report::Section;
using report::Table;
using report::TableCell;

// The kind a report's GeoPackage is marked with (a later report may replace it).
constexpr const char* kReportKind = "report";

// Only these municipalities' profiles open the report: the insurers' own example.
const std::vector<std::string> kProfileCodes{"GM0345", "GM0153"};  // Veenendaal, Enschede

report::Language report_language(Language language) {
    return language == Language::nl ? report::Language::nl : report::Language::en;
}

// "Zorg en Zekerheid" -> "zorg-en-zekerheid": ids and file names from names.
std::string slug(const std::string& text) {
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c)) {
            out.push_back(static_cast<char>(std::tolower(c)));
        } else if (!out.empty() && out.back() != '-') {
            out.push_back('-');
        }
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out.empty() ? "x" : out;
}

std::string number_for_csv(double value) {
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15) {
        return fmt::format("{}", static_cast<long long>(value));
    }
    return fmt::format("{}", value);
}

std::string csv_of(const Table& table) {
    std::vector<std::string> header;
    for (const auto& column : table.columns) header.push_back(column.heading);
    std::string csv = csv_line(header);
    for (const auto& row : table.rows) {
        std::vector<std::string> cells;
        for (std::size_t c = 0; c < row.size(); ++c) {
            const bool number = table.columns[c].kind == ColumnKind::number;
            cells.push_back(number ? (row[c].sort_key ? number_for_csv(*row[c].sort_key) : "") : row[c].display);
        }
        csv += csv_line(cells);
    }
    return csv;
}

// Maps to draw, one file each: the composing thread adds them, drawing workers take
// them until the queue is closed and empty.
struct MapDrawing {
    std::string file;
    std::size_t section = 0, block = 0;  // where its figure is in the document
    const report::MapFigure* figure = nullptr;
    render::DocumentInfo info;
    std::string svg, png;
};

class MapDrawingQueue {
public:
    struct Task {
        MapDrawing* drawing = nullptr;
        render::OutputKind kind = render::OutputKind::svg;
    };
    // Closes the queue when it goes out of scope, also on an exception, so no worker waits forever.
    class Closer {
    public:
        explicit Closer(MapDrawingQueue& queue) : queue_(queue) {}
        ~Closer() { queue_.close(); }
        Closer(const Closer&) = delete;
        Closer& operator=(const Closer&) = delete;

    private:
        MapDrawingQueue& queue_;
    };

    void add(Task task) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            tasks_.push_back(task);
        }
        ready_.notify_one();
    }
    void close() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            closed_ = true;
        }
        ready_.notify_all();
    }
    // The next task, waiting for one while the queue is open; none once it is closed and empty.
    std::optional<Task> next() {
        std::unique_lock<std::mutex> lock(mutex_);
        ready_.wait(lock, [&] { return closed_ || !tasks_.empty(); });
        if (tasks_.empty()) return std::nullopt;
        const Task task = tasks_.front();
        tasks_.pop_front();
        return task;
    }

private:
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<Task> tasks_;
    bool closed_ = false;
};

// The report's proposals on their own thread. A report that fails before it has waited for
// them (a later step throws) stops their search rather than waiting for it to end.
// The flag lives outside, constructed before the thread starts.
struct ProposalRun {
    ProposalRun(std::atomic<bool>& stop_flag, std::future<std::vector<ProposalOutcome>> started)
        : stop(stop_flag), outcomes(std::move(started)) {}
    ProposalRun(const ProposalRun&) = delete;
    ProposalRun& operator=(const ProposalRun&) = delete;
    ~ProposalRun() {
        stop = true;
        if (outcomes.valid()) outcomes.wait();
    }
    std::atomic<bool>& stop;
    std::future<std::vector<ProposalOutcome>> outcomes;
};

// The report's proposals: as many regions as the zorgkantoor and the GGD divisions.
constexpr std::array<int, 2> kProposedRegionCounts{31, 25};

// Every core draws: worker_threads() caps this at the machine's cores (or REGIOMAP_THREADS).
constexpr std::size_t kAsManyAsCores = 1024;

class ReportBuilder {
public:
    ReportBuilder(const ReportRequest& request, const Store& store, const ProgressSink& progress)
        : request_(request),
          store_(store),
          progress_(progress),
          workspace_(store),
          governance_(workspace_.governance),
          proposals_(stop_proposals_, start_proposals()),
          geometry_(store),
          context_(map_context(store, governance_, geometry_, request.language, MapSize::a4)),
          model_(governance_, request.score_layers),
          scores_(model_.score_all()),
          province_of_(province_of_municipalities(store)) {
        ranked_ = scores_;
        rank_most_fragmented_first(governance_, ranked_);
        for (const auto& layer : request.score_layers) described_layers_.push_back(layer);
        if (governance_.has_division(kWorkStructureLayer)) described_layers_.push_back(kWorkStructureLayer);
    }

    ReportSummary build() {
        std::string pdf;
        // One worker composes the report and then draws the PDF (the longest single task);
        // the others draw each map's SVG and PNG from the moment it is added. The composer
        // helps with the maps left once the PDF is done.
        run_workers(worker_threads(kAsManyAsCores), [&](std::size_t worker) {
            if (worker == 0) {
                {
                    const MapDrawingQueue::Closer no_more_maps(drawing_queue_);
                    compose();
                }
                say(fmt::format("report: drawing {} maps and report.pdf", drawings_.size()));
                pdf = report::render_pdf(document_, pdf_maps_, report_language(request_.language),
                                         map_document_info(store_, document_.title));
            }
            draw_queued_maps();
        });
        collect_drawn_maps();
        return write(pdf);
    }

private:
    // Every section, table and data file; each map is queued for drawing as it is added.
    void compose() {
        say("report: data summary and profiles");
        data_summary();
        profiles();
        say("report: incongruence");
        fragmented();
        say("report: layer comparison");
        comparison();
        say("report: divisions and overlays");
        divisions();
        say("report: what changed between the years");
        changes_between_years();
        say("report: provinces");
        provinces();
        say("report: initiatives, market leaders and balance");
        initiatives_and_leaders();
        say("report: proposals for one division");
        proposals();
        all_municipalities();
        document_.title = tr("Bestuurlijke drukte in de zorgregio's", "Governance fragmentation in the Dutch care regions");
        document_.subtitle = tr("Waar de indelingen van Wlz, Wpg, Jeugdwet en de regionale werkstructuren uiteenlopen",
                                "Where the divisions under the Wlz, Wpg, Jeugdwet and the regional work structures disagree");
        const std::string population_line =
            governance_.population_date.empty()
                ? tr("geen inwonertallen voor dit jaar", "no population figures for this year")
                : fmt::format("{} {}", tr("inwoners per", "population on"), governance_.population_date);
        document_.meta_lines = {fmt::format("{} {}; {}", tr("Indelingsjaar", "Division year"), store_.year(), population_line),
                                store_.attribution(), tr("Gemaakt met regiomap.", "Made with regiomap.")};
        document_.footer = store_.attribution();
    }

    std::string tr(const char* dutch, const char* english) const { return in_language(request_.language, dutch, english); }
    void say(const std::string& line) const {
        if (progress_) progress_(line);
    }
    std::string decimal(double value, int decimals) const { return format_decimal(value, decimals, request_.language); }
    TableCell number(double value, int decimals) const { return TableCell::number(decimal(value, decimals), value); }
    TableCell count(std::int64_t value) const {
        return TableCell::number(format_count(value, request_.language), static_cast<double>(value));
    }
    std::string name(int municipality) const { return governance_.names[municipality]; }
    std::string province(int municipality) const {
        auto found = province_of_.find(governance_.codes[municipality]);
        return found == province_of_.end() ? "" : found->second;
    }
    std::string region_name(const std::string& layer, int municipality) const {
        const Division& division = governance_.division(layer);
        const int region = division.region_of[municipality];
        return region < 0 ? "–" : division.region_names[region];
    }
    std::string verdict_of(InsurerMismatch mismatch) const {
        switch (mismatch) {
            case InsurerMismatch::yes: return tr("ja", "yes");
            case InsurerMismatch::no: return tr("nee", "no");
            case InsurerMismatch::unknown: return tr("onbekend", "unknown");
        }
        return "";
    }

    Section& section(const std::string& id, const std::string& title, int level = 1) {
        Section s;
        s.id = id;
        s.title = title;
        s.level = level;
        s.new_page_in_print = level == 1;
        document_.sections.push_back(std::move(s));
        return document_.sections.back();
    }

    void add_table(Section& section, Table table, const std::string& file_name) {
        table.id = "tabel-" + file_name;
        data_files_.emplace_back("data/" + file_name + ".csv", csv_of(table));
        section.blocks.emplace_back(std::move(table));
        ++tables_;
    }

    // The map as PNG and SVG in maps/, inline in the page (with tooltips on municipalities
    // when `hotspots`), and as a page of the PDF. The background workers start drawing its
    // SVG and PNG at once, while the rest of the report is composed.
    void add_map(Section& section, const std::string& id, const std::string& caption, render::MapPage page,
                 MapKind kind, bool hotspots) {
        const render::MapStyle& style = style_of(kind);
        Figure figure;
        figure.id = "kaart-" + id;
        figure.caption = caption;
        if (hotspots) figure.hotspots = hotspots_of(page);
        const std::size_t block = section.blocks.size();
        section.blocks.emplace_back(std::move(figure));
        // A map's element keeps its address while later maps are added, so workers may draw from it.
        const auto [placed, added] = pdf_maps_.emplace("kaart-" + id, report::MapFigure{std::move(page), style});
        if (!added) throw Error("the report has two maps with the id " + id);
        MapDrawing& drawing = drawings_.emplace_back();
        drawing.file = id;
        drawing.section = static_cast<std::size_t>(&section - document_.sections.data());
        drawing.block = block;
        drawing.figure = &placed->second;
        drawing.info = map_document_info(store_, placed->second.page.title);
        drawing_queue_.add({&drawing, render::OutputKind::png});
        drawing_queue_.add({&drawing, render::OutputKind::svg});
        ++maps_;
    }

    // Draws queued maps until the queue is closed and empty.
    void draw_queued_maps() {
        while (const auto task = drawing_queue_.next()) {
            MapDrawing& drawing = *task->drawing;
            const report::MapFigure& figure = *drawing.figure;
            if (task->kind == render::OutputKind::svg) {
                drawing.svg = render::render_map(figure.page, figure.style, render::OutputKind::svg, 72, drawing.info);
            } else {
                drawing.png = render::render_map(figure.page, figure.style, render::OutputKind::png, 150, drawing.info);
            }
        }
    }

    // The drawn maps into the HTML figures and maps/, in the order they were added.
    void collect_drawn_maps() {
        for (MapDrawing& drawing : drawings_) {
            std::get<Figure>(document_.sections[drawing.section].blocks[drawing.block]).svg = drawing.svg;
            map_files_.emplace_back("maps/" + drawing.file + ".svg", std::move(drawing.svg));
            map_files_.emplace_back("maps/" + drawing.file + ".png", std::move(drawing.png));
        }
    }

    const render::MapStyle& style_of(MapKind kind) {
        auto found = styles_.find(kind);
        if (found != styles_.end()) return found->second;
        return styles_.emplace(kind, render::read_style(default_style_file(kind))).first->second;
    }

    // Per municipality of the first panel: its outline on the page and what its tooltip says.
    std::vector<report::Hotspot> hotspots_of(const render::MapPage& page) {
        render::Canvas measuring(render::OutputKind::svg, page.page, 72, {});
        const auto placements = render::place_panels(page, measuring);
        const auto& transform = placements.at(0).transform;
        std::vector<report::Hotspot> hotspots;
        auto features = page.panels.at(0).sources.find("municipalities");
        if (features == page.panels.at(0).sources.end()) return hotspots;
        for (const auto& feature : features->second) {
            if (!feature.in_focus) continue;
            auto index = governance_.index_of.find(feature.id);
            if (index == governance_.index_of.end()) continue;
            const int m = index->second;
            report::Hotspot hotspot;
            for (const auto& polygon : feature.shape) {
                for (const auto& ring : polygon.rings) {
                    report::SvgRing page_ring;
                    for (const auto& point : ring) {
                        const auto p = transform.to_page(point);
                        if (!page_ring.empty() && std::hypot(p.x - page_ring.back().x, p.y - page_ring.back().y) < 1.5) continue;
                        page_ring.push_back({std::round(p.x * 10) / 10, std::round(p.y * 10) / 10});
                    }
                    if (page_ring.size() >= 3) hotspot.rings.push_back(std::move(page_ring));
                }
            }
            const IncongruenceScore& score = scores_[m];
            hotspot.tooltip_lines.push_back(name(m));
            hotspot.tooltip_lines.push_back(fmt::format("{}: {}", tr("provincie", "province"), province(m)));
            for (const auto& layer : described_layers_) {
                hotspot.tooltip_lines.push_back(fmt::format("{}: {}", sentence_start(layer_title(context_, layer)), region_name(layer, m)));
            }
            hotspot.tooltip_lines.push_back(fmt::format("C = {} · T = {}", decimal(score.congruence, 3), score.tables));
            hotspots.push_back(std::move(hotspot));
        }
        return hotspots;
    }

    void data_summary() {
        Section& s = section("gegevens", tr("De gegevens", "The data"));
        const int without = governance_.municipalities_without_population();
        std::string population;
        if (governance_.population_date.empty()) {
            population = fmt::format(fmt::runtime(tr("gemeenten; voor {} zijn geen inwonertallen gevonden (geef een eigen "
                                                     "tabel: regiomap load --population {}=BESTAND)",
                                                     "municipalities; no population figures were found for {} (give "
                                                     "your own table: regiomap load --population {}=FILE)")),
                                     governance_.division_year, governance_.division_year);
        } else {
            population = fmt::format("{} {} {} {}", tr("gemeenten met samen", "municipalities with together"),
                                     format_count(governance_.total_population(), request_.language),
                                     tr("inwoners op", "inhabitants on"), governance_.population_date);
            if (without > 0) {
                population += fmt::format(fmt::runtime(tr(" ({} gemeenten zonder inwonertal)",
                                                          " ({} municipalities without a figure)")),
                                          without);
            }
        }
        s.blocks.emplace_back(Paragraph{fmt::format(
            "{} {}. {}", governance_.codes.size(), population,
            tr("Elke gemeente valt in elke indeling in één regio; de tabel noemt per indeling het jaar, het aantal regio's en "
               "hoe de indeling is vastgesteld.",
               "Every municipality lies in one region of each division; the table gives each division's year, number of "
               "regions and how its memberships were established."))});
        Table table;
        table.caption = tr("Indelingen in dit rapport", "Divisions in this report");
        table.columns = {{tr("laag", "layer"), ColumnKind::text},         {tr("indeling", "division"), ColumnKind::text},
                         {tr("jaar", "year"), ColumnKind::number},        {tr("regio's", "regions"), ColumnKind::number},
                         {tr("gemeenten", "municipalities"), ColumnKind::number},
                         {tr("gepubliceerd", "published"), ColumnKind::number},
                         {tr("standaard", "default"), ColumnKind::number}, {tr("bron", "source"), ColumnKind::text}};
        NoteList missing;
        missing.numbered = false;
        for (const auto& layer : context_.layers) {
            const bool table_layer = layer.given_as != "boundaries";
            table.rows.push_back({TableCell::text(layer.id), TableCell::text(sentence_start(layer_title(context_, layer.id))),
                                  TableCell::number(std::to_string(layer.year), layer.year), count(layer.region_count),
                                  count(layer.municipalities_covered),
                                  table_layer ? count(layer.published_count) : TableCell::no_value("–"),
                                  table_layer ? count(layer.default_count) : TableCell::no_value("–"),
                                  TableCell::text(layer.source)});
            if (!layer.region_count_note.empty()) missing.notes.push_back(layer.id + ": " + layer.region_count_note);
            if (table_layer && layer.default_count > 0) {
                missing.notes.push_back(fmt::format(
                    fmt::runtime(tr("{}: {} van de {} gemeenten staan in een gepubliceerde regio; de andere {} volgen de {}-indeling "
                       "(gemarkeerd als standaard, niet als gepubliceerd).",
                       "{}: {} of {} municipalities are in a published region; the other {} follow the {} division "
                       "(marked default, not published).")),
                    layer.id, layer.published_count, layer.municipalities_covered, layer.default_count, layer.default_layer));
            }
        }
        add_table(s, std::move(table), "indelingen");
        int published_largest = 0;
        std::vector<std::string> published_names;
        for (std::size_t m = 0; m < governance_.codes.size(); ++m) {
            const auto& fact = governance_.largest_insurer[m];
            if (!fact.concern.empty() && !fact.by_zorgkantoor_rule) {
                ++published_largest;
                published_names.push_back(governance_.names[m]);
            }
        }
        if (!governance_.zorgkantoor_insurer.empty()) {
            const auto& zk = governance_.zorgkantoor_insurer.front();
            missing.notes.push_back(fmt::format(fmt::runtime(tr("Zorgkantoor-uitvoerders: aanwijzing {} (de laatst gevonden), vertaald naar de concerns van nu.",
                                                   "Zorgkantoor insurers: designation {} (the latest found), mapped to today's concerns.")),
                                                zk.year));
        }
        missing.notes.push_back(fmt::format(
            fmt::runtime(tr("Grootste zorgverzekeraar per gemeente: gepubliceerd voor {} gemeenten ({}); elders geldt de marktleider van "
               "de zorgkantoorregio (zorgkantoorregel). Eigen cijfers: --largest-insurer of --market-shares.",
               "Largest insurer per municipality: published for {} municipalities ({}); elsewhere the market leader of the "
               "zorgkantoor region (zorgkantoor rule). Your own figures: --largest-insurer or --market-shares.")),
            published_largest, fmt::join(published_names, ", ")));
        s.blocks.emplace_back(Paragraph{tr("Wat ontbreekt en waarom:", "What is missing and why:")});
        s.blocks.emplace_back(std::move(missing));
    }

    void profiles() {
        Section& s = section("profielen", tr("Veenendaal en Enschede", "Veenendaal and Enschede"));
        std::vector<int> municipalities;
        for (const auto& code : kProfileCodes) {
            auto found = governance_.index_of.find(code);
            if (found != governance_.index_of.end()) municipalities.push_back(found->second);
        }
        if (municipalities.empty()) {
            s.blocks.emplace_back(Paragraph{tr("Veenendaal en Enschede komen in deze gegevens niet voor.",
                                               "Veenendaal and Enschede are not in this data.")});
            return;
        }
        s.blocks.emplace_back(Paragraph{tr(
            "Het voorbeeld van de verzekeraars: Veenendaal zit aan veel verschillende tafels, Enschede overal aan dezelfde.",
            "The insurers' own example: Veenendaal sits at many different tables, Enschede at the same one everywhere.")});
        Table table;
        table.caption = tr("Profiel per gemeente", "Profile per municipality");
        table.columns.push_back({tr("onderdeel", "aspect"), ColumnKind::text});
        for (int m : municipalities) table.columns.push_back({name(m), ColumnKind::text});
        auto row = [&](const std::string& label, const std::function<std::string(int)>& cell) {
            std::vector<TableCell> cells{TableCell::text(label)};
            for (int m : municipalities) cells.push_back(TableCell::text(cell(m)));
            table.rows.push_back(std::move(cells));
        };
        auto fact_text = [&](const InsurerFact& fact) {
            return fact.concern.empty() ? tr("onbekend", "unknown") : fmt::format("{} ({})", fact.concern, fact.year);
        };
        row(tr("grootste verzekeraar", "largest insurer"), [&](int m) { return fact_text(governance_.largest_insurer[m]); });
        for (const auto& layer : described_layers_) {
            row(sentence_start(layer_title(context_, layer)), [&](int m) { return region_name(layer, m); });
        }
        row(tr("zorgkantoor-uitvoerder", "zorgkantoor insurer"), [&](int m) { return fact_text(governance_.zorgkantoor_insurer[m]); });
        row("C", [&](int m) { return decimal(scores_[m].congruence, 3); });
        row(tr("T (tafels)", "T (tables)"), [&](int m) { return std::to_string(scores_[m].tables); });
        row(tr("P (partijen)", "P (parties)"), [&](int m) { return std::to_string(scores_[m].parties); });
        row(tr("verzekeraar wijkt af", "insurer mismatch"), [&](int m) { return verdict_of(scores_[m].insurer_mismatch); });
        add_table(s, std::move(table), "profielen");
        std::vector<IncongruenceScore> chosen;
        for (int m : municipalities) chosen.push_back(scores_[m]);
        MapContext landscape = context_;
        add_map(s, "profiel-veenendaal-enschede",
                tr("Regio's per wet van Veenendaal en Enschede", "Regions per law of Veenendaal and Enschede"),
                profile_map(landscape, municipalities, described_layers_, chosen, style_of(MapKind::profile)),
                MapKind::profile, false);
    }

    void fragmented() {
        Section& s = section("versnippering", tr("De meest versnipperde gemeenten", "The most fragmented municipalities"));
        const auto summary = summarize(governance_, scores_);
        s.blocks.emplace_back(Paragraph{fmt::format(
            fmt::runtime(tr("Gemiddelde congruentie C = {} (naar inwoners gewogen {}); {} gemeenten zijn volledig congruent (C = 1, één "
               "tafel). Gescoord over: {}.",
               "Mean congruence C = {} (weighted by population {}); {} municipalities are fully congruent (C = 1, one "
               "table). Scored over: {}.")),
            decimal(summary.mean_congruence, 3),
            summary.population_weighted_congruence ? decimal(*summary.population_weighted_congruence, 3)
                                                   : tr("onbekend: niet elke gemeente heeft een inwonertal",
                                                        "unknown: not every municipality has a population figure"),
            summary.fully_congruent, fmt::join(request_.score_layers, ", "))});
        Table table;
        table.caption = tr("De 20 meest versnipperde gemeenten", "The 20 most fragmented municipalities");
        table.columns = {{"#", ColumnKind::number},
                         {tr("gemeente", "municipality"), ColumnKind::text},
                         {tr("provincie", "province"), ColumnKind::text},
                         {"C", ColumnKind::number},
                         {"T", ColumnKind::number},
                         {"P", ColumnKind::number},
                         {"U", ColumnKind::number},
                         {"I", ColumnKind::number},
                         {tr("verzekeraar wijkt af", "insurer mismatch"), ColumnKind::text}};
        for (std::size_t i = 0; i < ranked_.size() && i < 20; ++i) {
            const auto& score = ranked_[i];
            table.rows.push_back({count(static_cast<std::int64_t>(i + 1)), TableCell::text(name(score.municipality)),
                                  TableCell::text(province(score.municipality)), number(score.congruence, 3),
                                  count(score.tables), count(score.parties), count(score.partners_any),
                                  count(score.partners_all), TableCell::text(verdict_of(score.insurer_mismatch))});
        }
        add_table(s, std::move(table), "meest-versnipperd");
        s.blocks.emplace_back(NoteList{{tr("U: partnergemeenten in minstens één regio; I: in elke regio; C = I/U; T: "
                                           "verschillende tafels; P: partijen (gemeenten, verzekeraars, GGD's). "
                                           "Definities: docs/METRICS.md.",
                                           "U: partner municipalities in at least one region; I: in every region; C = "
                                           "I/U; T: different tables; P: parties (municipalities, insurers, GGDs). "
                                           "Definitions: docs/METRICS.md.")},
                                        false});
        data_files_.emplace_back("data/incongruentie-alle-gemeenten.csv",
                                 format_incongruence(model_, ranked_, summary, 0, OutputFormat::csv));
        add_map(s, "incongruentie", tr("Congruentie per gemeente (beweeg over een gemeente voor de details)",
                                       "Congruence per municipality (hover over a municipality for details)"),
                incongruence_map(context_, scores_, request_.score_layers, style_of(MapKind::incongruence)),
                MapKind::incongruence, true);
    }

    void comparison() {
        Section& s = section("vergelijking", tr("De indelingen vergeleken", "The divisions compared"));
        std::vector<std::string> layers = described_layers_;
        for (const std::string extra : {"veiligheidsregio", "provincie"}) {
            if (governance_.has_division(extra)) layers.push_back(extra);
        }
        s.blocks.emplace_back(Paragraph{tr(
            "Gecorrigeerde Rand-index (ARI) per paar indelingen: 1 is dezelfde indeling, 0 niet meer overeenkomst dan toeval.",
            "Adjusted Rand index (ARI) per pair of divisions: 1 is the same division, 0 no more agreement than chance.")});
        Table matrix;
        matrix.caption = tr("ARI tussen de indelingen", "ARI between the divisions");
        matrix.columns.push_back({tr("indeling", "division"), ColumnKind::text});
        for (const auto& b : layers) matrix.columns.push_back({b, ColumnKind::number});
        std::map<std::pair<std::string, std::string>, LayerComparison> comparisons;
        for (const auto& a : layers) {
            std::vector<TableCell> row{TableCell::text(a)};
            for (const auto& b : layers) {
                if (a == b) {
                    row.push_back(number(1.0, 2));
                    continue;
                }
                auto key = std::minmax(a, b);
                auto found = comparisons.find({key.first, key.second});
                if (found == comparisons.end()) {
                    found = comparisons.emplace(std::pair{key.first, key.second},
                                                compare_layers(governance_, governance_.division(key.first),
                                                               governance_.division(key.second), Weight::count))
                                .first;
                }
                row.push_back(number(found->second.adjusted_rand, 2));
            }
            matrix.rows.push_back(std::move(row));
        }
        add_table(s, std::move(matrix), "ari");
        data_files_.emplace_back("data/indelingen-vergeleken.csv",
                                 format_layer_comparisons(governance_, layers, Weight::count,
                                                          compare_all_layers(governance_, layers, Weight::count), OutputFormat::csv));

        // Every split region of the scored layers, naming the municipalities in each part.
        for (std::size_t i = 0; i < described_layers_.size(); ++i) {
            for (std::size_t j = 0; j < described_layers_.size(); ++j) {
                if (i == j) continue;
                const std::string& a = described_layers_[i];
                const std::string& b = described_layers_[j];
                auto key = std::minmax(a, b);
                const LayerComparison& c = comparisons.at({key.first, key.second});
                const auto& splits = c.layer_a == a ? c.a_split_over_b : c.b_split_over_a;
                if (splits.empty()) continue;
                const Division& divided = governance_.division(a);
                const Division& over = governance_.division(b);
                Section& sub = section("splitsingen-" + a + "-" + b,
                                       fmt::format("{} {} {}", sentence_start(layer_title(context_, a)), tr("gesplitst door", "split by"),
                                                   layer_title(context_, b)),
                                       2);
                Table table;
                table.columns = {{tr("regio", "region"), ColumnKind::text},
                                 {tr("delen", "parts"), ColumnKind::number},
                                 {fmt::format("{} {}", tr("deel in", "part in"), b), ColumnKind::text},
                                 {tr("gemeenten", "municipalities"), ColumnKind::text}};
                for (const auto& split : splits) {
                    for (std::size_t p = 0; p < split.parts.size(); ++p) {
                        const auto& part = split.parts[p];
                        std::vector<std::string> names;
                        for (int m : part.members) names.push_back(name(m));
                        table.rows.push_back({TableCell::text(p == 0 ? divided.region_names[split.region] : ""),
                                              p == 0 ? count(static_cast<std::int64_t>(split.parts.size())) : TableCell::no_value(""),
                                              TableCell::text(over.region_names[part.region]),
                                              TableCell::text(fmt::format("{}", fmt::join(names, ", ")))});
                    }
                }
                add_table(sub, std::move(table), "splitsingen-" + a + "-" + b);
            }
        }
    }

    void divisions() {
        Section& s = section("indelingen", tr("De indelingen op de kaart", "The divisions on the map"));
        for (const auto& layer : context_.layers) {
            if (!governance_.has_division(layer.id)) continue;
            add_map(s, "regio-" + layer.id, sentence_start(layer_title(context_, layer.id)), regions_map(context_, layer.id),
                    MapKind::regions, false);
        }
        Section& overlays = section("overlays", tr("Indelingen over elkaar", "Divisions over each other"));
        for (const auto& [a, b] : std::vector<std::pair<std::string, std::string>>{{kZorgkantoorLayer, kGgdLayer},
                                                                                   {"jeugdregio", kGgdLayer}}) {
            if (!governance_.has_division(a) || !governance_.has_division(b)) continue;
            add_map(overlays, "overlay-" + a + "-" + b,
                    fmt::format("{} {} {}", sentence_start(layer_title(context_, a)), tr("met de grenzen van", "with the borders of"),
                                layer_title(context_, b)),
                    overlay_map(context_, a, b), MapKind::overlay, false);
        }
    }

    void provinces() {
        if (!governance_.has_division(kProvinceLayer)) return;
        section("provincies", tr("Per provincie", "Per province"))
            .blocks.emplace_back(Paragraph{tr("Per provincie de congruentie van haar gemeenten en hun regio's.",
                                              "Per province the congruence of its municipalities and their regions.")});
        const Division& provinces = governance_.division(kProvinceLayer);
        for (std::size_t p = 0; p < provinces.region_codes.size(); ++p) {
            Section& s = section("provincie-" + slug(provinces.region_names[p]), provinces.region_names[p], 2);
            s.new_page_in_print = true;
            MapContext focused = context_;
            focused.focus = find_focus(governance_, geometry_, workspace_.names, provinces.region_codes[p]);
            add_map(s, "provincie-" + slug(provinces.region_names[p]), provinces.region_names[p],
                    incongruence_map(focused, scores_, request_.score_layers, style_of(MapKind::incongruence)),
                    MapKind::incongruence, true);
            Table table;
            table.columns = {{tr("gemeente", "municipality"), ColumnKind::text}, {"C", ColumnKind::number},
                             {"T", ColumnKind::number}, {"P", ColumnKind::number}};
            for (const auto& layer : request_.score_layers) table.columns.push_back({layer, ColumnKind::text});
            std::vector<int> members = provinces.members[p];
            std::sort(members.begin(), members.end(), [&](int x, int y) {
                return scores_[x].congruence != scores_[y].congruence ? scores_[x].congruence < scores_[y].congruence
                                                                      : name(x) < name(y);
            });
            for (int m : members) {
                std::vector<TableCell> row{TableCell::text(name(m)), number(scores_[m].congruence, 3),
                                           count(scores_[m].tables), count(scores_[m].parties)};
                for (const auto& layer : request_.score_layers) row.push_back(TableCell::text(region_name(layer, m)));
                table.rows.push_back(std::move(row));
            }
            add_table(s, std::move(table), "provincie-" + slug(provinces.region_names[p]));
        }
    }

    void initiatives_and_leaders() {
        Section& s = section("initiatieven", tr("Initiatieven per regio", "Initiatives per region"));
        std::vector<LocatedInitiative> located;
        Register register_;
        if (request_.register_file.empty()) {
            s.blocks.emplace_back(Paragraph{tr("Geen register van initiatieven opgegeven (--register).",
                                               "No initiative register given (--register).")});
        } else {
            register_ = workspace_.read(request_.register_file);
            located = workspace_.locate(register_);
            s.blocks.emplace_back(Paragraph{fmt::format("{} {}: {}.", located.size(), tr("initiatieven uit", "initiatives from"),
                                                        request_.register_file.filename().string())});
            const Division& zk = governance_.division(kZorgkantoorLayer);
            std::vector<int> per_region(zk.region_codes.size(), 0);
            Table list;
            list.caption = tr("De initiatieven", "The initiatives");
            list.columns = {{tr("initiatief", "initiative"), ColumnKind::text},
                            {tr("werkgebied zoals gepubliceerd", "area as published"), ColumnKind::text},
                            {tr("gemeenten", "municipalities"), ColumnKind::number},
                            {tr("zorgkantoorregio's", "zorgkantoor regions"), ColumnKind::number}};
            for (const auto& item : located) {
                const auto touched = regions_touched(governance_, zk, item.resolution.municipalities);
                for (const auto& share : touched) ++per_region[share.region];
                list.rows.push_back({TableCell::text(item.entry->name), TableCell::text(item.entry->location),
                                     count(static_cast<std::int64_t>(item.resolution.municipalities.size())),
                                     count(static_cast<std::int64_t>(touched.size()))});
            }
            add_table(s, std::move(list), "initiatieven");
            Table regions;
            regions.caption = tr("Initiatieven per zorgkantoorregio", "Initiatives per zorgkantoor region");
            regions.columns = {{tr("regio", "region"), ColumnKind::text}, {tr("initiatieven", "initiatives"), ColumnKind::number}};
            for (std::size_t r = 0; r < zk.region_codes.size(); ++r) {
                regions.rows.push_back({TableCell::text(zk.region_names[r]), count(per_region[r])});
            }
            add_table(s, std::move(regions), "initiatieven-per-regio");
            data_files_.emplace_back("data/initiatieven-per-regio-alle-lagen.csv",
                                     format_initiative_map(governance_,
                                                           map_initiatives(governance_, located, described_layers_, false),
                                                           OutputFormat::csv));
            add_map(s, "initiatieven", tr("Initiatieven en hun werkgebied", "Initiatives and the area they cover"),
                    initiatives_map(context_, located, kZorgkantoorLayer, style_of(MapKind::initiatives)),
                    MapKind::initiatives, false);
        }

        Section& leaders_section = section("marktleiders", tr("Marktleiders en evenwichtige spreiding",
                                                               "Market leaders and balanced distribution"));
        const MarketLeaders leaders = market_leaders(governance_, kZorgkantoorLayer);
        leaders_section.blocks.emplace_back(
            Paragraph{fmt::format("{}: {}.", tr("Basis", "Basis"), market_leaders_basis_text(leaders))});
        const Division& zk = governance_.division(kZorgkantoorLayer);
        Table table;
        table.caption = tr("Marktleider per zorgkantoorregio", "Market leader per zorgkantoor region");
        table.columns = {{tr("regio", "region"), ColumnKind::text}, {tr("marktleider", "market leader"), ColumnKind::text},
                         {tr("jaar", "year"), ColumnKind::text}};
        for (const auto& leader : leaders.regions) {
            table.rows.push_back({TableCell::text(zk.region_names[leader.region]),
                                  TableCell::text(leader.concern.empty() ? tr("onbekend", "unknown") : leader.concern),
                                  TableCell::text(leader_year_text(leader))});
        }
        add_table(leaders_section, std::move(table), "marktleiders");
        data_files_.emplace_back("data/marktleiders.csv", format_market_leaders(governance_, leaders, OutputFormat::csv));
        add_map(leaders_section, "marktleiders", tr("Marktleider per zorgkantoorregio", "Market leader per zorgkantoor region"),
                leaders_map(context_, leaders, style_of(MapKind::leaders)), MapKind::leaders, false);
        if (located.empty()) return;
        for (const auto& [concern, regions_led] : leaders.regions_led) {
            // With one or two leader regions there is no spread to judge.
            if (regions_led < 3) continue;
            const BalanceResult balance = check_balance(governance_, leaders, located, concern, BalanceOptions{});
            Section& sub = section("spreiding-" + slug(concern), fmt::format("{} {}", tr("Spreiding bij", "Distribution for"), concern), 2);
            sub.blocks.emplace_back(Paragraph{fmt::format("{}: {}", tr("Oordeel", "Verdict"), balance_verdict_text(balance, leaders.division))});
            Table tally;
            tally.columns = {{tr("regio", "region"), ColumnKind::text}, {tr("waargenomen", "observed"), ColumnKind::number},
                             {tr("verwacht", "expected"), ColumnKind::number}};
            for (const auto& region : balance.regions) {
                tally.rows.push_back({TableCell::text(zk.region_names[region.region]), number(region.observed, 1),
                                      number(region.expected, 2)});
            }
            add_table(sub, std::move(tally), "spreiding-" + slug(concern));
            add_map(sub, "spreiding-" + slug(concern), fmt::format("{} {}", tr("Waargenomen tegen verwacht:", "Observed against expected:"), concern),
                    balance_map(context_, leaders, balance, style_of(MapKind::balance)), MapKind::balance, false);
        }
    }

    // Proposals for K = 31 (the zorgkantoor count) and K = 25 (the GGD count), with a
    // shorter search than regiomap propose's default, so the report stays quick.
    // The proposals are the longest step of composing and need only the governance, the names
    // and the adjacency: they start on their own thread as soon as the governance is read (while
    // the maps' geometry is still being prepared on this one), and proposals() waits for them.
    std::future<std::vector<ProposalOutcome>> start_proposals() {
        if (governance_.municipalities_without_population() > 0) return {};
        return std::async(std::launch::async, [this, adjacency = store_.adjacency()] {
            std::vector<ProposalOutcome> outcomes;
            for (int regions : kProposedRegionCounts) {
                ProposalOptions options;
                options.regions = regions;
                options.iterations = 300'000;
                options.restarts = 4;
                options.stop = &stop_proposals_;
                outcomes.push_back(propose(governance_, workspace_.names, adjacency, options, request_.score_layers));
            }
            return outcomes;
        });
    }

    void proposals() {
        Section& s = section("voorstellen", tr("Voorstellen voor één indeling", "Proposals for one division"));
        s.blocks.emplace_back(Paragraph{tr(
            "regiomap stelt samenhangende regio's voor die zo goed mogelijk overeenkomen met de zorgkantoor-, GGD- en "
            "jeugdregio's (gemiddelde aangepaste Rand-index, elk gewicht 1), elk met 0,5 tot 2 maal het gemiddelde "
            "inwonertal. Regio's hangen samen over gedeelde grenzen en de veerverbindingen; Schiermonnikoogs veer "
            "vaart naar Lauwersoog (Het Hogeland), zodat het eiland bij een Groningse regio komt. Hier met een korte "
            "zoektocht (regiomap propose --regions K --iterations 300000 --restarts 4 geeft precies dit voorstel; "
            "zonder die opties zoekt regiomap langer).",
            "regiomap proposes contiguous regions that agree as well as possible with the zorgkantoor, GGD and youth-care "
            "regions (mean adjusted Rand index, each weight 1), each with 0.5 to 2 times the mean population. Regions "
            "connect over shared borders and the ferry links; Schiermonnikoog's ferry sails to Lauwersoog (Het "
            "Hogeland), so the island joins a Groningen region. Here with a short search (regiomap propose --regions K "
            "--iterations 300000 --restarts 4 gives exactly this proposal; without those options it searches longer).")});
        if (const int without = governance_.municipalities_without_population(); without > 0) {
            s.blocks.emplace_back(Paragraph{fmt::format(
                fmt::runtime(tr("Geen voorstellen voor {}: {} van de {} gemeenten hebben geen inwonertal, en de "
                                "inwonergrenzen hebben er een nodig voor elke gemeente. Maak het rapport voor een jaar "
                                "met inwonertallen (--year {}) of geef een eigen tabel (regiomap load --population "
                                "{}=BESTAND).",
                                "No proposals for {}: {} of the {} municipalities have no population figure, and the "
                                "population bounds need one for every municipality. Make the report for a year with "
                                "figures (--year {}) or give your own table (regiomap load --population {}=FILE).")),
                governance_.division_year, without, governance_.codes.size(), latest_year_with_population(),
                governance_.division_year)});
            return;
        }
        std::vector<ProposalOutcome> outcomes = proposals_.outcomes.get();
        for (std::size_t p = 0; p < kProposedRegionCounts.size(); ++p) {
            const int regions = kProposedRegionCounts[p];
            ProposalOutcome& outcome = outcomes[p];
            const std::string id = fmt::format("voorstel-{}", regions);
            Section& sub = section(id, fmt::format("{} {}", regions, tr("regio's", "regions")), 2);
            if (outcome.infeasible) {
                sub.blocks.emplace_back(Paragraph{describe_infeasibility(governance_, outcome.proposal, *outcome.infeasible)});
                continue;
            }
            Proposal& proposal = outcome.proposal;
            const ProposedRegion* smallest = &proposal.proposed[proposal.smallest_region];
            const ProposedRegion* largest = &proposal.proposed[proposal.largest_region];
            sub.blocks.emplace_back(Paragraph{fmt::format(
                "{} {}. {} {} ({} {}), {} {} ({} {}).",
                tr("Gemiddelde aangepaste Rand-index met de drie indelingen:", "Mean adjusted Rand index to the three divisions:"),
                decimal(proposal.mean_adjusted_rand, 4), tr("Kleinste regio", "Smallest region"), smallest->name,
                format_count(smallest->population, request_.language), tr("inwoners", "inhabitants"),
                tr("grootste", "largest"), largest->name, format_count(largest->population, request_.language),
                tr("inwoners", "inhabitants"))});
            Table impact;
            impact.caption = tr("Wat elke indeling zou veranderen om het voorstel over te nemen",
                                "What each division would change to adopt the proposal");
            impact.columns = {{tr("indeling", "division"), ColumnKind::text}, {"ARI", ColumnKind::number},
                              {tr("gemeenten die wisselen", "municipalities moving"), ColumnKind::number},
                              {tr("gem. C nu", "mean C now"), ColumnKind::number},
                              {tr("gem. C daarna", "mean C after"), ColumnKind::number}};
            for (const auto& division : proposal.impacts) {
                impact.rows.push_back(
                    {TableCell::text(sentence_start(layer_title(context_, division.layer_id))), number(division.adjusted_rand, 3),
                     count(static_cast<std::int64_t>(division.changes.size())),
                     division.mean_congruence_before ? number(*division.mean_congruence_before, 3) : TableCell::text("–"),
                     division.mean_congruence_after ? number(*division.mean_congruence_after, 3) : TableCell::text("–")});
            }
            add_table(sub, std::move(impact), id + "-indelingen");
            add_map(sub, id, fmt::format("{} {}", tr("Voorstel met de grenzen van", "Proposal with the borders of"),
                                         layer_title(context_, kZorgkantoorLayer)),
                    proposal_map_page(store_, governance_, geometry_, proposal, kZorgkantoorLayer, request_.language,
                                      "voorstel-" + std::to_string(regions)),
                    MapKind::overlay, false);
            const Division& zorgkantoor = governance_.division(kZorgkantoorLayer);
            Table changes;
            changes.caption = tr("Gemeenten die van zorgkantoorregio zouden wisselen",
                                 "Municipalities that would change zorgkantoor region");
            changes.columns = {{tr("gemeente", "municipality"), ColumnKind::text}, {tr("nu", "now"), ColumnKind::text},
                               {tr("dan", "then"), ColumnKind::text}, {tr("voorstel", "proposal"), ColumnKind::text}};
            for (const auto& impact_row : proposal.impacts) {
                if (impact_row.layer_id != kZorgkantoorLayer) continue;
                for (const auto& change : impact_row.changes) {
                    changes.rows.push_back({TableCell::text(name(change.municipality)),
                                            TableCell::text(zorgkantoor.region_names[change.from_region]),
                                            TableCell::text(change.to_region < 0 ? "–" : zorgkantoor.region_names[change.to_region]),
                                            TableCell::text(proposal.proposed[change.proposed_region].name)});
                }
            }
            add_table(sub, std::move(changes), id + "-wissels-zorgkantoor");
            data_files_.emplace_back("data/" + id + "-gemeenten.csv", proposal_memberships_csv(governance_, proposal));
        }
    }

    // For the advice when this year has no figures: the latest year that has them (the bundled 2020).
    int latest_year_with_population() const {
        const std::vector<int> years = store_.years();
        for (auto year = years.rbegin(); year != years.rend(); ++year) {
            if (!store_.at_year(*year).population_date().empty()) return *year;
        }
        return years.back();
    }

    // The years the "what changed" section compares: the report's year with the latest later year
    // that has every scored layer, else the earliest earlier year that has them; none when the
    // store holds no other year with those divisions.
    std::optional<std::pair<int, int>> years_compared() const {
        auto has_scored_layers = [&](int year) {
            const auto layers = store_.at_year(year).layers();
            return std::all_of(request_.score_layers.begin(), request_.score_layers.end(), [&](const std::string& id) {
                return std::any_of(layers.begin(), layers.end(), [&](const LayerRecord& layer) { return layer.id == id; });
            });
        };
        const std::vector<int> years = store_.years();  // oldest first
        for (auto later = years.rbegin(); later != years.rend() && *later > store_.year(); ++later) {
            if (has_scored_layers(*later)) return std::pair{store_.year(), *later};
        }
        for (int earlier : years) {
            if (earlier < store_.year() && has_scored_layers(earlier)) return std::pair{earlier, store_.year()};
        }
        return std::nullopt;
    }

    // How the divisions and the incongruence changed between two loaded years, after the crosswalk.
    void changes_between_years() {
        const auto years = years_compared();
        if (!years) {
            Section& s = section("veranderingen", tr("Wat veranderde er", "What changed"));
            s.blocks.emplace_back(Paragraph{tr(
                "De store bevat geen tweede jaar met dezelfde indelingen; er valt niets te vergelijken.",
                "The store holds no other year with the same divisions; there is nothing to compare.")});
            return;
        }
        const auto [from, to] = *years;
        Section& s = section("veranderingen", fmt::format(fmt::runtime(tr("Wat veranderde er sinds {}", "What changed since {}")), from));
        const Store other_store = store_.at_year(from == store_.year() ? to : from);
        const Governance other = read_governance(other_store);
        const Governance& before = from == store_.year() ? governance_ : other;
        const Governance& after = from == store_.year() ? other : governance_;
        const Store& before_store = from == store_.year() ? store_ : other_store;
        const Store& after_store = from == store_.year() ? other_store : store_;
        const Crosswalk crosswalk = crosswalk_between(before_store, after_store);
        const YearChanges changes = compare_years(before, after, crosswalk, request_.score_layers);

        int merged_into = 0, split = 0;
        for (const auto& municipality : crosswalk.from) {
            if (municipality.change == MunicipalChange::merged || municipality.change == MunicipalChange::absorbed) ++merged_into;
            if (municipality.change == MunicipalChange::split) ++split;
        }
        s.blocks.emplace_back(Paragraph{fmt::format(
            fmt::runtime(tr("Van {} naar {} ging het aantal gemeenten van {} naar {}: {} gemeenten gingen op in een andere, "
                            "{} gesplitst (afgeleid uit de grenzen van beide jaren; regiomap crosswalk --from {} "
                            "--to {}). Elke gemeente van {} is vergeleken met haar voorganger met het grootste deel van "
                            "haar oppervlak. Gemiddelde congruentie C over {}: {} in {}, {} in {}; volledig congruent: {} "
                            "en {} gemeenten.",
                            "From {} to {} the number of municipalities went from {} to {}: {} municipalities went into "
                            "another, {} (derived from the boundaries of both years; regiomap crosswalk --from {} "
                            "--to {}). Each municipality of {} is compared with its predecessor holding the largest part of "
                            "its area. Mean congruence C over {}: {} in {}, {} in {}; fully congruent: {} and {} "
                            "municipalities.")),
            from, to, format_count(static_cast<std::int64_t>(before.codes.size()), request_.language),
            format_count(static_cast<std::int64_t>(after.codes.size()), request_.language), merged_into,
            split == 1 ? tr("één werd", "one split") : fmt::format(fmt::runtime(tr("{} werden", "{} split")), split), from,
            to, to,
            fmt::join(request_.score_layers, ", "), decimal(changes.mean_congruence_before, 3), from,
            decimal(changes.mean_congruence_after, 3), to, changes.fully_congruent_before, changes.fully_congruent_after)});

        Table layers;
        layers.caption = fmt::format(fmt::runtime(tr("De indelingen in {} en {}", "The divisions in {} and {}")), from, to);
        layers.columns = {{tr("indeling", "division"), ColumnKind::text},
                          {fmt::format("{} {}", tr("regio's", "regions"), from), ColumnKind::number},
                          {fmt::format("{} {}", tr("regio's", "regions"), to), ColumnKind::number},
                          {tr("gemeenten nu in een andere regio", "municipalities now in another region"), ColumnKind::text},
                          {tr("nieuwe regio's", "regions created"), ColumnKind::text},
                          {tr("vervallen regio's", "regions removed"), ColumnKind::text}};
        // A layer whose table is of the same year in both (the work structures: one table of 2019) cannot show a change.
        auto layer_years = [](const Store& store) {
            std::map<std::string, int> year_of_layer;
            for (const auto& layer : store.layers()) year_of_layer[layer.id] = layer.year;
            return year_of_layer;
        };
        const auto years_before = layer_years(from == store_.year() ? store_ : other_store);
        const auto years_after = layer_years(from == store_.year() ? other_store : store_);
        for (const LayerYearChanges& layer : changes.layers) {
            if (!layer.in_both) continue;
            std::string title = sentence_start(layer_title(context_, layer.layer_id));
            if (years_before.at(layer.layer_id) == years_after.at(layer.layer_id)) {
                title += fmt::format(fmt::runtime(tr(" (in beide jaren de tabel van {})", " (the table of {} in both years)")),
                                     years_after.at(layer.layer_id));
            }
            const Division& earlier = before.division(layer.layer_id);
            const Division& later = after.division(layer.layer_id);
            std::vector<std::string> moved, created, removed;
            for (const RegionMove& move : layer.moves) {
                moved.push_back(fmt::format(fmt::runtime(tr("{} (van {} naar {})", "{} (from {} to {})")),
                                            after.names[move.municipality], earlier.region_names[move.region_before],
                                            later.region_names[move.region_after]));
            }
            auto names_of = [](const Division& division, const std::vector<int>& regions) {
                std::vector<std::string> names;
                for (int region : regions) names.push_back(division.region_names[region]);
                return fmt::format("{}", fmt::join(names, ", "));
            };
            auto describe = [&](const RegionChangeRecord& record, const Division& own, const Division& counterpart_division,
                                RegionSide side) {
                return fmt::format("{} ({} {})", own.region_names[record.region],
                                   region_change_wording(record.change, side, request_.language),
                                   names_of(counterpart_division, record.counterparts));
            };
            for (const auto& record : layer.regions_created) created.push_back(describe(record, later, earlier, RegionSide::created));
            for (const auto& record : layer.regions_removed) removed.push_back(describe(record, earlier, later, RegionSide::removed));
            auto listed = [](const std::vector<std::string>& items) {
                return items.empty() ? std::string("–") : fmt::format("{}", fmt::join(items, "; "));
            };
            layers.rows.push_back({TableCell::text(title), count(layer.regions_before), count(layer.regions_after), TableCell::text(listed(moved)),
                                   TableCell::text(listed(created)), TableCell::text(listed(removed))});
        }
        add_table(s, std::move(layers), fmt::format("veranderingen-{}-{}-indelingen", from, to));

        Table deltas;
        deltas.caption = tr("Waar de congruentie het meest steeg en daalde", "Where congruence rose and fell most");
        deltas.columns = {{fmt::format("{} {}", tr("gemeente", "municipality"), to), ColumnKind::text},
                          {fmt::format("{} {}", tr("voorganger", "predecessor"), from), ColumnKind::text},
                          {fmt::format("C {}", from), ColumnKind::number},
                          {fmt::format("C {}", to), ColumnKind::number},
                          {tr("verschil", "change"), ColumnKind::number}};
        for (const auto* list : {&changes.most_improved, &changes.most_worsened}) {
            for (const CongruenceDelta& delta : *list) {
                deltas.rows.push_back({TableCell::text(after.names[delta.municipality]),
                                       TableCell::text(before.names[delta.predecessor]), number(delta.before, 3),
                                       number(delta.after, 3), number(delta.after - delta.before, 3)});
            }
        }
        add_table(s, std::move(deltas), fmt::format("veranderingen-{}-{}-congruentie", from, to));
        data_files_.emplace_back(fmt::format("data/veranderingen-{}-{}.csv", from, to),
                                 format_year_changes(before, after, changes, OutputFormat::csv));
        data_files_.emplace_back(fmt::format("data/crosswalk-{}-{}.csv", from, to),
                                 format_crosswalk(crosswalk, OutputFormat::csv, true));

        // The map is drawn on the later year's municipalities; the page keeps its own copy of the shapes.
        render::MapPage page;
        if (to == store_.year()) {
            page = changes_map(context_, before, changes, style_of(MapKind::changes));
        } else {
            MapGeometry later_geometry(other_store);
            const MapContext later_context = map_context(other_store, after, later_geometry, request_.language, MapSize::a4);
            page = changes_map(later_context, before, changes, style_of(MapKind::changes));
        }
        add_map(s, fmt::format("veranderingen-{}-{}", from, to),
                fmt::format(fmt::runtime(tr("Verandering van de congruentie per gemeente, {} tegen {}",
                                            "Change of congruence per municipality, {} against {}")),
                            to, from),
                std::move(page), MapKind::changes, false);
    }

    void all_municipalities() {
        Section& s = section("alle-gemeenten", tr("Bijlage: alle gemeenten", "Appendix: all municipalities"));
        Table table;
        table.caption = tr("Alle gemeenten (klik op een kolomkop om te sorteren)", "All municipalities (click a heading to sort)");
        table.columns = {{tr("gemeente", "municipality"), ColumnKind::text}, {tr("provincie", "province"), ColumnKind::text},
                         {tr("inwoners", "inhabitants"), ColumnKind::number}, {"C", ColumnKind::number},
                         {"T", ColumnKind::number}, {"P", ColumnKind::number}};
        for (const auto& score : ranked_) {
            const int m = score.municipality;
            table.rows.push_back({TableCell::text(name(m)), TableCell::text(province(m)),
                                  governance_.population[m] ? count(*governance_.population[m]) : TableCell::text("–"),
                                  number(score.congruence, 3), count(score.tables),
                                  count(score.parties)});
        }
        add_table(s, std::move(table), "alle-gemeenten");
    }

    ReportSummary write(const std::string& pdf) {
        ReportSummary summary;
        const fs::path& out = request_.out;
        say("report: writing " + out.string());
        fs::create_directories(out / "maps");
        fs::create_directories(out / "data");
        write_file_atomically(out / kReportMarker, "regiomap report\n");
        // The GeoPackage (GDAL, a fifth of a second) and the page are made on threads of their own
        // while this one writes the maps, tables and PDF: by now the drawing is done and both cores are free.
        say("report: regiomap.gpkg and index.html");
        std::future<void> geopackage = std::async(std::launch::async, [&] {
            std::vector<GeoPackageLayer> layers{
                incongruence_layer(store_, model_, ranked_, read_resource_text(find_qml("incongruence")))};
            for (auto& layer : region_outline_layers(store_, region_outline_qml())) layers.push_back(std::move(layer));
            write_geopackage(out / "regiomap.gpkg", kReportKind, store_.crs(), layers, OutputPolicy{true, {request_.store}},
                             StyleFiles::inside_and_beside);
        });
        std::future<std::string> page =
            std::async(std::launch::async, [&] { return report::render_html(document_, report_language(request_.language)); });
        // Futures of std::async wait for their thread when destroyed: also when a write below
        // throws, neither thread outlives what it reads.
        for (const auto& [name, content] : map_files_) {
            write_file_atomically(out / name, content);
            summary.files.push_back(name);
        }
        for (const auto& [name, content] : data_files_) {
            write_file_atomically(out / name, content);
            summary.files.push_back(name);
        }
        write_file_atomically(out / "report.pdf", pdf);
        summary.files.push_back("report.pdf");
        write_file_atomically(out / "index.html", page.get());  // get() rethrows what went wrong there
        summary.files.push_back("index.html");
        geopackage.get();
        summary.files.push_back("regiomap.gpkg");
        summary.index_html = out / "index.html";
        summary.pdf = out / "report.pdf";
        summary.maps = maps_;
        summary.tables = tables_;
        return summary;
    }

    const ReportRequest& request_;
    const Store& store_;
    const ProgressSink& progress_;
    InitiativeWorkspace workspace_;
    Governance& governance_;
    // After what its thread reads (request_, store_, workspace_), before the rest: destroyed,
    // stopping and waiting for the thread, before what the thread reads.
    std::atomic<bool> stop_proposals_{false};
    ProposalRun proposals_;
    MapGeometry geometry_;
    MapContext context_;
    IncongruenceModel model_;
    std::vector<IncongruenceScore> scores_;
    std::vector<IncongruenceScore> ranked_;
    std::map<std::string, std::string> province_of_;
    std::vector<std::string> described_layers_;
    std::map<MapKind, render::MapStyle> styles_;
    report::HtmlDocument document_;
    report::MapFigures pdf_maps_;
    // std::deque: a drawing keeps its address while later ones are added (the workers hold it).
    std::deque<MapDrawing> drawings_;
    MapDrawingQueue drawing_queue_;
    std::vector<std::pair<std::string, std::string>> map_files_;
    std::vector<std::pair<std::string, std::string>> data_files_;
    int maps_ = 0;
    int tables_ = 0;
};

}  // namespace

ReportSummary write_report(const ReportRequest& request, const ProgressSink& progress) {
    check_output_folder(request.out, kReportMarker, "regiomap report", request.force);
    bool loaded = false;
    std::error_code ec;
    if (!fs::exists(request.store, ec)) {
        if (request.manifest.empty()) throw StoreError(request.store.string(), "there is no store; run 'regiomap load' first");
        if (progress) progress("report: no store yet; loading " + request.manifest.string() + " into " + request.store.string());
        // The loader reports progress lines unconditionally: give it the report's sink, or one that drops them.
        const ProgressSink load_progress = progress ? progress : ProgressSink([](const std::string&) {});
        load(LoadOptions{request.manifest.string(), request.store.string(), false}, load_progress);
        loaded = true;
    }
    Store store(request.store, request.year);
    ReportBuilder builder(request, store, progress);
    ReportSummary summary = builder.build();
    summary.loaded_store = loaded;
    return summary;
}

}  // namespace regiomap
