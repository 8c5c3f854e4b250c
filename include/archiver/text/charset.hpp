// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>

namespace archiver::text {

enum class DocKind { html, xml, plain };

// Bytes decoded to UTF-8, with the name of the encoding they were read in.
struct Decoded {
    std::string text;     // valid UTF-8, BOM removed
    std::string encoding; // lower-case canonical name: "utf-8", "gb18030", "big5", ...
                          // (undetected-then-detected Chinese text: "gb2312" or "gbk"
                          // when its bytes fit that narrower set; read as GB18030 anyway)
    bool lossy = false;   // invalid sequences were replaced with U+FFFD
    std::string problem;  // why a stated charset (BOM, HTTP, declaration) was not used;
                          // empty when the document's own statement held
};

// Decodes `bytes` to UTF-8 (SPEC §4): `override_charset` if set, then the BOM, then the
// HTTP charset, the XML declaration or `<meta charset>` (by `kind`) — each only if the bytes
// are valid in it — then detection. GB2312/GBK are read as GB18030. Never fails: the last
// resort is UTF-8 with replacement characters.
Decoded to_utf8(std::string_view bytes,
                std::string_view http_charset,
                DocKind kind,
                std::string_view override_charset = {});

// to_utf8 for a caller that can read the text where it lies (a large feed): when `bytes`
// (less a BOM) are already clean UTF-8, `borrowed` views them and `decoded.text` stays empty
// (no copy); otherwise `decoded` is exactly what to_utf8 returns. `text()` is the decoded
// text either way (valid while `bytes` and this value live; do not move `decoded` away).
struct DecodedView {
    Decoded decoded;
    std::string_view borrowed;
    bool is_borrowed = false;
    std::string_view text() const { return is_borrowed ? borrowed : std::string_view(decoded.text); }
};
DecodedView to_utf8_view(std::string_view bytes,
                         std::string_view http_charset,
                         DocKind kind,
                         std::string_view override_charset = {});

// Converts `bytes` from `charset` to UTF-8; false when the charset is unknown or the bytes
// are invalid in it (then `out` is unspecified).
bool convert(std::string_view bytes, std::string_view charset, std::string& out);

// True when `bytes` is valid UTF-8.
bool is_valid_utf8(std::string_view bytes) noexcept;

// True when `bytes` is valid UTF-8 that to_utf8 keeps as it is (no control characters to
// drop): the test to_utf8_view borrows by. Per character: a text cut between characters
// is clean when each piece is.
bool is_clean_utf8(std::string_view bytes) noexcept;

// The `charset` parameter of a Content-Type header value, empty when none.
std::string charset_from_content_type(std::string_view content_type);

// Replaces invalid UTF-8 sequences with U+FFFD and drops NUL and C0 controls other than
// tab and newline.
std::string sanitize_utf8(std::string_view bytes);

} // namespace archiver::text
