#include "core/name_matching.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace regiomap {

namespace {

// Base letter for the Latin-1 supplement block U+00C0..U+00FF (0 where none).
char fold_latin1(unsigned code_point) {
    static constexpr char folds[] =
        "aaaaaaaceeeeiiii"   // U+00C0..U+00CF
        "dnooooo\0ouuuuyts"  // U+00D0..U+00DF (U+00D7 is the multiplication sign)
        "aaaaaaaceeeeiiii"   // U+00E0..U+00EF
        "dnooooo\0ouuuuyty"; // U+00F0..U+00FF (U+00F7 is the division sign)
    if (code_point < 0xC0 || code_point > 0xFF) return 0;
    return folds[code_point - 0xC0];
}

}  // namespace

std::string normalize_name(std::string_view name) {
    std::string out;
    bool pending_space = false;
    auto emit = [&](char c) {
        if (pending_space && !out.empty()) out.push_back(' ');
        pending_space = false;
        out.push_back(c);
    };
    for (std::size_t i = 0; i < name.size(); ++i) {
        auto byte = static_cast<unsigned char>(name[i]);
        if (byte < 0x80) {
            if (std::isalnum(byte)) {
                emit(static_cast<char>(std::tolower(byte)));
            } else if (byte == '\'' || byte == 0x60) {
                // apostrophes join: "'s-Gravenhage" starts with "s", not " s"
                continue;
            } else {
                pending_space = true;
            }
            continue;
        }
        // Two-byte UTF-8 sequence starting with 0xC3 encodes U+00C0..U+00FF.
        if ((byte == 0xC3) && i + 1 < name.size()) {
            unsigned code_point = 0xC0u + (static_cast<unsigned char>(name[i + 1]) & 0x3Fu);
            ++i;
            if (char base = fold_latin1(code_point)) {
                emit(base);
                continue;
            }
        } else if (byte >= 0xC0) {
            // skip the continuation bytes of any other multi-byte character
            while (i + 1 < name.size() && (static_cast<unsigned char>(name[i + 1]) & 0xC0u) == 0x80u) ++i;
        }
        pending_space = true;
    }
    return out;
}

std::vector<std::string> split_written_list(std::string_view text, std::string_view separators) {
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find_first_of(separators, start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view item = text.substr(start, end - start);
        const auto first = item.find_first_not_of(" \t");
        if (first != std::string_view::npos) {
            items.emplace_back(item.substr(first, item.find_last_not_of(" \t") - first + 1));
        }
        start = end + 1;
    }
    return items;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> previous(b.size() + 1), current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

std::string excerpt_for_message(std::string_view text, std::size_t limit) {
    if (text.size() <= limit) return std::string(text);
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0u) == 0x80u) --cut;
    std::size_t characters = 0;
    for (unsigned char byte : text) characters += (byte & 0xC0u) != 0x80u ? 1 : 0;
    return std::string(text.substr(0, cut)) + "... (" + std::to_string(characters) + " characters)";
}

}  // namespace regiomap
