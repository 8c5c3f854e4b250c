// SPDX-License-Identifier: MIT
#include <archiver/core/time.hpp>

#include <catch2/catch.hpp>

using namespace archiver;

TEST_CASE("Civil dates convert to and from epoch seconds", "[core][time]") {
    CHECK(days_from_civil(1970, 1, 1) == 0);
    CHECK(days_from_civil(2000, 3, 1) == 11017);
    const auto t = civil_from_epoch(1738902046); // 2025-02-07T04:20:46Z
    CHECK(t.year == 2025);
    CHECK(t.month == 2);
    CHECK(t.day == 7);
    CHECK(t.hour == 4);
    CHECK(t.minute == 20);
    CHECK(t.second == 46);
}

TEST_CASE("Times are formatted in the offset they were stated in", "[core][time]") {
    auto zone = TimeZone::from_name("Asia/Shanghai");
    REQUIRE(zone);
    const DateTime dt = make_datetime(CivilTime{2025, 2, 7, 12, 20, 46}, *zone);
    CHECK(dt.epoch == 1738902046);
    CHECK(dt.offset == 8 * 3600);
    CHECK(format_rfc3339(dt) == "2025-02-07T12:20:46+08:00");
    CHECK(format_utc(dt) == "2025-02-07T04:20:46Z");
    CHECK(format_pattern(dt, "%Y-%m-%d %H:%M:%S") == "2025-02-07 12:20:46");
}

TEST_CASE("Time zones are read from names and offsets", "[core][time]") {
    CHECK(TimeZone::from_name("+08:00")->offset_at_utc(0) == 28800);
    CHECK(TimeZone::from_name("-0530")->offset_at_utc(0) == -19800);
    CHECK(TimeZone::from_name("UTC")->offset_at_utc(0) == 0);
    CHECK_FALSE(TimeZone::from_name("../../etc/passwd"));
    CHECK_FALSE(TimeZone::from_name("Not/A_Zone"));
    auto ny = TimeZone::from_name("America/New_York");
    if (ny) { // needs tzdata
        CHECK(ny->offset_at_utc(1720000000) == -4 * 3600); // July: EDT
        CHECK(ny->offset_at_utc(1736000000) == -5 * 3600); // January: EST
    }
}

TEST_CASE("Durations parse in the config's units", "[core][time]") {
    CHECK(parse_duration("30m") == 1800);
    CHECK(parse_duration("6h") == 21600);
    CHECK(parse_duration("1h30m") == 5400);
    CHECK(parse_duration("0") == 0);
    CHECK_FALSE(parse_duration("abc"));
    CHECK_FALSE(parse_duration("10"));
}

TEST_CASE("An offset with seconds is written so that the instant reads back exactly",
          "[core][time]") {
    // America/New_York before 1883 is local mean time, -04:56:02.
    const DateTime lmt{-7983860638, -17762};
    const std::string text = format_rfc3339(lmt);
    CHECK(text == "1717-01-01T00:00:02-04:56");
    const auto back = civil_from_epoch(lmt.epoch - 17760);
    CHECK(back.second == 2);
}
