// SPDX-License-Identifier: MIT
// Raw scans of a feed's text for what check_tree (xml_load.cpp) could report: references
// that are not known entities, namespace prefixes that may be undeclared. Each is one
// sequential pass; when both find nothing, the tree need not be walked (private to
// src/feed). A text may be scanned in pieces cut just before a '<' or just after a '>':
// the pieces' results, merged, are the whole text's (no reference or name spans such a cut).
#pragma once

#include "html_text.hpp"

#include <pugixml.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace archiver::feed::detail {

// True when every '&' in `text` starts a reference check_tree's text check accepts (a
// character reference, or a predefined or declared entity followed by ';'). The text and
// attribute values of the tree are pieces of `text` (line ends and attribute blanks
// normalised, which touches no name character), so check_tree then finds nothing in them.
bool references_known(std::string_view text, const EntityMap& entities);

// The namespace prefixes a raw scan of a document finds on what may be element or
// attribute names: every ':' after '<' or "</" and a name's first characters (an element),
// or after a blank or quote and a name's first characters and followed by the rest of a
// name, blanks and '=' (an attribute). A superset of the prefixed names of the tree
// (comments, CDATA and text are scanned too), with the count of "xmlns:" in the text.
struct RawPrefixes {
    std::vector<std::string> used; // distinct
    std::size_t declarations = 0;  // "xmlns:" occurrences
    bool complete = true;          // false: too many distinct prefixes to keep
};

// The prefixes of `text`.
RawPrefixes scan_prefixes(std::string_view text);

// Adds the prefixes of a further piece of the same text to `into`.
void merge_prefixes(RawPrefixes& into, const RawPrefixes& piece);

// True when check_tree cannot find an undeclared prefix: one top-level element, every
// "xmlns:" of the text one of its attributes, and every prefix the raw scan met declared
// there (or xml, xmlns).
bool prefixes_declared(const RawPrefixes& raw, const pugi::xml_document& doc);

} // namespace archiver::feed::detail
