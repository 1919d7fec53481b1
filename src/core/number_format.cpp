#include "core/number_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <initializer_list>
#include <vector>

namespace regiomap {

std::string to_string(DecimalConvention convention) {
    switch (convention) {
        case DecimalConvention::automatic: return "auto";
        case DecimalConvention::comma: return "comma";
        case DecimalConvention::point: return "point";
    }
    return "auto";
}

std::string Date::text() const { return fmt::format("{:04}-{:02}-{:02}", year, month, day); }

namespace {

// Text longer than this is no number anyone wrote by hand; quoting it whole in
// a message would bury the message.
constexpr std::size_t kLongestNumberText = 40;

std::string quoted(std::string_view text) {
    if (text.size() <= kLongestNumberText) return fmt::format("'{}'", text);
    return fmt::format("'{}...' ({} characters)", text.substr(0, kLongestNumberText), text.size());
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Spaces, and the no-break spaces spreadsheets put between thousands, become ' '.
std::string with_plain_spaces(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 2, "\xC2\xA0") == 0) {  // U+00A0 no-break space
            out.push_back(' ');
            ++i;
        } else if (text.compare(i, 3, "\xE2\x80\xAF") == 0) {  // U+202F narrow no-break space
            out.push_back(' ');
            i += 2;
        } else {
            out.push_back(text[i] == '\t' ? ' ' : text[i]);
        }
    }
    return out;
}

std::string_view trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(' ');
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

// ASCII lower case; other bytes (the UTF-8 of "€") as they are.
unsigned char lower(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x80 ? static_cast<unsigned char>(std::tolower(byte)) : byte;
}

bool strip_prefix(std::string_view& text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (lower(text[i]) != lower(prefix[i])) return false;
    }
    text.remove_prefix(prefix.size());
    text = trimmed(text);
    return true;
}

bool strip_suffix(std::string_view& text, std::string_view suffix) {
    if (text.size() < suffix.size()) return false;
    const std::size_t start = text.size() - suffix.size();
    for (std::size_t i = 0; i < suffix.size(); ++i) {
        if (lower(text[start + i]) != lower(suffix[i])) return false;
    }
    text.remove_suffix(suffix.size());
    text = trimmed(text);
    return true;
}

bool strip_any_prefix(std::string_view& text, std::initializer_list<std::string_view> prefixes) {
    return std::any_of(prefixes.begin(), prefixes.end(), [&](std::string_view prefix) { return strip_prefix(text, prefix); });
}

bool strip_any_suffix(std::string_view& text, std::initializer_list<std::string_view> suffixes) {
    return std::any_of(suffixes.begin(), suffixes.end(), [&](std::string_view suffix) { return strip_suffix(text, suffix); });
}

enum class Quantity { whole_count, amount_in_euros, share };

struct Digits {
    bool negative = false;
    std::string integer;   // digits only
    std::string fraction;  // digits only, may be empty
};

// Splits written digits into integer and fraction by the rules in the header.
Parsed<Digits> read_digits(std::string_view written, DecimalConvention convention, Quantity quantity) {
    const std::string shown = quoted(written);
    const std::string not_a_number =
        shown + (quantity == Quantity::whole_count ? " is not a whole number" : " is not a number");
    std::string_view text = written;
    Digits digits;
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        digits.negative = text.front() == '-';
        text = trimmed(text.substr(1));
    }
    if (text.empty()) return Parsed<Digits>::refused(not_a_number);
    for (char c : text) {
        if (!is_digit(c) && c != '.' && c != ',' && c != ' ') return Parsed<Digits>::refused(not_a_number);
    }
    if (!is_digit(text.front()) || !is_digit(text.back())) {
        return Parsed<Digits>::refused(not_a_number + " (it must start and end with a digit)");
    }
    const auto count = [&](char c) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), c)); };
    char decimal = 0;  // 0: the number has no decimal separator
    switch (convention) {
        case DecimalConvention::comma: decimal = count(',') > 0 ? ',' : 0; break;
        case DecimalConvention::point: decimal = count('.') > 0 ? '.' : 0; break;
        case DecimalConvention::automatic: {
            const std::size_t dots = count('.'), commas = count(',');
            if (dots > 0 && commas > 0) {
                decimal = text.find_last_of(".,") == text.rfind('.') ? '.' : ',';
            } else if (dots + commas == 1) {
                const char separator = dots == 1 ? '.' : ',';
                const std::size_t after = text.size() - text.find(separator) - 1;
                const bool thousands_possible = quantity != Quantity::share;
                decimal = thousands_possible && after == 3 ? 0 : separator;
            } else if (quantity == Quantity::share && dots + commas > 1) {
                return Parsed<Digits>::refused(shown + " is not a share (more than one '.' or ',')");
            }
            break;
        }
    }
    // The character that may group thousands besides a space (0: either, auto without decimals).
    const char group = convention == DecimalConvention::comma   ? '.'
                       : convention == DecimalConvention::point ? ','
                       : decimal == ','                         ? '.'
                       : decimal == '.'                         ? ','
                                                                : 0;
    std::string_view integer_part = text, fraction_part;
    if (decimal != 0) {
        if (count(decimal) > 1) {
            return Parsed<Digits>::refused(fmt::format("{} has more than one decimal separator '{}'", shown, decimal));
        }
        const auto at = text.find(decimal);
        integer_part = text.substr(0, at);
        fraction_part = text.substr(at + 1);
        if (fraction_part.find_first_not_of("0123456789") != std::string_view::npos) {
            return Parsed<Digits>::refused(fmt::format("{}: no thousands separator may follow the decimal '{}'", shown,
                                                       decimal));
        }
    }
    // Thousands: groups of three after a first group of one to three digits, all
    // separated by the same character (a space, or the one that is not the decimal).
    std::vector<std::string_view> groups;
    char separator_seen = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= integer_part.size(); ++i) {
        if (i < integer_part.size() && is_digit(integer_part[i])) continue;
        if (i < integer_part.size()) {
            const char c = integer_part[i];
            const bool allowed = c == ' ' || (group != 0 ? c == group : (c == '.' || c == ','));
            if (!allowed || (separator_seen != 0 && c != separator_seen)) {
                return Parsed<Digits>::refused(
                    convention == DecimalConvention::automatic
                        ? fmt::format("{} mixes separators in a way that is not a number", shown)
                        : fmt::format("{}: '{}' cannot group thousands here (the file is declared --decimal {})", shown,
                                      c, to_string(convention)));
            }
            separator_seen = c;
        }
        groups.push_back(integer_part.substr(start, i - start));
        start = i + 1;
    }
    if (groups.size() > 1) {
        if (quantity == Quantity::share) {
            return Parsed<Digits>::refused(shown + " is not a share (a share has no thousands separator)");
        }
        bool well_grouped = !groups.front().empty() && groups.front().size() <= 3;
        for (std::size_t g = 1; g < groups.size(); ++g) well_grouped = well_grouped && groups[g].size() == 3;
        if (!well_grouped) {
            return Parsed<Digits>::refused(
                fmt::format("{}: thousands separators must stand between groups of three digits{}", shown,
                            convention == DecimalConvention::automatic
                                ? ""
                                : fmt::format(" (the file is declared --decimal {})", to_string(convention))));
        }
    }
    for (auto g : groups) digits.integer += g;
    digits.fraction = std::string(fraction_part);
    if (digits.integer.empty()) return Parsed<Digits>::refused(not_a_number);
    return Parsed<Digits>::value_of(std::move(digits));
}

// Digits known to be at most 15 significant integer digits convert exactly enough.
double to_double(const Digits& digits) {
    const std::string text = digits.integer + (digits.fraction.empty() ? "" : "." + digits.fraction);
    double value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return digits.negative ? -value : value;
}

std::size_t significant_integer_digits(const std::string& integer) {
    const auto first = integer.find_first_not_of('0');
    return first == std::string::npos ? 0 : integer.size() - first;
}

}  // namespace

Parsed<std::int64_t> parse_whole_count(std::string_view written, DecimalConvention convention) {
    const std::string plain = with_plain_spaces(written);
    const std::string_view text = trimmed(plain);
    auto digits = read_digits(text, convention, Quantity::whole_count);
    if (!digits) return Parsed<std::int64_t>::refused(digits.reason());
    if (digits->negative) return Parsed<std::int64_t>::refused(quoted(text) + " is negative");
    if (digits->fraction.find_first_not_of('0') != std::string::npos) {
        return Parsed<std::int64_t>::refused(quoted(text) + " is not a whole number");
    }
    if (significant_integer_digits(digits->integer) > 15) {
        return Parsed<std::int64_t>::refused(quoted(text) + " is too large");
    }
    std::int64_t value = 0;
    const std::string& integer = digits->integer;
    std::from_chars(integer.data(), integer.data() + integer.size(), value);
    return Parsed<std::int64_t>::value_of(value);
}

Parsed<double> parse_amount_in_euros(std::string_view written, DecimalConvention convention) {
    const std::string plain = with_plain_spaces(written);
    std::string_view text = trimmed(plain);
    // "€ 25.000", "EUR 25.000", "25.000 euro", "25.000,-": the sign and the Dutch "no cents" dash go.
    const bool currency_first = strip_any_prefix(text, {"\xE2\x82\xAC", "euro", "eur"});
    if (!currency_first) strip_any_suffix(text, {"\xE2\x82\xAC", "euro", "eur"});
    strip_any_suffix(text, {",--", ",-", ".-"});
    auto digits = read_digits(text, convention, Quantity::amount_in_euros);
    if (!digits) return Parsed<double>::refused(digits.reason());
    if (digits->negative) return Parsed<double>::refused(quoted(written) + " is negative");
    if (digits->fraction.size() > 2) {
        return Parsed<double>::refused(quoted(written) + " has more than two decimals; euros have cents at most" +
                                       (convention == DecimalConvention::automatic
                                            ? std::string(" (declare the file's decimal separator with --decimal)")
                                            : std::string()));
    }
    if (significant_integer_digits(digits->integer) > 12) {
        return Parsed<double>::refused(quoted(written) + " is too large for an amount in euros");
    }
    return Parsed<double>::value_of(to_double(*digits));
}

Parsed<WrittenShare> parse_written_share(std::string_view written, DecimalConvention convention) {
    const std::string plain = with_plain_spaces(written);
    std::string_view text = trimmed(plain);
    WrittenShare share;
    share.percent = strip_suffix(text, "%");
    auto digits = read_digits(text, convention, Quantity::share);
    if (!digits) return Parsed<WrittenShare>::refused(digits.reason());
    if (digits->negative) return Parsed<WrittenShare>::refused(quoted(written) + " is negative");
    if (significant_integer_digits(digits->integer) > 3 || digits->fraction.size() > 12) {
        return Parsed<WrittenShare>::refused(quoted(written) + " is not a share (0 to 1, or 0% to 100%)");
    }
    share.number = to_double(*digits);
    return Parsed<WrittenShare>::value_of(share);
}

Parsed<double> share_as_fraction(const WrittenShare& share, bool column_in_percent) {
    const bool percent = share.percent || column_in_percent;
    const double fraction = percent ? share.number / 100.0 : share.number;
    if (fraction > 1.0 + 1e-12) {
        return Parsed<double>::refused(percent ? fmt::format("{}% is above 100%", share.number)
                                               : fmt::format("{} is above 1 (a fraction; write a percent with %)",
                                                             share.number));
    }
    return Parsed<double>::value_of(std::min(fraction, 1.0));
}

Parsed<Date> parse_date(std::string_view written) {
    const std::string plain = with_plain_spaces(written);
    const std::string_view text = trimmed(plain);
    const std::string shown = quoted(text);
    if (text.find('/') != std::string_view::npos) {
        return Parsed<Date>::refused(shown + " is ambiguous (01/10/2021 is 1 October in Dutch and 10 January in "
                                             "American use); write 2021-10-01 or 01-10-2021");
    }
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == '-') {
            parts.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    }
    const auto all_digits = [](std::string_view part) {
        return !part.empty() && std::all_of(part.begin(), part.end(), is_digit);
    };
    const auto number = [](std::string_view part) {
        int value = 0;
        std::from_chars(part.data(), part.data() + part.size(), value);
        return value;
    };
    Date date;
    if (parts.size() == 3 && std::all_of(parts.begin(), parts.end(), all_digits)) {
        if (parts[0].size() == 4 && parts[1].size() == 2 && parts[2].size() == 2) {
            date = {number(parts[0]), number(parts[1]), number(parts[2])};
        } else if (parts[2].size() == 4 && parts[0].size() <= 2 && parts[1].size() <= 2) {
            date = {number(parts[2]), number(parts[1]), number(parts[0])};
        } else {
            return Parsed<Date>::refused(shown + " is not a date (YYYY-MM-DD or DD-MM-YYYY, four-digit year)");
        }
    } else {
        return Parsed<Date>::refused(shown + " is not a date (YYYY-MM-DD or DD-MM-YYYY)");
    }
    static constexpr int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (date.year % 4 == 0 && date.year % 100 != 0) || date.year % 400 == 0;
    if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > days[date.month - 1] ||
        (date.month == 2 && date.day == 29 && !leap)) {
        return Parsed<Date>::refused(shown + " is not a date that exists");
    }
    return Parsed<Date>::value_of(date);
}

std::string format_decimal(double value, int decimals, Language language) {
    std::string text = fmt::format("{:.{}f}", value, decimals);
    if (text == "-" + fmt::format("{:.{}f}", 0.0, decimals)) text.erase(0, 1);  // no "-0,0"
    if (language == Language::nl) std::replace(text.begin(), text.end(), '.', ',');
    return text;
}

std::string format_count(std::int64_t value, Language language) {
    std::string digits = std::to_string(value < 0 ? -value : value);
    std::string grouped;
    const char separator = language == Language::nl ? '.' : ',';
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) grouped.push_back(separator);
        grouped.push_back(digits[i]);
    }
    return value < 0 ? "-" + grouped : grouped;
}

Parsed<double> parse_option_number(std::string_view text) {
    std::size_t digits = 0, points = 0;
    for (char c : text) {
        if (c >= '0' && c <= '9') {
            ++digits;
        } else if (c == '.') {
            ++points;
        } else {
            return Parsed<double>::refused(fmt::format("'{}' is not a number written with a decimal point (e.g. 2.25)", text));
        }
    }
    if (digits == 0 || points > 1 || text.front() == '.' || text.back() == '.' || digits > 15) {
        return Parsed<double>::refused(fmt::format("'{}' is not a number written with a decimal point (e.g. 2.25)", text));
    }
    // Digits as one whole number, then scaled once: 2.11 is 211 / 100, not 2 + 0.1 + 0.01.
    std::int64_t mantissa = 0;
    double scale = 1;
    bool after_point = false;
    for (char c : text) {
        if (c == '.') {
            after_point = true;
            continue;
        }
        mantissa = mantissa * 10 + (c - '0');
        if (after_point) scale *= 10;
    }
    const double value = static_cast<double>(mantissa) / scale;
    return Parsed<double>::value_of(value);
}

}  // namespace regiomap
