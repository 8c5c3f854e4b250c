// SPDX-License-Identifier: MIT
// Finding publication dates in metadata values, visible text and URLs.
#pragma once

#include <archiver/core/time.hpp>

#include <optional>
#include <string_view>
#include <vector>
#include <string>

namespace archiver::extract::detail {

struct FoundDate {
    DateTime when;
    bool has_time = false;
};

// The first date in `text`: ISO 8601 / RFC 3339, `2024-4-24 23:52`, `2024/04/24`,
// `2024年04月24日23:52`, `Nov. 19, 2019 10:30 AM EST`, `19 November 2019`, RFC 822.
// Without a stated zone the value is read in `zone`.
std::optional<FoundDate> find_date(std::string_view text, const TimeZone& zone);

// A date in a URL path: `/2019/11/19/`, `/20191119/`, `/2019-11-19/`, `/2019/1119/`.
std::optional<FoundDate> find_url_date(std::string_view url, const TimeZone& zone);

// Parses `text` with strftime-like `format` hints (%Y %m %d %H %M %S %y; other characters
// literal, whitespace flexible); the first hint that matches a substring wins.
std::optional<FoundDate> parse_with_formats(std::string_view text,
                                            const std::vector<std::string>& formats,
                                            const TimeZone& zone);

} // namespace archiver::extract::detail
