// SPDX-License-Identifier: MIT
// UTF-8 and character-class helpers shared by the text-handling modules (extract,
// markdown): decoding one code point at a time and classifying CJK text and punctuation.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace archiver::html {

// Decodes the code point at `s[i]` and advances `i` past it. An invalid byte yields
// U+FFFD and advances by one.
char32_t next_code_point(std::string_view s, std::size_t& i) noexcept;

// The code point that ends just before `s[end]` (U+0000 when `end` is 0).
char32_t last_code_point(std::string_view s, std::size_t end) noexcept;

// Appends `cp` to `out` as UTF-8.
void append_utf8(std::string& out, char32_t cp);

// Number of code points in `s`.
std::size_t code_point_count(std::string_view s) noexcept;

// Han ideographs, kana, hangul, CJK symbols and full-width forms: text written without
// spaces between words.
bool is_cjk(char32_t cp) noexcept;

// Unicode punctuation (ASCII punctuation, general punctuation, CJK and full-width
// punctuation) — the class CommonMark's flanking rules call "punctuation".
bool is_punctuation(char32_t cp) noexcept;

// Unicode whitespace (White_Space property, with U+FEFF and U+200B).
bool is_space(char32_t cp) noexcept;

// Letters and digits: ASCII, Latin-1/Extended letters, and any CJK ideograph/kana/hangul.
bool is_word_char(char32_t cp) noexcept;

} // namespace archiver::html
