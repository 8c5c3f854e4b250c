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

// The same with the block scan chosen (tests compare them): 16 bytes at a time with SSE2,
// or 32 with AVX2 when the CPU has it (else SSE2). The output is the same either way.
enum class JsonSimd { sse2, avx2 };
void append_json_string(std::string& out, std::string_view s, JsonSimd simd);
bool json_escape_avx2_available() noexcept;

} // namespace archiver::feed::detail
