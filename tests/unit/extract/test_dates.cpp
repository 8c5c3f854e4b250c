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
