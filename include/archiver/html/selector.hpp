// SPDX-License-Identifier: MIT
// A small CSS selector engine over html::Node.
#pragma once

#include <archiver/core/result.hpp>
#include <archiver/html/dom.hpp>

#include <memory>
#include <string_view>
#include <vector>

namespace archiver::html {

// Whether the whitespace-separated list `list` (a class or rel attribute) holds `word`,
// ASCII case-insensitively when `icase`: the `[attr~=word]` test.
bool has_word(std::string_view list, std::string_view word, bool icase) noexcept;

// A parsed CSS selector list. Supported: type (`div`, `*`), `#id`, `.class`, `[attr]`,
// `[attr=v]`, `[attr~=v]`, `[attr|=v]`, `[attr^=v]`, `[attr$=v]`, `[attr*=v]` (values
// quoted or bare, ` i` flag for ASCII case-insensitive), `:not(compound, ...)`,
// `:first-child`, `:last-child`, `:nth-child(n)`, descendant (` `), child (`>`), adjacent
// (`+`) and general sibling (`~`) combinators, and lists (`a, b`). Type and attribute
// names are ASCII case-insensitive.
class Selector {
public:
    // Parses `text`; fails (Stage::parse, message naming the position) on syntax it does not
    // support, so a typo in a source's config is reported rather than matching nothing.
    static Result<Selector> parse(std::string_view text);

    // True when `node` (an element) matches any selector of the list.
    bool matches(Node node) const;
    // Descendants of `scope` (not `scope` itself) that match, in document order, no
    // duplicates.
    std::vector<Node> select(Node scope) const;
    // The first matching descendant in document order, or a null Node.
    Node select_first(Node scope) const;

    struct Impl;

private:
    std::shared_ptr<const Impl> m_impl;
};

} // namespace archiver::html
