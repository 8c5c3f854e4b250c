// SPDX-License-Identifier: MIT
// The sanitizer's attribute rules (private to src/feed): which attributes hold URLs, the
// CSS whitelist for style values, and attribute values escaped for output.
#pragma once

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace archiver::feed::detail {

// ASCII classes as the HTML tokenizer sees them (no locale).
inline bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
// std::isalnum and std::tolower as they are in the C locale (the program never sets
// another), without a library call per character.
inline bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
inline char lower_char(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

// `s` with ASCII letters lower-cased.
inline std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        c = lower_char(c);
    }
    return out;
}

// True when attribute `attr` of element `tag` (both lower-case) holds a URL.
bool is_uri_attr(std::string_view tag, std::string_view attr);

// The CSS of a style attribute with every property not on the whitelist removed; "" when
// the value does not even look like plain declarations.
std::string sanitize_style(std::string style);

// Appends ` key="value"`, the value escaped for output: < > " and ampersands that start no
// reference.
void append_attr(std::string& out, std::string_view key, std::string_view v);

} // namespace archiver::feed::detail
