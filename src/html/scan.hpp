// SPDX-License-Identifier: MIT
// Private to the html module: byte-level helpers of the passes that read markup before
// gumbo does (tag names ignoring ASCII case, the end of a start tag).
#pragma once

#include <cstddef>
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

// Index of the '>' closing the start tag that begins at `from`, npos if none. A quote only
// opens a value right after '=' (unquoted values may contain quotes).
inline std::size_t tag_end(std::string_view s, std::size_t from) noexcept {
    char quote = 0;
    char last = 0;
    for (std::size_t j = from; j < s.size(); ++j) {
        char c = s[j];
        if (quote != 0) {
            if (c == quote) {
                quote = 0;
                last = 'x';
            }
            continue;
        }
        if ((c == '"' || c == '\'') && last == '=') {
            quote = c;
            continue;
        }
        if (c == '>') {
            return j;
        }
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
            last = c;
        }
    }
    return std::string_view::npos;
}

} // namespace archiver::html::detail
