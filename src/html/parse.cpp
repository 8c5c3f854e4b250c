// SPDX-License-Identifier: MIT
#include "parse.hpp"
#include "scan.hpp"

#include <archiver/html/dom.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace archiver::html::detail {

namespace {

constexpr std::size_t k_align = alignof(std::max_align_t);
constexpr std::size_t k_first_block = 64 * 1024;
constexpr std::size_t k_max_block = 4 * 1024 * 1024;

// What the pre-pass does with a byte: copy it in a run, shorten a run of it, or look at
// the markup it starts.
enum class ByteClass : unsigned char { plain, space, markup };

struct ByteClasses {
    ByteClass of[256];
    constexpr ByteClasses() : of() {
        for (auto& c : of) {
            c = ByteClass::plain;
        }
        for (unsigned char c : {' ', '\n', '\t', '\r', '\f'}) {
            of[c] = ByteClass::space;
        }
        of[static_cast<unsigned char>('<')] = ByteClass::markup;
    }
};

constexpr ByteClasses k_byte_class;

constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
constexpr std::uint64_t k_high_bits = 0x8080808080808080ULL;

// Whether one of the eight bytes at `p` is '<' or at most ' ' (whitespace, and controls
// that the byte loop then passes over): no false negatives, so the run can skip eight
// bytes at a time while it says no.
bool may_end_plain_run(const unsigned char* p) noexcept {
    std::uint64_t w = 0;
    std::memcpy(&w, p, sizeof w);
    const std::uint64_t lt = w ^ (k_ones * '<');
    return ((((w - k_ones * 0x21) & ~w) | ((lt - k_ones) & ~lt)) & k_high_bits) != 0;
}

// HTML elements that end foreign content (an <svg> left open) when their start tag appears
// inside it (HTML5 "any other start tag" in foreign content; <font> counted whatever its
// attributes), plus the end tags </p> and </br>.
constexpr std::string_view k_breakout_tags[] = {
    "b",  "big", "blockquote", "body", "br",  "center", "code",    "dd",     "div",   "dl",
    "dt", "em",  "embed",      "h1",   "h2",  "h3",     "h4",      "h5",     "h6",    "head",
    "hr", "i",   "img",        "li",   "listing", "menu", "meta",  "nobr",   "ol",    "p",
    "pre", "ruby", "s",        "small", "span", "strong", "strike", "sub",   "sup",   "table",
    "tt", "u",   "ul",         "var",  "font"};

// Whether the tag whose name starts at s[pos] is one of k_breakout_tags (or, for an end
// tag, p or br).
bool breaks_out(std::string_view s, std::size_t pos, bool end_tag) noexcept {
    std::size_t end = pos;
    while (end < s.size() && ((s[end] >= 'a' && s[end] <= 'z') || (s[end] >= 'A' && s[end] <= 'Z') ||
                              (s[end] >= '0' && s[end] <= '9'))) {
        ++end;
    }
    if (end == pos || end - pos > 10) {
        return false;
    }
    char name[10];
    for (std::size_t k = pos; k < end; ++k) {
        name[k - pos] = lower(s[k]);
    }
    const std::string_view tag(name, end - pos);
    if (end_tag) {
        return tag == "p" || tag == "br";
    }
    for (std::string_view b : k_breakout_tags) {
        if (tag == b) {
            return true;
        }
    }
    return false;
}

// Index of the '<' of the "</svg" that closes the <svg> whose start tag begins at `from`,
// nested <svg> elements counted; npos when there is none, or when an HTML element would
// end the drawing first (then browsers show what follows as content, and so must we).
std::size_t svg_body_end(std::string_view s, std::size_t from) noexcept {
    int depth = 0;
    for (std::size_t i = s.find('<', from); i != std::string_view::npos; i = s.find('<', i + 1)) {
        if (i + 1 >= s.size()) {
            break;
        }
        const bool end_tag = s[i + 1] == '/';
        const std::size_t name = i + (end_tag ? 2 : 1);
        if (name + 3 < s.size() && at_ci(s, name, "svg") && is_tag_name_end(s[name + 3])) {
            if (end_tag) {
                if (--depth == 0) {
                    return i;
                }
                continue;
            }
            const std::size_t gt = tag_end(s, name + 3);
            if (gt == std::string_view::npos) {
                return std::string_view::npos;
            }
            depth += s[gt - 1] == '/' ? 0 : 1;
            i = gt;
            continue;
        }
        if (breaks_out(s, name, end_tag)) {
            return std::string_view::npos;
        }
    }
    return std::string_view::npos;
}

// Elements whose content the pre-pass does not touch as markup: script and style bodies are
// dropped (JSON-LD kept), the others copied verbatim (their whitespace matters).
struct RawElement {
    std::string_view name;  // lower case, without '<'
    std::string_view close; // "</name", "" for plaintext (runs to the end)
    bool verbatim;
};

constexpr RawElement k_raw_elements[] = {
    {"script", "</script", false}, {"style", "</style", false},     {"pre", "</pre", true},
    {"textarea", "</textarea", true}, {"listing", "</listing", true}, {"xmp", "</xmp", true},
    {"plaintext", "", true},
};

// The raw element whose start tag begins at html[i] ('<'), or nullptr.
const RawElement* raw_element_at(std::string_view html, std::size_t i) noexcept {
    if (i + 1 >= html.size()) {
        return nullptr;
    }
    switch (lower(html[i + 1])) { // the names' first letters: most tags are none of these
    case 's': case 'p': case 't': case 'l': case 'x':
        break;
    default:
        return nullptr;
    }
    for (const RawElement& r : k_raw_elements) {
        std::size_t end = i + 1 + r.name.size();
        if (end < html.size() && at_ci(html, i + 1, r.name) && is_tag_name_end(html[end])) {
            return &r;
        }
    }
    return nullptr;
}

// Whether the start tag `tag` declares JSON-LD.
bool json_ld_tag(std::string_view tag) noexcept {
    for (std::size_t k = 0; k + 7 <= tag.size(); ++k) {
        if (at_ci(tag, k, "ld+json")) {
            return true;
        }
    }
    return false;
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

namespace {

constexpr std::size_t k_pool_limit = 16 * 1024 * 1024;

// Set when this thread's pool is destroyed (thread exit): a Document that outlives it frees
// its blocks itself. A plain bool, so it can still be read then.
thread_local bool t_pool_gone = false;

// Blocks of finished documents, for the next arena on this thread.
struct BlockPool {
    std::vector<std::pair<std::unique_ptr<std::byte[]>, std::size_t>> blocks;
    std::size_t bytes = 0;

    BlockPool() = default;
    BlockPool(const BlockPool&) = delete;
    BlockPool& operator=(const BlockPool&) = delete;
    ~BlockPool() { t_pool_gone = true; }
};

// This thread's pool, nullptr once it is destroyed.
BlockPool* block_pool() {
    if (t_pool_gone) {
        return nullptr;
    }
    thread_local BlockPool pool;
    return &pool;
}

} // namespace

Arena::~Arena() {
    BlockPool* p = block_pool();
    if (p == nullptr) {
        return;
    }
    BlockPool& pool = *p;
    for (Block& b : m_blocks) {
        if (pool.bytes + b.size > k_pool_limit) {
            break; // the rest are freed with m_blocks
        }
        try {
            pool.blocks.emplace_back(std::move(b.data), b.size);
            pool.bytes += b.size;
        } catch (...) {
            break; // no room to remember it: the block is freed instead
        }
    }
}

void Arena::grow(std::size_t size) {
    std::size_t block = std::min(k_max_block, std::max(k_first_block, m_reserved));
    block = std::max(block, size);
    BlockPool* pool = block_pool();
    Block b;
    for (std::size_t i = pool == nullptr ? 0 : pool->blocks.size(); i > 0; --i) {
        auto& [data, bytes] = pool->blocks[i - 1];
        if (bytes >= size && bytes <= 2 * block) {
            b.data = std::move(data);
            b.size = bytes;
            pool->bytes -= bytes;
            pool->blocks.erase(pool->blocks.begin() + static_cast<std::ptrdiff_t>(i - 1));
            break;
        }
    }
    if (!b.data) {
        b.data = std::make_unique_for_overwrite<std::byte[]>(block);
        b.size = block;
    }
    m_next = b.data.get();
    m_left = b.size;
    m_reserved += b.size;
    m_blocks.push_back(std::move(b));
}

void* Arena::allocate(std::size_t size) {
    size = (size + k_align - 1) & ~(k_align - 1);
    if (size > m_left) [[unlikely]] {
        grow(size); // out of line: the common path stays a few instructions
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

std::string content_only(std::string_view html) {
    std::string out;
    out.reserve(html.size());
    const std::size_t n = html.size();
    const auto* bytes = reinterpret_cast<const unsigned char*>(html.data());
    std::size_t i = 0;
    auto copy_until = [&](std::size_t end) {
        out.append(html.substr(i, end - i));
        i = end;
    };
    auto is_space_at = [&](std::size_t k) { return k < n && k_byte_class.of[bytes[k]] == ByteClass::space; };
    while (i < n) {
        // Bytes copied as they are: text, attributes, and lone whitespace characters.
        std::size_t j = i;
        while (j < n) {
            while (j + 8 <= n && !may_end_plain_run(bytes + j)) {
                j += 8;
            }
            if (j >= n) {
                break;
            }
            const ByteClass cls = k_byte_class.of[bytes[j]];
            if (cls == ByteClass::markup || (cls == ByteClass::space && is_space_at(j + 1))) {
                break;
            }
            ++j;
        }
        copy_until(j);
        if (i >= n) {
            break;
        }
        if (html[i] != '<') {
            // A run of two or more whitespace characters.
            bool newline = false;
            while (is_space_at(j)) {
                newline = newline || html[j] == '\n';
                ++j;
            }
            out += newline ? '\n' : ' ';
            i = j;
            continue;
        }
        if (at_ci(html, i, "<!--")) {
            std::size_t end = html.find("-->", i + 4);
            if (end == std::string_view::npos) {
                copy_until(n);
                break;
            }
            i = end + 3; // comments are never content
            continue;
        }
        if (i + 4 < n && at_ci(html, i + 1, "svg") && is_tag_name_end(html[i + 4])) {
            const std::size_t gt = tag_end(html, i + 4);
            if (gt == std::string_view::npos) {
                copy_until(n);
                break;
            }
            const bool self_closed = html[gt - 1] == '/';
            const std::size_t start = i;
            copy_until(gt + 1);
            if (!self_closed) {
                // The drawing goes (the element stays, empty); "</svg" is copied next.
                if (const std::size_t close = svg_body_end(html, start); close != std::string_view::npos) {
                    i = close;
                }
            }
            continue;
        }
        const RawElement* raw = raw_element_at(html, i);
        if (raw == nullptr) {
            out += '<';
            ++i;
            continue;
        }
        std::size_t gt = tag_end(html, i + 1 + raw->name.size());
        if (gt == std::string_view::npos) {
            copy_until(n);
            break;
        }
        const std::size_t tag_start = i;
        copy_until(gt + 1);
        std::size_t close = raw->close.empty() ? n : find_ci(html, raw->close, i);
        if (close == std::string_view::npos) {
            close = n;
        }
        // Script and style bodies go, except JSON-LD.
        bool keep = raw->verbatim || json_ld_tag(html.substr(tag_start, gt - tag_start));
        if (keep) {
            copy_until(close);
        } else {
            i = close;
        }
        if (i < n) {
            copy_until(std::min(n, i + raw->close.size()));
        }
    }
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

} // namespace archiver::html::detail
