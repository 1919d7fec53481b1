// Numbers and dates as Dutch and English users write them, worked by hand.
#include "core/number_format.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace regiomap;

namespace {
constexpr auto automatic = DecimalConvention::automatic;
constexpr auto comma = DecimalConvention::comma;
constexpr auto point = DecimalConvention::point;

double amount(const std::string& text, DecimalConvention convention = automatic) {
    auto parsed = parse_amount_in_euros(text, convention);
    INFO(text << ": " << parsed.reason());
    REQUIRE(parsed);
    return *parsed;
}

std::string amount_refused(const std::string& text, DecimalConvention convention = automatic) {
    auto parsed = parse_amount_in_euros(text, convention);
    INFO(text);
    REQUIRE_FALSE(parsed);
    return parsed.reason();
}

double share(const std::string& text, DecimalConvention convention = automatic, bool column_in_percent = false) {
    auto written = parse_written_share(text, convention);
    INFO(text << ": " << written.reason());
    REQUIRE(written);
    auto fraction = share_as_fraction(*written, column_in_percent);
    INFO(fraction.reason());
    REQUIRE(fraction);
    return *fraction;
}

bool share_refused(const std::string& text, DecimalConvention convention = automatic, bool column_in_percent = false) {
    auto written = parse_written_share(text, convention);
    return !written || !share_as_fraction(*written, column_in_percent);
}
}  // namespace

TEST_CASE("amounts in euros as Dutch and English users write them") {
    CHECK(amount("75.000") == 75000);    // Dutch thousands: three digits after a single dot
    CHECK(amount("75,000") == 75000);    // English thousands
    CHECK(amount("€ 25.000") == 25000);
    CHECK(amount("€25.000,-") == 25000);
    CHECK(amount("EUR 25,000.00") == 25000);
    CHECK(amount("25.000 euro") == 25000);
    CHECK(amount("1.234.567,89") == Approx(1234567.89));
    CHECK(amount("1,234,567.89") == Approx(1234567.89));
    CHECK(amount("1 234 567") == 1234567);
    CHECK(amount("1\xC2\xA0" "234") == 1234);  // no-break space between thousands, as spreadsheets write it
    CHECK(amount("12,5") == 12.5);       // one or two digits after a single separator: decimals
    CHECK(amount("12.50") == 12.5);
    CHECK(amount("120000") == 120000);
    CHECK(amount(" 90000 ") == 90000);
}

TEST_CASE("a declared decimal separator reads the other one as thousands only") {
    CHECK(amount("75.000", comma) == 75000);
    CHECK(amount("75,5", comma) == 75.5);
    CHECK(amount("75,000", point) == 75000);
    CHECK(amount("75.5", point) == 75.5);
    CHECK(amount_refused("75,000", comma).find("more than two decimals") != std::string::npos);
    CHECK(amount_refused("75.000", point).find("more than two decimals") != std::string::npos);
    CHECK(amount_refused("1.5", comma).find("--decimal comma") != std::string::npos);
    CHECK(amount_refused("1,5", point).find("--decimal point") != std::string::npos);
}

TEST_CASE("amounts that are not amounts are refused with the reason") {
    for (const char* text : {"nan", "NaN", "inf", "-inf", "infinity", "0x10", "1e999", "1e5", "", "abc", "12abc",
                             "€", "1..5", ".5", "5.", "1.2.3", "12.34.567", "1.234,567", "1,2,3.4"}) {
        INFO(text);
        CHECK_FALSE(parse_amount_in_euros(text, automatic));
    }
    CHECK(amount_refused("-5").find("'-5' is negative") != std::string::npos);
    CHECK(amount_refused("1.2345").find("more than two decimals") != std::string::npos);
    CHECK(amount_refused("1e999").find("'1e999' is not a number") != std::string::npos);
    CHECK(amount_refused("1" + std::string(20, '0')).find("too large") != std::string::npos);
    // A megabyte of digits is refused quickly and quoted short.
    CHECK(amount_refused(std::string(1 << 20, '7')).size() < 200);
}

TEST_CASE("whole counts: inhabitants, insured persons, months") {
    auto count = [](const std::string& text, DecimalConvention convention = automatic) {
        auto parsed = parse_whole_count(text, convention);
        INFO(text << ": " << parsed.reason());
        REQUIRE(parsed);
        return *parsed;
    };
    CHECK(count("66493") == 66493);
    CHECK(count("66.493") == 66493);
    CHECK(count("66,493") == 66493);
    CHECK(count("17.407.585") == 17407585);
    CHECK(count("36") == 36);
    CHECK(count("36,0", comma) == 36);
    for (const char* text : {"1,5", "1.5", "-3", "nan", "inf", "0x10", "1e3", "", "12 ab"}) {
        INFO(text);
        CHECK_FALSE(parse_whole_count(text, automatic));
    }
    CHECK(parse_whole_count("1,5", automatic).reason() == "'1,5' is not a whole number");
    CHECK_FALSE(parse_whole_count("9999999999999999999999", automatic));  // no overflow, no exception
}

TEST_CASE("market shares in percent or as fractions") {
    CHECK(share("41,5%") == Approx(0.415));
    CHECK(share("41.5%") == Approx(0.415));
    CHECK(share("41,5 %") == Approx(0.415));
    CHECK(share("0,415") == Approx(0.415));  // shares have no thousands: a single separator is the decimal one
    CHECK(share("0.415") == Approx(0.415));
    CHECK(share("100%") == 1.0);
    CHECK(share("40", automatic, true) == Approx(0.40));  // a column in percent
    CHECK(share("1", automatic, true) == Approx(0.01));   // 1%, not 100%, in a column in percent
    CHECK(share("41,5", comma, true) == Approx(0.415));
    for (const char* text : {"250%", "100.5%", "nan", "inf", "nan%", "0x10", "1e999", "-5%", "1.5", "", "%",
                             "1.000.000%", "1,234.5%"}) {
        INFO(text);
        CHECK(share_refused(text));
    }
    CHECK(share_refused("41.5%", comma));
    CHECK(share_refused("41,5%", point));
    CHECK(share_as_fraction({250, true}, false).reason() == "250% is above 100%");
}

TEST_CASE("dates in ISO and Dutch writing") {
    auto date = [](const std::string& text) {
        auto parsed = parse_date(text);
        INFO(text << ": " << parsed.reason());
        REQUIRE(parsed);
        return (*parsed).text();
    };
    CHECK(date("2021-10-01") == "2021-10-01");
    CHECK(date("01-10-2021") == "2021-10-01");
    CHECK(date("1-10-2021") == "2021-10-01");
    CHECK(date("29-02-2020") == "2020-02-29");
    for (const char* text : {"31-02-2021", "29-02-2021", "2021-13-01", "01-10-21", "2021-1-1", "01/10/2021",
                             "2021/10/01", "1 oktober 2021", "", "nan", "2021-10-01T00:00"}) {
        INFO(text);
        CHECK_FALSE(parse_date(text));
    }
    CHECK(parse_date("01/10/2021").reason().find("ambiguous") != std::string::npos);
    CHECK(Date{2021, 10, 1} < Date{2021, 10, 2});
}
