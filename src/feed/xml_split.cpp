// SPDX-License-Identifier: MIT
// Cutting a large feed into its skeleton and its entries. The scan here only finds where
// entries begin and end; pugixml judges the pieces: the skeleton and every entry must parse
// on their own, and the walk must meet every placeholder as an entry, or the whole document
// is loaded instead. When both pieces parse, the whole parses to the same tree: the text
// before an entry is the same in the skeleton, and an entry that parses as a document on
// its own is balanced element content.
#include "xml_split.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace archiver::feed::detail {
namespace {

constexpr std::size_t npos = std::string_view::npos;

// Entries are cut out only this close to the root (rss > channel > item is 2 deep).
constexpr std::size_t k_max_entry_depth = 3;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The end of a name that starts at `q`: the first blank, '/' or '>'.
std::size_t name_end(std::string_view s, std::size_t q) {
    while (q < s.size() && !is_space(s[q]) && s[q] != '/' && s[q] != '>') {
        ++q;
    }
    return q;
}

// The '>' that ends the tag whose attributes start at `q` (quoted values skipped).
std::size_t tag_end(std::string_view s, std::size_t q) {
    while (q < s.size()) {
        const char c = s[q];
        if (c == '>') {
            return q;
        }
        if (c == '"' || c == '\'') {
            q = s.find(c, q + 1);
            if (q == npos) {
                return npos;
            }
        }
        ++q;
    }
    return npos;
}

// The end of the markup at `p` that is not an element tag (comment, CDATA, processing
// instruction), or `p` itself when there is none there; npos when it is unterminated.
std::size_t skip_special(std::string_view s, std::size_t p) {
    if (s.compare(p, 9, "<![CDATA[") == 0) {
        const std::size_t e = s.find("]]>", p + 9);
        return e == npos ? npos : e + 3;
    }
    if (s.compare(p, 4, "<!--") == 0) {
        const std::size_t e = s.find("-->", p + 4);
        return e == npos ? npos : e + 3;
    }
    if (s.compare(p, 2, "<?") == 0) {
        const std::size_t e = s.find("?>", p + 2);
        return e == npos ? npos : e + 2;
    }
    return p;
}

// True when `s` at `q` holds `name` followed by a character that ends a name.
bool name_at(std::string_view s, std::size_t q, std::string_view name) {
    const std::size_t after = q + name.size();
    return after < s.size() && s.compare(q, name.size(), name) == 0 &&
           (is_space(s[after]) || s[after] == '>' || s[after] == '/');
}

// The end (past its '>') of the end tag that closes the element `name` whose content starts
// at `p`; npos when none is found.
std::size_t entry_end(std::string_view s, std::size_t p, std::string_view name) {
    int depth = 1;
    const char* const base = s.data();
    while (p < s.size()) {
        const void* lt = std::memchr(base + p, '<', s.size() - p);
        if (lt == nullptr) {
            return npos;
        }
        p = static_cast<std::size_t>(static_cast<const char*>(lt) - base);
        const std::size_t special = skip_special(s, p);
        if (special == npos) {
            return npos;
        }
        if (special != p) {
            p = special;
            continue;
        }
        if (p + 1 < s.size() && s[p + 1] == '/' && name_at(s, p + 2, name)) {
            const std::size_t gt = s.find('>', p + 2 + name.size());
            if (gt == npos) {
                return npos;
            }
            if (--depth == 0) {
                return gt + 1;
            }
            p = gt + 1;
            continue;
        }
        if (name_at(s, p + 1, name)) {
            const std::size_t gt = tag_end(s, p + 1 + name.size());
            if (gt == npos) {
                return npos;
            }
            if (s[gt - 1] != '/') {
                ++depth;
            }
            p = gt + 1;
            continue;
        }
        ++p;
    }
    return npos;
}

// Character classes of pugixml's names and of XML blanks.
enum : unsigned char { k_name_start = 1, k_name_rest = 2, k_blank = 4 };

constexpr std::array<unsigned char, 256> k_class = [] {
    std::array<unsigned char, 256> t{};
    for (int c = 0; c < 256; ++c) {
        const bool start = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
                           c == ':' || c >= 0x80;
        const bool rest = start || (c >= '0' && c <= '9') || c == '-' || c == '.';
        const bool blank = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        t[static_cast<std::size_t>(c)] = static_cast<unsigned char>(
            (start ? k_name_start : 0) | (rest ? k_name_rest : 0) | (blank ? k_blank : 0));
    }
    return t;
}();

bool has_class(char c, unsigned char cls) {
    return (k_class[static_cast<unsigned char>(c)] & cls) != 0;
}

// The first '<' in [p, end), or end. Inline, 16 bytes at a time: the text between an
// entry's tags is mostly short, and a call to memchr per tag costs more than the search.
const char* find_lt(const char* p, const char* end) {
#if defined(__SSE2__)
    const __m128i lt = _mm_set1_epi8('<');
    while (end - p >= 16) {
        const auto mask = static_cast<unsigned>(_mm_movemask_epi8(
            _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), lt)));
        if (mask != 0) {
            return p + __builtin_ctz(mask);
        }
        p += 16;
    }
#endif
    while (p < end && *p != '<') {
        ++p;
    }
    return p;
}

// The first `quote` or '<' in [p, end) (an attribute value's end, or the '<' that makes
// it one to leave to pugixml), or end.
const char* find_quote_or_lt(const char* p, const char* end, char quote) {
#if defined(__SSE2__)
    const __m128i q = _mm_set1_epi8(quote);
    const __m128i lt = _mm_set1_epi8('<');
    while (end - p >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const auto mask = static_cast<unsigned>(
            _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, q), _mm_cmpeq_epi8(v, lt))));
        if (mask != 0) {
            return p + __builtin_ctz(mask);
        }
        p += 16;
    }
#endif
    while (p < end && *p != quote && *p != '<') {
        ++p;
    }
    return p;
}

} // namespace

std::size_t scan_wellformed_entry(std::string_view s,
                                  std::size_t p,
                                  std::string_view name,
                                  std::vector<std::string_view>& open) {
    open.clear();
    open.push_back(name);
    const char* const base = s.data();
    const char* const end = base + s.size();
    const char* at = base + p;
    // Reads blanks from `q`; the first other byte's place (or end).
    const auto blanks = [end](const char* q) {
        while (q < end && has_class(*q, k_blank)) {
            ++q;
        }
        return q;
    };
    while (at < end) {
        at = find_lt(at, end);
        if (end - at < 2) {
            return npos;
        }
        const char c = at[1];
        if (c == '/') {
            // The end tag of the innermost open element, blanks allowed before '>'.
            const std::string_view top = open.back();
            const char* q = at + 2;
            if (static_cast<std::size_t>(end - q) <= top.size()) {
                return npos;
            }
            for (const char n : top) {
                if (*q++ != n) {
                    return npos;
                }
            }
            q = blanks(q);
            if (q == end || *q != '>') {
                return npos;
            }
            open.pop_back();
            at = q + 1;
            if (open.empty()) {
                return static_cast<std::size_t>(at - base);
            }
            continue;
        }
        if (c == '!') {
            // CDATA and comments (ended by the first "]]>" / "-->"); nothing else.
            const std::size_t here = static_cast<std::size_t>(at - base);
            const std::size_t special = skip_special(s, here);
            if (special == npos || special == here) {
                return npos;
            }
            at = base + special;
            continue;
        }
        // A start tag: name, then attributes (blank before each, name = quoted value).
        if (!has_class(c, k_name_start)) {
            return npos; // processing instructions too: left to pugixml
        }
        const char* q = at + 2;
        while (q < end && has_class(*q, k_name_rest)) {
            ++q;
        }
        const std::string_view tag(at + 1, static_cast<std::size_t>(q - at - 1));
        for (;;) {
            const char* r = blanks(q);
            if (r == end) {
                return npos;
            }
            if (*r == '>') {
                open.push_back(tag);
                at = r + 1;
                break;
            }
            if (*r == '/') {
                if (end - r < 2 || r[1] != '>') {
                    return npos;
                }
                at = r + 2;
                break;
            }
            if (r == q || !has_class(*r, k_name_start)) {
                return npos;
            }
            ++r;
            while (r < end && has_class(*r, k_name_rest)) {
                ++r;
            }
            r = blanks(r);
            if (r == end || *r != '=') {
                return npos;
            }
            r = blanks(r + 1);
            if (r == end || (*r != '"' && *r != '\'')) {
                return npos;
            }
            const char quote = *r;
            const char* close = find_quote_or_lt(r + 1, end, quote);
            if (close == end || *close != quote) {
                return npos; // unterminated, or '<' in a value: left to pugixml
            }
            q = close + 1;
        }
    }
    return npos;
}

void SplitDoc::begin_pieces(ByteReader reader, std::size_t window) {
    m_skeleton.clear();
    m_items.clear();
    m_name_offsets.clear();
    m_unverified.clear();
    m_open.clear();
    m_consumed = 0;
    m_text = {};
    m_reader = std::move(reader);
    m_window_min = window;
    m_window_size = 0;
}

bool SplitDoc::cut(std::string_view text) {
    begin_pieces(nullptr, 0);
    m_text = text;
    return cut_piece(text, true) != npos;
}

char* SplitDoc::piece_buffer(std::size_t capacity, std::size_t keep) {
    if (capacity > m_window_capacity) {
        char* bigger = static_cast<char*>(m_arena.allocate(capacity));
        if (bigger == nullptr) {
            throw std::bad_alloc();
        }
        if (keep > 0) {
            std::memcpy(bigger, m_window, keep);
        }
        m_window = bigger;
        m_window_capacity = capacity;
    }
    m_window_size = 0; // holds pieces now, not a window of entries
    return m_window;
}

std::size_t SplitDoc::cut_piece(std::string_view text, bool last) {
    const char* const base = text.data();
    std::size_t p = 0;
    std::size_t copied = 0; // text before this is in the skeleton
    // Stops before `at`: the rest comes again with the next piece.
    const auto more = [&](std::size_t at) {
        if (last) {
            return npos;
        }
        m_skeleton.append(text.substr(copied, at - copied));
        m_consumed += at;
        return at;
    };
    while (p < text.size()) {
        const void* lt = std::memchr(base + p, '<', text.size() - p);
        if (lt == nullptr) {
            if (last) {
                break;
            }
            return more(p);
        }
        p = static_cast<std::size_t>(static_cast<const char*>(lt) - base);
        if (p + 1 >= text.size()) {
            return more(p);
        }
        const std::size_t special = skip_special(text, p);
        if (special == npos) {
            return more(p);
        }
        if (special != p) {
            p = special;
            continue;
        }
        const char c = text[p + 1];
        if (c == '!') {
            // A DOCTYPE without an internal subset; anything else (entity declarations,
            // stray "<!") is left to the whole-document load.
            if (!last && text.size() - p < 9) {
                return more(p);
            }
            if (!m_open.empty() || text.compare(p, 9, "<!DOCTYPE") != 0) {
                return npos;
            }
            const std::size_t gt = text.find('>', p);
            if (gt == npos) {
                return more(p);
            }
            if (text.substr(p, gt - p).find('[') != npos) {
                return npos;
            }
            p = gt + 1;
            continue;
        }
        if (c == '/') {
            const std::size_t q = name_end(text, p + 2);
            const std::size_t gt = text.find('>', q);
            if (gt == npos) {
                return more(p);
            }
            const std::string_view name = text.substr(p + 2, q - p - 2);
            if (m_open.empty() || m_open.back() != name) {
                return npos;
            }
            m_open.pop_back();
            p = gt + 1;
            continue;
        }
        const std::size_t start = p;
        const std::size_t q = name_end(text, p + 1);
        const std::size_t gt = tag_end(text, q);
        if (gt == npos) {
            return more(p);
        }
        const std::string_view name = text.substr(p + 1, q - p - 1);
        if (name.empty()) {
            return npos;
        }
        p = gt + 1;
        if (text[gt - 1] == '/') {
            continue; // empty element
        }
        if ((name == "item" || name == "entry") && m_open.size() <= k_max_entry_depth) {
            std::size_t end = scan_wellformed_entry(text, p, name, m_inner);
            const bool verified = end != npos;
            if (!verified) {
                // Not plainly well-formed: pugixml decides, before anything is read.
                end = entry_end(text, p, name);
                if (end == npos) {
                    return more(start);
                }
                m_unverified.push_back(m_items.size());
            }
            // The start tag stays, closed at once: "<item a='1'></item>".
            m_name_offsets.push_back(m_skeleton.size() + (start - copied) + 1);
            m_skeleton.append(text.substr(copied, p - copied));
            m_skeleton += "</";
            m_skeleton.append(name);
            m_skeleton += '>';
            m_items.push_back(Item{m_consumed + start, end - start});
            copied = end;
            p = end;
            continue;
        }
        m_open.emplace_back(name);
    }
    if (!last) {
        return more(text.size());
    }
    if (!m_open.empty() || m_items.empty()) {
        return npos;
    }
    m_skeleton.append(text.substr(copied));
    m_consumed += text.size();
    return text.size();
}

std::size_t SplitDoc::index_of(const pugi::xml_node& node) const {
    const auto name = reinterpret_cast<std::uintptr_t>(node.name());
    const auto begin = reinterpret_cast<std::uintptr_t>(m_skeleton.data());
    if (name < begin || name >= begin + m_skeleton.size()) {
        return npos;
    }
    const std::size_t offset = name - begin;
    // The walks meet the placeholders in order: the one after the last found first.
    if (m_hint < m_name_offsets.size() && m_name_offsets[m_hint] == offset) {
        return m_hint++;
    }
    const auto it = std::lower_bound(m_name_offsets.begin(), m_name_offsets.end(), offset);
    if (it == m_name_offsets.end() || *it != offset) {
        return npos;
    }
    m_hint = static_cast<std::size_t>(it - m_name_offsets.begin());
    return m_hint++;
}

char* SplitDoc::window_bytes(const Item& item) {
    if (item.offset < m_window_offset ||
        item.offset + item.size > m_window_offset + m_window_size) {
        const std::size_t want = std::max(m_window_min, item.size);
        piece_buffer(want, 0);
        std::size_t got = 0;
        while (got < want) {
            const std::ptrdiff_t n = m_reader(item.offset + got, m_window + got, want - got);
            if (n <= 0) {
                break;
            }
            got += static_cast<std::size_t>(n);
        }
        m_window_offset = item.offset;
        m_window_size = got;
        if (got < item.size) {
            m_window_size = 0;
            return nullptr;
        }
    }
    return m_window + (item.offset - m_window_offset);
}

const char* SplitDoc::bytes(const Item& item) {
    if (m_reader) {
        return window_bytes(item);
    }
    return m_text.data() + item.offset;
}

pugi::xml_node SplitDoc::parse(char* text, std::size_t size, unsigned flags) {
    // The previous entry's tree is freed by the load below, before anything is allocated.
    m_fragment_arena.rewind();
    const ArenaScope scope(&m_fragment_arena);
    const pugi::xml_parse_result r =
        m_fragment.load_buffer_inplace(text, size, flags, pugi::encoding_utf8);
    const pugi::xml_node first = m_fragment.first_child();
    if (!r || !first || first != m_fragment.last_child() || first.type() != pugi::node_element) {
        return {};
    }
    return first;
}

pugi::xml_node SplitDoc::load(std::size_t i, unsigned flags) {
    const Item& item = m_items[i];
    const char* text = bytes(item);
    if (text == nullptr) {
        return {};
    }
    m_scratch.assign(text, item.size);
    return parse(m_scratch.data(), m_scratch.size(), flags);
}

pugi::xml_node SplitDoc::read(std::size_t i) {
    if (!m_reader) {
        return load(i);
    }
    // Parsed where the window holds it: each entry is read once, and the check loads that
    // copy it came before.
    char* text = window_bytes(m_items[i]);
    if (text == nullptr) {
        return {};
    }
    return parse(text, m_items[i].size, k_strict_parse_flags);
}

} // namespace archiver::feed::detail
