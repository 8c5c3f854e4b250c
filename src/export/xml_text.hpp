// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace archiver::exporter {

// `text` with the characters XML 1.0 forbids (C0 controls but tab, LF, CR; U+FFFE/FFFF;
// invalid UTF-8) removed, so any article text can go into an XML document.
std::string xml_safe(std::string_view text);

// "Sun, 29 Nov 2026 14:00:00 GMT" (RFC 822, as OPML's dateCreated wants).
std::string rfc822_utc(std::int64_t epoch);

} // namespace archiver::exporter
