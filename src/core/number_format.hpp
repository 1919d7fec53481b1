// Numbers and dates as people write them in the tables they hand to regiomap:
// Dutch ("€ 25.000,-", "41,5%", "01-10-2021") as well as English ("25,000.00",
// "41.5%", "2021-10-01"). Every function takes the text of one cell and the
// decimal convention its file declares, and returns the value or the reason it
// was refused; callers name the file, row and column. Never std::stod/stoi on
// user text: they accept "nan", "inf", "0x10" and leading garbage, and throw.
//
// The rules (README "Numbers and dates in your tables", docs/METRICS.md):
// - auto (the default): with both '.' and ',' in a number, the last one is the
//   decimal separator and the other groups thousands ("1.234,56", "1,234.56").
//   With one kind only: several of them group thousands ("1.234.567"); a single
//   one followed by exactly three digits groups thousands where the quantity
//   cannot have three decimals: whole counts and amounts in euros (cents: two
//   decimals at most), so "75.000" and "75,000" are 75000 euros. Shares have
//   no thousands (at most 100), so there a single '.' or ',' is the decimal
//   separator ("41,5%", "0.415"). Text these rules cannot read one way only
//   ("1.2345" euros, "1,5" inhabitants) is refused, never guessed.
// - comma / point (`--decimal comma|point`): that character is the decimal
//   separator, the other one may only group thousands in groups of three.
// Refused everywhere: NaN, infinity, hexadecimal, exponents, empty text,
// misplaced group separators, values out of range.
#pragma once

#include "core/language.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace regiomap {

enum class DecimalConvention { automatic, comma, point };

// "auto", "comma" or "point": for messages and option help.
std::string to_string(DecimalConvention convention);

// A calendar date (proleptic Gregorian), compared in order.
struct Date {
    int year = 0, month = 0, day = 0;
    auto operator<=>(const Date&) const = default;
    std::string text() const;  // ISO: 2021-10-01
};

// A parsed value or the reason the text is not one ("'nan' is not a number").
template <typename T>
class Parsed {
public:
    static Parsed value_of(T value) { return Parsed(std::move(value), {}); }
    static Parsed refused(std::string reason) { return Parsed(std::nullopt, std::move(reason)); }

    explicit operator bool() const { return value_.has_value(); }
    const T& operator*() const { return *value_; }
    const T* operator->() const { return &*value_; }
    const std::string& reason() const { return reason_; }

private:
    Parsed(std::optional<T> value, std::string reason) : value_(std::move(value)), reason_(std::move(reason)) {}
    std::optional<T> value_;
    std::string reason_;
};

// A whole non-negative count (inhabitants, insured persons, months, a year):
// "66493", "66.493", "66,493", "66 493". Refuses decimals ("1,5"), signs, and
// counts above 10^15.
Parsed<std::int64_t> parse_whole_count(std::string_view text, DecimalConvention convention);

// A non-negative number in a command-line option, where ',' separates values
// ("--population-bounds 0.5,2.0", "--weights ggd=1.5"): digits with at most one
// decimal point. Refuses a decimal comma, signs, exponents, NaN and infinity.
Parsed<double> parse_option_number(std::string_view text);

// An amount in euros, not negative, at most two decimals: "75.000", "€ 25.000",
// "EUR 25,000.00", "25.000,-", "1.234,56 €". Refuses more than two decimals and
// amounts of 10^12 euros or more.
Parsed<double> parse_amount_in_euros(std::string_view text, DecimalConvention convention);

// A market share as written: the number and whether a '%' followed it
// ("41,5%" -> 41.5 with percent; "0.415" -> 0.415 without). Refuses negative
// values; the range is checked by share_as_fraction.
struct WrittenShare {
    double number = 0;
    bool percent = false;
};
Parsed<WrittenShare> parse_written_share(std::string_view text, DecimalConvention convention);

// The fraction a written share means: percent when it says so or when the
// column is in percent (`column_in_percent`), else a fraction. Refuses shares
// above 100%.
Parsed<double> share_as_fraction(const WrittenShare& share, bool column_in_percent);

// A date as ISO "2021-10-01" or Dutch "01-10-2021" / "1-10-2021". Refuses
// slashes ("01/10/2021" is 1 October in Dutch and 10 January in American use),
// two-digit years and days that do not exist.
Parsed<Date> parse_date(std::string_view text);

// Numbers as a reader of the language expects them in maps and the report:
// Dutch "0,069" and "872.757", English "0.069" and "872,757".
std::string format_decimal(double value, int decimals, Language language);
std::string format_count(std::int64_t value, Language language);

}  // namespace regiomap
