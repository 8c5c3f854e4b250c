// SPDX-License-Identifier: MIT
#include <archiver/text/date.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

using namespace archiver;

namespace {

// The instant `text` names, as "YYYY-MM-DDTHH:MM:SSZ", or "none".
std::string utc(std::string_view text, const TimeZone& zone = TimeZone(),
                std::optional<std::int64_t> now = std::nullopt) {
    auto dt = text::parse_date(text, zone, now);
    return dt ? format_utc(*dt) : std::string("none");
}

TimeZone shanghai() { return *TimeZone::from_name("Asia/Shanghai"); }

} // namespace

TEST_CASE("RFC 822 dates and their real-world variants are read", "[text][date]") {
    CHECK(utc("Sat, 28 Feb 2004 18:14:55 GMT") == "2004-02-28T18:14:55Z");
    CHECK(utc("Sat, 28 Feb 2004 18:14:55 +0100") == "2004-02-28T17:14:55Z");
    CHECK(utc("Sat, 28 Feb 2004 18:14:55 -05:00") == "2004-02-28T23:14:55Z");
    SECTION("missing weekday and seconds") {
        CHECK(utc("28 Feb 2004 18:14 GMT") == "2004-02-28T18:14:00Z");
    }
    SECTION("two-digit years") { CHECK(utc("Sat, 28 Feb 04 18:14:55 GMT") == "2004-02-28T18:14:55Z"); }
    SECTION("named North American zones") {
        CHECK(utc("Sat, 28 Feb 2004 18:14:55 EST") == "2004-02-28T23:14:55Z");
        CHECK(utc("Sat, 28 Feb 2004 18:14:55 PDT") == "2004-02-29T01:14:55Z");
    }
    SECTION("military zones") { CHECK(utc("Sat, 28 Feb 2004 18:14:55 A") == "2004-02-28T19:14:55Z"); }
    SECTION("full month and day names, no comma") {
        CHECK(utc("Saturday 28 February 2004 18:14:55 GMT") == "2004-02-28T18:14:55Z");
    }
    SECTION("garbage around the date") {
        CHECK(utc("  Thu, 5 Apr 2012 23:59:59 -0400 (EDT) ") == "2012-04-06T03:59:59Z");
    }
    SECTION("asctime") { CHECK(utc("Sun Jan  4 16:29:06 2004") == "2004-01-04T16:29:06Z"); }
    SECTION("GMT with an offset") { CHECK(utc("Mon, 07 Feb 2025 12:00:00 GMT+8") == "2025-02-07T04:00:00Z"); }
    SECTION("day-month-year with dashes") { CHECK(utc("08-Jul-2004 10:00:00 GMT") == "2004-07-08T10:00:00Z"); }
    SECTION("invalid fields are rejected") {
        CHECK(utc("Sat, 31 Feb 2004 18:14:55 GMT") == "none");
        CHECK(utc("Sat, 28 Feb 2004 25:14:55 GMT") == "none");
        CHECK(utc("not a date") == "none");
        CHECK(utc("") == "none");
    }
}

TEST_CASE("ISO 8601 and W3CDTF dates, partial forms included, are read", "[text][date]") {
    CHECK(utc("2003-12-31T10:14:55Z") == "2003-12-31T10:14:55Z");
    CHECK(utc("2003-12-31T10:14:55.123-08:00") == "2003-12-31T18:14:55Z");
    CHECK(utc("2003-12-31T10:14:55+0100") == "2003-12-31T09:14:55Z");
    CHECK(utc("2003-12-31T10:14Z") == "2003-12-31T10:14:00Z");
    CHECK(utc("20031231T101455Z") == "2003-12-31T10:14:55Z");
    CHECK(utc("2003-12-31") == "2003-12-31T00:00:00Z");
    CHECK(utc("2003-12") == "2003-12-01T00:00:00Z");
    CHECK(utc("2003") == "2003-01-01T00:00:00Z");
    CHECK(utc("2003-335") == "2003-12-01T00:00:00Z");
    CHECK(utc("2004-W09-6") == "2004-02-28T00:00:00Z");
    CHECK(utc("2009-W01-1") == "2008-12-29T00:00:00Z");
    CHECK(utc("04-02-28") == "2004-02-28T00:00:00Z");
    SECTION("a date-only value is midnight in the given zone") {
        CHECK(utc("2025-02-07", shanghai()) == "2025-02-06T16:00:00Z");
    }
}

TEST_CASE("Unix timestamps in seconds and milliseconds are read", "[text][date]") {
    CHECK(utc("1738902046") == "2025-02-07T04:20:46Z");
    CHECK(utc("1738902046000") == "2025-02-07T04:20:46Z");
}

TEST_CASE("Chinese date forms are read in the source's zone", "[text][date]") {
    const auto sh = shanghai();
    CHECK(utc("2025-02-07 12:20:46", sh) == "2025-02-07T04:20:46Z");
    CHECK(utc("2025年02月07日 12:20", sh) == "2025-02-07T04:20:00Z");
    CHECK(utc("2019年06月15日08:18", sh) == "2019-06-15T00:18:00Z");
    CHECK(utc("2005-5-7 5:54:13", sh) == "2005-05-06T21:54:13Z");
    CHECK(utc("2025/02/07 12:20", sh) == "2025-02-07T04:20:00Z");
    CHECK(utc("发布时间：2025年2月7日 下午3:05", sh) == "2025-02-07T07:05:00Z");
    CHECK(utc("２０２５年０２月０７日　１２：２０", sh) == "2025-02-07T04:20:00Z");
    CHECK(utc("2025年02月07日 星期五 12:20", sh) == "2025-02-07T04:20:00Z");
}

TEST_CASE("Relative dates are read against now", "[text][date]") {
    const auto sh = shanghai();
    const std::int64_t now = 1738902046; // 2025-02-07 12:20:46 +08:00
    CHECK(utc("23分钟前", sh, now) == "2025-02-07T03:57:46Z");
    CHECK(utc("3小时前", sh, now) == "2025-02-07T01:20:46Z");
    CHECK(utc("2天前", sh, now) == "2025-02-05T04:20:46Z");
    CHECK(utc("刚刚", sh, now) == "2025-02-07T04:20:46Z");
    CHECK(utc("昨天 21:29", sh, now) == "2025-02-06T13:29:00Z");
    CHECK(utc("今天 08:00", sh, now) == "2025-02-07T00:00:00Z");
    CHECK(utc("前天", sh, now) == "2025-02-04T16:00:00Z");
    CHECK(utc("3 hours ago", TimeZone(), now) == "2025-02-07T01:20:46Z");
    CHECK(utc("an hour ago", TimeZone(), now) == "2025-02-07T03:20:46Z");
    CHECK(utc("yesterday at 9:15 pm", TimeZone(), now) == "2025-02-06T21:15:00Z");
    SECTION("a month and day without a year take the latest such date") {
        CHECK(utc("02-06 10:00", sh, now) == "2025-02-06T02:00:00Z");
        CHECK(utc("12-30 10:00", sh, now) == "2024-12-30T02:00:00Z");
        CHECK(utc("2月6日 10:00", sh, now) == "2025-02-06T02:00:00Z");
    }
    SECTION("relative forms need now") { CHECK(utc("23分钟前", sh) == "none"); }
}

TEST_CASE("The common RFC 822 and RFC 3339 forms read as the general readers read them",
          "[text][date]") {
    // A leading blank keeps a date off the direct reading of the two common forms, and the
    // general readers skip it: both ways must agree on every mix of valid and invalid fields.
    const std::vector<std::string> weekdays = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Foo", "fri"};
    const std::vector<std::string> days = {"00", "01", "07", "28", "29", "30", "31", "32", "45", "9x"};
    const std::vector<std::string> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
                                             "Aug", "Sep", "Oct", "Nov", "Dec", "Fox", "feb"};
    const std::vector<std::string> years = {"0099", "0999", "1969", "2000", "2004", "2025", "9999"};
    const std::vector<std::string> hours = {"00", "12", "23", "24", "25"};
    const std::vector<std::string> minutes = {"00", "20", "59", "60"};
    const std::vector<std::string> seconds = {"00", "46", "59", "60", "61", "62"};
    const std::vector<std::string> rfc_zones = {"+0800", "-0500", "+1400", "+1500", "+0060",
                                                "GMT",   "UTC",   "+08:00", "Z", "-1459"};
    const std::vector<std::string> iso_months = {"00", "01", "02", "12", "13"};
    const std::vector<std::string> iso_zones = {"Z", "+08:00", "-05:30", "+14:00", "+15:00",
                                                "+08:60", "+0800", "z", "GMT"};
    std::uint32_t state = 12345;
    const auto pick = [&state](const std::vector<std::string>& v) -> const std::string& {
        state = state * 1664525u + 1013904223u;
        return v[(state >> 8) % v.size()];
    };
    for (const TimeZone& zone : {TimeZone(), shanghai()}) {
        for (int i = 0; i < 4000; ++i) {
            const std::string rfc = pick(weekdays) + ", " + pick(days) + " " + pick(months) + " " +
                                    pick(years) + " " + pick(hours) + ":" + pick(minutes) + ":" +
                                    pick(seconds) + " " + pick(rfc_zones);
            INFO(rfc);
            CHECK(utc(rfc, zone) == utc(" " + rfc, zone));
            const std::string iso = pick(years) + "-" + pick(iso_months) + "-" + pick(days) + "T" +
                                    pick(hours) + ":" + pick(minutes) + ":" + pick(seconds) +
                                    pick(iso_zones);
            INFO(iso);
            CHECK(utc(iso, zone) == utc(" " + iso, zone));
        }
    }
    CHECK(utc("Fri, 07 Feb 2025 12:20:46 +0800") == "2025-02-07T04:20:46Z");
    CHECK(utc("2025-02-07T12:20:46+08:00") == "2025-02-07T04:20:46Z");
    CHECK(utc("2025-02-07T13:20:46Z") == "2025-02-07T13:20:46Z");
}
