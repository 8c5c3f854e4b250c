// SPDX-License-Identifier: MIT
// Private to the html module: byte-level helpers of the passes that read markup before
// gumbo does (tag names ignoring ASCII case, the end of a start tag).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace archiver::html::detail {

inline char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// `lower_word` (lower-case) at `pos` of `s`, ignoring ASCII case.
inline bool at_ci(std::string_view s, std::size_t pos, std::string_view lower_word) noexcept {
    if (pos + lower_word.size() > s.size()) {
        return false;
    }
    for (std::size_t i = 0; i < lower_word.size(); ++i) {
        if (lower(s[pos + i]) != lower_word[i]) {
            return false;
        }
    }
    return true;
}

// Index of the first "<"-prefixed `lower_word` (e.g. "</script") at or after `from`, ignoring
// ASCII case; npos if none.
inline std::size_t find_ci(std::string_view s, std::string_view lower_word, std::size_t from) noexcept {
    for (std::size_t i = s.find('<', from); i != std::string_view::npos; i = s.find('<', i + 1)) {
        if (at_ci(s, i, lower_word)) {
            return i;
        }
    }
    return std::string_view::npos;
}

inline bool is_tag_name_end(char c) noexcept {
    return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

inline bool is_ascii_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Whether one of the eight bytes at `p` is '>', '"' or '\'' (exact: no false positives
// that matter, none missed).
inline bool may_end_tag_run(const char* p) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t high = 0x8080808080808080ULL;
    std::uint64_t w = 0;
    std::memcpy(&w, p, sizeof w);
    auto zero_byte = [&](std::uint64_t x) { return (x - ones) & ~x & high; };
    return (zero_byte(w ^ (ones * '>')) | zero_byte(w ^ (ones * '"')) | zero_byte(w ^ (ones * '\''))) != 0;
}

// Index of the '>' closing the start tag that begins at `from`, npos if none. A quote only
// opens a value right after '=' (spaces between allowed; unquoted values may contain
// quotes); a quoted value runs to the same quote.
inline std::size_t tag_end(std::string_view s, std::size_t from) noexcept {
    const char* p = s.data();
    const std::size_t n = s.size();
    std::size_t j = from;
    while (j < n) {
        while (j + 8 <= n && !may_end_tag_run(p + j)) {
            j += 8;
        }
        if (j >= n) {
            break;
        }
        const char c = p[j];
        if (c == '>') {
            return j;
        }
        if (c == '"' || c == '\'') {
            std::size_t k = j;
            while (k > from && is_ascii_space(p[k - 1])) {
                --k;
            }
            if (k > from && p[k - 1] == '=') {
                const void* close = std::memchr(p + j + 1, c, n - j - 1);
                if (close == nullptr) {
                    return std::string_view::npos;
                }
                j = static_cast<std::size_t>(static_cast<const char*>(close) - p) + 1;
                continue;
            }
        }
        ++j;
    }
    return std::string_view::npos;
}

} // namespace archiver::html::detail
