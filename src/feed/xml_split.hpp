// SPDX-License-Identifier: MIT
// A large feed read entry by entry (private to src/feed). The document is cut into a
// skeleton (everything but the content of its entries: each <item>/<entry> stays as an
// empty element with its attributes) and the text of each entry; the skeleton is parsed
// once, each entry into one small reused tree when it is read. The tree of a 30 MB feed is
// never built. When the cut is not certain (DOCTYPE subset, unbalanced or unusual markup,
// an entry that does not parse) the caller loads the whole document as before.
//
// The text is cut either whole, in memory, or piece by piece as it is read (a file read in
// windows: write_feed_streamed); the entries are then read again from the file, window by
// window, when the walk reaches them.
#pragma once

#include "tree_arena.hpp"

#include <archiver/feed/parse.hpp>

#include <pugixml.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace archiver::feed::detail {

// The documents at least this large (bytes of text) are read entry by entry. Measured on
// 30 MB feeds (bench/feed/README.md): the whole-document read touches about twice the
// text in fresh memory (text, tree), and on a virtual machine that memory costs more than
// the cut. A build may set another size (ARCHIVER_FEED_SPLIT_MIN_TEXT=0 reads every
// document that can be so read entry by entry: how the corpus is compared with the whole
// read).
#ifdef ARCHIVER_FEED_SPLIT_MIN_TEXT
inline constexpr std::size_t k_split_min_text = ARCHIVER_FEED_SPLIT_MIN_TEXT;
#else
inline constexpr std::size_t k_split_min_text = std::size_t{1} << 20;
#endif

// The pugixml options of the strict parse (shared by the whole-document and split loads:
// the same tree shape from both).
inline constexpr unsigned k_strict_parse_flags = pugi::parse_cdata | pugi::parse_wconv_attribute |
                                                 pugi::parse_eol | pugi::parse_ws_pcdata;

// The end (past its '>') of the entry `name` whose content starts at `p` in `s`, when that
// content is plainly well-formed: elements closed in order by end tags naming them, start
// tags of names and quoted values (no '<' in them) with blanks between, CDATA and
// comments; npos for anything else (processing instructions, other markup, unusual
// spelling, or the end of `s` first), which is left to pugixml. When it returns a position,
// pugixml's strict parse of s[start of the entry's tag, end) as a document succeeds (`s`
// holds no NUL, which text::to_utf8 never gives). `open` is scratch space.
std::size_t scan_wellformed_entry(std::string_view s,
                                  std::size_t p,
                                  std::string_view name,
                                  std::vector<std::string_view>& open);

class SplitDoc {
public:
    SplitDoc() = default;
    SplitDoc(const SplitDoc&) = delete;
    SplitDoc& operator=(const SplitDoc&) = delete;

    // Cuts `text` (which must outlive this object); false when the cut is not certain or
    // nothing was cut. Then skeleton() is to be parsed in place, and placeholders
    // registered with bind().
    bool cut(std::string_view text);

    // The cut of a text read piece by piece: begin_pieces(), then cut_piece() with the
    // pieces in order. `reader` reads the text again for load() and read() (offset 0: the
    // text's first byte); `window` is the least it reads at once.
    void begin_pieces(ByteReader reader, std::size_t window);

    // A buffer of at least `capacity` bytes for the pieces, keeping its first `keep` bytes
    // (the window of read() later: one block of memory for both passes).
    char* piece_buffer(std::size_t capacity, std::size_t keep);

    // Cuts `piece` (the text's bytes following those consumed so far; `last`: up to its
    // end). Returns how many of its bytes were consumed (the rest is to be passed again at
    // the start of the next piece, with more bytes after it): the consumed bytes end just
    // before a '<' or just after a '>', so no character, reference or name spans two
    // pieces. npos when the cut is not certain. With `last`, the whole piece is consumed
    // or npos returned.
    std::size_t cut_piece(std::string_view piece, bool last);

    // The skeleton's text, to be parsed in place (its element names then point into it).
    using Text = std::basic_string<char, std::char_traits<char>, ArenaAllocator<char>>;
    Text& skeleton() { return m_skeleton; }

    // Memory that lives as long as this object (the skeleton's tree may be built in it).
    TreeArena& arena() { return m_arena; }

    // Number of entries cut out.
    std::size_t size() const { return m_items.size(); }

    // The entries the cut could not vouch for (scan_wellformed_entry): each must be
    // parsed (load()) before the document is read entry by entry.
    const std::vector<std::size_t>& unverified() const { return m_unverified; }

    // The index of the entry `node` (an element of the parsed skeleton) stands for, or
    // npos when it is an ordinary element.
    std::size_t index_of(const pugi::xml_node& node) const;

    // Parses entry `i` into the reused fragment tree; its element, or an empty node when
    // it is not well-formed. Valid until the next load() or read(). `flags` are pugixml's:
    // the strict load's by default; a check that reads only names, attributes and
    // non-blank text may pass fewer (the well-formedness verdict is the same).
    pugi::xml_node load(std::size_t i, unsigned flags = k_strict_parse_flags);

    // load(i) for the walk, which reads each entry once, in order: a text read in pieces
    // is parsed where its window holds it (no copy).
    pugi::xml_node read(std::size_t i);

    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

private:
    struct Item {
        std::uint64_t offset; // in the text
        std::size_t size;     // start tag to end tag
    };

    // The bytes of entry `i`: in the text, or in the window (read when needed); nullptr
    // when the reader cannot give them.
    char* window_bytes(const Item& item);
    const char* bytes(const Item& item);
    pugi::xml_node parse(char* text, std::size_t size, unsigned flags);

    // The skeleton and the tables below grow with the document: they sit on huge pages
    // (fresh memory faulted in 4 KiB at a time costs more than filling it).
    TreeArena m_arena;
    Text m_skeleton{ArenaAllocator<char>(&m_arena)};
    std::vector<Item, ArenaAllocator<Item>> m_items{ArenaAllocator<Item>(&m_arena)};
    // where each placeholder's name sits in m_skeleton
    std::vector<std::size_t, ArenaAllocator<std::size_t>> m_name_offsets{
        ArenaAllocator<std::size_t>(&m_arena)};
    std::vector<std::size_t> m_unverified;
    mutable std::size_t m_hint = 0; // index_of: the placeholder likely asked for next
    // the cut's progress between pieces
    std::vector<std::string> m_open; // the elements open in the skeleton
    std::vector<std::string_view> m_inner; // scratch of scan_wellformed_entry
    std::uint64_t m_consumed = 0;    // text offset of the next piece
    // where the entries' bytes are: the text in memory, or read again through m_reader
    std::string_view m_text;
    ByteReader m_reader;
    std::size_t m_window_min = 0;
    char* m_window = nullptr; // in m_arena
    std::size_t m_window_capacity = 0;
    std::uint64_t m_window_offset = 0;
    std::size_t m_window_size = 0;
    TreeArena m_fragment_arena{TreeArena::Pages::small}; // rewound for each entry; outlives m_fragment
    pugi::xml_document m_fragment;
    std::string m_scratch; // the entry being parsed (in place)
};

} // namespace archiver::feed::detail
