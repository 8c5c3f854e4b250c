// SPDX-License-Identifier: MIT
// Pieces of the date parser shared between its files (private to src/text).
#pragma once

#include <archiver/core/time.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace archiver::text::detail {

// `text` with full-width digits and punctuation made ASCII and the Chinese date markers
// (年 月 日 时 分 秒, 上午/下午, 星期X) replaced by ASCII separators and am/pm words.
std::string normalize_date_text(std::string_view text);

// Relative forms (`23分钟前`, `昨天 21:29`, `3 hours ago`, `today 10:00`) and dates without a
// year (`02-07 12:20`), read against `now` in `zone`. `text` is normalized.
std::optional<DateTime> parse_relative(std::string_view original,
                                       std::string_view text,
                                       const TimeZone& zone,
                                       std::int64_t now);

// Parses "H:MM[:SS[.frac]]" at `pos` of `s`; advances `pos`. Hour, minute, second out.
bool parse_clock(std::string_view s, std::size_t& pos, int& h, int& m, int& sec);

} // namespace archiver::text::detail
