// SPDX-License-Identifier: MIT
// Date parsing: one cursor-based reader for ISO 8601 / W3CDTF (and the Chinese forms, which
// become ISO-like once their markers are replaced), and one token-based reader for RFC 822
// and everything else that names a month or orders its numbers. No regex: feeds carry
// thousands of dates and this must stay cheap.
#include <archiver/text/date.hpp>

#include "date_detail.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <vector>

namespace archiver::text {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower_str(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        c = lower(c);
    }
    return out;
}

// Digits at `pos`, at most `max` of them; the count read in `n`.
int read_int(std::string_view s, std::size_t& pos, std::size_t max, std::size_t& n) {
    int v = 0;
    n = 0;
    while (pos < s.size() && n < max && is_digit(s[pos])) {
        v = v * 10 + (s[pos] - '0');
        ++pos;
        ++n;
    }
    return v;
}

int days_in_month(int y, int m) {
    static constexpr std::array<int, 12> k_days = {31, 28, 31, 30, 31, 30,
                                                   31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) {
        return 29;
    }
    return k_days[static_cast<std::size_t>(m - 1)];
}

struct Fields {
    int year = -1, month = -1, day = -1, hour = 0, minute = 0, second = 0;
    std::optional<int> offset; // seconds east of UTC, when stated
    int ampm = 0;              // 1 am, 2 pm
};

std::optional<DateTime> build(Fields f, const TimeZone& zone) {
    if (f.year < 0 || f.month < 1 || f.month > 12 || f.day < 1) {
        return std::nullopt;
    }
    if (f.year < 100) {
        f.year += f.year < 70 ? 2000 : 1900;
    }
    if (f.year < 1000 || f.year > 9999 || f.day > days_in_month(f.year, f.month)) {
        return std::nullopt;
    }
    if (f.ampm == 2 && f.hour < 12) {
        f.hour += 12;
    } else if (f.ampm == 1 && f.hour == 12) {
        f.hour = 0;
    }
    if (f.hour > 24 || f.minute > 59 || f.second > 61) {
        return std::nullopt;
    }
    const std::int64_t local =
        days_from_civil(f.year, static_cast<unsigned>(f.month), static_cast<unsigned>(f.day)) *
            86400 +
        f.hour * 3600 + f.minute * 60 + std::min(f.second, 59);
    // Real offsets lie within ±14:00, as numeric_zone reads them; a larger sum of a named
    // and a numeric zone is garbage, so the stated zone is dropped for the default one.
    if (f.offset && *f.offset >= -14 * 3600 && *f.offset <= 14 * 3600) {
        return DateTime{local - *f.offset, *f.offset};
    }
    const int off = zone.offset_for_local(local);
    return DateTime{local - off, off};
}

// Named zones (RFC 822 plus the abbreviations seen in feeds), in hours*60 minutes.
std::optional<int> named_zone(std::string_view w) {
    struct Z {
        const char* name;
        int minutes;
    };
    static constexpr Z k_zones[] = {
        {"ut", 0},       {"utc", 0},      {"gmt", 0},       {"z", 0},       {"wet", 0},
        {"edt", -240},   {"est", -300},   {"et", -300},     {"cdt", -300},  {"cst", -360},
        {"ct", -360},    {"mdt", -360},   {"mst", -420},    {"mt", -420},   {"pdt", -420},
        {"pst", -480},   {"pt", -480},    {"adt", -180},    {"ast", -240},  {"at", -240},
        {"akst", -540},  {"akdt", -480},  {"hst", -600},    {"nst", -210},  {"ndt", -150},
        {"bst", 60},     {"ist", 330},    {"cet", 60},      {"cest", 120},  {"met", 60},
        {"mest", 120},   {"eet", 120},    {"eest", 180},    {"west", 60},   {"msk", 180},
        {"jst", 540},    {"kst", 540},    {"hkt", 480},     {"sgt", 480},   {"awst", 480},
        {"acst", 570},   {"aest", 600},   {"aedt", 660},    {"nzst", 720},  {"nzdt", 780},
        {"cct", 480},    {"bjt", 480},    {"cat", 120},     {"eat", 180},   {"wat", 60},
    };
    for (const auto& z : k_zones) {
        if (w == z.name) {
            return z.minutes * 60;
        }
    }
    // RFC 822 military zones (with RFC 822's own signs, as feedparser reads them).
    if (w.size() == 1 && w[0] >= 'a' && w[0] <= 'z' && w[0] != 'j') {
        const char c = w[0];
        if (c <= 'i') {
            return -(c - 'a' + 1) * 3600;
        }
        if (c <= 'm') {
            return -(c - 'a') * 3600;
        }
        if (c <= 'y') {
            return (c - 'n' + 1) * 3600;
        }
    }
    return std::nullopt;
}

// "+0800", "+08:00", "+08", "-5", "+530" at `pos`; advances `pos`.
std::optional<int> numeric_zone(std::string_view s, std::size_t& pos) {
    if (pos >= s.size() || (s[pos] != '+' && s[pos] != '-')) {
        return std::nullopt;
    }
    const int sign = s[pos] == '-' ? -1 : 1;
    std::size_t p = pos + 1;
    std::size_t n = 0;
    int h = read_int(s, p, 4, n);
    int m = 0;
    if (n == 0) {
        return std::nullopt;
    }
    if (n == 4 || n == 3) {
        m = h % 100;
        h /= 100;
    } else if (p + 2 < s.size() + 1 && p < s.size() && s[p] == ':') {
        std::size_t q = p + 1;
        std::size_t mn = 0;
        const int mm = read_int(s, q, 2, mn);
        if (mn == 2) {
            m = mm;
            p = q;
        }
    }
    if (h > 14 || m > 59) {
        return std::nullopt;
    }
    pos = p;
    return sign * (h * 3600 + m * 60);
}

// A zone after a time: spaces, then Z, a numeric offset, or a named zone (+ offset).
std::optional<int> read_zone(std::string_view s, std::size_t& pos) {
    std::size_t p = pos;
    while (p < s.size() && s[p] == ' ') {
        ++p;
    }
    if (auto off = numeric_zone(s, p)) {
        pos = p;
        return off;
    }
    std::size_t q = p;
    while (q < s.size() && is_alpha(s[q])) {
        ++q;
    }
    if (q == p) {
        return std::nullopt;
    }
    auto base = named_zone(lower_str(s.substr(p, q - p)));
    if (!base) {
        return std::nullopt;
    }
    if (auto extra = numeric_zone(s, q)) { // GMT+8, UTC+08:00
        *base += *extra;
    }
    pos = q;
    return base;
}

} // namespace

namespace detail {

bool parse_clock(std::string_view s, std::size_t& pos, int& h, int& m, int& sec) {
    std::size_t p = pos;
    std::size_t n = 0;
    h = read_int(s, p, 2, n);
    if (n == 0 || p >= s.size() || s[p] != ':') {
        return false;
    }
    ++p;
    m = read_int(s, p, 2, n);
    if (n == 0) {
        return false;
    }
    sec = 0;
    if (p + 1 < s.size() && s[p] == ':' && is_digit(s[p + 1])) {
        ++p;
        sec = read_int(s, p, 2, n);
        if (p < s.size() && (s[p] == '.' || s[p] == ',') && p + 1 < s.size() &&
            is_digit(s[p + 1])) {
            ++p;
            while (p < s.size() && is_digit(s[p])) {
                ++p;
            }
        }
    } else if (p < s.size() && s[p] == ':') {
        ++p; // "12:20:" left by 时/分 markers
    }
    pos = p;
    return true;
}

} // namespace detail

namespace {

// ISO 8601 / W3CDTF and its partial forms, the year first: 2003-12-31T10:14:55.12+01:00,
// 2003-12-31 10:14, 20031231T101455Z, 2003-12, 2003, 2003-335, 2005/5/7 5:54:13.
std::optional<DateTime> parse_iso(std::string_view s, const TimeZone& zone) {
    std::size_t p = 0;
    while (p < s.size() && !is_digit(s[p])) {
        // garbage before: only non-alphanumeric text or words that are not month names
        ++p;
    }
    std::size_t n = 0;
    Fields f;
    f.year = read_int(s, p, 8, n);
    if (n == 8) { // YYYYMMDD
        f.day = f.year % 100;
        f.month = f.year / 100 % 100;
        f.year /= 10000;
    } else if (n != 4) {
        return std::nullopt;
    } else if (p + 3 < s.size() && s[p] == '-' && (s[p + 1] == 'W' || s[p + 1] == 'w') &&
               is_digit(s[p + 2]) && is_digit(s[p + 3])) {
        // ISO week date YYYY-Www[-D]: week 1 holds the year's first Thursday.
        p += 2;
        const int week = read_int(s, p, 2, n);
        int weekday = 1;
        if (p + 1 < s.size() && s[p] == '-' && is_digit(s[p + 1])) {
            ++p;
            weekday = read_int(s, p, 1, n);
        }
        if (week < 1 || week > 53 || weekday < 1 || weekday > 7) {
            return std::nullopt;
        }
        const std::int64_t jan4 = days_from_civil(f.year, 1, 4);
        const std::int64_t jan4_wd = ((jan4 % 7) + 7 + 3) % 7; // 0 = Monday
        const std::int64_t day = jan4 - jan4_wd + (week - 1) * 7 + (weekday - 1);
        const CivilTime c = civil_from_epoch(day * 86400);
        f.year = c.year;
        f.month = c.month;
        f.day = c.day;
    } else if (p < s.size() && (s[p] == '-' || s[p] == '/' || s[p] == '.') &&
               p + 1 < s.size() && is_digit(s[p + 1])) {
        const char sep = s[p++];
        const int v = read_int(s, p, 3, n);
        if (n == 3 && sep == '-') { // ordinal date YYYY-DDD
            if (v < 1 || v > 366) {
                return std::nullopt;
            }
            const CivilTime c = civil_from_epoch((days_from_civil(f.year, 1, 1) + v - 1) * 86400);
            f.month = c.month;
            f.day = c.day;
        } else {
            f.month = v;
            if (p < s.size() && s[p] == sep && p + 1 < s.size() && is_digit(s[p + 1])) {
                ++p;
                f.day = read_int(s, p, 2, n);
            } else {
                f.day = 1;
                if (p < s.size() && is_digit(s[p])) {
                    return std::nullopt;
                }
            }
        }
    } else {
        // A bare year only when nothing else follows ("2003").
        std::size_t r = p;
        while (r < s.size() && s[r] == ' ') {
            ++r;
        }
        if (r != s.size()) {
            return std::nullopt;
        }
        f.month = 1;
        f.day = 1;
    }
    if (p < s.size() && is_digit(s[p])) {
        return std::nullopt;
    }
    // Time: 'T' or spaces, then H:MM[:SS] or compact HHMMSS after 'T'.
    std::size_t q = p;
    const bool t_sep = q < s.size() && (s[q] == 'T' || s[q] == 't');
    if (t_sep) {
        ++q;
    }
    while (q < s.size() && (s[q] == ' ' || s[q] == ',')) {
        ++q;
    }
    // "下午3:05" became "pm 3:05": the meridiem may come first.
    if (q + 2 < s.size() && (lower(s[q]) == 'a' || lower(s[q]) == 'p') && lower(s[q + 1]) == 'm' &&
        s[q + 2] == ' ') {
        f.ampm = lower(s[q]) == 'p' ? 2 : 1;
        q += 3;
        while (q < s.size() && s[q] == ' ') {
            ++q;
        }
    }
    int h = 0;
    int m = 0;
    int sec = 0;
    if (detail::parse_clock(s, q, h, m, sec)) {
        f.hour = h;
        f.minute = m;
        f.second = sec;
        p = q;
    } else if (t_sep && q + 3 < s.size() && is_digit(s[q]) && is_digit(s[q + 3])) {
        std::size_t r = q;
        const int v = read_int(s, r, 6, n);
        if (n == 6) {
            f.hour = v / 10000;
            f.minute = v / 100 % 100;
            f.second = v % 100;
        } else if (n == 4) {
            f.hour = v / 100;
            f.minute = v % 100;
        } else {
            return std::nullopt;
        }
        if (r < s.size() && s[r] == '.') {
            ++r;
            while (r < s.size() && is_digit(s[r])) {
                ++r;
            }
        }
        p = r;
    } else if (t_sep && q + 1 < s.size() + 0 && is_digit(s[q])) {
        std::size_t r = q;
        f.hour = read_int(s, r, 2, n); // "T10" alone
        p = r;
    }
    // am/pm
    std::size_t a = p;
    while (a < s.size() && s[a] == ' ') {
        ++a;
    }
    if (a + 1 < s.size() && (lower(s[a]) == 'a' || lower(s[a]) == 'p') && lower(s[a + 1]) == 'm' &&
        (a + 2 == s.size() || !is_alpha(s[a + 2]))) {
        f.ampm = lower(s[a]) == 'p' ? 2 : 1;
        p = a + 2;
    }
    if (p < s.size() && (s[p] == 'Z' || s[p] == 'z') &&
        (p + 1 == s.size() || !is_alpha(s[p + 1]))) {
        f.offset = 0;
    } else {
        f.offset = read_zone(s, p);
    }
    return build(f, zone);
}

std::optional<int> month_from_word(std::string_view w) {
    static constexpr const char* k_months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                               "jul", "aug", "sep", "oct", "nov", "dec"};
    if (w.size() < 3) {
        return std::nullopt;
    }
    static constexpr const char* k_full[] = {"january", "february", "march",     "april",
                                             "may",     "june",     "july",      "august",
                                             "september", "october", "november", "december"};
    for (int i = 0; i < 12; ++i) {
        const auto idx = static_cast<std::size_t>(i);
        if (w.size() == 3 ? w == k_months[idx]
                          : (std::string_view(k_full[idx]).rfind(w, 0) == 0 ||
                             (w == "sept" && i == 8))) {
            return i + 1;
        }
    }
    return std::nullopt;
}

// RFC 822 and its variants, asctime, "dd-Mon-yyyy", "Mon dd, yyyy", numeric d/m/y orders.
std::optional<DateTime> parse_tokens(std::string_view s, const TimeZone& zone) {
    Fields f;
    std::vector<int> nums;          // date numbers in order
    std::vector<std::size_t> widths;
    char num_sep = 0;               // separator seen between bare date numbers
    bool have_time = false;
    std::size_t p = 0;
    while (p < s.size()) {
        const char c = s[p];
        if (is_digit(c)) {
            std::size_t q = p;
            int h = 0;
            int m = 0;
            int sec = 0;
            if (!have_time && detail::parse_clock(s, q, h, m, sec)) {
                have_time = true;
                f.hour = h;
                f.minute = m;
                f.second = sec;
                p = q;
                if (p < s.size() && (s[p] == 'Z' || s[p] == 'z') &&
                    (p + 1 == s.size() || !is_alpha(s[p + 1]))) {
                    f.offset = 0;
                    ++p;
                } else if (p < s.size() && (s[p] == '+' || s[p] == '-')) {
                    f.offset = numeric_zone(s, p);
                }
                continue;
            }
            std::size_t n = 0;
            const int v = read_int(s, p, 9, n);
            if (n > 4) {
                return std::nullopt;
            }
            nums.push_back(v);
            widths.push_back(n);
            if (p < s.size() && (s[p] == '/' || s[p] == '-' || s[p] == '.') &&
                p + 1 < s.size() && (is_digit(s[p + 1]) || is_alpha(s[p + 1]))) {
                if (is_digit(s[p + 1])) {
                    num_sep = s[p];
                }
                ++p;
            }
            continue;
        }
        if (is_alpha(c)) {
            std::size_t q = p;
            while (q < s.size() && is_alpha(s[q])) {
                ++q;
            }
            const std::string w = lower_str(s.substr(p, q - p));
            if (auto mo = month_from_word(w); mo && f.month < 0) {
                f.month = *mo;
            } else if (have_time && (w == "am" || w == "pm")) {
                f.ampm = w == "pm" ? 2 : 1;
            } else if (w == "t" && !have_time) {
                // ISO 'T' between a non-year-first date and its time
            } else if (auto z = named_zone(w); z && have_time && !f.offset) {
                std::size_t r = q;
                if (auto extra = numeric_zone(s, r)) {
                    *z += *extra;
                    q = r;
                }
                f.offset = *z;
            }
            // Weekdays, ordinals ("st", "th") and other words around a date are tolerated.
            p = q;
            if (f.month > 0 && p < s.size() && (s[p] == '-' || s[p] == '/' || s[p] == '.')) {
                ++p; // 08-Jul-2004
            }
            continue;
        }
        if ((c == '+' || c == '-') && have_time && !f.offset) {
            if (auto off = numeric_zone(s, p)) {
                f.offset = off;
                continue;
            }
        }
        if (c == '(') { // a comment: "(EDT)"
            const std::size_t close = s.find(')', p);
            p = close == std::string_view::npos ? s.size() : close + 1;
            continue;
        }
        ++p;
    }
    if (f.month > 0) {
        // Month named: a four-digit number is the year; the first other number the day.
        for (std::size_t i = 0; i < nums.size(); ++i) {
            if (widths[i] == 4 || nums[i] > 31) {
                if (f.year >= 0) {
                    return std::nullopt;
                }
                f.year = nums[i];
            } else if (f.day < 0) {
                f.day = nums[i];
            } else if (f.year < 0) {
                f.year = nums[i];
            }
        }
    } else if (nums.size() >= 3) {
        const bool iso_short = num_sep == '-' && widths[0] == 2 && widths[1] == 2 &&
                               widths[2] == 2 && nums[1] <= 12;
        if (widths[0] == 4 || nums[0] > 31 || iso_short) { // y m d (ISO "YY-MM-DD" too)
            f.year = nums[0];
            f.month = nums[1];
            f.day = nums[2];
        } else if (num_sep == '/' && nums[0] <= 12) { // m/d/y
            f.month = nums[0];
            f.day = nums[1];
            f.year = nums[2];
        } else { // d.m.y, d-m-y
            f.day = nums[0];
            f.month = nums[1];
            f.year = nums[2];
        }
    } else {
        return std::nullopt;
    }
    return build(f, zone);
}

std::optional<DateTime> parse_timestamp(std::string_view s) {
    std::size_t digits = 0;
    std::size_t dot = std::string_view::npos;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (is_digit(s[i])) {
            ++digits;
        } else if (s[i] == '.' && dot == std::string_view::npos) {
            dot = i;
        } else {
            return std::nullopt;
        }
    }
    const std::size_t int_digits = dot == std::string_view::npos ? digits : dot;
    if (int_digits < 9 || int_digits > 13 || int_digits == 11) {
        return std::nullopt;
    }
    std::int64_t v = 0;
    for (std::size_t i = 0; i < int_digits; ++i) {
        v = v * 10 + (s[i] - '0');
    }
    if (int_digits >= 12) {
        v /= 1000; // milliseconds
    }
    return DateTime{v, 0};
}

// The two forms nearly every feed date takes, read directly: RFC 822 as RFC 2822 writes it
// ("Fri, 07 Feb 2025 12:20:46 +0800", or "GMT") and RFC 3339 without fractions
// ("2025-02-07T12:20:46+08:00", or "Z"). Fields as the general readers find them in these
// texts; nullopt for any other text (and for what build() rejects), which then takes the
// general way.
std::optional<DateTime> parse_common(std::string_view s, const TimeZone& zone) {
    const auto digits = [&s](std::size_t at, std::size_t n, int& v) {
        v = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (!is_digit(s[i])) {
                return false;
            }
            v = v * 10 + (s[i] - '0');
        }
        return true;
    };
    // "+HHMM" (RFC 822) or "+HH:MM" (RFC 3339) at `at`, within the range numeric_zone takes.
    const auto zone_at = [&](std::size_t at, bool colon, std::optional<int>& offset) {
        int h = 0;
        int m = 0;
        if ((s[at] != '+' && s[at] != '-') || !digits(at + 1, 2, h) ||
            (colon && s[at + 3] != ':') || !digits(at + (colon ? 4 : 3), 2, m) || h > 14 ||
            m > 59) {
            return false;
        }
        offset = (s[at] == '-' ? -1 : 1) * (h * 3600 + m * 60);
        return true;
    };
    Fields f;
    if ((s.size() == 31 || s.size() == 29) && s[3] == ',' && s[4] == ' ' && s[7] == ' ' &&
        s[11] == ' ' && s[16] == ' ' && s[19] == ':' && s[22] == ':' && s[25] == ' ') {
        static constexpr std::string_view k_weekdays[] = {"Mon", "Tue", "Wed", "Thu",
                                                          "Fri", "Sat", "Sun"};
        static constexpr std::string_view k_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        const std::string_view wd = s.substr(0, 3);
        if (std::find(std::begin(k_weekdays), std::end(k_weekdays), wd) == std::end(k_weekdays)) {
            return std::nullopt;
        }
        const auto mo = std::find(std::begin(k_months), std::end(k_months), s.substr(8, 3));
        if (mo == std::end(k_months) || !digits(5, 2, f.day) || f.day > 31 ||
            !digits(12, 4, f.year) || !digits(17, 2, f.hour) || !digits(20, 2, f.minute) ||
            !digits(23, 2, f.second)) {
            return std::nullopt;
        }
        f.month = static_cast<int>(mo - std::begin(k_months)) + 1;
        if (s.size() == 29) {
            if (s.substr(26) != "GMT") {
                return std::nullopt;
            }
            f.offset = 0;
        } else if (!zone_at(26, false, f.offset)) {
            return std::nullopt;
        }
        return build(f, zone);
    }
    if ((s.size() == 20 || s.size() == 25) && s[4] == '-' && s[7] == '-' && s[10] == 'T' &&
        s[13] == ':' && s[16] == ':') {
        if (!digits(0, 4, f.year) || !digits(5, 2, f.month) || !digits(8, 2, f.day) ||
            !digits(11, 2, f.hour) || !digits(14, 2, f.minute) || !digits(17, 2, f.second)) {
            return std::nullopt;
        }
        if (s.size() == 20) {
            if (s[19] != 'Z') {
                return std::nullopt;
            }
            f.offset = 0;
        } else if (!zone_at(19, true, f.offset)) {
            return std::nullopt;
        }
        return build(f, zone);
    }
    return std::nullopt;
}

} // namespace

std::optional<DateTime> parse_date(std::string_view text,
                                   const TimeZone& zone,
                                   std::optional<std::int64_t> now) {
    if (!now) {
        if (auto common = parse_common(text, zone)) {
            return common;
        }
    }
    if (text.size() > 256) {
        text = text.substr(0, 256);
    }
    std::string s = detail::normalize_date_text(text);
    while (!s.empty() && (s.back() == ' ' || s.back() == ',' || s.back() == '-')) {
        s.pop_back();
    }
    std::size_t start = 0;
    while (start < s.size() && s[start] == ' ') {
        ++start;
    }
    const std::string_view v(s.data() + start, s.size() - start);
    if (auto ts = parse_timestamp(v); ts && !v.empty()) {
        return DateTime{ts->epoch, zone.offset_at_utc(ts->epoch)};
    }
    if (now) {
        if (auto rel = detail::parse_relative(text, v, zone, *now)) {
            return rel;
        }
    }
    if (v.empty()) {
        return std::nullopt;
    }
    // Year-first forms go to the ISO reader; a leading weekday or day goes to the tokens.
    std::size_t first_digit = 0;
    while (first_digit < v.size() && !is_digit(v[first_digit])) {
        ++first_digit;
    }
    std::size_t run = first_digit;
    while (run < v.size() && is_digit(v[run])) {
        ++run;
    }
    bool month_word_before = false;
    for (std::size_t i = 0; i < first_digit;) {
        std::size_t q = i;
        while (q < first_digit && is_alpha(v[q])) {
            ++q;
        }
        if (q > i) {
            if (month_from_word(lower_str(v.substr(i, q - i)))) {
                month_word_before = true;
            }
            i = q;
        } else {
            ++i;
        }
    }
    if (!month_word_before && (run - first_digit == 4 || run - first_digit == 8)) {
        if (auto iso = parse_iso(v.substr(first_digit), zone)) {
            return iso;
        }
    }
    return parse_tokens(v, zone);
}

} // namespace archiver::text
