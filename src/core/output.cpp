#include "core/output.hpp"

#include "core/error.hpp"
#include "core/gdal_errors.hpp"

#include <fmt/format.h>
#include <gdal_priv.h>
#include <nlohmann/json.hpp>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <signal.h>
#include <unistd.h>

namespace regiomap {

std::string csv_field(std::string_view value) {
    if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
    std::string quoted = "\"";
    for (char c : value) {
        if (c == '"') quoted.push_back('"');
        quoted.push_back(c);
    }
    quoted.push_back('"');
    return quoted;
}

std::string csv_line(const std::vector<std::string>& fields) {
    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) line.push_back(',');
        line += csv_field(fields[i]);
    }
    line.push_back('\n');
    return line;
}

namespace {

// "-12.5", "+0.25", "0.8810", "17": how presenters write numbers (fmt and std::to_string).
bool is_written_number(std::string_view field) {
    std::size_t i = !field.empty() && (field.front() == '-' || field.front() == '+') ? 1 : 0;
    const std::size_t digits_start = i;
    while (i < field.size() && field[i] >= '0' && field[i] <= '9') ++i;
    if (i == digits_start) return false;
    if (i == field.size()) return true;
    if (field[i] != '.') return false;
    const std::size_t fraction_start = ++i;
    while (i < field.size() && field[i] >= '0' && field[i] <= '9') ++i;
    return i == field.size() && i > fraction_start;
}

std::string field_in_dialect(std::string value, CsvDialect dialect) {
    if (dialect == CsvDialect::plain) return csv_field(value);
    if (is_written_number(value)) std::replace(value.begin(), value.end(), '.', ',');
    if (value.find_first_of(";\"\r\n") == std::string::npos) return value;
    std::string quoted = "\"";
    for (char c : value) {
        if (c == '"') quoted.push_back('"');
        quoted.push_back(c);
    }
    return quoted + "\"";
}

}  // namespace

std::string csv_in_dialect(std::string_view csv, CsvDialect dialect) {
    if (dialect == CsvDialect::plain) return std::string(csv);
    std::string out = "\xEF\xBB\xBF";  // UTF-8 byte-order mark: Excel then reads the names' accents right
    std::string field;
    bool quoted = false, at_field_start = true;
    for (std::size_t i = 0; i < csv.size(); ++i) {
        const char c = csv[i];
        if (quoted) {
            if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') {
                field.push_back('"');
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field.push_back(c);
            }
            continue;
        }
        if (c == '"' && at_field_start) {
            quoted = true;
            at_field_start = false;
        } else if (c == ',' || c == '\n') {
            out += field_in_dialect(std::move(field), dialect);
            out.push_back(c == ',' ? ';' : '\n');
            field.clear();
            at_field_start = true;
        } else {
            field.push_back(c);
            at_field_start = false;
        }
    }
    if (!field.empty()) out += field_in_dialect(std::move(field), dialect);
    return out;
}

std::string json_text(const nlohmann::json& document) {
    return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::filesystem::path sibling_temporary_path(const std::filesystem::path& target, std::string_view extension) {
    auto name = target.filename().string();
    return target.parent_path() / fmt::format(".{}.tmp-{}{}", name, ::getpid(), extension);
}

void remove_stale_temporaries(const std::filesystem::path& target) {
    const std::string prefix = "." + target.filename().string() + ".tmp-";
    std::filesystem::path folder = target.parent_path().empty() ? std::filesystem::path(".") : target.parent_path();
    std::error_code ec;
    const auto day_ago = std::filesystem::file_time_type::clock::now() - std::chrono::hours(24);
    // An unreadable folder ends the search quietly: the write itself will say why it fails.
    for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const auto& entry = *it;
        const std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) != 0) continue;
        std::size_t digits = prefix.size();
        while (digits < name.size() && std::isdigit(static_cast<unsigned char>(name[digits]))) ++digits;
        if (digits == prefix.size()) continue;
        const long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
        const bool process_gone = pid > 0 && ::kill(static_cast<pid_t>(pid), 0) == -1 && errno == ESRCH;
        std::error_code time_error;
        const auto modified = entry.last_write_time(time_error);
        const bool old = !time_error && modified < day_ago;
        std::error_code ignored;
        if ((process_gone || old) && pid != ::getpid()) std::filesystem::remove(entry.path(), ignored);
    }
}

std::filesystem::path final_destination(const std::filesystem::path& target) {
    std::error_code ec;
    if (!std::filesystem::is_symlink(target, ec)) return target;
    auto resolved = std::filesystem::weakly_canonical(target, ec);
    return ec ? target : resolved;
}

void replace_file(const std::filesystem::path& target, std::string_view temporary_extension,
                  const std::function<void(const std::filesystem::path&)>& build) {
    const auto destination = final_destination(target);
    remove_stale_temporaries(destination);
    const auto temporary = sibling_temporary_path(destination, temporary_extension);
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    try {
        build(temporary);
        std::error_code ec;
        std::filesystem::rename(temporary, destination, ec);
        if (ec) throw OutputError(target.string(), ec.message());
    } catch (...) {
        std::filesystem::remove(temporary, ignored);
        throw;
    }
}

void write_file_atomically(const std::filesystem::path& target, std::string_view content) {
    replace_file(target, {}, [&](const std::filesystem::path& temporary) {
        std::FILE* out = std::fopen(temporary.c_str(), "wb");
        if (out == nullptr) throw OutputError(target.string(), std::strerror(errno));
        const bool written = std::fwrite(content.data(), 1, content.size(), out) == content.size();
        const int write_errno = errno;
        const bool closed = std::fclose(out) == 0;
        if (!written || !closed) throw OutputError(target.string(), std::strerror(written ? errno : write_errno));
    });
}

namespace {

std::string first_line(std::string_view text) { return std::string(text.substr(0, text.find('\n'))); }

std::string leading_text(const std::filesystem::path& file, std::size_t limit) {
    std::ifstream in(file, std::ios::binary);
    std::string text(limit, '\0');
    in.read(text.data(), static_cast<std::streamsize>(limit));
    text.resize(static_cast<std::size_t>(in.gcount()));
    return text;
}

// The keys of a JSON object, or of the first element of an array: its shape.
std::vector<std::string> json_shape(const nlohmann::json& document) {
    const nlohmann::json& object = document.is_array() && !document.empty() ? document.front() : document;
    std::vector<std::string> keys;
    if (object.is_object()) {
        for (const auto& item : object.items()) keys.push_back(item.key());
    }
    if (document.is_array()) keys.insert(keys.begin(), "[array]");
    return keys;
}

bool is_previous_output(const std::filesystem::path& file, OutputKind kind, std::string_view expected) {
    switch (kind) {
        case OutputKind::csv:
            return first_line(leading_text(file, 64 * 1024)) == first_line(expected);
        case OutputKind::text: {
            auto up_to_colon = [](const std::string& line) { return line.substr(0, line.find(':')); };
            return up_to_colon(first_line(leading_text(file, 64 * 1024))) == up_to_colon(first_line(expected));
        }
        case OutputKind::json: {
            std::ifstream in(file, std::ios::binary);
            auto existing = nlohmann::json::parse(in, nullptr, false);
            auto wanted = nlohmann::json::parse(expected, nullptr, false);
            return !existing.is_discarded() && !wanted.is_discarded() && json_shape(existing) == json_shape(wanted);
        }
        case OutputKind::geopackage:
            return geopackage_output_kind(file) == expected;
        case OutputKind::map:
            // PNG, PDF and SVG open with a signature of their own: the same format may be replaced.
            return leading_text(file, 8) == expected.substr(0, 8);
    }
    return false;
}

const char* kind_name(OutputKind kind) {
    switch (kind) {
        case OutputKind::text: return "text report";
        case OutputKind::csv: return "CSV with this header";
        case OutputKind::json: return "JSON document of this shape";
        case OutputKind::geopackage: return "GeoPackage";
        case OutputKind::map: return "map in this format";
    }
    return "output";
}

}  // namespace

void check_output_target(const std::filesystem::path& target, OutputKind kind, std::string_view expected,
                         const OutputPolicy& policy) {
    const std::string name = target.string();
    std::error_code ec;
    const std::filesystem::path folder = target.parent_path().empty() ? std::filesystem::path(".") : target.parent_path();
    const auto folder_status = std::filesystem::status(folder, ec);
    if (!std::filesystem::exists(folder_status)) throw OutputError(name, "folder " + folder.string() + " does not exist");
    if (!std::filesystem::is_directory(folder_status)) {
        throw OutputError(name, "parent " + folder.string() + " is not a folder");
    }
    const auto status = std::filesystem::status(target, ec);
    if (!std::filesystem::exists(status)) return;
    if (std::filesystem::is_directory(status)) throw OutputError(name, "it is a folder");
    for (const auto& protected_file : policy.protected_files) {
        if (protected_file.empty()) continue;
        std::error_code same_error;
        if (std::filesystem::equivalent(target, protected_file, same_error)) {
            const bool same_name = target.lexically_normal() == protected_file.lexically_normal();
            throw OutputError(name, std::string("this command reads it (the store or an input)") +
                                        (same_name ? "" : "; it is the same file as " + protected_file.string()) +
                                        "; choose another --output");
        }
    }
    if (!std::filesystem::is_regular_file(status)) throw OutputError(name, "it is not a regular file");
    if (policy.force || std::filesystem::file_size(target, ec) == 0 || is_previous_output(target, kind, expected)) return;
    throw OutputError(name, fmt::format("the file exists and is not a previous regiomap output of this kind ({}); "
                                        "refusing to overwrite it (choose another --output, or --force)",
                                        kind_name(kind)));
}

void write_output_file(const std::filesystem::path& target, OutputKind kind, std::string_view content,
                       const OutputPolicy& policy) {
    check_output_target(target, kind, content, policy);
    write_file_atomically(target, content);
}

void mark_geopackage_output(GDALDataset& dataset, const std::string& kind) {
    OGRLayer* layer = dataset.CreateLayer(kGeopackageOutputTable, nullptr, wkbNone, nullptr);
    if (!layer) throw Error(std::string("cannot create table ") + kGeopackageOutputTable + last_gdal_message());
    for (const char* name : {"key", "value"}) {
        OGRFieldDefn field(name, OFTString);
        if (layer->CreateField(&field) != OGRERR_NONE) throw Error("cannot create field " + std::string(name));
    }
    for (const auto& [key, value] : {std::pair<std::string, std::string>{"kind", kind}, {"written_by", "regiomap"}}) {
        OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(layer->GetLayerDefn()));
        feature->SetField("key", key.c_str());
        feature->SetField("value", value.c_str());
        if (layer->CreateFeature(feature.get()) != OGRERR_NONE) throw Error("cannot write table " + std::string(kGeopackageOutputTable));
    }
}

std::string geopackage_output_kind(const std::filesystem::path& file) {
    GDALAllRegister();
    QuietGdalErrors quiet;
    const char* drivers[] = {"GPKG", nullptr};
    GDALDatasetUniquePtr dataset(
        GDALDataset::Open(file.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr));
    if (!dataset) return "";
    OGRLayer* layer = dataset->GetLayerByName(kGeopackageOutputTable);
    if (!layer) return "";
    for (auto& feature : *layer) {
        if (std::string_view(feature->GetFieldAsString("key")) == "kind") return feature->GetFieldAsString("value");
    }
    return "";
}

std::string format_thousands(std::int64_t value) {
    const std::string digits = std::to_string(value);
    std::string grouped;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && digits[i - 1] != '-' && (digits.size() - i) % 3 == 0) grouped.push_back(',');
        grouped.push_back(digits[i]);
    }
    return grouped;
}

namespace {
// Terminal width of UTF-8 text: count the bytes that start a character.
}  // namespace

std::size_t display_width(std::string_view text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0u) != 0x80u; }));
}

std::string shorten_to_width(std::string_view text, std::size_t width) {
    if (display_width(text) <= width) return std::string(text);
    if (width == 0) return {};
    std::string out;
    std::size_t columns = 0;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t next = i + 1;
        while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0u) == 0x80u) ++next;
        if (columns + 1 >= width) break;
        out.append(text.substr(i, next - i));
        ++columns;
        i = next;
    }
    return out + "~";
}

std::string TableNotes::refer(const std::string& text, std::size_t inline_width) {
    if (wide_ || display_width(text) <= inline_width) return text;
    auto found = std::find(texts_.begin(), texts_.end(), text);
    if (found == texts_.end()) found = texts_.insert(texts_.end(), text);
    return "[" + std::to_string(found - texts_.begin() + 1) + "]";
}

std::string TableNotes::format(std::string_view heading, std::size_t width) const {
    if (texts_.empty()) return {};
    std::string out = std::string(heading) + "\n";
    // Continuation lines start under the note's text (wrap_text joins words with single spaces).
    for (std::size_t i = 0; i < texts_.size(); ++i) {
        const std::string marker = "[" + std::to_string(i + 1) + "]";
        out += wrap_text("  " + marker + " " + texts_[i], width, 2 + marker.size() + 1);
    }
    return out;
}

FittedTable format_fitted_table(const std::vector<std::string>& header,
                                const std::vector<std::vector<std::string>>& rows, const std::vector<bool>& right_aligned,
                                const std::vector<bool>& shrinkable, std::size_t width, std::size_t minimum_width) {
    std::vector<std::size_t> widths(header.size(), 0);
    for (std::size_t i = 0; i < header.size(); ++i) widths[i] = display_width(header[i]);
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
            widths[i] = std::max(widths[i], display_width(row[i]));
        }
    }
    auto total = [&] {
        std::size_t sum = widths.empty() ? 0 : 2 * (widths.size() - 1);
        for (auto w : widths) sum += w;
        return sum;
    };
    if (width > 0) {
        while (total() > width) {
            std::size_t widest = widths.size();
            for (std::size_t i = 0; i < widths.size(); ++i) {
                const bool may_shrink = i < shrinkable.size() && shrinkable[i] &&
                                        widths[i] > std::max(minimum_width, display_width(header[i]));
                if (may_shrink && (widest == widths.size() || widths[i] > widths[widest])) widest = i;
            }
            if (widest == widths.size()) break;  // nothing left to shrink: the table is as narrow as it gets
            --widths[widest];
        }
    }
    FittedTable fitted;
    std::vector<std::vector<std::string>> cut_rows = rows;
    for (auto& row : cut_rows) {
        for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
            if (display_width(row[i]) > widths[i]) {
                row[i] = shorten_to_width(row[i], widths[i]);
                fitted.shortened = true;
            }
        }
    }
    fitted.text = format_text_table(header, cut_rows, right_aligned);
    return fitted;
}

std::string wrap_long_lines(std::string_view text, std::size_t width) {
    std::string out;
    for (std::size_t start = 0; start < text.size();) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        const std::string_view line = text.substr(start, end - start);
        if (display_width(line) > width) {
            const std::size_t lead = std::min(line.find_first_not_of(' '), line.size());
            out += wrap_text(line, width, lead + 2);
        } else {
            out += std::string(line) + (end < text.size() ? "\n" : "");
        }
        start = end + 1;
    }
    return out;
}

std::string join_names_within(const std::vector<std::string>& names, std::size_t width) {
    std::string line;
    for (std::size_t i = 0; i < names.size(); ++i) {
        const std::string separator = i == 0 ? "" : ", ";
        const std::size_t left_after = names.size() - i - 1;
        const std::string more = left_after > 0 ? ", +" + std::to_string(left_after) + " more" : "";
        if (width > 0 && display_width(line) + display_width(separator + names[i] + more) > width) {
            return line + separator + "+" + std::to_string(names.size() - i) + " more";
        }
        line += separator + names[i];
    }
    return line;
}

std::string indent_lines(std::string_view text, std::string_view indent) {
    std::string out;
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = std::min(text.find('\n', start), text.size());
        out += std::string(indent) + std::string(text.substr(start, end - start)) + "\n";
        start = end + 1;
    }
    return out;
}

// A note as lines of at most `width` columns, broken at spaces, each after `indent`;
// continuation lines are indented two more.
std::string wrap_note(const std::string& note, const std::string& indent, std::size_t width) {
    std::string text, line = indent;
    std::size_t start = 0;
    bool first_word = true;
    while (start < note.size()) {
        std::size_t end = note.find(' ', start);
        if (end == std::string::npos) end = note.size();
        const std::string word = note.substr(start, end - start);
        if (!first_word && line.size() + 1 + word.size() > width) {
            text += line + "\n";
            line = indent + "  " + word;
        } else {
            line += (first_word ? "" : " ") + word;
        }
        first_word = false;
        start = end + 1;
    }
    return text + line + "\n";
}

std::string wrap_text(std::string_view text, std::size_t width, std::size_t indent) {
    const std::size_t lead = std::min(text.find_first_not_of(' '), text.size());  // the first line keeps its indent
    std::string out, line(lead, ' ');
    std::size_t line_width = lead;
    bool line_has_word = false;
    for (std::size_t start = lead; start < text.size();) {
        std::size_t end = std::min(text.find(' ', start), text.size());
        const std::string_view word = text.substr(start, end - start);
        start = end + 1;
        if (word.empty()) continue;
        std::size_t word_width = display_width(word);
        // A word wider than a whole line (a long web address) is broken where the line ends: a terminal
        // would break it anyway, and the lines stay within `width`.
        if (word_width + indent > width && width > indent + 1) {
            std::size_t room = line_has_word ? (line_width + 1 < width ? width - line_width - 1 : 0) : width - line_width;
            if (room < 10) {  // too little left on this line: start the word on a new one
                if (line_has_word) out += line + "\n";
                line.assign(indent, ' ');
                line_width = indent;
                line_has_word = false;
                room = width - indent;
            }
            if (line_has_word) {
                line.push_back(' ');
                ++line_width;
            }
            std::string_view rest = word;
            while (display_width(rest) > room) {
                std::size_t cut = 0, columns = 0;
                while (cut < rest.size() && columns < room) {
                    ++cut;
                    while (cut < rest.size() && (static_cast<unsigned char>(rest[cut]) & 0xC0u) == 0x80u) ++cut;
                    ++columns;
                }
                out += line + std::string(rest.substr(0, cut)) + "\n";
                rest = rest.substr(cut);
                line.assign(indent, ' ');
                line_width = indent;
                room = width - indent;
            }
            line += rest;
            line_width += display_width(rest);
            line_has_word = true;
            continue;
        }
        if (line_has_word && line_width + 1 + word_width > width) {
            out += line + "\n";
            line.assign(indent, ' ');
            line_width = indent;
            line_has_word = false;
        }
        if (line_has_word) {
            line.push_back(' ');
            ++line_width;
        }
        line += word;
        line_width += word_width;
        line_has_word = true;
    }
    return out + line + "\n";
}

std::string format_text_table(const std::vector<std::string>& header,
                              const std::vector<std::vector<std::string>>& rows,
                              const std::vector<bool>& right_aligned) {
    std::vector<std::size_t> widths(header.size(), 0);
    auto measure = [&](const std::vector<std::string>& row) {
        for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
            widths[i] = std::max(widths[i], display_width(row[i]));
        }
    };
    measure(header);
    for (const auto& row : rows) measure(row);
    auto render = [&](const std::vector<std::string>& row) {
        std::string line;
        for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
            std::string padding(widths[i] - display_width(row[i]), ' ');
            bool right = i < right_aligned.size() && right_aligned[i];
            if (i > 0) line += "  ";
            line += right ? padding + row[i] : (i + 1 == row.size() ? row[i] : row[i] + padding);
        }
        return line + "\n";
    };
    std::string text = render(header);
    std::vector<std::string> rule;
    for (auto width : widths) rule.emplace_back(width, '-');
    text += render(rule);
    for (const auto& row : rows) text += render(row);
    return text;
}

void check_output_folder(const std::filesystem::path& out, std::string_view marker, std::string_view what, bool force) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::exists(out, ec)) {
        const fs::path parent = out.parent_path().empty() ? fs::path(".") : out.parent_path();
        if (!fs::is_directory(parent, ec)) throw OutputError(out.string(), "folder " + parent.string() + " does not exist");
        return;
    }
    if (!fs::is_directory(out, ec)) throw OutputError(out.string(), "it exists and is not a folder; choose another --out");
    if (force || fs::exists(out / marker, ec) || fs::is_empty(out, ec)) return;
    throw OutputError(out.string(), fmt::format("the folder holds files that are not a previous {}; refusing to write "
                                                "into it (choose another --out, or --force)",
                                                what));
}

}  // namespace regiomap
