// SPDX-License-Identifier: MIT
// A large feed read entry by entry (private to src/feed). The document is cut into a
// skeleton (everything but the content of its entries: each <item>/<entry> stays as an
// empty element with its attributes) and the text of each entry; the skeleton is parsed
// once, each entry into one small reused tree when it is read. The tree of a 30 MB feed is
// never built. When the cut is not certain (DOCTYPE subset, unbalanced or unusual markup,
// an entry that does not parse) the caller loads the whole document as before.
#pragma once

#include "tree_arena.hpp"

#include <pugixml.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace archiver::feed::detail {

// The documents at least this large (bytes of text) are read entry by entry.
inline constexpr std::size_t k_split_min_text = std::size_t{1} << 20;

// The pugixml options of the strict parse (shared by the whole-document and split loads:
// the same tree shape from both).
inline constexpr unsigned k_strict_parse_flags = pugi::parse_cdata | pugi::parse_wconv_attribute |
                                                 pugi::parse_eol | pugi::parse_ws_pcdata;

class SplitDoc {
public:
    SplitDoc() = default;
    SplitDoc(const SplitDoc&) = delete;
    SplitDoc& operator=(const SplitDoc&) = delete;

    // Cuts `text` (which must outlive this object); false when the cut is not certain or
    // nothing was cut. Then skeleton() is to be parsed in place, and placeholders
    // registered with bind().
    bool cut(std::string_view text);

    // The skeleton's text, to be parsed in place (its element names then point into it).
    std::string& skeleton() { return m_skeleton; }

    // Number of entries cut out.
    std::size_t size() const { return m_items.size(); }

    // The index of the entry `node` (an element of the parsed skeleton) stands for, or
    // npos when it is an ordinary element.
    std::size_t index_of(const pugi::xml_node& node) const;

    // Parses entry `i` into the reused fragment tree; its element, or an empty node when
    // it is not well-formed. Valid until the next load().
    pugi::xml_node load(std::size_t i);

    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

private:
    std::string m_skeleton;
    std::vector<std::string_view> m_items;  // each entry's text, start tag to end tag
    std::vector<std::size_t> m_name_offsets; // where each placeholder's name sits in m_skeleton
    TreeArena m_fragment_arena; // rewound for each entry; outlives m_fragment
    pugi::xml_document m_fragment;
    std::string m_scratch; // the entry being parsed (in place)
};

} // namespace archiver::feed::detail
