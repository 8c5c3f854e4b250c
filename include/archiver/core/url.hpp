// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace archiver::url {

// The parts of an absolute URL (RFC 3986). `port` is empty when absent.
struct Url {
    std::string scheme, user_info, host, port, path, query, fragment;
    bool has_query = false, has_fragment = false;
};

// Splits `text` into its parts; nullopt when it is not an absolute URL with a scheme.
std::optional<Url> parse(std::string_view text);
// Joins parts back into a URL string.
std::string to_string(const Url& u);

// Resolves `ref` against `base` (RFC 3986 §5.2). Returns `ref` unchanged when `base` is not
// absolute and `ref` is relative; trims surrounding whitespace of `ref`.
std::string resolve(std::string_view base, std::string_view ref);

// True for http:// and https:// URLs: the only schemes ever fetched or followed.
bool is_http(std::string_view url);

// The canonical form used for dedupe: lower-case scheme and host, default port dropped,
// empty path as "/", fragment dropped, tracking parameters (utm_*, fbclid, gclid, spm, ...)
// removed, dot segments resolved. Returns the input trimmed when it does not parse.
std::string canonicalize(std::string_view url);

// Percent-decodes `text` (no '+' handling).
std::string percent_decode(std::string_view text);

} // namespace archiver::url
