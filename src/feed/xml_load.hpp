// SPDX-License-Identifier: MIT
// Loading feed XML into a pugixml tree: strictly when the document is well-formed, else with
// a forgiving tokenizer that recovers what it can (private to src/feed).
#pragma once

#include "html_text.hpp"
#include "raw_scan.hpp"
#include "tree_arena.hpp"
#include "xml_split.hpp"

#include <pugixml.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace archiver::feed::detail {

// A loaded document. Text and attribute values keep their character references undecoded
// (decode_entities() reads them), so the same tree shape comes from both loaders.
struct XmlDoc {
    std::unique_ptr<TreeArena> arena; // a large document's tree memory; outlives `doc`
    // Set when the document was read entry by entry: `doc` is then its skeleton (its tree
    // in the split document's memory: declared before `doc`, destroyed after it), and the
    // entries are loaded from here one at a time (see xml_split.hpp).
    std::unique_ptr<SplitDoc> split;
    pugi::xml_document doc;
    bool bozo = false;
    std::string bozo_reason;
    EntityMap entities;     // safe entities declared in the DOCTYPE
    bool netscape = false;  // DOCTYPE names Netscape's RSS 0.91
    std::string buffer;     // the text the strict tree points into
};

// Empties `out` (as a fresh XmlDoc, keeping its arena for reuse).
void reset_xml(XmlDoc& out);

// Loads `text` (UTF-8, which must outlive `out`) of at least `min_size` bytes entry by
// entry when that gives exactly the strict load's tree and findings: false (and `out`
// reset) when the document is smaller, not well-formed, or not certainly cut. The walk must then also meet every
// entry (XmlWalk::complete()), else the caller falls back to load_xml_strict.
bool load_xml_split(std::string_view text, XmlDoc& out, std::size_t min_size = k_split_min_text);

// The end of load_xml_split, for a document already cut (in memory or piece by piece):
// parses the skeleton, the entries the cut could not vouch for, and finds what check_tree
// would report. `references_clear` and `prefixes_met` are the raw scans of the whole text
// (raw_scan.hpp). False (and `out` reset) when the document must be loaded whole.
bool load_split(std::unique_ptr<SplitDoc> split,
                bool references_clear,
                const RawPrefixes& prefixes_met,
                XmlDoc& out);

// Loads `text` (UTF-8) strictly, parsing in place: `text` is kept in `out` and consumed.
// False when the document is not well-formed XML (`out` then holds nothing; call
// load_xml_loose with the text again).
bool load_xml_strict(std::string text, XmlDoc& out);

// load_xml_strict on `size` bytes at `text`, which the caller keeps alive as long as `out`:
// parsed where they lie, no copy. The parse writes into them: when it fails (false) they
// are spoilt, and the original text is needed for load_xml_loose.
bool load_xml_strict_in_place(char* text, std::size_t size, XmlDoc& out);

// Loads `text` with the forgiving tokenizer (always yields a tree, maybe an empty one).
void load_xml_loose(std::string_view text, XmlDoc& out);

} // namespace archiver::feed::detail
