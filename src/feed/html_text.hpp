// SPDX-License-Identifier: MIT
// HTML in feeds: character references, escaping, the "does this text look like HTML" guess
// and the sanitizer (private to src/feed).
#pragma once

#include <archiver/core/utf8.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace archiver::feed::detail {

// Entities a document declares in its DOCTYPE (only plain-text values are ever kept).
using EntityMap = std::map<std::string, std::string, std::less<>>;

using archiver::append_utf8; // invalid code points become U+FFFD

// The code point of an HTML 4 named character reference.
std::optional<char32_t> html_entity(std::string_view name);

// Decodes character references in XML text: the five XML entities, numeric references,
// HTML 4 names and `extra`. Unknown names are kept verbatim and reported in `unknown`.
std::string decode_entities(std::string_view raw, const EntityMap* extra, std::string* unknown);

// decode_entities, appending to `out`.
void append_decoded(std::string& out,
                    std::string_view raw,
                    const EntityMap* extra,
                    std::string* unknown);

// Escapes &, < and > (and " when `quote`).
std::string escape_xml(std::string_view text, bool quote = false);

// escape_xml, appending to `out`.
void append_escaped_xml(std::string& out, std::string_view text, bool quote = false);

// The guess feeds need for nominally plain text: true when `s` has a close tag or an
// entity, every tag is a known-safe HTML element and every entity a known name.
bool looks_like_html(std::string_view s);

// Removes what is dangerous from feed HTML (scripts, event handlers, unsafe URL schemes,
// unsafe CSS) and resolves URL attributes against `base` (when not empty). The output is
// re-serialized markup; text and character references pass through as written.
std::string sanitize_html(std::string_view html, std::string_view base);

// sanitize_html without its shortcut for plain whitelisted tags ("<p>", "</p>"): every tag
// the general way (for tests: the two give the same).
std::string sanitize_html_general(std::string_view html, std::string_view base);

// `ref` resolved against `base`, or "" when the result has a scheme not on the allowed list
// (javascript:, data:, vbscript:, ...).
std::string safe_absolute_uri(std::string_view base, std::string_view ref);

} // namespace archiver::feed::detail
