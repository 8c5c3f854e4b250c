// SPDX-License-Identifier: MIT
// JSON Feed reading (private to src/feed).
#pragma once

#include <archiver/core/model.hpp>
#include <archiver/core/time.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace archiver::feed::detail {

// True when `text` is a JSON object naming a jsonfeed.org version near its start.
bool looks_like_json_feed(std::string_view text);

// Fills `doc` from JSON Feed `text`; false (with `error`) when it is not JSON at all.
bool parse_json_feed(std::string_view text,
                     const std::string& base,
                     const TimeZone& zone,
                     FeedDoc& doc,
                     std::string& error);

// Adds a non-empty category once.
void add_category_json(std::vector<std::string>& cats, std::string term);

} // namespace archiver::feed::detail
