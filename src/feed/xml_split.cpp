// SPDX-License-Identifier: MIT
// Cutting a large feed into its skeleton and its entries. The scan here only finds where
// entries begin and end; pugixml judges the pieces: the skeleton and every entry must parse
// on their own, and the walk must meet every placeholder as an entry, or the whole document
// is loaded instead. When both pieces parse, the whole parses to the same tree: the text
// before an entry is the same in the skeleton, and an entry that parses as a document on
// its own is balanced element content.
#include "xml_split.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

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

} // namespace

bool SplitDoc::cut(std::string_view text) {
    m_skeleton.clear();
    m_items.clear();
    m_name_offsets.clear();
    std::vector<std::string_view> open; // the elements open in the skeleton
    const char* const base = text.data();
    std::size_t p = 0;
    std::size_t copied = 0; // text before this is in the skeleton
    while (p < text.size()) {
        const void* lt = std::memchr(base + p, '<', text.size() - p);
        if (lt == nullptr) {
            break;
        }
        p = static_cast<std::size_t>(static_cast<const char*>(lt) - base);
        if (p + 1 >= text.size()) {
            return false;
        }
        const std::size_t special = skip_special(text, p);
        if (special == npos) {
            return false;
        }
        if (special != p) {
            p = special;
            continue;
        }
        const char c = text[p + 1];
        if (c == '!') {
            // A DOCTYPE without an internal subset; anything else (entity declarations,
            // stray "<!") is left to the whole-document load.
            if (!open.empty() || text.compare(p, 9, "<!DOCTYPE") != 0) {
                return false;
            }
            const std::size_t gt = text.find('>', p);
            if (gt == npos || text.substr(p, gt - p).find('[') != npos) {
                return false;
            }
            p = gt + 1;
            continue;
        }
        if (c == '/') {
            const std::size_t q = name_end(text, p + 2);
            const std::string_view name = text.substr(p + 2, q - p - 2);
            const std::size_t gt = text.find('>', q);
            if (gt == npos || open.empty() || open.back() != name) {
                return false;
            }
            open.pop_back();
            p = gt + 1;
            continue;
        }
        const std::size_t start = p;
        const std::size_t q = name_end(text, p + 1);
        const std::string_view name = text.substr(p + 1, q - p - 1);
        const std::size_t gt = tag_end(text, q);
        if (name.empty() || gt == npos) {
            return false;
        }
        p = gt + 1;
        if (text[gt - 1] == '/') {
            continue; // empty element
        }
        if ((name == "item" || name == "entry") && open.size() <= k_max_entry_depth) {
            const std::size_t end = entry_end(text, p, name);
            if (end == npos) {
                return false;
            }
            // The start tag stays, closed at once: "<item a='1'></item>".
            m_name_offsets.push_back(m_skeleton.size() + (start - copied) + 1);
            m_skeleton.append(text.substr(copied, p - copied));
            m_skeleton += "</";
            m_skeleton.append(name);
            m_skeleton += '>';
            m_items.push_back(text.substr(start, end - start));
            copied = end;
            p = end;
            continue;
        }
        open.push_back(name);
    }
    if (!open.empty() || m_items.empty()) {
        return false;
    }
    m_skeleton.append(text.substr(copied));
    return true;
}

std::size_t SplitDoc::index_of(const pugi::xml_node& node) const {
    const auto name = reinterpret_cast<std::uintptr_t>(node.name());
    const auto begin = reinterpret_cast<std::uintptr_t>(m_skeleton.data());
    if (name < begin || name >= begin + m_skeleton.size()) {
        return npos;
    }
    const std::size_t offset = name - begin;
    const auto it = std::lower_bound(m_name_offsets.begin(), m_name_offsets.end(), offset);
    if (it == m_name_offsets.end() || *it != offset) {
        return npos;
    }
    return static_cast<std::size_t>(it - m_name_offsets.begin());
}

pugi::xml_node SplitDoc::load(std::size_t i) {
    m_scratch.assign(m_items[i]);
    // The previous entry's tree is freed by the load below, before anything is allocated.
    m_fragment_arena.rewind();
    const ArenaScope scope(&m_fragment_arena);
    const pugi::xml_parse_result r = m_fragment.load_buffer_inplace(
        m_scratch.data(), m_scratch.size(), k_strict_parse_flags, pugi::encoding_utf8);
    const pugi::xml_node first = m_fragment.first_child();
    if (!r || !first || first != m_fragment.last_child() || first.type() != pugi::node_element) {
        return {};
    }
    return first;
}

} // namespace archiver::feed::detail
