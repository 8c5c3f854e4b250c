// SPDX-License-Identifier: MIT
// JSON string escaping for `parse-feed --format json` (private to src/feed).
#pragma once

#include <string>
#include <string_view>

namespace archiver::feed::detail {

// Appends `s` to `out` as a JSON string literal: quotes, backslash and C0 controls escaped
// (\b \t \n \f \r, others \u00xx), other characters as UTF-8; each maximal invalid UTF-8
// subsequence becomes U+FFFD (the output of nlohmann::json's dump with the `replace` error
// handler, byte for byte).
void append_json_string(std::string& out, std::string_view s);

} // namespace archiver::feed::detail
