// SPDX-License-Identifier: MIT
// Helpers for the feed tests.
#pragma once

#include <archiver/feed/parse.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <string_view>

namespace archiver::testing {

// Parses `xml` with `zone` (UTC by default) and `base`; the test fails when nothing parses.
inline FeedDoc parse_ok(std::string_view xml, std::string_view zone = "UTC",
                        std::string_view base = {}) {
    feed::ParseOptions options;
    options.zone = *TimeZone::from_name(zone);
    options.base_url = std::string(base);
    auto doc = feed::parse_feed(xml, options);
    if (!doc) {
        FAIL("parse_feed failed: " << doc.error().message);
    }
    return std::move(doc).value();
}

inline std::string utc(const std::optional<DateTime>& dt) {
    return dt ? format_utc(*dt) : std::string("none");
}

} // namespace archiver::testing
