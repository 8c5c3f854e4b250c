// SPDX-License-Identifier: MIT
// The date patterns of visible text, each read at one position of the text (find_date
// searches them leftmost first). Written by hand: std::regex costs microseconds per block,
// and every short block of every page is tried.
#pragma once

#include <archiver/core/time.hpp>

#include <cstddef>
#include <optional>
#include <string_view>

namespace archiver::extract::detail {

// A date pattern matched at `position`, with its fields as written (not yet validated).
struct DateMatch {
    std::size_t position = 0;
    CivilTime t;
    bool has_time = false;
    std::string_view zone;      // as written ("+08:00", "EST", "Z"); empty when none
    bool month_written = false; // "Nov. 19, 2019", not "2019-11-19"
};

// 2024-04-24T23:52:10.5+08:00, 2024/4/24 23:52, 2024年04月24日 23:52, 2024.04.24 at s[p].
std::optional<DateMatch> numeric_date_at(std::string_view s, std::size_t p);

// "Nov. 19, 2019 10:30 AM EST", "September 5th, 2019 at 10:30 p.m." at s[p].
std::optional<DateMatch> month_first_date_at(std::string_view s, std::size_t p);

// "19 November 2019", "1st June 2020 09:00 +0000" at s[p].
std::optional<DateMatch> day_first_date_at(std::string_view s, std::size_t p);

// Sets the time fields of `t` from a time that ends `s` ("10:12, ", "3:05 pm "), as bylines
// write it before the date; false when `s` does not end with one.
bool time_at_end(std::string_view s, CivilTime& t);

} // namespace archiver::extract::detail
