// SPDX-License-Identifier: MIT
// UTF-8 decoding and encoding, one code point at a time.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace archiver {

inline constexpr char32_t k_replacement_character = 0xFFFD;

// Decodes the code point of `s` at byte `i` and advances `i` past it. An invalid sequence
// yields U+FFFD and advances past its maximal invalid subpart (Unicode §3.9: at least one
// byte; overlong forms, surrogates and values past U+10FFFF are invalid).
char32_t decode_utf8(std::string_view s, std::size_t& i) noexcept;

// Appends the UTF-8 encoding of `cp` to `out`; a surrogate or a value past U+10FFFF is
// written as U+FFFD.
void append_utf8(std::string& out, char32_t cp);

} // namespace archiver
