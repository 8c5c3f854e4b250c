// SPDX-License-Identifier: MIT
#include "parse.hpp"

#include <archiver/html/dom.hpp>

#include <algorithm>
#include <cstring>

namespace archiver::html::detail {

namespace {

constexpr std::size_t k_align = alignof(std::max_align_t);
constexpr std::size_t k_first_block = 64 * 1024;
constexpr std::size_t k_max_block = 4 * 1024 * 1024;

char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// `lower_word` (lower-case) at `pos` of `s`, ignoring ASCII case.
bool at_ci(std::string_view s, std::size_t pos, std::string_view lower_word) noexcept {
    if (pos + lower_word.size() > s.size()) {
        return false;
    }
    for (std::size_t i = 0; i < lower_word.size(); ++i) {
        if (lower(s[pos + i]) != lower_word[i]) {
            return false;
        }
    }
    return true;
}

std::size_t find_ci(std::string_view s, std::string_view lower_word, std::size_t from) noexcept {
    for (std::size_t i = s.find('<', from); i != std::string_view::npos; i = s.find('<', i + 1)) {
        if (at_ci(s, i, lower_word)) {
            return i;
        }
    }
    return std::string_view::npos;
}

bool is_tag_name_end(char c) noexcept {
    return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Index of the '>' closing the start tag that begins at `from`, npos if none. A quote only
// opens a value right after '=' (unquoted values may contain quotes).
std::size_t tag_end(std::string_view s, std::size_t from) noexcept {
    char quote = 0;
    char last = 0;
    for (std::size_t j = from; j < s.size(); ++j) {
        char c = s[j];
        if (quote != 0) {
            if (c == quote) {
                quote = 0;
                last = 'x';
            }
            continue;
        }
        if ((c == '"' || c == '\'') && last == '=') {
            quote = c;
            continue;
        }
        if (c == '>') {
            return j;
        }
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
            last = c;
        }
    }
    return std::string_view::npos;
}

GumboVector* children_of(GumboNode* n) noexcept {
    switch (n->type) {
    case GUMBO_NODE_DOCUMENT:
        return &n->v.document.children;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE:
        return &n->v.element.children;
    default:
        return nullptr;
    }
}

bool skipped_container(GumboTag tag) noexcept {
    return tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_TEMPLATE ||
           tag == GUMBO_TAG_NOSCRIPT;
}

GumboNode* newline_node(Arena& arena) {
    auto* n = static_cast<GumboNode*>(arena.allocate(sizeof(GumboNode)));
    std::memset(static_cast<void*>(n), 0, sizeof(GumboNode));
    n->type = GUMBO_NODE_WHITESPACE;
    n->v.text.text = "\n";
    n->v.text.original_text.data = "\n";
    n->v.text.original_text.length = 1;
    return n;
}

// Makes the leaves of `node`'s subtree its children (see cap_tree_depth).
void flatten(GumboNode* node, Arena& arena) {
    struct Item {
        GumboNode* node;
        bool block_end;
    };
    std::vector<GumboNode*> leaves;
    std::vector<Item> work;
    const GumboVector* top = children_of(node);
    for (unsigned i = top->length; i > 0; --i) {
        work.push_back({static_cast<GumboNode*>(top->data[i - 1]), false});
    }
    bool pending_break = false;
    while (!work.empty()) {
        Item item = work.back();
        work.pop_back();
        if (item.block_end) {
            pending_break = true;
            continue;
        }
        GumboNode* n = item.node;
        const GumboVector* kids = children_of(n);
        if (kids != nullptr && kids->length > 0) {
            if (skipped_container(n->v.element.tag)) {
                continue;
            }
            if (is_block_tag(gumbo_normalized_tagname(n->v.element.tag))) {
                pending_break = true;
                work.push_back({n, true});
            }
            for (unsigned i = kids->length; i > 0; --i) {
                work.push_back({static_cast<GumboNode*>(kids->data[i - 1]), false});
            }
            continue;
        }
        if (pending_break && !leaves.empty()) {
            leaves.push_back(newline_node(arena));
        }
        pending_break = false;
        leaves.push_back(n);
    }
    auto** data = static_cast<void**>(arena.allocate(sizeof(void*) * std::max<std::size_t>(1, leaves.size())));
    for (std::size_t i = 0; i < leaves.size(); ++i) {
        leaves[i]->parent = node;
        leaves[i]->index_within_parent = i;
        data[i] = leaves[i];
    }
    GumboVector& children = node->v.element.children;
    children.data = data;
    children.length = static_cast<unsigned>(leaves.size());
    children.capacity = children.length;
}

} // namespace

void* Arena::allocate(std::size_t size) {
    size = (size + k_align - 1) & ~(k_align - 1);
    if (size > m_left) {
        std::size_t block = std::min(k_max_block, std::max(k_first_block, m_reserved));
        block = std::max(block, size);
        m_blocks.push_back(std::make_unique<std::byte[]>(block));
        m_next = m_blocks.back().get();
        m_left = block;
        m_reserved += block;
    }
    void* out = m_next;
    m_next += size;
    m_left -= size;
    return out;
}

void* Arena::gumbo_allocate(void* arena, std::size_t size) {
    return static_cast<Arena*>(arena)->allocate(size);
}

void Arena::gumbo_free(void* /*arena*/, void* /*ptr*/) noexcept {}

std::string without_script_bodies(std::string_view html) {
    std::string out;
    out.reserve(html.size());
    std::size_t copied = 0;
    std::size_t i = html.find('<');
    while (i != std::string_view::npos) {
        if (at_ci(html, i, "<!--")) {
            std::size_t end = html.find("-->", i + 4);
            if (end == std::string_view::npos) {
                break;
            }
            i = html.find('<', end + 3);
            continue;
        }
        bool script = at_ci(html, i + 1, "script");
        bool style = !script && at_ci(html, i + 1, "style");
        std::size_t name_end = i + 1 + (script ? 6 : 5);
        if ((!script && !style) || name_end >= html.size() || !is_tag_name_end(html[name_end])) {
            i = html.find('<', i + 1);
            continue;
        }
        std::size_t gt = tag_end(html, name_end);
        if (gt == std::string_view::npos) {
            break;
        }
        std::string_view close = script ? "</script" : "</style";
        std::size_t body = gt + 1;
        std::size_t end = find_ci(html, close, body);
        if (end == std::string_view::npos) {
            break;
        }
        std::string_view start_tag = html.substr(i, body - i);
        bool json_ld = false;
        for (std::size_t k = 0; script && k + 7 <= start_tag.size() && !json_ld; ++k) {
            json_ld = at_ci(start_tag, k, "ld+json");
        }
        if (!json_ld && end > body) {
            out.append(html.substr(copied, body - copied));
            copied = end;
        }
        i = html.find('<', end + close.size());
    }
    out.append(html.substr(copied));
    return out;
}

void cap_tree_depth(GumboNode* document, Arena& arena) {
    struct Frame {
        GumboNode* node;
        int depth;
    };
    std::vector<Frame> stack{{document, 0}};
    while (!stack.empty()) {
        Frame f = stack.back();
        stack.pop_back();
        GumboVector* kids = children_of(f.node);
        if (kids == nullptr || kids->length == 0) {
            continue;
        }
        if (f.depth >= k_max_tree_depth && f.node->type != GUMBO_NODE_DOCUMENT) {
            flatten(f.node, arena);
            continue;
        }
        for (unsigned i = 0; i < kids->length; ++i) {
            auto* c = static_cast<GumboNode*>(kids->data[i]);
            const GumboVector* ck = children_of(c);
            if (ck != nullptr && ck->length > 0) {
                stack.push_back({c, f.depth + 1});
            }
        }
    }
}

} // namespace archiver::html::detail
