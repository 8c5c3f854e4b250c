// SPDX-License-Identifier: MIT
#include "css_scan.hpp"

#include <array>

namespace archiver::feed::detail::css {
namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_word(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_';
}
bool is_name(char c) { return is_word(c) || c == '-'; } // [-\w]

// The end of the run of bytes from `i` for which `pred` holds.
template <typename Pred> std::size_t run_end(std::string_view s, std::size_t i, Pred pred) {
    while (i < s.size() && pred(s[i])) {
        ++i;
    }
    return i;
}

std::size_t skip_spaces(std::string_view s, std::size_t i) { return run_end(s, i, is_space); }

// The end of `url\s*\(\s*[^\s)]+?\s*\)\s*` matched at `i`, or npos. The lazy run cannot
// cross a space or `)`, so it is the whole run of other bytes.
std::size_t url_match_end(std::string_view s, std::size_t i) {
    if (s.substr(i, 3) != "url") {
        return std::string_view::npos;
    }
    i = skip_spaces(s, i + 3);
    if (i >= s.size() || s[i] != '(') {
        return std::string_view::npos;
    }
    i = skip_spaces(s, i + 1);
    const std::size_t arg_end = run_end(s, i, [](char c) { return !is_space(c) && c != ')'; });
    if (arg_end == i) {
        return std::string_view::npos;
    }
    i = skip_spaces(s, arg_end);
    if (i >= s.size() || s[i] != ')') {
        return std::string_view::npos;
    }
    return skip_spaces(s, i + 1);
}

// A byte of the gauntlet's single-character class [:,;#%.\sa-zA-Z0-9!].
bool is_gauntlet_char(char c) {
    switch (c) {
    case ':':
    case ',':
    case ';':
    case '#':
    case '%':
    case '.':
    case '!':
        return true;
    default:
        return is_space(c) || (is_word(c) && c != '_');
    }
}

// The end of `\s*[-\w]+\s*:` matched at `i` (just after the colon), or npos; `name_end`
// receives the end of the name. Each part is the whole run of its class: a shorter one
// leaves a byte the next part cannot take.
std::size_t name_colon_end(std::string_view s, std::size_t i, bool leading_spaces,
                           std::size_t& name_end) {
    if (leading_spaces) {
        i = skip_spaces(s, i);
    }
    name_end = run_end(s, i, is_name);
    if (name_end == i) {
        return std::string_view::npos;
    }
    const std::size_t colon = skip_spaces(s, name_end);
    if (colon >= s.size() || s[colon] != ':') {
        return std::string_view::npos;
    }
    return colon + 1;
}

std::size_t value_end(std::string_view s, std::size_t i) {
    return run_end(s, i, [](char c) { return c != ':' && c != ';'; });
}

} // namespace

std::string replace_urls(std::string_view style) {
    std::string out;
    out.reserve(style.size());
    std::size_t i = 0;
    while (i < style.size()) {
        if (const std::size_t end = url_match_end(style, i); end != std::string_view::npos) {
            out += ' ';
            i = end;
        } else {
            out += style[i++];
        }
    }
    return out;
}

bool passes_gauntlet(std::string_view style) {
    // Which positions a sequence of tokens can reach from the start; the pattern matches
    // when the end is one of them.
    const std::size_t n = style.size();
    std::vector<char> reach(n + 1, 0);
    reach[0] = 1;
    for (std::size_t i = 0; i < n; ++i) {
        if (reach[i] == 0) {
            continue;
        }
        const char c = style[i];
        if (is_gauntlet_char(c)) {
            reach[i + 1] = 1;
        }
        if (i + 2 < n && is_word(c) && style[i + 1] == '-' && is_word(style[i + 2])) {
            reach[i + 3] = 1;
        }
        if (c == '\'' || c == '"') {
            const std::size_t end =
                run_end(style, i + 1, [](char b) { return is_space(b) || is_word(b); });
            if (end > i + 1 && end < n && style[end] == c) {
                reach[end + 1] = 1;
            }
        }
        if (c == '(') {
            const std::size_t end = run_end(
                style, i + 1, [](char b) { return is_digit(b) || b == ',' || is_space(b); });
            if (end > i + 1 && end < n && style[end] == ')') {
                reach[end + 1] = 1;
            }
        }
    }
    return reach[n] != 0;
}

std::string strip_declarations(std::string_view style) {
    std::string rest;
    std::size_t copied = 0; // bytes of `style` before this are copied or removed
    for (std::size_t p = 0; p < style.size();) {
        std::size_t name_end = 0;
        const std::size_t after_colon = name_colon_end(style, p, true, name_end);
        if (after_colon == std::string_view::npos) {
            ++p;
            continue;
        }
        rest.append(style.substr(copied, p - copied));
        std::size_t end = value_end(style, skip_spaces(style, after_colon));
        if (end < style.size() && style[end] == ';') {
            ++end;
        }
        p = copied = end;
    }
    rest.append(style.substr(copied));
    return rest;
}

std::vector<Declaration> declarations(std::string_view style) {
    std::vector<Declaration> out;
    for (std::size_t p = 0; p < style.size();) {
        std::size_t name_end = 0;
        const std::size_t after_colon = name_colon_end(style, p, false, name_end);
        if (after_colon == std::string_view::npos) {
            ++p;
            continue;
        }
        const std::size_t value_begin = skip_spaces(style, after_colon);
        const std::size_t end = value_end(style, value_begin);
        out.push_back({style.substr(p, name_end - p), style.substr(value_begin, end - value_begin)});
        p = end;
    }
    return out;
}

bool is_plain_value(std::string_view v) {
    // #[0-9a-f]+
    if (v.size() > 1 && v[0] == '#' &&
        run_end(v, 1, [](char c) { return is_digit(c) || (c >= 'a' && c <= 'f'); }) == v.size()) {
        return true;
    }
    // rgb\(\d+%?,\d*%?,?\d*%?\)? : each optional part taken when present (none can take
    // what a later part needs instead).
    if (v.substr(0, 4) == "rgb(") {
        std::size_t i = run_end(v, 4, is_digit);
        bool ok = i > 4;
        const auto optional = [&](char c) {
            if (i < v.size() && v[i] == c) {
                ++i;
            }
        };
        if (ok) {
            optional('%');
            ok = i < v.size() && v[i] == ',';
        }
        if (ok) {
            i = run_end(v, i + 1, is_digit);
            optional('%');
            optional(',');
            i = run_end(v, i, is_digit);
            optional('%');
            optional(')');
            if (i == v.size()) {
                return true;
            }
        }
    }
    // \d{0,2}\.?\d{0,2}(unit)?
    std::size_t i = 0;
    const auto digits = [&] {
        for (int k = 0; k < 2 && i < v.size() && is_digit(v[i]); ++k) {
            ++i;
        }
    };
    digits();
    if (i < v.size() && v[i] == '.') {
        ++i;
    }
    digits();
    if (i == v.size()) {
        return true;
    }
    static constexpr std::array<std::string_view, 11> k_units{"cm", "em", "ex", "in", "mm", "pc",
                                                              "pt", "px", "%",  ",",  ")"};
    const std::string_view unit = v.substr(i);
    for (const std::string_view u : k_units) {
        if (unit == u) {
            return true;
        }
    }
    return false;
}

} // namespace archiver::feed::detail::css
