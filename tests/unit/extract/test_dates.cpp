// SPDX-License-Identifier: MIT
// The date forms of visible text, read by find_date.
#include "extract/dates.hpp"

#include <catch2/catch.hpp>

#include <string>

using archiver::TimeZone;
using archiver::extract::detail::find_date;

namespace {

// The date found in `text` as RFC 3339 in UTC ("-" when none, "d" suffix when no time).
std::string found(std::string_view text, const TimeZone& zone = TimeZone::fixed(8 * 3600)) {
    auto d = find_date(text, zone);
    if (!d) {
        return "-";
    }
    return archiver::format_utc(d->when) + (d->has_time ? "" : " d");
}

} // namespace

TEST_CASE("Numeric dates with and without a time", "[extract][dates]") {
    CHECK(found("2024-04-24T23:52:10.5+08:00") == "2024-04-24T15:52:10Z");
    CHECK(found("2024-04-24T23:52:10Z") == "2024-04-24T23:52:10Z");
    CHECK(found("发布时间：2024/4/24 23:52") == "2024-04-24T15:52:00Z");
    CHECK(found("2024年04月24日23:52 | 来源：新华网") == "2024-04-24T15:52:00Z");
    CHECK(found("2024年4月24日 23时52分10") == "2024-04-24T15:52:10Z");
    CHECK(found("2024.04.24") == "2024-04-23T16:00:00Z d");
    CHECK(found("2024 - 04 - 24 07:05 GMT") == "2024-04-24T07:05:00Z");
    CHECK(found("2024-04-24&nbsp;07:05 +0100") == "2024-04-24T06:05:00Z");
    CHECK(found("2024-04-24, 7:05 -05:00") == "2024-04-24T12:05:00Z");
}

TEST_CASE("Numeric dates that are not dates", "[extract][dates]") {
    CHECK(found("no date here") == "-");
    CHECK(found("order 2024-123-4") == "-");         // a three-digit month
    CHECK(found("2024-04-240") == "-");              // a three-digit day
    CHECK(found("2024-13-01") == "-");               // month 13
    CHECK(found("1899-01-01") == "-");               // out of range
    CHECK(found("12024-04-24") == "2024-04-23T16:00:00Z d"); // the last four digits of a run
    CHECK(found("2024-04-24 123:45") == "2024-04-23T16:00:00Z d"); // not a time
}

TEST_CASE("Dates with the month written out", "[extract][dates]") {
    CHECK(found("Nov. 19, 2019 10:30 AM EST") == "2019-11-19T15:30:00Z");
    CHECK(found("November 19, 2019 at 10:30 p.m. (PDT)") == "2019-11-20T05:30:00Z");
    CHECK(found("Sept 5th, 2019, 12:15 am") == "2019-09-04T16:15:00Z");
    CHECK(found("Published 19 November 2019") == "2019-11-18T16:00:00Z d");
    CHECK(found("1st June 2020 09:00 +0000") == "2020-06-01T09:00:00Z");
    CHECK(found("10:12, April 25, 2024") == "2024-04-25T02:12:00Z"); // the time before the date
    CHECK(found("Updated 3:05 pm, Jan 2, 2024") == "2024-01-02T07:05:00Z");
    CHECK(found("Janu 5, 2019") == "-");             // not a month name
    CHECK(found("Jan 123, 2019") == "-");            // not a day
}

TEST_CASE("The leftmost date wins whatever its form", "[extract][dates]") {
    CHECK(found("March 3, 2021 — updated 2022-01-01") == "2021-03-02T16:00:00Z d");
    CHECK(found("2022-01-01, first seen March 3, 2021") == "2021-12-31T16:00:00Z d");
}

TEST_CASE("Dates in URL paths", "[extract][dates]") {
    using archiver::extract::detail::find_url_date;
    auto url_date = [](std::string_view url) {
        auto d = find_url_date(url, TimeZone{});
        return d ? archiver::format_utc(d->when) : std::string("-");
    };
    CHECK(url_date("https://x.com/2019/11/19/story.html") == "2019-11-19T00:00:00Z");
    CHECK(url_date("https://x.com/news/2019-11/19/c_1.htm") == "2019-11-19T00:00:00Z");
    CHECK(url_date("https://x.com/a/20191119/123.html") == "2019-11-19T00:00:00Z");
    CHECK(url_date("https://x.com/a/20191119123.html") == "2019-11-19T00:00:00Z");
    CHECK(url_date("https://x.com/n1/2019/0615/c1-31.html") == "2019-06-15T00:00:00Z");
    // A day after a separator must end there: a month and an id, not the 12th.
    CHECK(url_date("https://x.com/201909/1220000.shtml") == "-");
    CHECK(url_date("https://x.com/2019/13/01/") == "-");
    CHECK(url_date("https://x.com/1899/11/19/") == "-");
    CHECK(url_date("https://x.com/id/12019111900") == "-");
}

TEST_CASE("Date format hints", "[extract][dates]") {
    using archiver::extract::detail::parse_with_formats;
    auto hinted = [](std::string_view text, std::vector<std::string> formats) {
        auto d = parse_with_formats(text, formats, TimeZone::fixed(8 * 3600));
        return d ? archiver::format_utc(d->when) + (d->has_time ? "" : " d") : std::string("-");
    };
    CHECK(hinted("发布于 2019年06月15日08:18 来源", {"%Y年%m月%d日%H:%M"}) == "2019-06-15T00:18:00Z");
    CHECK(hinted("2005-5-7 5:54:13", {"%Y-%m-%d %H:%M:%S"}) == "2005-05-06T21:54:13Z");
    CHECK(hinted("2005-5-7   5:54", {"%Y-%m-%d %H:%M"}) == "2005-05-06T21:54:00Z"); // whitespace flexible
    CHECK(hinted("07/02/25", {"%d/%m/%y"}) == "2025-02-06T16:00:00Z d");
    CHECK(hinted("20250207", {"%Y%m%d"}) == "2025-02-06T16:00:00Z d");
    CHECK(hinted("100% on 2025-2-7", {"%% on %Y-%m-%d"}) == "2025-02-06T16:00:00Z d");
    // The first hint that matches wins; a hint that matches nothing is passed over.
    CHECK(hinted("2025.02.07", {"%Y/%m/%d", "%Y.%m.%d"}) == "2025-02-06T16:00:00Z d");
    CHECK(hinted("no date", {"%Y-%m-%d"}) == "-");
}
