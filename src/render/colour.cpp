#include "render/colour.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <vector>

namespace regiomap::render {

namespace {

struct NamedColour {
    std::string_view name;
    Colour colour;
};

constexpr double byte(int value) { return value / 255.0; }

// The CSS colour names styles use for frames, text and halos; a full CSS table is not our domain.
const std::array<NamedColour, 12> kNamedColours{{
    {"black", {0, 0, 0, 1}},
    {"white", {1, 1, 1, 1}},
    {"gray", {byte(128), byte(128), byte(128), 1}},
    {"grey", {byte(128), byte(128), byte(128), 1}},
    {"lightgray", {byte(211), byte(211), byte(211), 1}},
    {"lightgrey", {byte(211), byte(211), byte(211), 1}},
    {"darkgray", {byte(169), byte(169), byte(169), 1}},
    {"darkgrey", {byte(169), byte(169), byte(169), 1}},
    {"red", {1, 0, 0, 1}},
    {"blue", {0, 0, 1, 1}},
    {"green", {0, byte(128), 0, 1}},
    {"transparent", {0, 0, 0, 0}},
}};

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

ColourParse refuse(std::string problem) { return {std::nullopt, std::move(problem)}; }

ColourParse parse_hex(std::string_view digits, std::string_view text) {
    std::vector<int> values;
    for (char c : digits) {
        int value = hex_digit(c);
        if (value < 0) return refuse(fmt::format("'{}' is not a colour: '{}' is not a hexadecimal digit", text, c));
        values.push_back(value);
    }
    Colour colour;
    if (values.size() == 3 || values.size() == 4) {
        colour.red = byte(values[0] * 17);
        colour.green = byte(values[1] * 17);
        colour.blue = byte(values[2] * 17);
        if (values.size() == 4) colour.alpha = byte(values[3] * 17);
        return {colour, ""};
    }
    if (values.size() == 6 || values.size() == 8) {
        colour.red = byte(values[0] * 16 + values[1]);
        colour.green = byte(values[2] * 16 + values[3]);
        colour.blue = byte(values[4] * 16 + values[5]);
        if (values.size() == 8) colour.alpha = byte(values[6] * 16 + values[7]);
        return {colour, ""};
    }
    return refuse(fmt::format("'{}' is not a colour: a hex colour has 3, 4, 6 or 8 digits", text));
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    return text;
}

// "rgb(27, 158, 119)" or "rgba(27, 158, 119, 0.5)": channels 0..255, alpha 0..1.
ColourParse parse_functional(std::string_view inside, bool with_alpha, std::string_view text) {
    std::vector<double> values;
    std::size_t start = 0;
    while (start <= inside.size()) {
        std::size_t comma = inside.find(',', start);
        if (comma == std::string_view::npos) comma = inside.size();
        std::string_view part = trim(inside.substr(start, comma - start));
        double value = 0;
        auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
        if (part.empty() || error != std::errc() || end != part.data() + part.size() || !std::isfinite(value)) {
            return refuse(fmt::format("'{}' is not a colour: '{}' is not a number", text, part));
        }
        values.push_back(value);
        start = comma + 1;
    }
    const std::size_t wanted = with_alpha ? 4 : 3;
    if (values.size() != wanted) {
        return refuse(fmt::format("'{}' is not a colour: {} takes {} numbers", text, with_alpha ? "rgba" : "rgb", wanted));
    }
    for (std::size_t i = 0; i < 3; ++i) {
        if (values[i] < 0 || values[i] > 255) {
            return refuse(fmt::format("'{}' is not a colour: channels run from 0 to 255", text));
        }
    }
    if (with_alpha && (values[3] < 0 || values[3] > 1)) {
        return refuse(fmt::format("'{}' is not a colour: alpha runs from 0 to 1", text));
    }
    return {Colour{values[0] / 255, values[1] / 255, values[2] / 255, with_alpha ? values[3] : 1.0}, ""};
}

}  // namespace

ColourParse parse_colour(std::string_view text) {
    std::string_view trimmed = trim(text);
    if (trimmed.empty()) return refuse("an empty text is not a colour");
    if (trimmed.front() == '#') return parse_hex(trimmed.substr(1), text);
    std::string lower(trimmed);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    for (const auto& named : kNamedColours) {
        if (named.name == lower) return {named.colour, ""};
    }
    for (const auto& [prefix, with_alpha] : {std::pair{"rgba(", true}, std::pair{"rgb(", false}}) {
        std::string_view p = prefix;
        if (lower.rfind(p, 0) == 0 && lower.back() == ')') {
            return parse_functional(std::string_view(lower).substr(p.size(), lower.size() - p.size() - 1), with_alpha, text);
        }
    }
    return refuse(fmt::format("'{}' is not a colour (write #rrggbb, rgb(r, g, b), rgba(r, g, b, a) or a CSS name such "
                              "as white)", text));
}

std::string to_hex(const Colour& colour) {
    auto channel = [](double value) { return static_cast<int>(std::lround(std::clamp(value, 0.0, 1.0) * 255)); };
    std::string hex = fmt::format("#{:02x}{:02x}{:02x}", channel(colour.red), channel(colour.green), channel(colour.blue));
    if (colour.alpha < 1) hex += fmt::format("{:02x}", channel(colour.alpha));
    return hex;
}

}  // namespace regiomap::render
