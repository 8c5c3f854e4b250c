// SPDX-License-Identifier: MIT
// A parsed HTML document (gumbo, HTML5 tree construction) and light node handles over it.
// No gumbo type appears here: nodes are opaque handles valid while their Document lives.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace archiver::html {

enum class NodeType { document, element, text, whitespace, comment, cdata };

// A handle to one node of a `Document`: cheap to copy, compares by identity, and is only
// valid while the Document that produced it is alive. A default-constructed Node is "null"
// (`!node`); every accessor on a null node returns an empty value.
class Node {
public:
    Node() = default;

    explicit operator bool() const noexcept { return m_node != nullptr; }
    friend bool operator==(const Node&, const Node&) = default;

    NodeType type() const noexcept;
    bool is_element() const noexcept;
    // True for text, whitespace and CDATA nodes.
    bool is_text() const noexcept;

    // Lower-case tag name of an element ("div", "my-widget"); "" for other nodes.
    std::string_view tag() const noexcept;
    // True when this is an element named `name` (lower-case).
    bool is(std::string_view name) const noexcept { return tag() == name; }

    // The value of attribute `name` (lower-case), "" when absent.
    std::string_view attr(std::string_view name) const noexcept;
    bool has_attr(std::string_view name) const noexcept;
    // Every attribute in source order, names lower-case.
    std::vector<std::pair<std::string_view, std::string_view>> attributes() const;
    // The number of attributes, and the `index`th (name, value) in source order (empty
    // views past the end): attributes() without the allocation.
    std::size_t attribute_count() const noexcept;
    std::pair<std::string_view, std::string_view> attribute(std::size_t index) const noexcept;
    // True when the whitespace-separated `class` attribute contains `name`.
    bool has_class(std::string_view name) const noexcept;

    // The character data of a text, whitespace, CDATA or comment node; "" otherwise.
    std::string_view text_value() const noexcept;

    Node parent() const noexcept;
    std::size_t child_count() const noexcept;
    Node child(std::size_t index) const noexcept;
    // All children (elements, text, comments) in order.
    std::vector<Node> children() const;
    // Child elements only, in order.
    std::vector<Node> element_children() const;
    Node next_sibling() const noexcept;
    Node previous_sibling() const noexcept;
    // Position among the parent's children.
    std::size_t index_in_parent() const noexcept;

    // The descendant text with whitespace runs collapsed to one space and trimmed; the
    // contents of script, style, template and noscript are skipped; block elements and
    // <br> separate words with a space.
    std::string text() const;

    // Descendants matching the CSS `selector` (see selector.hpp) in document order; empty
    // when the selector is invalid.
    std::vector<Node> select(std::string_view selector) const;
    // The first such descendant, or a null Node.
    Node select_first(std::string_view selector) const;

    // The underlying gumbo node, for code inside src/html only.
    const void* raw() const noexcept { return m_node; }
    static Node from_raw(const void* raw) noexcept {
        Node n;
        n.m_node = raw;
        return n;
    }

private:
    const void* m_node = nullptr;
};

// An HTML document parsed with gumbo. Move-only; owns the tree (freed with
// gumbo_destroy_output) and a copy of the input its nodes point into.
class Document {
public:
    // What a parse keeps. `content` empties <script> (except JSON-LD) and <style> elements
    // before parsing (the elements stay, without text), drops comments and shortens runs of
    // whitespace outside <pre>/<textarea> to one character (a newline if the run had one):
    // for reading a page's text, it is more than twice as fast on news pages.
    enum class Mode { full, content };

    // Parses `html` (UTF-8). HTML parsing never fails: any input gives a tree. Elements
    // nested deeper than 512 levels are flattened into their ancestor at that depth (their
    // text and empty elements kept in order), so walks over the tree stay shallow.
    static Document parse(std::string_view html, Mode mode = Mode::full);

    ~Document();
    Document(Document&&) noexcept;
    Document& operator=(Document&&) noexcept;
    Document(const Document&) = delete;
    Document& operator=(const Document&) = delete;

    // The document node (parent of <html>).
    Node document() const noexcept;
    // The <html>, <head> and <body> elements (always present after HTML5 tree building).
    Node root() const noexcept;
    Node head() const noexcept;
    Node body() const noexcept;

    // Shorthands for `document().select(...)`.
    std::vector<Node> select(std::string_view selector) const;
    Node select_first(std::string_view selector) const;

private:
    Document() = default;
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// True for elements that start a block in rendering (p, div, li, h1-h6, table parts, ...).
bool is_block_tag(std::string_view tag) noexcept;

// Decodes the HTML character references of `text` (as in an attribute value given raw).
// Gumbo already decodes every parsed value; this is for strings from elsewhere (feeds).
std::string decode_entities(std::string_view text);

// Collapses every run of ASCII/Unicode whitespace in `text` to one space and trims it.
std::string collapse_whitespace(std::string_view text);

} // namespace archiver::html
