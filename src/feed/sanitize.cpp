// SPDX-License-Identifier: MIT
// The feed HTML sanitizer: a forgiving tag tokenizer (feed HTML is rarely well-formed, and
// the output must keep its shape rather than be rebuilt as a tree) that re-serializes
// whitelisted elements and attributes in a canonical form — lower-case names, attributes
// sorted and double-quoted, void elements as `<br />`.
#include "html_text.hpp"

#include "html_tables.hpp"
#include "sanitize_attr.hpp"
#include "swar.hpp"

#include <algorithm>
#include <cctype>
#include <utility>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace archiver::feed::detail {
namespace {

using Attrs = std::vector<std::pair<std::string, std::string>>;

using swar::append_lower; // ASCII letters, as std::tolower in the C locale

bool is_void(std::string_view tag) { return tables::contains(tables::k_void_elements, tag); }

// The position of the first '<' or '&' at or after `p`, or s.size().
std::size_t find_markup(std::string_view s, std::size_t p) {
    const std::size_t n = s.size();
#if defined(__SSE2__)
    const __m128i lt = _mm_set1_epi8('<');
    const __m128i amp = _mm_set1_epi8('&');
    while (p + 16 <= n) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + p));
        const auto mask = static_cast<unsigned>(
            _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, lt), _mm_cmpeq_epi8(v, amp))));
        if (mask != 0) {
            return p + static_cast<std::size_t>(__builtin_ctz(mask));
        }
        p += 16;
    }
#endif
    while (p < n && s[p] != '<' && s[p] != '&') {
        ++p;
    }
    return p;
}

// True when `s` holds no '<' and every '&' in it starts a known named reference ended by
// ';' ("&amp;", "&eacute;"): text the sanitizer writes back exactly as it is.
bool only_named_references(std::string_view s) {
    if (s.find('<') != std::string_view::npos) {
        return false;
    }
    for (std::size_t p = s.find('&'); p != std::string_view::npos; p = s.find('&', p)) {
        std::size_t q = p + 1;
        if (q >= s.size() || !is_alpha(s[q])) {
            return false;
        }
        while (q < s.size() && (is_alnum(s[q]) || s[q] == '-' || s[q] == '.')) {
            ++q;
        }
        if (q >= s.size() || s[q] != ';' || !html_entity(s.substr(p + 1, q - p - 1))) {
            return false;
        }
        p = q + 1;
    }
    return true;
}

class Sanitizer {
public:
    Sanitizer(std::string_view base, bool plain_tags) : m_base(base), m_plain_tags(plain_tags) {}

    std::string run(std::string_view html);

private:
    // An attribute as read: its lower-cased name in m_names, its value a view of the input
    // (a bare attribute's value is its name).
    struct RawAttr {
        std::size_t name_at;
        std::size_t name_len;
        std::string_view value;
        bool bare;
    };
    std::string_view raw_name(const RawAttr& a) const {
        return std::string_view(m_names).substr(a.name_at, a.name_len);
    }
    // The tag read into m_tag and m_raw: written by the common path (a whitelisted element
    // outside SVG and MathML, no strings built), else by start_tag.
    void emit_start(bool self_closing);
    void start_tag(std::string tag, Attrs attrs, bool self_closing);
    // Ends the start tag of `tag` just written ("/>" for a void element), and the element
    // too when `end_now` (a self-closing tag without attributes).
    void close_start(std::string_view tag, bool end_now);
    void end_tag(std::string_view tag);
    void end_tag_foreign(std::string tag);
    std::size_t parse_start(std::string_view s, std::size_t p);
    std::size_t parse_end(std::string_view s, std::size_t p);
    std::size_t plain_tag(std::string_view s, std::size_t p);
    void data(std::string_view text) {
        if (m_unacceptable == 0) {
            m_out.append(text);
        }
    }

    std::string_view m_base;
    bool m_plain_tags;
    std::string m_out;
    int m_unacceptable = 0;
    int m_mathml = 0;
    int m_svg = 0;
    // Reused from tag to tag: the tag's name, its attributes, their names, their order.
    std::string m_tag;
    std::vector<RawAttr> m_raw;
    std::string m_names;
    std::vector<std::size_t> m_order;
    std::string m_value;
};

void Sanitizer::emit_start(bool self_closing) {
    if (m_svg > 0 || m_mathml > 0 || !tables::contains(tables::k_acceptable_elements, m_tag)) {
        Attrs attrs;
        attrs.reserve(m_raw.size());
        for (const RawAttr& a : m_raw) {
            const std::string_view name = raw_name(a);
            attrs.emplace_back(std::string(name), std::string(a.bare ? name : a.value));
        }
        start_tag(m_tag, std::move(attrs), self_closing);
        return;
    }
    // Last value of a repeated attribute wins; names sorted, as in the canonical form.
    m_order.clear();
    for (std::size_t i = 0; i < m_raw.size(); ++i) {
        const std::string_view name = raw_name(m_raw[i]);
        auto it = std::find_if(m_order.begin(), m_order.end(),
                               [&](std::size_t j) { return raw_name(m_raw[j]) == name; });
        if (it != m_order.end()) {
            *it = i;
        } else {
            m_order.push_back(i);
        }
    }
    std::sort(m_order.begin(), m_order.end(), [&](std::size_t a, std::size_t b) {
        return raw_name(m_raw[a]) < raw_name(m_raw[b]);
    });
    std::string& out = m_out;
    out += '<';
    out += m_tag;
    for (const std::size_t i : m_order) {
        const RawAttr& a = m_raw[i];
        const std::string_view key = raw_name(a);
        std::string_view value = a.bare ? key : a.value;
        std::string owned;
        if (key == "style") {
            if (!tables::contains(tables::k_acceptable_attributes, "style")) {
                continue;
            }
            owned = sanitize_style(std::string(value));
            if (owned.empty()) {
                continue;
            }
            value = owned;
        } else {
            if (!tables::contains(tables::k_acceptable_attributes, key)) {
                continue;
            }
            if (key == "rel" || key == "type") {
                m_value.clear();
                append_lower(m_value, value);
                value = m_value;
            }
            if (!m_base.empty() && is_uri_attr(m_tag, key)) {
                owned = safe_absolute_uri(m_base, value);
                value = owned;
            } else if (key == "href") {
                owned = safe_absolute_uri("", value);
                value = owned;
            }
        }
        append_attr(out, key, value);
    }
    close_start(m_tag, self_closing && m_raw.empty());
}

void Sanitizer::start_tag(std::string tag, Attrs attrs, bool self_closing) {
    const std::vector<std::string_view>* allowed = &tables::k_acceptable_attributes;
    bool svg_names = false;
    if (!tables::contains(tables::k_acceptable_elements, tag) || m_svg > 0) {
        if (tables::contains(tables::k_unacceptable_with_end_tag, tag)) {
            ++m_unacceptable;
        }
        auto has_xmlns = [&](std::string_view ns) {
            return std::any_of(attrs.begin(), attrs.end(),
                               [&](const auto& a) { return a.first == "xmlns" && a.second == ns; });
        };
        const bool any_xmlns = std::any_of(attrs.begin(), attrs.end(),
                                           [](const auto& a) { return a.first == "xmlns"; });
        if (!any_xmlns && tag == "svg") {
            attrs.emplace_back("xmlns", "http://www.w3.org/2000/svg");
        }
        if (!any_xmlns && tag == "math") {
            attrs.emplace_back("xmlns", "http://www.w3.org/1998/Math/MathML");
        }
        if (tag == "math" && has_xmlns("http://www.w3.org/1998/Math/MathML")) {
            ++m_mathml;
        }
        if (tag == "svg" && has_xmlns("http://www.w3.org/2000/svg")) {
            ++m_svg;
        }
        if (m_mathml > 0 && tables::contains(tables::k_mathml_elements, tag)) {
            allowed = &tables::k_mathml_attributes;
        } else if (m_svg > 0 && std::any_of(tables::k_svg_elements.begin(),
                                            tables::k_svg_elements.end(),
                                            [&](std::string_view e) { return lower(e) == tag; })) {
            for (std::string_view e : tables::k_svg_elements) {
                if (lower(e) == tag) {
                    tag = std::string(e);
                }
            }
            allowed = &tables::k_svg_attributes;
            svg_names = true;
        } else if (!tables::contains(tables::k_acceptable_elements, tag)) {
            return;
        }
    }
    // Inside SVG or MathML, xlink attributes need their namespace declared.
    if ((m_mathml > 0 || m_svg > 0) &&
        std::any_of(attrs.begin(), attrs.end(),
                    [](const auto& a) { return a.first.rfind("xlink:", 0) == 0; }) &&
        std::none_of(attrs.begin(), attrs.end(),
                     [](const auto& a) { return a.first == "xmlns:xlink"; })) {
        attrs.emplace_back("xmlns:xlink", "http://www.w3.org/1999/xlink");
    }
    // Last value of a repeated attribute wins; names sorted, as in the canonical form.
    // (`attrs` is only counted after this: its strings are moved out.)
    std::vector<std::pair<std::string, std::string>> norm;
    norm.reserve(attrs.size());
    for (auto& [k, v] : attrs) {
        const std::string& name = k; // clang 14 cannot capture a structured binding
        auto it =
            std::find_if(norm.begin(), norm.end(), [&](const auto& a) { return a.first == name; });
        std::string value = (k == "rel" || k == "type") ? lower(v) : std::move(v);
        if (it != norm.end()) {
            it->second = std::move(value);
        } else {
            norm.emplace_back(std::move(k), std::move(value));
        }
    }
    std::sort(norm.begin(), norm.end());
    // Written straight into the output: nothing else writes there until the tag is done.
    std::string& out = m_out;
    out += '<';
    out += tag;
    for (auto& [k, v] : norm) {
        std::string& key = k;
        std::string& value = v;
        if (key == "style") {
            if (!tables::contains(*allowed, "style")) {
                continue;
            }
            value = sanitize_style(value);
            if (value.empty()) {
                continue;
            }
        } else {
            bool ok = false;
            if (svg_names) {
                for (std::string_view a : *allowed) {
                    if (lower(a) == key) {
                        key = std::string(a);
                        ok = true;
                    }
                }
            } else {
                ok = tables::contains(*allowed, key);
            }
            if (!ok) {
                continue;
            }
            if (is_uri_attr(tag, key) && !m_base.empty()) {
                value = safe_absolute_uri(m_base, value);
            } else if (key == "href") {
                value = safe_absolute_uri("", value);
            }
        }
        append_attr(out, key, value);
    }
    close_start(tag, self_closing && attrs.empty());
}

void Sanitizer::close_start(std::string_view tag, bool end_now) {
    m_out += is_void(tag) ? " />" : ">";
    if (end_now) {
        end_tag(tag);
    }
}

void Sanitizer::end_tag(std::string_view tag) {
    if (tables::contains(tables::k_acceptable_elements, tag)) {
        if (!is_void(tag)) {
            m_out += "</";
            m_out += tag;
            m_out += '>';
        }
        return;
    }
    end_tag_foreign(std::string(tag));
}

void Sanitizer::end_tag_foreign(std::string tag) {
    if (!tables::contains(tables::k_acceptable_elements, tag)) {
        if (tables::contains(tables::k_unacceptable_with_end_tag, tag)) {
            --m_unacceptable; // may go negative: a stray </script> hides text until <script>
        }
        if (m_mathml > 0 && tables::contains(tables::k_mathml_elements, tag)) {
            if (tag == "math") {
                --m_mathml;
            }
        } else if (m_svg > 0 && std::any_of(tables::k_svg_elements.begin(),
                                            tables::k_svg_elements.end(),
                                            [&](std::string_view e) { return lower(e) == tag; })) {
            for (std::string_view e : tables::k_svg_elements) {
                if (lower(e) == tag) {
                    tag = std::string(e);
                }
            }
            if (tag == "svg") {
                --m_svg;
            }
        } else {
            return;
        }
    }
    if (!is_void(tag)) {
        m_out += "</" + tag + ">";
    }
}

// "<name>" or "</name>" at `p` with a lower-case name of letters and digits that is on the
// whitelist (most of the tags feeds use): written as parse_start/parse_end write it, which
// is as it stands ("<br>" as "<br />", a void element's end tag dropped). Returns the
// position after it, or 0 for any other markup (attributes, capitals, other elements, a
// start tag inside SVG or MathML), left to the general way.
std::size_t Sanitizer::plain_tag(std::string_view s, std::size_t p) {
    const bool end = s[p + 1] == '/';
    if (!end && (m_svg > 0 || m_mathml > 0)) {
        return 0;
    }
    const std::size_t start = p + (end ? 2 : 1);
    std::size_t q = start;
    while (q < s.size() && ((s[q] >= 'a' && s[q] <= 'z') || (q > start && is_digit(s[q])))) {
        ++q;
    }
    if (q == start || q >= s.size() || s[q] != '>') {
        return 0;
    }
    const std::string_view tag = s.substr(start, q - start);
    if (!tables::contains(tables::k_acceptable_elements, tag)) {
        return 0;
    }
    if (!end) {
        m_out += '<';
        m_out += tag;
        m_out += is_void(tag) ? " />" : ">";
    } else if (!is_void(tag)) {
        m_out += "</";
        m_out += tag;
        m_out += '>';
    }
    return q + 1;
}

// "<name attrs...>" at `p`; returns the position after it, or npos when incomplete.
std::size_t Sanitizer::parse_start(std::string_view s, std::size_t p) {
    std::size_t q = p + 1;
    const std::size_t name_start = q;
    while (q < s.size() && (is_alnum(s[q]) || s[q] == '-' ||
                            s[q] == '_' || s[q] == '.' || s[q] == ':')) {
        ++q;
    }
    m_tag.clear();
    append_lower(m_tag, s.substr(name_start, q - name_start));
    m_raw.clear();
    m_names.clear();
    while (q < s.size()) {
        while (q < s.size() && is_space(s[q])) {
            ++q;
        }
        if (q >= s.size()) {
            return std::string_view::npos;
        }
        if (s[q] == '>') {
            ++q;
            break;
        }
        if (s[q] == '/' && q + 1 < s.size() && s[q + 1] == '>') {
            emit_start(true);
            return q + 2;
        }
        if (s[q] == '<') {
            break; // an unterminated tag ends where the next one starts
        }
        const std::size_t an = q;
        while (q < s.size() && !is_space(s[q]) && s[q] != '=' && s[q] != '>' && s[q] != '<' &&
               !(s[q] == '/' && q + 1 < s.size() && s[q + 1] == '>')) {
            ++q;
        }
        if (q == an) {
            ++q; // a stray character
            continue;
        }
        RawAttr attr{m_names.size(), q - an, {}, true}; // a bare attribute repeats its name
        append_lower(m_names, s.substr(an, q - an));
        std::size_t r = q;
        while (r < s.size() && is_space(s[r])) {
            ++r;
        }
        if (r < s.size() && s[r] == '=') {
            ++r;
            while (r < s.size() && is_space(s[r])) {
                ++r;
            }
            attr.bare = false;
            if (r < s.size() && (s[r] == '"' || s[r] == '\'')) {
                const char quote = s[r];
                const std::size_t close = s.find(quote, r + 1);
                if (close == std::string_view::npos) {
                    return std::string_view::npos;
                }
                attr.value = s.substr(r + 1, close - r - 1);
                q = close + 1;
            } else {
                const std::size_t vs = r;
                while (r < s.size() && !is_space(s[r]) && s[r] != '>') {
                    ++r;
                }
                attr.value = s.substr(vs, r - vs);
                q = r;
            }
        }
        const char first = m_names[attr.name_at];
        if (is_alpha(first) || first == '_') {
            m_raw.push_back(attr);
        } else {
            m_names.resize(attr.name_at);
        }
    }
    emit_start(false);
    return q;
}

std::size_t Sanitizer::parse_end(std::string_view s, std::size_t p) {
    const std::size_t close = s.find('>', p);
    if (close == std::string_view::npos) {
        return std::string_view::npos;
    }
    std::size_t q = p + 2;
    const std::size_t start = q;
    while (q < close && !is_space(s[q])) {
        ++q;
    }
    m_tag.clear();
    append_lower(m_tag, s.substr(start, q - start));
    while (q < close && is_space(s[q])) {
        ++q;
    }
    if (q == close && !m_tag.empty()) {
        end_tag(m_tag);
    }
    return close + 1;
}

std::string Sanitizer::run(std::string_view s) {
    m_out.reserve(s.size());
    std::size_t p = 0;
    while (p < s.size()) {
        const std::size_t next = find_markup(s, p);
        if (next == s.size()) {
            data(s.substr(p));
            break;
        }
        data(s.substr(p, next - p));
        p = next;
        if (s[p] == '&') {
            std::size_t q = p + 1;
            if (q < s.size() && s[q] == '#') {
                ++q;
                const bool hex = q < s.size() && (s[q] == 'x' || s[q] == 'X');
                q += hex ? 1 : 0;
                const std::size_t start = q;
                while (q < s.size() && (hex ? std::isxdigit(static_cast<unsigned char>(s[q])) != 0
                                            : is_digit(s[q]))) {
                    ++q;
                }
                if (q > start && q < s.size() && s[q] == ';' && q - start < 9) {
                    const std::string ref = lower(s.substr(start, q - start));
                    const unsigned long v = std::stoul(ref, nullptr, hex ? 16 : 10);
                    static constexpr char16_t k_cp1252[32] = {
                        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
                        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};
                    if (v >= 0x80 && v <= 0x9F && k_cp1252[v - 0x80] != 0) {
                        char buf[16];
                        std::snprintf(buf, sizeof buf, "&#x%x;",
                                      static_cast<unsigned>(k_cp1252[v - 0x80]));
                        data(buf);
                    } else if (v == 39) {
                        data("'");
                    } else if (v == 34) {
                        data("\"");
                    } else {
                        data("&#" + std::string(hex ? "x" : "") + ref + ";");
                    }
                    p = q + 1;
                    continue;
                }
            } else if (q < s.size() && is_alpha(s[q])) {
                while (q < s.size() && (is_alnum(s[q]) ||
                                        s[q] == '-' || s[q] == '.')) {
                    ++q;
                }
                if (q < s.size()) {
                    const std::string_view name = s.substr(p + 1, q - p - 1);
                    if (html_entity(name)) {
                        data("&");
                        data(name);
                        data(";");
                    } else {
                        data("&amp;");
                        data(name);
                    }
                    p = q + (s[q] == ';' ? 1 : 0);
                    continue;
                }
            }
            data("&");
            ++p;
            continue;
        }
        // '<'
        if (m_plain_tags && p + 2 < s.size() && (s[p + 1] == '/' || is_alpha(s[p + 1]))) {
            if (const std::size_t end = plain_tag(s, p); end != 0) {
                p = end;
                continue;
            }
        }
        if (p + 1 < s.size() && is_alpha(s[p + 1])) {
            const std::size_t end = parse_start(s, p);
            if (end == std::string_view::npos) {
                data(s.substr(p));
                break;
            }
            p = end;
        } else if (s.substr(p, 2) == "</") {
            const std::size_t end = parse_end(s, p);
            if (end == std::string_view::npos) {
                data(s.substr(p));
                break;
            }
            p = end;
        } else if (s.substr(p, 4) == "<!--") {
            const std::size_t close = s.find("-->", p + 4);
            if (close == std::string_view::npos) {
                break; // an unclosed comment swallows the rest
            }
            m_out.append(s.substr(p, close + 3 - p)); // comments are inert; kept as written
            p = close + 3;
        } else if (s.substr(p, 9) == "<![CDATA[") {
            data("&lt;");
            ++p;
        } else if (s.substr(p, 2) == "<?" || s.substr(p, 2) == "<!") {
            const std::size_t close = s.find('>', p);
            if (close == std::string_view::npos) {
                data(s.substr(p)); // an unfinished declaration is text
                break;
            }
            if (s.substr(p, 2) == "<!" && !(s.substr(p, 9) == "<!DOCTYPE" ||
                                            s.substr(p, 9) == "<!doctype")) {
                data("&lt;");
                ++p;
                continue;
            }
            p = close + 1;
        } else {
            data("<");
            ++p;
        }
    }
    return std::move(m_out);
}

std::string trim(std::string s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) {
        return {};
    }
    s.erase(s.find_last_not_of(" \t\r\n") + 1);
    s.erase(0, b);
    return s;
}

} // namespace

namespace {

std::string sanitize(std::string_view html, std::string_view base, bool plain_tags) {
    if (find_markup(html, 0) == html.size() || only_named_references(html)) {
        // No markup, and no references or only those written back as they are: as is.
        std::string out = trim(std::string(html));
        for (std::size_t pos = 0; (pos = out.find("\r\n", pos)) != std::string::npos;) {
            out.erase(pos, 1);
        }
        return out;
    }
    std::string input;
    if (html.find("&#3") != std::string_view::npos) {
        // Character references for quotes are plain characters to the tokenizer.
        input.reserve(html.size());
        for (std::size_t p = 0; p < html.size(); ++p) {
            const std::string_view ref = html.substr(p, 5);
            if (ref == "&#39;" || ref == "&#34;") {
                input += ref[3] == '9' ? '\'' : '"';
                p += 4;
            } else {
                input += html[p];
            }
        }
        html = input;
    }
    Sanitizer s(base, plain_tags);
    std::string out = trim(s.run(html));
    std::size_t pos = 0;
    while ((pos = out.find("\r\n", pos)) != std::string::npos) {
        out.erase(pos, 1);
    }
    return out;
}

} // namespace

std::string sanitize_html(std::string_view html, std::string_view base) {
    return sanitize(html, base, true);
}

std::string sanitize_html_general(std::string_view html, std::string_view base) {
    return sanitize(html, base, false);
}

} // namespace archiver::feed::detail
