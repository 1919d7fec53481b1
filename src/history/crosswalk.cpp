#include "history/crosswalk.hpp"

#include "core/error.hpp"
#include "core/table_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace regiomap {

MunicipalDivision division_of(const GeosContext& geos, int year, const BoundaryLayer& layer) {
    MunicipalDivision division;
    division.year = year;
    division.municipalities.reserve(layer.features.size());
    for (const auto& feature : layer.features) {
        division.municipalities.push_back(
            {feature.code, feature.name, feature.geometry.get(), area(geos, feature.geometry.get())});
    }
    return division;
}

std::vector<Overlap> overlaps(const GeosContext& geos, const MunicipalDivision& from, const MunicipalDivision& to) {
    std::vector<const GEOSGeometry*> to_geometries;
    to_geometries.reserve(to.municipalities.size());
    for (const auto& municipality : to.municipalities) to_geometries.push_back(municipality.geometry);
    const SpatialIndex index(geos, to_geometries);

    std::vector<Overlap> found;
    for (std::size_t f = 0; f < from.municipalities.size(); ++f) {
        const auto& old_municipality = from.municipalities[f];
        const PreparedGeometry prepared(geos, old_municipality.geometry);
        for (std::size_t t : index.candidates(old_municipality.geometry)) {
            const auto& new_municipality = to.municipalities[t];
            // Envelopes meet far more often than areas do; the prepared test is cheaper than an intersection.
            if (!prepared.intersects(new_municipality.geometry)) continue;
            const double shared = intersection_area(geos, old_municipality.geometry, new_municipality.geometry);
            if (shared <= 0) continue;  // touching borders only
            found.push_back({f, t, shared, shared / old_municipality.area, shared / new_municipality.area});
        }
    }
    return found;  // in FROM order, and per FROM in TO order (candidates come sorted)
}

namespace {

// Where a FROM municipality goes on: the TO municipality with the same code, or, when it is
// renamed under a new code, the TO municipality it alone mainly went into.
struct Successors {
    std::vector<std::vector<const Overlap*>> kept;  // per FROM, share of the FROM area descending
    std::vector<std::optional<std::size_t>> continues_as;
};

bool counts(const Overlap& overlap, const CrosswalkThresholds& thresholds) {
    return overlap.area >= thresholds.min_part_area && overlap.share_of_from >= thresholds.min_part_share;
}

// Per FROM municipality its largest overlap (always kept, so every municipality has a successor)
// and the other overlaps that count.
Successors find_successors(const MunicipalDivision& from, const MunicipalDivision& to,
                           const std::vector<Overlap>& all, const CrosswalkThresholds& thresholds) {
    Successors successors;
    successors.kept.resize(from.municipalities.size());
    successors.continues_as.resize(from.municipalities.size());
    std::vector<std::vector<const Overlap*>> candidates(from.municipalities.size());
    for (const auto& overlap : all) candidates[overlap.from].push_back(&overlap);
    for (std::size_t f = 0; f < candidates.size(); ++f) {
        auto& own = candidates[f];
        std::stable_sort(own.begin(), own.end(),
                         [](const Overlap* a, const Overlap* b) { return a->share_of_from > b->share_of_from; });
        for (std::size_t k = 0; k < own.size(); ++k) {
            if (k == 0 || counts(*own[k], thresholds)) successors.kept[f].push_back(own[k]);
        }
    }

    std::set<std::string> from_codes;
    for (const auto& municipality : from.municipalities) from_codes.insert(municipality.code);
    // The FROM municipalities whose largest part lies in each TO municipality.
    std::vector<std::vector<std::size_t>> main_predecessors(to.municipalities.size());
    for (std::size_t f = 0; f < from.municipalities.size(); ++f) {
        if (!successors.kept[f].empty()) main_predecessors[successors.kept[f].front()->to].push_back(f);
    }
    for (std::size_t f = 0; f < from.municipalities.size(); ++f) {
        for (const Overlap* overlap : successors.kept[f]) {
            if (to.municipalities[overlap->to].code == from.municipalities[f].code) {
                successors.continues_as[f] = overlap->to;
            }
        }
        if (successors.continues_as[f] || successors.kept[f].empty()) continue;
        const std::size_t main = successors.kept[f].front()->to;
        if (main_predecessors[main].size() == 1 && !from_codes.contains(to.municipalities[main].code)) {
            successors.continues_as[f] = main;
        }
    }
    return successors;
}

bool is_before(const CrosswalkLink& a, const CrosswalkLink& b) {
    if (a.from_code != b.from_code) return a.from_code < b.from_code;
    if (a.share_of_from != b.share_of_from) return a.share_of_from > b.share_of_from;
    return a.to_code < b.to_code;
}

}  // namespace

Crosswalk derive_crosswalk(const GeosContext& geos, const MunicipalDivision& from, const MunicipalDivision& to,
                           const CrosswalkThresholds& thresholds) {
    const std::vector<Overlap> all = overlaps(geos, from, to);
    const Successors successors = find_successors(from, to, all, thresholds);

    Crosswalk crosswalk;
    crosswalk.from_year = from.year;
    crosswalk.to_year = to.year;
    crosswalk.thresholds = thresholds;
    std::set<const Overlap*> linked;
    for (const auto& own : successors.kept) linked.insert(own.begin(), own.end());
    for (const auto& overlap : all) {
        if (linked.contains(&overlap)) continue;
        ++crosswalk.slivers_left_out;
        crosswalk.largest_sliver_area = std::max(crosswalk.largest_sliver_area, overlap.area);
        crosswalk.largest_sliver_share = std::max(crosswalk.largest_sliver_share, overlap.share_of_from);
    }

    // Roles of the kept links, and the change of each FROM municipality that ceases.
    std::vector<MunicipalChange> change(from.municipalities.size(), MunicipalChange::unchanged);
    std::vector<std::vector<LinkRole>> roles(from.municipalities.size());
    std::vector<bool> takes_in(to.municipalities.size(), false);  // receives a whole or a split part
    std::map<std::string, std::size_t> from_by_code;
    for (std::size_t f = 0; f < from.municipalities.size(); ++f) from_by_code[from.municipalities[f].code] = f;

    for (std::size_t f = 0; f < from.municipalities.size(); ++f) {
        const auto& kept = successors.kept[f];
        roles[f].assign(kept.size(), LinkRole::correction);
        if (kept.empty()) continue;  // a municipality without area: nothing to follow
        if (successors.continues_as[f]) {
            for (std::size_t k = 0; k < kept.size(); ++k) {
                if (kept[k]->to == *successors.continues_as[f]) roles[f][k] = LinkRole::continuation;
            }
            continue;  // its change depends on what the others bring in: below
        }
        if (kept.size() >= 2) {  // every part beyond the largest counts: a split
            change[f] = MunicipalChange::split;
            roles[f].assign(kept.size(), LinkRole::split_part);
            for (const Overlap* part : kept) takes_in[part->to] = true;
            continue;
        }
        const std::size_t main = kept.front()->to;
        roles[f][0] = LinkRole::whole;
        takes_in[main] = true;
        const auto keeper = from_by_code.find(to.municipalities[main].code);
        const bool code_of_a_predecessor =
            keeper != from_by_code.end() && successors.continues_as[keeper->second] == main;
        change[f] = code_of_a_predecessor ? MunicipalChange::absorbed : MunicipalChange::merged;
    }
    for (std::size_t f = 0; f < from.municipalities.size(); ++f) {
        if (!successors.continues_as[f]) continue;
        const auto& old_municipality = from.municipalities[f];
        const auto& new_municipality = to.municipalities[*successors.continues_as[f]];
        const bool gave_part = std::find(roles[f].begin(), roles[f].end(), LinkRole::correction) != roles[f].end();
        if (takes_in[*successors.continues_as[f]]) {
            change[f] = MunicipalChange::absorbing;
        } else if (old_municipality.code != new_municipality.code || old_municipality.name != new_municipality.name) {
            change[f] = MunicipalChange::renamed;
        } else if (gave_part) {
            change[f] = MunicipalChange::boundary_correction;
        }
    }

    for (std::size_t f = 0; f < from.municipalities.size(); ++f) {
        for (std::size_t k = 0; k < successors.kept[f].size(); ++k) {
            const Overlap& overlap = *successors.kept[f][k];
            const auto& old_municipality = from.municipalities[f];
            const auto& new_municipality = to.municipalities[overlap.to];
            crosswalk.links.push_back({old_municipality.code, old_municipality.name, new_municipality.code,
                                       new_municipality.name, overlap.area, overlap.share_of_from,
                                       overlap.share_of_to, roles[f][k]});
        }
    }
    std::sort(crosswalk.links.begin(), crosswalk.links.end(), is_before);

    std::vector<std::size_t> from_order(from.municipalities.size());
    for (std::size_t f = 0; f < from_order.size(); ++f) from_order[f] = f;
    std::sort(from_order.begin(), from_order.end(), [&](std::size_t a, std::size_t b) {
        return from.municipalities[a].code < from.municipalities[b].code;
    });
    std::map<std::string, std::size_t> from_position;
    for (std::size_t f : from_order) {
        from_position[from.municipalities[f].code] = crosswalk.from.size();
        crosswalk.from.push_back({from.municipalities[f].code, from.municipalities[f].name, change[f], {}});
    }
    std::vector<std::size_t> to_order(to.municipalities.size());
    for (std::size_t t = 0; t < to_order.size(); ++t) to_order[t] = t;
    std::sort(to_order.begin(), to_order.end(), [&](std::size_t a, std::size_t b) {
        return to.municipalities[a].code < to.municipalities[b].code;
    });
    std::map<std::string, std::size_t> to_position;
    for (std::size_t t : to_order) {
        to_position[to.municipalities[t].code] = crosswalk.to.size();
        crosswalk.to.push_back({to.municipalities[t].code, to.municipalities[t].name, {}});
    }
    for (std::size_t l = 0; l < crosswalk.links.size(); ++l) {
        crosswalk.from[from_position.at(crosswalk.links[l].from_code)].links.push_back(l);
        crosswalk.to[to_position.at(crosswalk.links[l].to_code)].links.push_back(l);
    }
    for (auto& successor : crosswalk.to) {
        std::stable_sort(successor.links.begin(), successor.links.end(), [&](std::size_t a, std::size_t b) {
            return crosswalk.links[a].share_of_to > crosswalk.links[b].share_of_to;
        });
    }
    return crosswalk;
}

const CrosswalkFromMunicipality* Crosswalk::find_from(const std::string& code) const {
    auto found = std::lower_bound(from.begin(), from.end(), code,
                                  [](const CrosswalkFromMunicipality& m, const std::string& c) { return m.code < c; });
    return found != from.end() && found->code == code ? &*found : nullptr;
}

const CrosswalkPredecessorView* Crosswalk::find_to(const std::string& code) const {
    auto found = std::lower_bound(to.begin(), to.end(), code,
                                  [](const CrosswalkPredecessorView& m, const std::string& c) { return m.code < c; });
    return found != to.end() && found->code == code ? &*found : nullptr;
}

const CrosswalkLink* Crosswalk::find_link(const std::string& from_code, const std::string& to_code) const {
    const auto* old_municipality = find_from(from_code);
    if (old_municipality == nullptr) return nullptr;
    for (std::size_t l : old_municipality->links) {
        if (links[l].to_code == to_code) return &links[l];
    }
    return nullptr;
}

// ---- A published merger list ------------------------------------------------------------

namespace {

[[noreturn]] void refuse(const Table& table, const Table::Row& row, std::size_t column, const std::string& problem) {
    throw DataError(table.path(), fmt::format("{}, column {}", table.where(row), table.columns()[column]), problem);
}

const std::string& cell(const Table& table, const Table::Row& row, std::size_t column) {
    const std::string& text = row.values[column];
    if (text.empty()) refuse(table, row, column, "empty");
    return text;
}

}  // namespace

std::vector<PublishedChange> read_published_changes(const std::filesystem::path& file) {
    const Table table = Table::read(file);
    const std::size_t effective_column = table.column("ingangsdatum");
    const std::size_t old_code_column = table.column("oude_code");
    const std::size_t old_name_column = table.column("oude_naam");
    const std::size_t new_code_column = table.column("nieuwe_code");
    const std::size_t new_name_column = table.column("nieuwe_naam");
    const std::size_t existed_column = table.column("nieuwe_code_bestond_al");
    const std::size_t type_column = table.column("type");
    const std::size_t share_column = table.column("aandeel_adressen_oude_gemeente");

    std::vector<PublishedChange> changes;
    for (const auto& row : table.rows()) {
        PublishedChange change;
        change.row = row.number;
        change.where = table.where(row);
        auto effective = parse_date(cell(table, row, effective_column));
        if (!effective) refuse(table, row, effective_column, effective.reason());
        change.effective = *effective;
        change.old_code = cell(table, row, old_code_column);
        change.old_name = row.values[old_name_column];
        change.new_code = cell(table, row, new_code_column);
        change.new_name = row.values[new_name_column];
        const std::string& existed = cell(table, row, existed_column);
        if (existed != "ja" && existed != "nee") refuse(table, row, existed_column, fmt::format("'{}' is not ja or nee", existed));
        change.new_code_existed = existed == "ja";
        const std::string& type = cell(table, row, type_column);
        if (type == "geheel opgegaan") {
            change.type = PublishedChangeType::whole;
        } else if (type == "opgesplitst") {
            change.type = PublishedChangeType::split;
        } else {
            refuse(table, row, type_column, fmt::format("'{}' is not 'geheel opgegaan' or 'opgesplitst'", type));
        }
        auto written = parse_written_share(cell(table, row, share_column), DecimalConvention::automatic);
        if (!written) refuse(table, row, share_column, written.reason());
        auto share = share_as_fraction(*written, false);
        if (!share) refuse(table, row, share_column, share.reason());
        // A row hands on part of the addresses; a share of 0 would make a successor of nothing.
        if (*share <= 0.0) refuse(table, row, share_column, "a share of 0 hands on no addresses; leave the row out");
        change.address_share = *share;
        changes.push_back(std::move(change));
    }
    return changes;
}

std::vector<PublishedChange> changes_between(const std::vector<PublishedChange>& changes, int from_year,
                                             int to_year) {
    const Date after{from_year, 1, 1};
    const Date up_to{to_year, 1, 1};
    std::vector<PublishedChange> step;
    for (const auto& change : changes) {
        if (after < change.effective && change.effective <= up_to) step.push_back(change);
    }
    return step;
}

std::size_t CrosswalkComparison::reproduced_count() const {
    return static_cast<std::size_t>(
        std::count_if(rows.begin(), rows.end(), [](const PublishedRowCheck& row) { return row.reproduced; }));
}

CrosswalkComparison compare_with_published(const Crosswalk& crosswalk, const std::vector<PublishedChange>& step) {
    CrosswalkComparison comparison;
    std::set<std::string> explained;  // old municipalities of the list, and successors that keep their code
    for (const auto& published : step) {
        explained.insert(published.old_code);
        if (published.new_code_existed) explained.insert(published.new_code);

        PublishedRowCheck check;
        check.published = published;
        const auto* old_municipality = crosswalk.find_from(published.old_code);
        const auto* link = crosswalk.find_link(published.old_code, published.new_code);
        if (old_municipality != nullptr) check.derived_change = old_municipality->change;
        if (link != nullptr) check.derived_area_share = link->share_of_from;
        if (old_municipality != nullptr && link != nullptr) {
            if (published.type == PublishedChangeType::split) {
                check.reproduced = old_municipality->change == MunicipalChange::split && link->role == LinkRole::split_part;
            } else {
                const MunicipalChange expected =
                    published.new_code_existed ? MunicipalChange::absorbed : MunicipalChange::merged;
                check.reproduced = old_municipality->change == expected && link->role == LinkRole::whole;
            }
        }
        comparison.rows.push_back(std::move(check));
    }
    for (std::size_t f = 0; f < crosswalk.from.size(); ++f) {
        const auto& old_municipality = crosswalk.from[f];
        if (old_municipality.change == MunicipalChange::unchanged) continue;
        const bool listed = explained.contains(old_municipality.code) &&
                            (old_municipality.change != MunicipalChange::boundary_correction);
        if (!listed) comparison.unlisted_changes.push_back(f);
    }
    return comparison;
}

}  // namespace regiomap
