// SPDX-License-Identifier: MIT
#include "dates.hpp"

#include <array>
#include <cctype>
#include <regex>
#include <string>

namespace archiver::extract::detail {

namespace {

int to_int(const std::ssub_match& m) { return m.matched ? std::stoi(m.str()) : 0; }

bool valid(const CivilTime& t) {
    return t.year >= 1990 && t.year <= 2100 && t.month >= 1 && t.month <= 12 && t.day >= 1 &&
           t.day <= 31 && t.hour >= 0 && t.hour <= 23 && t.minute >= 0 && t.minute <= 59 &&
           t.second >= 0 && t.second <= 60;
}

std::optional<int> zone_offset(std::string z) {
    for (char& c : z) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    if (z.empty()) {
        return std::nullopt;
    }
    if (z == "Z" || z == "GMT" || z == "UTC" || z == "UT") {
        return 0;
    }
    if (z[0] == '+' || z[0] == '-') {
        std::string digits;
        for (char c : z) {
            if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
                digits += c;
            }
        }
        if (digits.size() == 2) {
            digits += "00";
        }
        if (digits.size() != 4) {
            return std::nullopt;
        }
        int off = std::stoi(digits.substr(0, 2)) * 3600 + std::stoi(digits.substr(2)) * 60;
        return z[0] == '-' ? -off : off;
    }
    struct Abbrev {
        const char* name;
        int hours;
    };
    static constexpr std::array<Abbrev, 14> k_zones = {{{"EST", -5}, {"EDT", -4}, {"ET", -5},
                                                        {"CDT", -5}, {"MST", -7}, {"MDT", -6},
                                                        {"PST", -8}, {"PDT", -7}, {"PT", -8},
                                                        {"BST", 1}, {"CET", 1}, {"CEST", 2},
                                                        {"JST", 9}, {"HKT", 8}}};
    for (const auto& a : k_zones) {
        if (z == a.name) {
            return a.hours * 3600;
        }
    }
    return std::nullopt;
}

FoundDate build(const CivilTime& t, bool has_time, std::optional<int> offset, const TimeZone& zone) {
    FoundDate f;
    f.has_time = has_time;
    if (offset) {
        std::int64_t local = days_from_civil(t.year, static_cast<unsigned>(t.month),
                                             static_cast<unsigned>(t.day)) *
                                 86400 +
                             t.hour * 3600 + t.minute * 60 + t.second;
        f.when = DateTime{local - *offset, *offset};
    } else {
        f.when = make_datetime(t, zone);
    }
    return f;
}

bool has_digit_run(std::string_view s, std::size_t n) {
    std::size_t run = 0;
    for (char c : s) {
        run = (c >= '0' && c <= '9') ? run + 1 : 0;
        if (run >= n) {
            return true;
        }
    }
    return false;
}

// Whether `s` holds a capitalized English month abbreviation (k_month_names' prefixes).
bool has_month_name(std::string_view s) {
    static constexpr std::array<std::string_view, 12> k_abbrev = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (std::size_t i = s.find_first_of("JFMASOND"); i != std::string_view::npos;
         i = s.find_first_of("JFMASOND", i + 1)) {
        for (std::string_view a : k_abbrev) {
            if (s.compare(i, 3, a) == 0) {
                return true;
            }
        }
    }
    return false;
}

// The date patterns below are read by hand (std::regex costs microseconds per block of
// text, and every short block of every page is tried). Each mirrors the regular expression
// in its comment: `\s` is ASCII whitespace, `\d` an ASCII digit, and where a regular
// expression would backtrack the code says why the greedy reading is the only one.

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

// A matched date pattern: where it starts and its fields.
struct Match {
    std::size_t position = 0;
    CivilTime t;
    bool has_time = false;
    std::string_view zone; // as written; empty when none
    bool month_written = false; // "Nov. 19, 2019", not "2019-11-19"
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
void read_written_time(Cursor c, Match& out) {
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

// (\d{4})\s*(?:-|/|\.|年)\s*(\d{1,2})\s*(?:-|/|\.|月)\s*(\d{1,2})(?!\d)\s*(?:日|号)?
// (?:(?:T|\s|,|&nbsp;)*(\d{1,2})\s*(?::|时|點|点)\s*(\d{1,2})
//    (?:\s*(?::|分)\s*(\d{1,2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|GMT|UTC)?)?
// e.g. 2024-04-24T23:52:10.5+08:00, 2024/4/24 23:52, 2024年04月24日 23:52, 2024.04.24
std::optional<Match> numeric_at(std::string_view s, std::size_t p) {
    Cursor c{s, p};
    if (c.run() < 4) {
        return std::nullopt;
    }
    Match m;
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

// <month>\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})<time>: "Nov. 19, 2019 10:30 AM EST"
std::optional<Match> month_first_at(std::string_view s, std::size_t p) {
    Match m;
    m.position = p;
    m.month_written = true;
    Cursor c{s, p};
    m.t.month = month_name(c, [&](Cursor& r) {
        r.lit(".");
        if (r.spaces() == 0 || (m.t.day = r.short_number()) < 0) {
            return false;
        }
        ordinal_suffix(r);
        r.lit(",");
        if (r.spaces() == 0 || r.run() < 4) {
            return false;
        }
        m.t.year = r.number(4);
        return true;
    });
    if (m.t.month == 0) {
        return std::nullopt;
    }
    read_written_time(c, m);
    return m;
}

// (\d{1,2})(?:st|nd|rd|th)?\s+<month>\.?,?\s+(\d{4})<time>: "19 November 2019"
std::optional<Match> day_first_at(std::string_view s, std::size_t p) {
    Match m;
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
        r.lit(",");
        if (r.spaces() == 0 || r.run() < 4) {
            return false;
        }
        m.t.year = r.number(4);
        return true;
    });
    if (m.t.month == 0) {
        return std::nullopt;
    }
    read_written_time(c, m);
    return m;
}

// The leftmost match of `pattern` in `s`.
template <class Pattern>
std::optional<Match> search(std::string_view s, Pattern&& pattern) {
    for (std::size_t p = 0; p < s.size(); ++p) {
        if (auto m = pattern(s, p)) {
            return m;
        }
    }
    return std::nullopt;
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

} // namespace

std::optional<FoundDate> find_date(std::string_view text_view, const TimeZone& zone) {
    if (text_view.size() > 4000) {
        text_view = text_view.substr(0, 4000);
    }
    // Every form has a four-digit year: std::regex is slow, and most text has none.
    if (!has_digit_run(text_view, 4)) {
        return std::nullopt;
    }
    std::optional<Match> best = search(text_view, numeric_at);
    if (has_month_name(text_view)) {
        for (auto* pattern : {month_first_at, day_first_at}) {
            if (auto m = search(text_view, pattern); m && (!best || m->position < best->position)) {
                best = m;
            }
        }
    }
    if (!best) {
        return std::nullopt;
    }
    std::optional<int> offset;
    if (!best->zone.empty()) {
        offset = zone_offset(std::string(best->zone));
    }
    if (best->month_written && !best->has_time) {
        // The time written before the date, as bylines do: "10:12, April 25, 2024".
        const std::size_t start = best->position;
        const std::size_t from = start > 24 ? start - 24 : 0;
        best->has_time = time_at_end(text_view.substr(from, start - from), best->t);
    }
    if (!valid(best->t)) {
        return std::nullopt;
    }
    return build(best->t, best->has_time, offset, zone);
}

std::optional<FoundDate> find_url_date(std::string_view url, const TimeZone& zone) {
    std::string text(url);
    // /2019/11/19/, /2019-11/19/, /20191119/, /20191119123.html; but a day that follows a
    // separator must end there: /201909/1220000.shtml is a month and an id, not the 12th.
    static const std::regex k_url(
        "[/_-]((?:19|20)\\d{2})[/_-]?(0[1-9]|1[0-2])([/_-])?(0[1-9]|[12]\\d|3[01])([/_.-]|\\d|$)");
    for (std::sregex_iterator it(text.begin(), text.end(), k_url), end; it != end; ++it) {
        const std::smatch& m = *it;
        bool digit_after = m[5].matched && m[5].length() == 1 && m[5].str()[0] >= '0' &&
                           m[5].str()[0] <= '9';
        if (m[3].matched && digit_after) {
            continue;
        }
        CivilTime t;
        t.year = to_int(m[1]);
        t.month = to_int(m[2]);
        t.day = to_int(m[4]);
        if (!valid(t)) {
            continue;
        }
        return build(t, false, std::nullopt, zone);
    }
    return std::nullopt;
}

std::optional<FoundDate> parse_with_formats(std::string_view text,
                                            const std::vector<std::string>& formats,
                                            const TimeZone& zone) {
    for (const auto& format : formats) {
        // Turn the hint into a regex: each %X a digit group, whitespace flexible.
        std::string pattern;
        std::vector<char> fields;
        for (std::size_t i = 0; i < format.size(); ++i) {
            char c = format[i];
            if (c == '%' && i + 1 < format.size()) {
                char f = format[++i];
                if (f == 'Y') {
                    pattern += "(\\d{4})";
                } else if (f == 'y') {
                    pattern += "(\\d{2})";
                } else if (f == '%') {
                    pattern += "%";
                    continue;
                } else {
                    pattern += "(\\d{1,2})";
                }
                fields.push_back(f);
            } else if (std::isspace(static_cast<unsigned char>(c)) != 0) {
                pattern += "\\s*";
            } else if (std::isalnum(static_cast<unsigned char>(c)) != 0 ||
                       static_cast<unsigned char>(c) >= 0x80) {
                pattern += c;
            } else {
                pattern += '\\';
                pattern += c;
            }
        }
        std::regex re;
        try {
            re.assign(pattern);
        } catch (const std::regex_error&) {
            continue;
        }
        std::string s(text);
        std::smatch m;
        if (!std::regex_search(s, m, re)) {
            continue;
        }
        CivilTime t;
        bool has_time = false;
        for (std::size_t k = 0; k < fields.size(); ++k) {
            int v = to_int(m[k + 1]);
            switch (fields[k]) {
            case 'Y': t.year = v; break;
            case 'y': t.year = 2000 + v; break;
            case 'm': t.month = v; break;
            case 'd': t.day = v; break;
            case 'H': t.hour = v; has_time = true; break;
            case 'M': t.minute = v; break;
            case 'S': t.second = v; break;
            default: break;
            }
        }
        if (valid(t)) {
            return build(t, has_time, std::nullopt, zone);
        }
    }
    return std::nullopt;
}

} // namespace archiver::extract::detail
