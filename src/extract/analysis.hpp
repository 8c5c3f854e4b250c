// SPDX-License-Identifier: MIT
// One pass over the page's elements: text statistics and boilerplate flags that the body
// scorer and the content converter share.
#pragma once

#include <archiver/html/dom.hpp>
#include <archiver/html/selector.hpp>

#include <string_view>
#include <vector>

namespace archiver::extract::detail {

// Why an element is left out of the body.
enum class Drop : unsigned char {
    keep,
    junk,        // script, style, form controls, svg, iframes ...
    hidden,      // display:none, hidden, aria-hidden
    boilerplate, // class/id/role of navigation, comments, share bars, ads ...
    rule,        // a source's `remove` selector
};

struct Info {
    html::Node node;
    int parent = -1; // index in Analysis::infos, -1 for the scope root
    int depth = 0;
    std::string_view tag;
    Drop drop = Drop::keep;
    bool dead = false;         // dropped itself or inside a dropped ancestor
    bool block = false;        // starts a block (html::is_block_tag)
    int chars = 0;             // weighted text length (CJK counts 2), kept descendants only
    int link_chars = 0;        // ... of which inside <a>
    int own_chars = 0;         // text not inside a block descendant
    int own_link_chars = 0;
    int punct = 0;             // commas and sentence stops in the whole subtree
    int own_punct = 0;
    int link_punct = 0;        // ... of punct, inside <a>
    int paragraphs = 0;        // <p> descendants with text
    int images = 0;            // <img> descendants
    int list_items = 0;
    int inputs = 0;
    int headings = 0;          // h1-h6 descendants
    int heading_chars = 0;
    int embeds = 0;
    int class_weight = 0;      // readability's class/id weight: +25 / -25
    double score = 0;          // content score (set by the scorer)
    bool scored = false;
};

// Node -> position: open addressing over a power-of-two table (no allocation per node).
class NodeIndex {
public:
    // Makes room for `n` entries without growing.
    void reserve(std::size_t n);
    void insert(const void* key, int value);
    // The value stored for `key`, -1 when none.
    int find(const void* key) const noexcept;

private:
    struct Slot {
        const void* key = nullptr;
        int value = -1;
    };
    std::size_t slot_of(const void* key) const noexcept;
    std::vector<Slot> m_slots;
    std::size_t m_size = 0;
    int m_shift = 64;
};

struct Analysis {
    std::vector<Info> infos; // preorder
    NodeIndex index;

    const Info* find(html::Node n) const {
        const int i = index.find(n.raw());
        return i < 0 ? nullptr : &infos[static_cast<std::size_t>(i)];
    }
    double link_density(const Info& i) const {
        return i.chars == 0 ? 0.0 : static_cast<double>(i.link_chars) / i.chars;
    }
};

// Whether class/id/role hints drop elements before scoring (readability's first pass) or
// only tags, hidden elements and `remove` rules do (its retry when the first pass finds
// too little text).
enum class Strip { unlikely, tags_only };

// Analyzes the subtree of `scope` (usually <body>). Elements matching `remove` are dropped.
Analysis analyze(html::Node scope, const std::vector<html::Selector>& remove, Strip strip);

// Weighted text statistics of a string: length (CJK counts 2) and punctuation.
struct TextStats {
    int chars = 0;
    int punct = 0;
};
TextStats text_stats(std::string_view text) noexcept;

// Which hint lists (boilerplate, "maybe content", positive, negative) a class or id
// value names, read in one pass.
struct ClassHints {
    unsigned bits = 0;
    // readability's weight of one attribute: +25 with a positive hint, -25 with a negative.
    int weight() const noexcept;
};
ClassHints class_hints(std::string_view value);

// readability's class/id weight of an element (+25 positive hints, -25 negative).
int class_weight(html::Node n);

// True when the element's class/id/role says it is navigation, sharing, comments, ads ...
bool looks_like_boilerplate(html::Node n);

} // namespace archiver::extract::detail
