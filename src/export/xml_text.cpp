// SPDX-License-Identifier: MIT
#include "xml_text.hpp"

#include <archiver/core/time.hpp>

#include <array>
#include <cstdio>

namespace archiver::exporter {

std::string xml_safe(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {
            if (b >= 0x20 || b == '\t' || b == '\n' || b == '\r') {
                out += static_cast<char>(b);
            }
            ++i;
            continue;
        }
        const std::size_t len = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
        bool valid = len != 0 && i + len <= s.size();
        for (std::size_t k = 1; valid && k < len; ++k) {
            valid = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
        }
        if (!valid) {
            ++i;
            continue;
        }
        // U+FFFE and U+FFFF (EF BF BE / EF BF BF) are not XML characters.
        const bool non_char = len == 3 && b == 0xEF && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
                              static_cast<unsigned char>(s[i + 2]) >= 0xBE;
        if (!non_char) {
            out.append(s.substr(i, len));
        }
        i += len;
    }
    return out;
}

std::string rfc822_utc(std::int64_t epoch) {
    static constexpr std::array<const char*, 7> k_days{"Thu", "Fri", "Sat", "Sun",
                                                       "Mon", "Tue", "Wed"};
    static constexpr std::array<const char*, 12> k_months{"Jan", "Feb", "Mar", "Apr",
                                                          "May", "Jun", "Jul", "Aug",
                                                          "Sep", "Oct", "Nov", "Dec"};
    const CivilTime t = civil_from_epoch(epoch);
    std::int64_t days = epoch / 86400;
    if (epoch % 86400 < 0) {
        --days;
    }
    const auto weekday = static_cast<std::size_t>(((days % 7) + 7) % 7);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", k_days[weekday], t.day,
                  k_months[static_cast<std::size_t>(t.month - 1)], t.year, t.hour, t.minute,
                  t.second);
    return buf;
}

} // namespace archiver::exporter
