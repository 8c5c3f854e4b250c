// SPDX-License-Identifier: MIT
// UTF-8 decoding shared by the document writer and reader (private to src/document).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace archiver::document::detail {

inline constexpr char32_t k_replacement = 0xFFFD;

// Decodes one code point of `s` at `i` and advances `i`. An invalid sequence yields
// U+FFFD and advances past its maximal invalid subpart (Unicode §3.9, at least one byte).
char32_t decode_utf8(std::string_view s, std::size_t& i) noexcept;

// Appends the UTF-8 encoding of `cp` (a valid scalar value) to `out`.
void append_utf8(std::string& out, char32_t cp);

} // namespace archiver::document::detail
