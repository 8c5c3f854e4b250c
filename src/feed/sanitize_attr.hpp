// SPDX-License-Identifier: MIT
// The sanitizer's attribute rules (private to src/feed): which attributes hold URLs, the
// CSS whitelist for style values, and attribute values escaped for output.
#pragma once

#include <string>
#include <string_view>

namespace archiver::feed::detail {

// True when attribute `attr` of element `tag` (both lower-case) holds a URL.
bool is_uri_attr(std::string_view tag, std::string_view attr);

// The CSS of a style attribute with every property not on the whitelist removed; "" when
// the value does not even look like plain declarations.
std::string sanitize_style(std::string style);

// Appends an attribute value escaped for output: < > " and ampersands that start no
// reference.
void append_quoted_attr(std::string& out, std::string_view v);

} // namespace archiver::feed::detail
