// SPDX-License-Identifier: MIT
// The sanitizer's attribute rules: URL attributes, the style whitelist, value escaping, and
// URLs made absolute with unsafe schemes dropped.
#include "sanitize_attr.hpp"

#include "byte_find.hpp"
#include "css_scan.hpp"
#include "html_tables.hpp"
#include "html_text.hpp"
#include "url_join.hpp"

#include <archiver/core/url.hpp>

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <utility>
#include <vector>

namespace archiver::feed::detail {
namespace {

// The position of the first '<', '>', '"' or '&' at or after `i` in `v`, or v.size()
// (attribute values are mostly URLs and words with none of them).
std::size_t find_attr_special(std::string_view v, std::size_t i) {
    return find_any_of4(v, i, '<', '>', '"', '&');
}

} // namespace

bool is_uri_attr(std::string_view tag, std::string_view attr) {
    // The pairs (element, attribute) whose value is a URL, by attribute.
    const auto any = [tag](std::initializer_list<std::string_view> tags) {
        return std::find(tags.begin(), tags.end(), tag) != tags.end();
    };
    if (attr == "href") {
        return any({"a", "area", "link"});
    }
    if (attr == "src") {
        return any({"audio", "frame", "iframe", "img", "input", "script", "source", "video"});
    }
    if (attr == "cite") {
        return any({"blockquote", "del", "ins", "q"});
    }
    if (attr == "longdesc") {
        return any({"frame", "iframe", "img"});
    }
    if (attr == "usemap") {
        return any({"img", "input", "object"});
    }
    if (attr == "codebase") {
        return any({"applet", "object"});
    }
    if (attr == "background") {
        return tag == "body";
    }
    if (attr == "action") {
        return tag == "form";
    }
    if (attr == "profile") {
        return tag == "head";
    }
    if (attr == "classid" || attr == "data") {
        return tag == "object";
    }
    if (attr == "poster") {
        return tag == "video";
    }
    return false;
}

std::string sanitize_style(std::string style) {
    if (style.size() > 2000) {
        return {};
    }
    style = css::replace_urls(style);
    if (!css::passes_gauntlet(style)) {
        return {};
    }
    const std::string rest = css::strip_declarations(style);
    if (std::any_of(rest.begin(), rest.end(), [](char c) { return !is_space(c); })) {
        return {};
    }
    std::string clean;
    for (const css::Declaration& decl : css::declarations(style)) {
        const std::string prop(decl.property);
        const std::string value(decl.value);
        if (value.empty()) {
            continue;
        }
        const std::string lp = lower(prop);
        bool ok = tables::contains(tables::k_acceptable_css_properties, lp);
        if (!ok) {
            const std::string head = lp.substr(0, lp.find('-'));
            if (head == "background" || head == "border" || head == "margin" ||
                head == "padding") {
                ok = true;
                std::size_t p = 0;
                while (p < value.size() && ok) {
                    while (p < value.size() && is_space(value[p])) {
                        ++p;
                    }
                    std::size_t q = p;
                    while (q < value.size() && !is_space(value[q])) {
                        ++q;
                    }
                    if (q > p) {
                        const std::string kw = value.substr(p, q - p);
                        ok = tables::contains(tables::k_acceptable_css_keywords, kw) ||
                             css::is_plain_value(kw);
                    }
                    p = q;
                }
            }
        }
        if (ok) {
            if (!clean.empty()) {
                clean += ' ';
            }
            clean += prop + ": " + value + ";";
        }
    }
    return clean;
}

void append_attr(std::string& out, std::string_view key, std::string_view v) {
    out += ' ';
    out += key;
    out += "=\"";
    std::size_t run = 0; // start of the bytes not yet copied
    for (std::size_t i = find_attr_special(v, 0); i < v.size(); i = find_attr_special(v, i + 1)) {
        const char c = v[i];
        std::string_view rep;
        if (c == '<') {
            rep = "&lt;";
        } else if (c == '>') {
            rep = "&gt;";
        } else if (c == '"') {
            rep = "&quot;";
        } else if (c == '&') {
            std::size_t q = i + 1;
            bool ref = false;
            if (q < v.size() && v[q] == '#') {
                ++q;
                const bool hex = q < v.size() && (v[q] == 'x' || v[q] == 'X');
                q += hex ? 1 : 0;
                const std::size_t start = q;
                while (q < v.size() &&
                       (hex ? std::isxdigit(static_cast<unsigned char>(v[q])) != 0
                            : is_digit(v[q]))) {
                    ++q;
                }
                ref = q > start && q < v.size() && v[q] == ';';
            } else {
                const std::size_t start = q;
                while (q < v.size() && (is_alnum(v[q]) || v[q] == '_')) {
                    ++q;
                }
                ref = q > start && q < v.size() && v[q] == ';';
            }
            if (ref) {
                continue;
            }
            rep = "&amp;";
        }
        out.append(v.substr(run, i - run));
        out.append(rep);
        run = i + 1;
    }
    out.append(v.substr(run));
    out += '"';
}

std::string safe_absolute_uri(std::string_view base, std::string_view ref) {
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    std::string_view r = ref;
    while (!r.empty() && blank(r.front())) {
        r.remove_prefix(1);
    }
    while (!r.empty() && blank(r.back())) {
        r.remove_suffix(1);
    }
    std::string joined = base.empty() ? std::string(r)
                                      : (r.empty() ? std::string(base) : resolve_url(base, r));
    if (joined.compare(0, 7, "http://") == 0 || joined.compare(0, 8, "https://") == 0) {
        return joined; // the common schemes, acceptable (as the check below finds)
    }
    // The scheme, if any: letters, digits, + - . before the first ':' (and before / ? #).
    std::size_t i = 0;
    while (i < joined.size() && (is_alnum(joined[i]) ||
                                 joined[i] == '+' || joined[i] == '-' || joined[i] == '.')) {
        ++i;
    }
    if (i > 0 && i < joined.size() && joined[i] == ':' && is_alpha(joined[0])) {
        // Lower-cased on the stack (every acceptable scheme is short).
        char scheme[16];
        if (i > sizeof scheme) {
            return {};
        }
        for (std::size_t k = 0; k < i; ++k) {
            scheme[k] = lower_char(joined[k]);
        }
        if (!tables::contains(tables::k_acceptable_uri_schemes, std::string_view(scheme, i))) {
            return {};
        }
    } else {
        // No scheme: control characters or entity tricks could hide one ("java&#10;script:").
        // The first visible characters, lower-cased, are enough to tell.
        constexpr std::string_view k_hidden[] = {"javascript:", "vbscript:", "data:"};
        char head[11];
        std::size_t n = 0;
        for (const char c : joined) {
            if (static_cast<unsigned char>(c) > 0x20) {
                head[n++] = lower_char(c);
                if (n == sizeof head) {
                    break;
                }
            }
        }
        const std::string_view visible(head, n);
        for (const std::string_view h : k_hidden) {
            if (visible.substr(0, h.size()) == h) {
                return {};
            }
        }
    }
    return joined;
}

} // namespace archiver::feed::detail
