// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace archiver::fetch::detail {

// The `charset` parameter of a Content-Type value, unquoted and lower-case; empty if absent.
std::string charset_from_content_type(std::string_view content_type);

// Seconds to wait from a Retry-After value: delta-seconds, or an HTTP-date relative to
// `now` (epoch seconds; a date in the past gives 0). nullopt when it is neither.
std::optional<std::int64_t> parse_retry_after(std::string_view value, std::int64_t now);

// Statuses worth retrying within a run: 408, 425, 429, 500, 502, 503, 504.
bool is_transient_status(long status) noexcept;

// Splits a raw header line "Name: value\r\n" into lower-case name and trimmed value; false
// for a status line or a blank line.
bool split_header(std::string_view line, std::string& name, std::string& value);

// The lower-case form of `text` (ASCII only).
std::string ascii_lower(std::string_view text);

} // namespace archiver::fetch::detail
