// SPDX-License-Identifier: MIT
// The Chinese date markers and the relative forms, which need `now`.
#include "date_detail.hpp"

#include <array>
#include <cctype>
#include <utility>

namespace archiver::text::detail {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool starts_with(std::string_view s, std::size_t pos, std::string_view prefix) {
    return s.substr(pos, prefix.size()) == prefix;
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

// Units, in seconds, named after a number: "3 hours ago", "23分钟前".
struct Unit {
    std::string_view word;
    std::int64_t seconds;
};
constexpr std::array<Unit, 27> k_units = {{
    {"秒", 1},         {"分钟", 60},       {"分鐘", 60},       {"分", 60},
    {"小时", 3600},    {"小時", 3600},     {"个小时", 3600},   {"個小時", 3600},
    {"天", 86400},     {"日", 86400},      {"周", 604800},     {"週", 604800},
    {"星期", 604800},  {"个月", 2592000},  {"個月", 2592000},  {"月", 2592000},
    {"年", 31536000},  {"sec", 1},         {"s", 1},           {"min", 60},
    {"m", 60},         {"hour", 3600},     {"hr", 3600},       {"h", 3600},
    {"day", 86400},    {"week", 604800},   {"year", 31536000},
}};

// "N <unit> ago" / "N<unit>前": seconds back from now.
std::optional<std::int64_t> ago(std::string_view original) {
    const std::string s = lower_ascii(original);
    std::size_t p = 0;
    while (p < s.size() && s[p] == ' ') {
        ++p;
    }
    std::int64_t n = 0;
    std::size_t digits = 0;
    while (p < s.size() && is_digit(s[p]) && digits < 6) {
        n = n * 10 + (s[p++] - '0');
        ++digits;
    }
    if (digits == 0) {
        if (starts_with(s, p, "an ") || starts_with(s, p, "a ")) {
            n = 1;
            p += s[p + 1] == 'n' ? 3 : 2;
        } else if (starts_with(s, p, "半")) {
            // 半小时前: half an hour
            if (s.find("小时前", p) != std::string::npos || s.find("小時前", p) != std::string::npos) {
                return 1800;
            }
            return std::nullopt;
        } else {
            return std::nullopt;
        }
    }
    while (p < s.size() && s[p] == ' ') {
        ++p;
    }
    for (const auto& u : k_units) {
        if (!starts_with(s, p, u.word)) {
            continue;
        }
        std::size_t q = p + u.word.size();
        const bool ascii = std::isalpha(static_cast<unsigned char>(u.word[0])) != 0;
        if (ascii) {
            while (q < s.size() && std::isalpha(static_cast<unsigned char>(s[q]))) {
                ++q; // plural, "minutes", "mins"
            }
            // "month(s)" starts with "m"; read it as a month, not minutes.
            const std::string_view word(s.data() + p, q - p);
            std::int64_t secs = u.seconds;
            if (word.rfind("mo", 0) == 0) {
                secs = 2592000;
            }
            while (q < s.size() && s[q] == ' ') {
                ++q;
            }
            if (starts_with(s, q, "ago")) {
                return n * secs;
            }
            continue;
        }
        while (q < s.size() && s[q] == ' ') {
            ++q;
        }
        if (starts_with(s, q, "前") || starts_with(s, q, "以前")) {
            return n * u.seconds;
        }
    }
    return std::nullopt;
}

// Local midnight of the day `days_back` before `now`'s day in `zone`, as local seconds.
std::int64_t local_day_start(std::int64_t now, const TimeZone& zone, int days_back) {
    const std::int64_t local = now + zone.offset_at_utc(now);
    const std::int64_t day = (local >= 0 ? local / 86400 : (local - 86399) / 86400) - days_back;
    return day * 86400;
}

DateTime from_local(std::int64_t local, const TimeZone& zone) {
    const int off = zone.offset_for_local(local);
    return DateTime{local - off, off};
}

} // namespace

std::string normalize_date_text(std::string_view text) {
    static constexpr std::pair<std::string_view, std::string_view> k_map[] = {
        {"年", "-"},    {"月", "-"},     {"日", " "},     {"号", " "},    {"時", ":"},
        {"时", ":"},    {"點", ":"},     {"点", ":"},     {"分", ":"},    {"秒", " "},
        {"：", ":"},    {"　", " "},     {"／", "/"},     {"－", "-"},    {"，", " "},
        {"上午", " am "}, {"凌晨", " am "}, {"早上", " am "}, {"下午", " pm "},
        {"晚上", " pm "}, {"\xC2\xA0", " "},
    };
    std::string out;
    out.reserve(text.size());
    std::size_t p = 0;
    while (p < text.size()) {
        const auto c = static_cast<unsigned char>(text[p]);
        if (c < 0x80) {
            const char ch = static_cast<char>(c);
            out += (ch == '\t' || ch == '\n' || ch == '\r') ? ' ' : ch;
            ++p;
            continue;
        }
        // Full-width digits U+FF10..U+FF19: EF BC 90..99.
        if (c == 0xEF && p + 2 < text.size() && static_cast<unsigned char>(text[p + 1]) == 0xBC &&
            static_cast<unsigned char>(text[p + 2]) >= 0x90 &&
            static_cast<unsigned char>(text[p + 2]) <= 0x99) {
            out += static_cast<char>('0' + (static_cast<unsigned char>(text[p + 2]) - 0x90));
            p += 3;
            continue;
        }
        // 星期X / 周X / 週X: a weekday, dropped.
        if (starts_with(text, p, "星期") || starts_with(text, p, "礼拜")) {
            p += 6;
            if (p < text.size() && static_cast<unsigned char>(text[p]) >= 0x80) {
                p += 3;
            }
            out += ' ';
            continue;
        }
        bool mapped = false;
        for (const auto& [from, to] : k_map) {
            if (starts_with(text, p, from)) {
                out += to;
                p += from.size();
                mapped = true;
                break;
            }
        }
        if (mapped) {
            continue;
        }
        // Any other non-ASCII character separates tokens.
        std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        p += len;
        out += ' ';
    }
    return out;
}

std::optional<DateTime> parse_relative(std::string_view original,
                                       std::string_view text,
                                       const TimeZone& zone,
                                       std::int64_t now) {
    const std::string lower = lower_ascii(text);
    std::string_view trimmed(original);
    while (!trimmed.empty() && trimmed.front() == ' ') {
        trimmed.remove_prefix(1);
    }
    if (trimmed.rfind("刚刚", 0) == 0 || lower == "just now" || lower == "now" ||
        trimmed.rfind("刚才", 0) == 0) {
        return DateTime{now, zone.offset_at_utc(now)};
    }
    if (auto back = ago(original)) {
        const std::int64_t t = now - *back;
        return DateTime{t, zone.offset_at_utc(t)};
    }
    // 今天/昨天/前天 [HH:MM[:SS]], today/yesterday [at] HH:MM [am|pm].
    struct Day {
        std::string_view word;
        int back;
    };
    static constexpr Day k_days[] = {{"今天", 0},  {"今日", 0},     {"昨天", 1},
                                     {"昨日", 1},  {"前天", 2},     {"today", 0},
                                     {"yesterday", 1}};
    for (const auto& d : k_days) {
        const bool ascii = d.word[0] < 0x7F && d.word[0] > 0;
        const std::string_view hay = ascii ? std::string_view(lower) : trimmed;
        if (hay.rfind(d.word, 0) != 0) {
            continue;
        }
        std::int64_t local = local_day_start(now, zone, d.back);
        const std::string rest = ascii ? lower.substr(d.word.size())
                                       : normalize_date_text(trimmed.substr(d.word.size()));
        std::size_t p = rest.find_first_of("0123456789");
        int h = 0;
        int m = 0;
        int sec = 0;
        if (p != std::string::npos && parse_clock(rest, p, h, m, sec)) {
            if (rest.find("pm", p) != std::string::npos && h < 12) {
                h += 12;
            } else if (rest.find("am", p) != std::string::npos && h == 12) {
                h = 0;
            }
            local += h * 3600 + m * 60 + sec;
        }
        return from_local(local, zone);
    }
    // A month and day without a year ("02-07 12:20", "2月7日 12:20"): the latest such date
    // not after tomorrow.
    std::size_t p = 0;
    while (p < text.size() && text[p] == ' ') {
        ++p;
    }
    std::size_t q = p;
    int month = 0;
    int day = 0;
    std::size_t n = 0;
    while (q < text.size() && is_digit(text[q]) && n < 3) {
        month = month * 10 + (text[q++] - '0');
        ++n;
    }
    if (n == 0 || n > 2 || q >= text.size() || (text[q] != '-' && text[q] != '/')) {
        return std::nullopt;
    }
    ++q;
    n = 0;
    while (q < text.size() && is_digit(text[q]) && n < 3) {
        day = day * 10 + (text[q++] - '0');
        ++n;
    }
    if (n == 0 || n > 2 || (q < text.size() && text[q] != ' ') || month < 1 || month > 12 ||
        day < 1 || day > 31) {
        return std::nullopt;
    }
    while (q < text.size() && text[q] == ' ') {
        ++q;
    }
    int h = 0;
    int m = 0;
    int sec = 0;
    if (q < text.size() && !parse_clock(text, q, h, m, sec)) {
        return std::nullopt;
    }
    const CivilTime today = civil_from_epoch(now + zone.offset_at_utc(now));
    for (int year = today.year; year >= today.year - 1; --year) {
        const std::int64_t local =
            days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) *
                86400 +
            h * 3600 + m * 60 + sec;
        const DateTime dt = from_local(local, zone);
        if (dt.epoch <= now + 86400) {
            return dt;
        }
    }
    return std::nullopt;
}

} // namespace archiver::text::detail
