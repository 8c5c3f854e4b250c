// SPDX-License-Identifier: MIT
// The scans of a style attribute's CSS that the sanitizer's whitelist needs (private to
// src/feed). Each gives the same answer as the ECMAScript regular expression named in its
// comment (the patterns of feedparser's CSS sanitizer), read over bytes: `\s` is
// [ \t\n\v\f\r], `\w` is [A-Za-z0-9_], `\d` is [0-9]. tests/unit/feed/test_css_scan.cpp
// checks each against std::regex on generated texts.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace archiver::feed::detail::css {

// Every match of `url\s*\(\s*[^\s)]+?\s*\)\s*` replaced with one space.
std::string replace_urls(std::string_view style);

// Whether the whole of `style` matches
// `^([:,;#%.\sa-zA-Z0-9!]|\w-\w|'[\s\w]+'|"[\s\w]+"|\([\d,\s]+\))*$`.
bool passes_gauntlet(std::string_view style);

// What is left of `style` once every match of `\s*[-\w]+\s*:\s*[^:;]*;?` is removed.
std::string strip_declarations(std::string_view style);

// A property and its value, as the groups of `([-\w]+)\s*:\s*([^:;]*)`.
struct Declaration {
    std::string_view property;
    std::string_view value;
};

// The successive matches of `([-\w]+)\s*:\s*([^:;]*)` in `style`.
std::vector<Declaration> declarations(std::string_view style);

// Whether the whole of `value` matches
// `^(#[0-9a-f]+|rgb\(\d+%?,\d*%?,?\d*%?\)?|\d{0,2}\.?\d{0,2}(cm|em|ex|in|mm|pc|pt|px|%|,|\))?)$`.
bool is_plain_value(std::string_view value);

} // namespace archiver::feed::detail::css
