#include "adjacency/links.hpp"

#include "core/error.hpp"
#include "core/name_matching.hpp"
#include "core/table_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>

namespace regiomap {

namespace {

std::optional<AdjacencyKind> link_kind_from(const std::string& text) {
    auto kind = adjacency_kind_from(text);
    if (kind && is_link(*kind)) return kind;
    return std::nullopt;
}

// The name a row gives is a check on its code, so it is compared as people write names (case,
// accents, punctuation do not count), and a qualifier in brackets may be left out: CBS writes
// "Laren" in 2020 and "Laren (NH.)" in 2025, and one links table serves every year. When both
// names have one they must agree: "Bergen (NH.)" is not Bergen (L.).
bool same_municipality_name(const std::string& written, const std::string& official) {
    auto qualifier_at = [](const std::string& name) {
        const auto bracket = name.find(" (");
        return bracket != std::string::npos && name.back() == ')' ? bracket : std::string::npos;
    };
    const auto written_bracket = qualifier_at(written);
    const auto official_bracket = qualifier_at(official);
    if (written_bracket != std::string::npos && official_bracket != std::string::npos) {
        return normalize_name(written) == normalize_name(official);
    }
    return normalize_name(written.substr(0, written_bracket)) == normalize_name(official.substr(0, official_bracket));
}

}  // namespace

std::vector<AdjacencyRecord> read_links(const std::filesystem::path& file,
                                  const std::map<std::string, std::string>& municipality_names) {
    const Table table = Table::read(file);
    const std::size_t from_column = table.column("from_code");
    const std::size_t to_column = table.column("to_code");
    const std::size_t kind_column = table.column("kind");
    const std::size_t crossing_column = table.column("crossing");
    const std::size_t source_column = table.column("source");
    const std::optional<std::size_t> from_name_column = table.column_named({"from_name"});
    const std::optional<std::size_t> to_name_column = table.column_named({"to_name"});

    std::vector<AdjacencyRecord> links;
    std::set<std::pair<std::string, std::string>> pairs;
    for (const auto& row : table.rows()) {
        auto fail = [&](const std::string& column, const std::string& problem) {
            throw DataError(table.path(), fmt::format("{}, column {}", table.where(row), column), problem);
        };
        auto known_code = [&](std::size_t column, const std::optional<std::size_t>& name_column) {
            const std::string& code = row.values[column];
            auto found = municipality_names.find(code);
            if (found == municipality_names.end()) {
                fail(table.columns()[column], fmt::format("'{}' is not a municipality code of the store's year", code));
            }
            if (name_column && !row.values[*name_column].empty() &&
                !same_municipality_name(row.values[*name_column], found->second)) {
                fail(table.columns()[*name_column], fmt::format("'{}' does not match {}, which is {}",
                                                                row.values[*name_column], code, found->second));
            }
            return code;
        };
        AdjacencyRecord link;
        link.municipality_a = known_code(from_column, from_name_column);
        link.municipality_b = known_code(to_column, to_name_column);
        if (link.municipality_a == link.municipality_b) fail("to_code", "a municipality cannot be linked to itself");
        auto kind = link_kind_from(row.values[kind_column]);
        if (!kind) {
            fail("kind", fmt::format("'{}' is not a link kind (ferry, tunnel, bridge or administrative)",
                                     row.values[kind_column]));
        }
        link.kind = *kind;
        link.description = row.values[crossing_column];
        link.source = row.values[source_column];
        if (link.description.empty()) {
            fail("crossing", link.kind == AdjacencyKind::administrative
                                 ? "an administrative link needs its reason here"
                                 : "say what joins the two (e.g. the ferry and its ports)");
        }
        if (link.source.empty()) fail("source", "every link needs its source");
        if (!pairs.insert(std::minmax(link.municipality_a, link.municipality_b)).second) {
            fail("to_code", fmt::format("{} and {} are linked twice", link.municipality_a, link.municipality_b));
        }
        links.push_back(std::move(link));
    }
    return links;
}

}  // namespace regiomap
