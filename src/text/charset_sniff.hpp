// SPDX-License-Identifier: MIT
// Charset names and the places a document states its charset (private to src/text).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace archiver::text {

// A byte-order mark at the start of a document.
struct Bom {
    std::string charset;
    std::size_t length = 0;
};

// The canonical lower-case name of `charset` ("gbk" -> "gb18030", "latin1" ->
// "iso-8859-1", "x-sjis" -> "shift_jis"); empty when no converter knows it.
std::string canonical_charset(std::string_view charset);

// The name iconv is given for a canonical name (tolerant supersets: CP949 for euc-kr,
// CP932 for shift_jis).
std::string iconv_name(const std::string& canonical);

// The BOM at the start of `bytes`, if any.
std::optional<Bom> sniff_bom(std::string_view bytes);

// "utf-16le", "utf-32be", ... when `bytes` start with '<' or "<?" in a UTF-16/32 form
// without a BOM (XML 1.0 appendix F); empty otherwise.
std::string sniff_utf16_32(std::string_view bytes);

// The `encoding` of the XML declaration, read as ASCII; empty when none.
std::string xml_declared_charset(std::string_view bytes);

// The charset of `<meta charset>` or `<meta http-equiv=Content-Type content=...>` in the
// first 4 KiB; empty when none.
std::string meta_charset(std::string_view bytes);

// The `charset` parameter of a Content-Type value; empty when none.
std::string content_type_charset(std::string_view content_type);

} // namespace archiver::text
