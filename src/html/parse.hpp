// SPDX-License-Identifier: MIT
// Private to the html module: the memory arena gumbo allocates from, the pre-pass that
// empties script and style bodies, and the tree-depth cap applied after every parse.
#pragma once

#include <gumbo.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace archiver::html::detail {

// Bump allocator for one document: gumbo's many small allocations become pointer
// increments, and the whole tree is released at once (no recursive gumbo_destroy_output).
// Frees are ignored; gumbo's temporary buffers are bounded by the input's size. Released
// blocks wait (up to 16 MiB per thread) for the next document's arena: a fresh block costs
// a page fault per 4 KiB touched, more than the parse writes into it.
class Arena {
public:
    Arena() = default;
    Arena(const Arena&) = delete;
    Arena& operator=(const Arena&) = delete;
    Arena(Arena&&) noexcept = default;
    Arena& operator=(Arena&&) noexcept = delete;
    ~Arena();

    void* allocate(std::size_t size);
    // Bytes reserved from the system.
    std::size_t reserved() const noexcept { return m_reserved; }

    static void* gumbo_allocate(void* arena, std::size_t size);
    static void gumbo_free(void* arena, void* ptr) noexcept;

private:
    // Starts a new block of at least `size` bytes.
    [[gnu::noinline]] void grow(std::size_t size);

    struct Block {
        std::unique_ptr<std::byte[]> data;
        std::size_t size = 0;
    };
    std::vector<Block> m_blocks;
    std::byte* m_next = nullptr;
    std::size_t m_left = 0;
    std::size_t m_reserved = 0;
};

// `html` reduced to what a reader of the page's content needs, for gumbo's tokenizer (which
// walks every byte, one character token at a time) to have less to do: the bodies of
// <script> (except JSON-LD) and <style> elements are removed (the elements stay, empty),
// comments are removed, and runs of ASCII whitespace become one character (a newline when
// the run held one) except inside <pre>, <textarea>, <listing>, <xmp> and <plaintext>.
// Scripts and styles are about half the bytes of a news page.
std::string content_only(std::string_view html);

// Elements deeper than this are flattened (as browsers do: Chromium's parser stops nesting
// at 512), so every recursive walk over a Document is bounded.
inline constexpr int k_max_tree_depth = 512;

// How deeply the elements of `html` nest, as the pre-parse limit counts it: elements
// without content or with an optional end tag (img, p, li, td, ...) are not levels, an end
// tag closes the nearest open element of its name among the 64 innermost.
std::size_t nesting_depth(std::string_view html);

// Removes from `html` the start tags of elements nested deeper than `limit` (as
// nesting_depth counts) and their end tags, each replaced by a newline; text and shallower
// markup stay byte for byte. Returns whether anything changed. Run before gumbo, whose tree
// construction costs time in proportion to the nesting depth for every tag.
bool limit_nesting(std::string& html, std::size_t limit = k_max_tree_depth);

// Replaces the children of every element at depth k_max_tree_depth (the document node is
// depth 0) by the leaves (text, empty elements) of its subtree, in order, with a newline
// wherever a block ended. Iterative; new nodes and arrays come from `arena`.
void cap_tree_depth(GumboNode* document, Arena& arena);

// A run of text of the source that gumbo was given as a two-character marker instead.
struct TextRun {
    std::uint32_t offset;
    std::uint32_t length;
};

// Gumbo's tokenizer handles text one character token at a time, most of a news page's parse.
// `marked` is `html` with each long run of plain text (between markup, in no script, free of
// the characters a tokenizer state acts on: '<' '&' '>' ']' CR NUL controls, not ending in
// '-') replaced by a marker of two private-use code points (its index in `runs`): the
// tokenizer and the tree builder treat the marker as they treat the run, as non-whitespace
// character tokens, so the tree is the same. False (nothing to fold) when the text has no
// such run, or holds the markers' code points itself (raw or as a numeric reference).
bool fold_text_runs(std::string_view html, std::string& marked, std::vector<TextRun>& runs);

// Puts the runs back into the text nodes of the tree gumbo made of `marked` (new texts from
// `arena`). False when some marker is not found whole in a text node exactly once (it went
// into an attribute or a comment: `html` must then be parsed as it is).
bool unfold_text_runs(GumboNode* document,
                      std::string_view html,
                      const std::vector<TextRun>& runs,
                      Arena& arena);

// For the tests that compare trees: folding on (the default) or off, for the whole process.
void set_text_run_folding(bool on) noexcept;

// The children of a document, element or template node; null for other node kinds.
GumboVector* children_of(GumboNode* n) noexcept;

} // namespace archiver::html::detail
