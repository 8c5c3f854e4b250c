// SPDX-License-Identifier: MIT
#pragma once

#include <archiver/core/time.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace archiver::text {

// Parses a date as found in feeds and pages: RFC 822 and its real-world variants, ISO 8601
// / W3CDTF and partial forms, Unix timestamps, Chinese forms (`2025年02月07日 12:20`,
// `2005-5-7 5:54:13`) and, when `now` is given, relative forms (`23分钟前`, `昨天 21:29`,
// `3 hours ago`). A value that states no zone is read in `zone`; a date-only value is
// midnight in `zone`. Returns nullopt when nothing date-like is found.
std::optional<DateTime> parse_date(std::string_view text,
                                   const TimeZone& zone,
                                   std::optional<std::int64_t> now = std::nullopt);

} // namespace archiver::text
