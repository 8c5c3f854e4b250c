// SPDX-License-Identifier: MIT
#include "html_text.hpp"

#include "html_tables.hpp"
#include "swar.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace archiver::feed {

namespace tables {
namespace {

// The length and three of the bytes (first, middle, last), mixed: the names of a table
// differ there nearly always, and a collision costs one more comparison.
std::uint32_t name_hash(std::string_view s) noexcept {
    const std::size_t n = s.size();
    if (n == 0) {
        return 0;
    }
    const auto byte = [&s](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(s[i])); };
    std::uint32_t h = static_cast<std::uint32_t>(n) * 0x9E3779B1u;
    h ^= byte(0) * 0x85EBCA6Bu;
    h ^= byte(n / 2) * 0xC2B2AE35u;
    h ^= byte(n - 1) * 0x27D4EB2Fu;
    return h ^ (h >> 15);
}

// A table's names in an open-addressed hash set (the sanitizer asks for every tag and
// attribute it meets: a hash and one or two comparisons instead of a binary search).
class NameSet {
public:
    explicit NameSet(const std::vector<std::string_view>& names) {
        std::size_t size = 16;
        while (size < names.size() * 4) {
            size *= 2;
        }
        m_mask = size - 1;
        m_slots.resize(size);
        for (const std::string_view n : names) {
            std::size_t i = name_hash(n) & m_mask;
            while (m_slots[i].data() != nullptr && m_slots[i] != n) {
                i = (i + 1) & m_mask;
            }
            m_slots[i] = n;
        }
    }
    bool has(std::string_view name) const noexcept {
        for (std::size_t i = name_hash(name) & m_mask; m_slots[i].data() != nullptr;
             i = (i + 1) & m_mask) {
            if (m_slots[i] == name) {
                return true;
            }
        }
        return false;
    }

private:
    std::vector<std::string_view> m_slots; // empty slots have a null data()
    std::size_t m_mask = 0;
};

} // namespace

bool contains(const std::vector<std::string_view>& table, std::string_view name) {
    // Every table is a namespace-scope constant; its set is built on first use.
    struct Entry {
        const std::vector<std::string_view>* table;
        NameSet set;
    };
    static const std::vector<Entry> k_sets = [] {
        std::vector<Entry> v;
        // The sanitizer's most asked tables first: they are found by a linear search.
        for (const auto* t : {&k_acceptable_elements, &k_void_elements, &k_acceptable_attributes,
                              &k_unacceptable_with_end_tag, &k_acceptable_uri_schemes,
                              &k_acceptable_css_properties, &k_acceptable_css_keywords,
                              &k_mathml_elements, &k_mathml_attributes, &k_svg_elements,
                              &k_svg_attributes, &k_acceptable_svg_properties}) {
            v.push_back(Entry{t, NameSet(*t)});
        }
        return v;
    }();
    for (const Entry& e : k_sets) {
        if (e.table == &table) {
            return e.set.has(name);
        }
    }
    return std::binary_search(table.begin(), table.end(), name);
}
} // namespace tables

namespace detail {
namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
bool is_xdigit(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

// Parses "&#123;" / "&#x7B;" at `p` (';' required); the code point and the end.
std::optional<char32_t> numeric_ref(std::string_view s, std::size_t p, std::size_t& end) {
    if (p + 3 >= s.size() || s[p] != '&' || s[p + 1] != '#') {
        return std::nullopt;
    }
    std::size_t q = p + 2;
    const bool hex = s[q] == 'x' || s[q] == 'X';
    if (hex) {
        ++q;
    }
    const std::size_t start = q;
    std::uint64_t v = 0;
    while (q < s.size() && (hex ? is_xdigit(s[q]) : is_digit(s[q])) && q - start < 10) {
        const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(s[q])));
        v = v * (hex ? 16 : 10) + static_cast<std::uint64_t>(c <= '9' ? c - '0' : c - 'a' + 10);
        ++q;
    }
    if (q == start || q >= s.size() || s[q] != ';') {
        return std::nullopt;
    }
    end = q + 1;
    return static_cast<char32_t>(std::min<std::uint64_t>(v, 0x110000));
}

// Reads a name "[A-Za-z][-.A-Za-z0-9]*" at `p`.
std::size_t name_end(std::string_view s, std::size_t p) {
    if (p >= s.size() || !is_alpha(s[p])) {
        return p;
    }
    ++p;
    while (p < s.size() && (is_alnum(s[p]) || s[p] == '-' || s[p] == '.' || s[p] == '_')) {
        ++p;
    }
    return p;
}

} // namespace

std::optional<char32_t> html_entity(std::string_view name) {
    const auto& t = tables::k_html_entities;
    auto it = std::lower_bound(t.begin(), t.end(), name,
                               [](const auto& e, std::string_view n) { return e.first < n; });
    if (it != t.end() && it->first == name) {
        return it->second;
    }
    if (name == "apos") {
        return U'\'';
    }
    return std::nullopt;
}

std::string decode_entities(std::string_view raw, const EntityMap* extra, std::string* unknown) {
    std::string out;
    append_decoded(out, raw, extra, unknown);
    return out;
}

void append_decoded(std::string& out,
                    std::string_view raw,
                    const EntityMap* extra,
                    std::string* unknown) {
    std::size_t p = 0;
    while (p < raw.size()) {
        const std::size_t amp = raw.find('&', p);
        if (amp == std::string_view::npos) {
            out.append(raw.substr(p));
            break;
        }
        out.append(raw.substr(p, amp - p));
        p = amp;
        std::size_t end = 0;
        if (auto cp = numeric_ref(raw, p, end)) {
            // References to 128..159 mean windows-1252's characters, as browsers read them.
            static constexpr char16_t k_cp1252[32] = {
                0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,   0x017D, 0x8F,
                0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};
            if (*cp >= 0x80 && *cp <= 0x9F) {
                append_utf8(out, k_cp1252[*cp - 0x80]);
            } else if (*cp != 0) {
                append_utf8(out, *cp);
            }
            p = end;
            continue;
        }
        const std::size_t ne = name_end(raw, p + 1);
        if (ne > p + 1 && ne < raw.size() && raw[ne] == ';') {
            const std::string_view name = raw.substr(p + 1, ne - p - 1);
            if (name == "lt") {
                out += '<';
            } else if (name == "gt") {
                out += '>';
            } else if (name == "amp") {
                out += '&';
            } else if (name == "quot") {
                out += '"';
            } else if (name == "apos") {
                out += '\'';
            } else if (auto it = extra ? extra->find(name) : EntityMap::const_iterator();
                       extra && it != extra->end()) {
                out += it->second;
            } else if (auto cp = html_entity(name)) {
                append_utf8(out, *cp);
                if (unknown && unknown->empty()) {
                    *unknown = std::string(name);
                }
            } else {
                out.append(raw.substr(p, ne + 1 - p));
                if (unknown && unknown->empty()) {
                    *unknown = std::string(name);
                }
            }
            p = ne + 1;
            continue;
        }
        out += '&';
        ++p;
    }
}

std::string escape_xml(std::string_view text, bool quote) {
    std::string out;
    out.reserve(text.size() + 8);
    append_escaped_xml(out, text, quote);
    return out;
}

void append_escaped_xml(std::string& out, std::string_view text, bool quote) {
    std::size_t run = 0; // start of the bytes not yet copied
    const std::size_t n = text.size();
    for (std::size_t i = 0; i < n; ++i) {
#if defined(__SSE2__)
        // Sixteen bytes without & < > (or ") at a time.
        {
            const __m128i amp = _mm_set1_epi8('&');
            const __m128i lt = _mm_set1_epi8('<');
            const __m128i gt = _mm_set1_epi8('>');
            const __m128i quot = _mm_set1_epi8(quote ? '"' : '&');
            while (i + 16 <= n) {
                const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
                const __m128i hit = _mm_or_si128(
                    _mm_or_si128(_mm_cmpeq_epi8(v, amp), _mm_cmpeq_epi8(v, lt)),
                    _mm_or_si128(_mm_cmpeq_epi8(v, gt), _mm_cmpeq_epi8(v, quot)));
                const auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
                if (mask != 0) {
                    i += static_cast<std::size_t>(__builtin_ctz(mask));
                    break;
                }
                i += 16;
            }
        }
#endif
        // Eight bytes without & < > (or ") at a time.
        while (i + 8 <= n) {
            const std::uint64_t w = swar::load(text.data() + i);
            if (swar::has_byte(w, '&') || swar::has_byte(w, '<') || swar::has_byte(w, '>') ||
                (quote && swar::has_byte(w, '"'))) {
                break;
            }
            i += 8;
        }
        if (i >= n) {
            break;
        }
        const char c = text[i];
        std::string_view rep;
        if (c == '&') {
            rep = "&amp;";
        } else if (c == '<') {
            rep = "&lt;";
        } else if (c == '>') {
            rep = "&gt;";
        } else if (c == '"' && quote) {
            rep = "&quot;";
        } else {
            continue;
        }
        out.append(text.substr(run, i - run));
        out.append(rep);
        run = i + 1;
    }
    out.append(text.substr(run));
}

bool looks_like_html(std::string_view s) {
    bool qualifies = false;
    for (std::size_t p = 0; p < s.size(); ++p) {
        if (s[p] == '<' && p + 2 < s.size() && s[p + 1] == '/') {
            std::size_t q = p + 2;
            while (q < s.size() && (is_alnum(s[q]) || s[q] == '_')) {
                ++q;
            }
            if (q > p + 2 && q < s.size() && s[q] == '>') {
                qualifies = true;
            }
        } else if (s[p] == '&') {
            std::size_t q = p + 1;
            if (q < s.size() && s[q] == '#') {
                ++q;
            }
            const std::size_t start = q;
            while (q < s.size() && (is_alnum(s[q]) || s[q] == '_')) {
                ++q;
            }
            if (q > start && q < s.size() && s[q] == ';') {
                qualifies = true;
            }
        }
    }
    if (!qualifies) {
        return false;
    }
    for (std::size_t p = 0; p < s.size(); ++p) {
        if (s[p] == '<') {
            std::size_t q = p + 1;
            if (q < s.size() && s[q] == '/') {
                ++q;
            }
            const std::size_t start = q;
            while (q < s.size() && (is_alnum(s[q]) || s[q] == '_')) {
                ++q;
            }
            if (q > start) {
                std::string tag(s.substr(start, q - start));
                std::transform(tag.begin(), tag.end(), tag.begin(),
                               [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
                if (!tables::contains(tables::k_acceptable_elements, tag)) {
                    return false;
                }
            }
        } else if (s[p] == '&') {
            std::size_t q = p + 1;
            const std::size_t start = q;
            while (q < s.size() && (is_alnum(s[q]) || s[q] == '_')) {
                ++q;
            }
            if (q > start && q < s.size() && s[q] == ';' &&
                !html_entity(s.substr(start, q - start))) {
                return false;
            }
        }
    }
    return true;
}

} // namespace detail
} // namespace archiver::feed
