#include "core/output.hpp"

#include "core/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
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

std::filesystem::path sibling_temporary_path(const std::filesystem::path& target) {
    auto name = target.filename().string();
    return target.parent_path() / fmt::format(".{}.tmp-{}", name, ::getpid());
}

void write_file_atomically(const std::filesystem::path& target, std::string_view content) {
    auto temporary = sibling_temporary_path(target);
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        out.close();
        if (!out) {
            std::filesystem::remove(temporary);
            throw Error("cannot write " + target.string());
        }
    }
    std::error_code ec;
    std::filesystem::rename(temporary, target, ec);
    if (ec) {
        std::filesystem::remove(temporary);
        throw Error("cannot replace " + target.string() + ": " + ec.message());
    }
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
std::size_t display_width(std::string_view text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0u) != 0x80u; }));
}
}  // namespace

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
        const std::size_t word_width = display_width(word);
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

}  // namespace regiomap
