// SPDX-License-Identifier: MIT
#include "date_scan.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <initializer_list>

namespace archiver::extract::detail {

// Each pattern mirrors the regular expression in its comment (the one find_date used
// before): `\s` is ASCII whitespace, `\d` an ASCII digit, and where a regular expression
// would backtrack the code says why the greedy reading is the only one.

namespace {

bool is_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// A position in the text being matched.
struct Cursor {
    std::string_view s;
    std::size_t i = 0;

    bool at(char c) const noexcept { return i < s.size() && s[i] == c; }
    bool lit(std::string_view w) noexcept {
        if (i > s.size() || !s.substr(i).starts_with(w)) {
            return false;
        }
        i += w.size();
        return true;
    }
    bool any(std::initializer_list<std::string_view> words) noexcept {
        for (std::string_view w : words) {
            if (lit(w)) {
                return true;
            }
        }
        return false;
    }
    // \s* (returns how many)
    std::size_t spaces() noexcept {
        const std::size_t from = i;
        while (i < s.size() && is_space(s[i])) {
            ++i;
        }
        return i - from;
    }
    // Length of the digit run at the cursor.
    std::size_t run() const noexcept {
        std::size_t k = i;
        while (k < s.size() && is_digit(s[k])) {
            ++k;
        }
        return k - i;
    }
    // Reads `n` digits as a number.
    int number(std::size_t n) noexcept {
        int v = 0;
        for (std::size_t k = 0; k < n; ++k) {
            v = v * 10 + (s[i++] - '0');
        }
        return v;
    }
    // (\d{1,2}) followed by something that is not a digit: a run of one or two digits (a
    // longer run cannot match: the pattern goes on with a non-digit). -1 when absent.
    int short_number() noexcept {
        const std::size_t n = run();
        return n == 0 || n > 2 ? -1 : number(n);
    }
};

// ([AaPp]\.?[Mm]\.?)? applied to `t.hour` (12-hour clock).
void read_am_pm(Cursor& c, CivilTime& t) {
    if (c.i + 1 >= c.s.size() || std::string_view("AaPp").find(c.s[c.i]) == std::string_view::npos) {
        return;
    }
    Cursor m = c;
    const char ap = static_cast<char>(std::tolower(static_cast<unsigned char>(c.s[c.i])));
    ++m.i;
    m.lit(".");
    if (!m.at('M') && !m.at('m')) {
        return;
    }
    ++m.i;
    m.lit(".");
    c = m;
    if (ap == 'p' && t.hour < 12) {
        t.hour += 12;
    } else if (ap == 'a' && t.hour == 12) {
        t.hour = 0;
    }
}

// [+-]\d{2}:?\d{2}
bool read_numeric_zone(Cursor& c) {
    Cursor m = c;
    if (!m.at('+') && !m.at('-')) {
        return false;
    }
    ++m.i;
    if (m.run() < 2) {
        return false;
    }
    m.i += 2;
    m.lit(":");
    if (m.run() < 2) {
        return false;
    }
    m.i += 2;
    c = m;
    return true;
}

// (?:[,\s]+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp]\.?[Mm]\.?)?
//    (?:\s*\(?([A-Z]{2,4}|[+-]\d{2}:?\d{2})\)?)?)?     -- the time after a written date
void read_written_time(Cursor c, DateMatch& out) {
    const std::size_t from = c.i;
    while (c.i < c.s.size() && (c.s[c.i] == ',' || is_space(c.s[c.i]))) {
        ++c.i;
    }
    if (c.i == from) {
        return;
    }
    if (Cursor at = c; at.lit("at") && at.spaces() > 0) {
        c = at; // the hour must follow; "at" cannot be the hour either way
    }
    const int hour = c.short_number();
    if (hour < 0 || !c.lit(":") || c.run() < 2) {
        return;
    }
    out.has_time = true;
    out.t.hour = hour;
    out.t.minute = c.number(2);
    if (Cursor sec = c; sec.lit(":") && sec.run() >= 2) {
        out.t.second = sec.number(2);
        c = sec;
    }
    c.spaces();
    read_am_pm(c, out.t);
    Cursor z = c;
    z.spaces();
    z.lit("(");
    const std::size_t start = z.i;
    std::size_t upper = 0;
    while (upper < 4 && z.i + upper < z.s.size() && z.s[z.i + upper] >= 'A' && z.s[z.i + upper] <= 'Z') {
        ++upper;
    }
    if (upper >= 2) {
        out.zone = z.s.substr(start, upper);
    } else if (read_numeric_zone(z)) {
        out.zone = z.s.substr(start, z.i - start);
    }
}

// (Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|
//  Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?): the month read at the
// cursor with each written form the alternation would try, longest first, until `rest`
// accepts what follows. 0 when none does.
template <class Rest>
int month_name(Cursor& c, Rest&& rest) {
    static constexpr std::array<std::array<std::string_view, 3>, 12> k_forms = {{
        {"January", "Jan", ""}, {"February", "Feb", ""}, {"March", "Mar", ""},
        {"April", "Apr", ""}, {"May", "", ""}, {"June", "Jun", ""}, {"July", "Jul", ""},
        {"August", "Aug", ""}, {"September", "Sept", "Sep"}, {"October", "Oct", ""},
        {"November", "Nov", ""}, {"December", "Dec", ""},
    }};
    if (c.i >= c.s.size() || std::string_view("JFMASOND").find(c.s[c.i]) == std::string_view::npos) {
        return 0;
    }
    for (std::size_t month = 0; month < k_forms.size(); ++month) {
        if (k_forms[month][0][0] != c.s[c.i]) {
            continue;
        }
        for (std::string_view form : k_forms[month]) {
            Cursor m = c;
            if (!form.empty() && m.lit(form) && rest(m)) {
                c = m;
                return static_cast<int>(month) + 1;
            }
        }
    }
    return 0;
}

// (?:st|nd|rd|th)?
void ordinal_suffix(Cursor& c) { c.any({"st", "nd", "rd", "th"}); }

} // namespace

// (\d{4})\s*(?:-|/|\.|年)\s*(\d{1,2})\s*(?:-|/|\.|月)\s*(\d{1,2})(?!\d)\s*(?:日|号)?
// (?:(?:T|\s|,|&nbsp;)*(\d{1,2})\s*(?::|时|點|点)\s*(\d{1,2})
//    (?:\s*(?::|分)\s*(\d{1,2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|GMT|UTC)?)?
// e.g. 2024-04-24T23:52:10.5+08:00, 2024/4/24 23:52, 2024年04月24日 23:52, 2024.04.24
std::optional<DateMatch> numeric_date_at(std::string_view s, std::size_t p) {
    Cursor c{s, p};
    if (c.run() < 4) {
        return std::nullopt;
    }
    DateMatch m;
    m.position = p;
    m.t.year = c.number(4);
    c.spaces();
    if (!c.any({"-", "/", ".", "年"})) {
        return std::nullopt;
    }
    c.spaces();
    m.t.month = c.short_number();
    c.spaces();
    if (m.t.month < 0 || !c.any({"-", "/", ".", "月"})) {
        return std::nullopt;
    }
    c.spaces();
    m.t.day = c.short_number();
    if (m.t.day < 0) {
        return std::nullopt;
    }
    c.spaces();
    c.any({"日", "号"});
    // The time, all of it optional: on any mismatch the date stands alone.
    while (c.spaces() > 0 || c.any({"T", ",", "&nbsp;"})) {
    }
    const int hour = c.short_number(); // a separator follows, never a digit
    c.spaces();
    if (hour < 0 || !c.any({":", "时", "點", "点"})) {
        return m;
    }
    c.spaces();
    const std::size_t minute_digits = std::min<std::size_t>(c.run(), 2);
    if (minute_digits == 0) {
        return m;
    }
    m.has_time = true;
    m.t.hour = hour;
    m.t.minute = c.number(minute_digits);
    if (Cursor sec = c; (sec.spaces(), sec.any({":", "分"}))) {
        sec.spaces();
        if (const std::size_t n = std::min<std::size_t>(sec.run(), 2); n > 0) {
            m.t.second = sec.number(n);
            if (sec.at('.') && sec.i + 1 < s.size() && is_digit(s[sec.i + 1])) {
                ++sec.i;
                sec.i += sec.run();
            }
            c = sec;
        }
    }
    c.spaces();
    const std::size_t start = c.i;
    if (c.lit("Z") || read_numeric_zone(c) || c.lit("GMT") || c.lit("UTC")) {
        m.zone = s.substr(start, c.i - start);
    }
    return m;
}

// ,?\s+(\d{4}): the year that ends a written date.
bool year_after(Cursor& r, int& year) {
    r.lit(",");
    if (r.spaces() == 0 || r.run() < 4) {
        return false;
    }
    year = r.number(4);
    return true;
}

// <month>\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})<time>: "Nov. 19, 2019 10:30 AM EST"
std::optional<DateMatch> month_first_date_at(std::string_view s, std::size_t p) {
    DateMatch m;
    m.position = p;
    m.month_written = true;
    Cursor c{s, p};
    m.t.month = month_name(c, [&](Cursor& r) {
        r.lit(".");
        if (r.spaces() == 0 || (m.t.day = r.short_number()) < 0) {
            return false;
        }
        ordinal_suffix(r);
        return year_after(r, m.t.year);
    });
    if (m.t.month == 0) {
        return std::nullopt;
    }
    read_written_time(c, m);
    return m;
}

// (\d{1,2})(?:st|nd|rd|th)?\s+<month>\.?,?\s+(\d{4})<time>: "19 November 2019"
std::optional<DateMatch> day_first_date_at(std::string_view s, std::size_t p) {
    DateMatch m;
    m.position = p;
    m.month_written = true;
    Cursor c{s, p};
    m.t.day = c.short_number();
    if (m.t.day < 0) {
        return std::nullopt;
    }
    ordinal_suffix(c);
    if (c.spaces() == 0) {
        return std::nullopt;
    }
    m.t.month = month_name(c, [&](Cursor& r) {
        r.lit(".");
        return year_after(r, m.t.year);
    });
    if (m.t.month == 0) {
        return std::nullopt;
    }
    read_written_time(c, m);
    return m;
}

// (?:^|[^\d:])(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp]\.?[Mm]\.?)?[,\s]*$ -- a time that
// ends `s`, as bylines write it before the date: "10:12, April 25, 2024".
bool time_at_end(std::string_view s, CivilTime& t) {
    for (std::size_t q = 0; q < s.size(); ++q) {
        if (q > 0 && (is_digit(s[q - 1]) || s[q - 1] == ':')) {
            continue;
        }
        Cursor c{s, q};
        CivilTime found = t;
        found.hour = c.short_number();
        if (found.hour < 0 || !c.lit(":") || c.run() != 2) {
            continue; // two digits, then no third (only [,\s]* may follow them)
        }
        found.minute = c.number(2);
        found.second = 0;
        if (Cursor sec = c; sec.lit(":") && sec.run() == 2) {
            found.second = sec.number(2);
            c = sec;
        }
        c.spaces();
        read_am_pm(c, found);
        while (c.i < s.size() && (s[c.i] == ',' || is_space(s[c.i]))) {
            ++c.i;
        }
        if (c.i == s.size()) {
            t = found;
            return true;
        }
    }
    return false;
}


} // namespace archiver::extract::detail
