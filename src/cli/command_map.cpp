// map KIND: one map as PNG, SVG or PDF.
#include "cli/commands.hpp"
#include "maps/map_job.hpp"
#include "render/canvas.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>

namespace regiomap::cli {

void setup_map(CLI::App& app) {
    struct MapArguments {
        std::string store = Store::kDefaultPath;
        std::optional<int> year;  // --year; none: the latest loaded
        std::optional<int> from_year;  // changes
        std::optional<int> to_year;    // changes
        std::string kind;
        std::vector<std::string> municipalities;
        std::string out;
        std::string size = "a4";
        std::string language = "nl";
        std::string style;
        bool force = false;
        MapRequest request;
    };
    auto arguments = std::make_shared<MapArguments>();
    CLI::App* command = app.add_subcommand(
        "map",
        "Draw a map as PNG, SVG or PDF (by the extension of --out), with title, data year, legend, scale bar, north "
        "arrow and attribution. Kinds: incongruence (congruence C per municipality), regions (one division, "
        "neighbours in different colours), overlay (--layer as areas, --with as borders), initiatives (--register), "
        "leaders (market leader per region), balance (--insurer, --register: observed against expected per leader "
        "region), profile A [B] (a municipality's region in every layer; two side by side), changes (--from, --to: "
        "the change of C per municipality between two years, municipalities now in another region outlined).");
    add_store_option(*command, arguments->store);
    add_year_option(*command, arguments->year);
    command->add_option("kind", arguments->kind,
                        "incongruence, regions, overlay, initiatives, leaders, balance, profile or changes")
        ->required();
    command->add_option("--from", arguments->from_year, "changes: the earlier year (default: the default year)")
        ->option_text("YEAR");
    command->add_option("--to", arguments->to_year, "changes: the later year (default: the latest year loaded)")
        ->option_text("YEAR");
    command->add_option("municipality", arguments->municipalities, "profile: one or two municipalities");
    command->add_option("--layer", arguments->request.layer,
                        "the division drawn (regions, initiatives) or drawn as areas (overlay); default zorgkantoor");
    command->add_option("--with", arguments->request.with, "overlay: the division drawn as borders on top");
    command->add_option("--layers", arguments->request.score_layers,
                        "incongruence, profile: layers scored over, comma-separated (default zorgkantoor,ggd,jeugdregio)")
        ->delimiter(',');
    command->add_option("--focus", arguments->request.focus,
                        "zoom to a province, region (code or name of any layer) or municipality; the rest grey");
    command->add_option("--out", arguments->out, "the file to write: .png, .svg or .pdf (default KIND.png)");
    command->add_option("--style", arguments->style, "a style file (MapLibre style JSON, see styles/README.md)")
        ->check(CLI::ExistingFile);
    command->add_option("--size", arguments->size, "a4 (default), a3 or web")->check(CLI::IsMember({"a4", "a3", "web"}));
    command->add_option("--dpi", arguments->request.dpi, "PNG resolution (default 150; web 96)")
        ->check(CLI::Range(36.0, 600.0));
    command->add_option("--lang", arguments->language, "nl (default) or en")->check(CLI::IsMember({"nl", "en"}));
    command->add_option("--insurer", arguments->request.insurer, "balance: concern or brand, e.g. \"Zilveren Kruis\"");
    command->add_option("--register", arguments->request.register_file, "balance, initiatives: initiative register")
        ->check(CLI::ExistingFile);
    command->add_option("--division", arguments->request.division, "leaders, balance: layer of the purchasing regions")
        ->capture_default_str();
    command->add_option("--market-shares", arguments->request.market_shares,
                        "leaders, balance: your own table of insured persons or market shares (as for `leaders`)")
        ->check(CLI::ExistingFile);
    add_decimal_option(*command, arguments->request.decimal);
    command->add_flag("--force", arguments->force, "replace an existing --out file that is not a map of this format");
    command->callback([arguments] {
        MapRequest request = arguments->request;
        request.kind = map_kind_from(arguments->kind);
        request.municipalities = arguments->municipalities;
        if (!request.municipalities.empty() && request.kind != MapKind::profile) {
            throw UsageError("only map profile takes municipalities; use --focus NAME to zoom other maps");
        }
        require_distinct_layers(request.score_layers);
        request.size = arguments->size == "a3" ? MapSize::a3 : arguments->size == "web" ? MapSize::web : MapSize::a4;
        request.language = arguments->language == "en" ? Language::en : Language::nl;
        request.style = arguments->style;
        const std::string out = arguments->out.empty() ? to_string(request.kind) + ".png" : arguments->out;
        request.output = render::output_kind_for(out);
        std::optional<int> year = arguments->year;
        if (request.kind == MapKind::changes) {
            if (arguments->year) throw UsageError("map changes takes --from YEAR and --to YEAR instead of --year");
            const Store default_year(arguments->store);
            request.from_year = arguments->from_year.value_or(default_year.year());
            year = arguments->to_year.value_or(default_year.years().back());
        } else if (arguments->from_year || arguments->to_year) {
            throw UsageError("only map changes takes --from and --to; use --year for the year of the other maps");
        }
        Store store(arguments->store, year);
        const std::string bytes = make_map(store, request);
        const OutputPolicy policy{arguments->force,
                                  {arguments->store, arguments->style, request.register_file.string(),
                                   request.market_shares.string()}};
        write_output_file(out, OutputKind::map, bytes, policy);
        std::cout << out << "\n";
    });
}

}  // namespace regiomap::cli
