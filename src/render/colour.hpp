// Colours as styles write them: "#rgb", "#rrggbb", "#rrggbbaa", "rgb(r, g, b)",
// "rgba(r, g, b, a)" and the CSS names MapLibre styles use most. A colour
// that cannot be read is refused with the reason, never replaced by black.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace regiomap::render {

struct Colour {
    double red = 0, green = 0, blue = 0, alpha = 1;  // each 0..1

    bool operator==(const Colour&) const = default;
};

struct ColourParse {
    std::optional<Colour> colour;
    std::string problem;  // why the text is not a colour, when colour is empty
};

ColourParse parse_colour(std::string_view text);

// "#1b9e77" (alpha dropped when 1), for SVG/HTML and for messages.
std::string to_hex(const Colour& colour);

}  // namespace regiomap::render
