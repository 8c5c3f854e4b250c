// SPDX-License-Identifier: MIT
#include "dates.hpp"
#include "date_scan.hpp"

#include <array>
#include <cctype>
#include <algorithm>
#include <string>

namespace archiver::extract::detail {

namespace {

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

// The leftmost match of `pattern` in `s`.
template <class Pattern>
std::optional<DateMatch> search(std::string_view s, Pattern&& pattern) {
    for (std::size_t p = 0; p < s.size(); ++p) {
        if (auto m = pattern(s, p)) {
            return m;
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<FoundDate> find_date(std::string_view text_view, const TimeZone& zone) {
    if (text_view.size() > 4000) {
        text_view = text_view.substr(0, 4000);
    }
    // Every form has a four-digit year, and most text has none.
    if (!has_digit_run(text_view, 4)) {
        return std::nullopt;
    }
    std::optional<DateMatch> best = search(text_view, numeric_date_at);
    if (has_month_name(text_view)) {
        for (auto* pattern : {month_first_date_at, day_first_date_at}) {
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
    // [/_-]((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])([/_-])?(0[1-9]|[12]\d|3[01])([/_.-]|\d|$),
    // each match tried in turn from the end of the one before:
    // /2019/11/19/, /2019-11/19/, /20191119/, /20191119123.html; but a day that follows a
    // separator must end there: /201909/1220000.shtml is a month and an id, not the 12th.
    auto sep = [](char c) { return c == '/' || c == '_' || c == '-'; };
    auto digit = [&](std::size_t k) { return k < url.size() && url[k] >= '0' && url[k] <= '9'; };
    auto two = [&](std::size_t k) { return (url[k] - '0') * 10 + (url[k + 1] - '0'); };
    std::size_t p = 0;
    while (p + 9 <= url.size()) {
        std::size_t k = p + 1;
        if (!sep(url[p]) || !digit(k) || !digit(k + 1) || !digit(k + 2) || !digit(k + 3) ||
            !(two(k) == 19 || two(k) == 20)) {
            ++p;
            continue;
        }
        CivilTime t;
        t.year = two(k) * 100 + two(k + 2);
        k += 4;
        if (k < url.size() && sep(url[k])) {
            ++k;
        }
        bool day_after_separator = false;
        if (digit(k) && digit(k + 1) && (t.month = two(k)) >= 1 && t.month <= 12) {
            k += 2;
            if (k < url.size() && sep(url[k])) {
                day_after_separator = true;
                ++k;
            }
        } else {
            ++p;
            continue;
        }
        if (!digit(k) || !digit(k + 1) || (t.day = two(k)) < 1 || t.day > 31 ||
            (k + 2 < url.size() && !digit(k + 2) && url[k + 2] != '.' && !sep(url[k + 2]))) {
            ++p;
            continue;
        }
        k += 2;
        const bool digit_after = digit(k);
        p = k < url.size() ? k + 1 : k; // the next match starts after this one
        if ((day_after_separator && digit_after) || !valid(t)) {
            continue;
        }
        return build(t, false, std::nullopt, zone);
    }
    return std::nullopt;
}

namespace {

// One piece of a date format hint: a field of digits, flexible whitespace, or a literal.
struct FormatToken {
    enum class Kind : unsigned char { field, space, literal } kind;
    char field = 0;          // the strftime letter of a field
    std::size_t digits = 0;  // exact digits (%Y 4, %y 2), 0 for one or two
    char literal = 0;
};

std::vector<FormatToken> tokens_of(std::string_view format) {
    std::vector<FormatToken> out;
    for (std::size_t i = 0; i < format.size(); ++i) {
        const char c = format[i];
        if (c == '%' && i + 1 < format.size()) {
            const char f = format[++i];
            if (f == '%') {
                out.push_back({FormatToken::Kind::literal, 0, 0, '%'});
            } else {
                out.push_back({FormatToken::Kind::field, f, f == 'Y' ? 4u : f == 'y' ? 2u : 0u, 0});
            }
        } else if (std::isspace(static_cast<unsigned char>(c)) != 0) {
            out.push_back({FormatToken::Kind::space, 0, 0, 0});
        } else {
            out.push_back({FormatToken::Kind::literal, 0, 0, c});
        }
    }
    return out;
}

// What `\s` matched when hints were regular expressions: ASCII whitespace.
bool is_format_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Matches tokens[k..] at s[pos], greedy first and backtracking as a regular expression
// would (a field of one or two digits tries two first; whitespace tries the longest run
// first); the fields' values land in `values`, in token order.
bool match_tokens(const std::vector<FormatToken>& tokens, std::size_t k, std::string_view s,
                  std::size_t pos, std::vector<int>& values) {
    if (k == tokens.size()) {
        return true;
    }
    const FormatToken& tok = tokens[k];
    switch (tok.kind) {
    case FormatToken::Kind::literal:
        return pos < s.size() && s[pos] == tok.literal && match_tokens(tokens, k + 1, s, pos + 1, values);
    case FormatToken::Kind::space: {
        std::size_t end = pos;
        while (end < s.size() && is_format_space(s[end])) {
            ++end;
        }
        for (std::size_t e = end + 1; e-- > pos;) {
            if (match_tokens(tokens, k + 1, s, e, values)) {
                return true;
            }
        }
        return false;
    }
    case FormatToken::Kind::field: {
        std::size_t run = 0;
        while (pos + run < s.size() && run < 4 && s[pos + run] >= '0' && s[pos + run] <= '9') {
            ++run;
        }
        const std::size_t most = tok.digits != 0 ? tok.digits : std::min<std::size_t>(run, 2);
        const std::size_t least = tok.digits != 0 ? tok.digits : 1;
        for (std::size_t n = most; n >= least && n > 0 && n <= run; --n) {
            int v = 0;
            for (std::size_t d = 0; d < n; ++d) {
                v = v * 10 + (s[pos + d] - '0');
            }
            values.push_back(v);
            if (match_tokens(tokens, k + 1, s, pos + n, values)) {
                return true;
            }
            values.pop_back();
        }
        return false;
    }
    }
    return false;
}

} // namespace

std::optional<FoundDate> parse_with_formats(std::string_view text,
                                            const std::vector<std::string>& formats,
                                            const TimeZone& zone) {
    for (const auto& format : formats) {
        // Each %X a field of digits, whitespace flexible, the rest literal; the leftmost
        // place where the whole hint matches.
        const std::vector<FormatToken> tokens = tokens_of(format);
        std::vector<char> fields;
        for (const FormatToken& tok : tokens) {
            if (tok.kind == FormatToken::Kind::field) {
                fields.push_back(tok.field);
            }
        }
        std::vector<int> values;
        bool matched = false;
        for (std::size_t pos = 0; pos <= text.size() && !matched; ++pos) {
            values.clear();
            matched = match_tokens(tokens, 0, text, pos, values);
        }
        if (!matched) {
            continue;
        }
        CivilTime t;
        bool has_time = false;
        for (std::size_t k = 0; k < fields.size(); ++k) {
            const int v = values[k];
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
