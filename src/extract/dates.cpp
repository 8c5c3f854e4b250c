// SPDX-License-Identifier: MIT
#include "dates.hpp"
#include "date_scan.hpp"

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
