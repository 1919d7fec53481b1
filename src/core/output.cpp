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
