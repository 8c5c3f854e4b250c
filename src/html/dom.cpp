// SPDX-License-Identifier: MIT
#include <archiver/html/dom.hpp>
#include <archiver/html/selector.hpp>

#include "gumbo_output.hpp"
#include "parse.hpp"

#include <cstring>

namespace archiver::html {

using detail::gnode;

namespace {

const GumboVector* child_vector(const GumboNode* n) noexcept {
    return n == nullptr ? nullptr : detail::children_of(const_cast<GumboNode*>(n));
}

const GumboVector* attribute_vector(const GumboNode* n) noexcept {
    if (n == nullptr || (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE)) {
        return nullptr;
    }
    return &n->v.element.attributes;
}

// `name` equals the NUL-terminated `cname`, without measuring `cname` first.
bool names_equal(std::string_view name, const char* cname) noexcept {
    for (char c : name) {
        if (*cname != c || c == '\0') {
            return false;
        }
        ++cname;
    }
    return *cname == '\0';
}

// gumbo's tag names as views, measured once.
struct TagNames {
    std::string_view names[GUMBO_TAG_LAST];
    TagNames() {
        for (int t = 0; t < GUMBO_TAG_LAST; ++t) {
            names[t] = gumbo_normalized_tagname(static_cast<GumboTag>(t));
        }
    }
};

const TagNames& tag_names() {
    static const TagNames names;
    return names;
}

Node find_child(Node parent, std::string_view tag) noexcept {
    for (std::size_t i = 0; i < parent.child_count(); ++i) {
        Node c = parent.child(i);
        if (c.tag() == tag) {
            return c;
        }
    }
    return {};
}

bool is_skipped_text_container(std::string_view tag) noexcept {
    return tag == "script" || tag == "style" || tag == "template" || tag == "noscript";
}

void append_text(Node n, std::string& out) {
    if (n.is_text()) {
        out += n.text_value();
        return;
    }
    if (!n.is_element() && n.type() != NodeType::document) {
        return;
    }
    std::string_view tag = n.tag();
    if (is_skipped_text_container(tag)) {
        return;
    }
    bool block = is_block_tag(tag) || tag == "br";
    if (block) {
        out += ' ';
    }
    for (std::size_t i = 0; i < n.child_count(); ++i) {
        append_text(n.child(i), out);
    }
    if (block) {
        out += ' ';
    }
}

} // namespace

// ---------------------------------------------------------------- Node

NodeType Node::type() const noexcept {
    const GumboNode* n = gnode(*this);
    if (n == nullptr) {
        return NodeType::document;
    }
    switch (n->type) {
    case GUMBO_NODE_DOCUMENT:
        return NodeType::document;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE:
        return NodeType::element;
    case GUMBO_NODE_TEXT:
        return NodeType::text;
    case GUMBO_NODE_WHITESPACE:
        return NodeType::whitespace;
    case GUMBO_NODE_COMMENT:
        return NodeType::comment;
    case GUMBO_NODE_CDATA:
        return NodeType::cdata;
    }
    return NodeType::comment;
}

bool Node::is_element() const noexcept {
    const GumboNode* n = gnode(*this);
    return n != nullptr && (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE);
}

bool Node::is_text() const noexcept {
    const GumboNode* n = gnode(*this);
    return n != nullptr && (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
                            n->type == GUMBO_NODE_CDATA);
}

std::string_view Node::tag() const noexcept {
    if (!is_element()) {
        return {};
    }
    const GumboElement& e = gnode(*this)->v.element;
    if (e.tag != GUMBO_TAG_UNKNOWN && e.tag < GUMBO_TAG_LAST) {
        return tag_names().names[e.tag];
    }
    GumboStringPiece piece = e.original_tag;
    gumbo_tag_from_original_text(&piece);
    return {piece.data, piece.length};
}

std::string_view Node::attr(std::string_view name) const noexcept {
    const GumboVector* attrs = attribute_vector(gnode(*this));
    if (attrs == nullptr) {
        return {};
    }
    for (unsigned i = 0; i < attrs->length; ++i) {
        const auto* a = static_cast<const GumboAttribute*>(attrs->data[i]);
        if (names_equal(name, a->name)) {
            return a->value;
        }
    }
    return {};
}

bool Node::has_attr(std::string_view name) const noexcept {
    const GumboVector* attrs = attribute_vector(gnode(*this));
    if (attrs == nullptr) {
        return false;
    }
    for (unsigned i = 0; i < attrs->length; ++i) {
        if (names_equal(name, static_cast<const GumboAttribute*>(attrs->data[i])->name)) {
            return true;
        }
    }
    return false;
}

std::vector<std::pair<std::string_view, std::string_view>> Node::attributes() const {
    std::vector<std::pair<std::string_view, std::string_view>> out;
    const GumboVector* attrs = attribute_vector(gnode(*this));
    if (attrs == nullptr) {
        return out;
    }
    for (unsigned i = 0; i < attrs->length; ++i) {
        const auto* a = static_cast<const GumboAttribute*>(attrs->data[i]);
        out.emplace_back(a->name, a->value);
    }
    return out;
}

std::size_t Node::attribute_count() const noexcept {
    const GumboVector* attrs = attribute_vector(gnode(*this));
    return attrs == nullptr ? 0 : attrs->length;
}

std::pair<std::string_view, std::string_view> Node::attribute(std::size_t index) const noexcept {
    const GumboVector* attrs = attribute_vector(gnode(*this));
    if (attrs == nullptr || index >= attrs->length) {
        return {};
    }
    const auto* a = static_cast<const GumboAttribute*>(attrs->data[index]);
    return {a->name, a->value};
}

bool Node::has_class(std::string_view name) const noexcept {
    std::string_view cls = attr("class");
    std::size_t pos = 0;
    while (pos < cls.size()) {
        while (pos < cls.size() && std::strchr(" \t\n\r\f", cls[pos]) != nullptr) {
            ++pos;
        }
        std::size_t end = pos;
        while (end < cls.size() && std::strchr(" \t\n\r\f", cls[end]) == nullptr) {
            ++end;
        }
        if (end > pos && cls.substr(pos, end - pos) == name) {
            return true;
        }
        pos = end;
    }
    return false;
}

std::string_view Node::text_value() const noexcept {
    const GumboNode* n = gnode(*this);
    if (n == nullptr || n->type == GUMBO_NODE_DOCUMENT || n->type == GUMBO_NODE_ELEMENT ||
        n->type == GUMBO_NODE_TEMPLATE) {
        return {};
    }
    return n->v.text.text;
}

Node Node::parent() const noexcept {
    const GumboNode* n = gnode(*this);
    return n == nullptr ? Node{} : from_raw(n->parent);
}

std::size_t Node::child_count() const noexcept {
    const GumboVector* v = child_vector(gnode(*this));
    return v == nullptr ? 0 : v->length;
}

Node Node::child(std::size_t index) const noexcept {
    const GumboVector* v = child_vector(gnode(*this));
    if (v == nullptr || index >= v->length) {
        return {};
    }
    return from_raw(v->data[index]);
}

std::vector<Node> Node::children() const {
    std::vector<Node> out;
    std::size_t count = child_count();
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        out.push_back(child(i));
    }
    return out;
}

std::vector<Node> Node::element_children() const {
    std::vector<Node> out;
    std::size_t count = child_count();
    for (std::size_t i = 0; i < count; ++i) {
        if (Node c = child(i); c.is_element()) {
            out.push_back(c);
        }
    }
    return out;
}

std::size_t Node::index_in_parent() const noexcept {
    const GumboNode* n = gnode(*this);
    return n == nullptr ? 0 : n->index_within_parent;
}

Node Node::next_sibling() const noexcept {
    Node p = parent();
    return p ? p.child(index_in_parent() + 1) : Node{};
}

Node Node::previous_sibling() const noexcept {
    Node p = parent();
    std::size_t i = index_in_parent();
    return (p && i > 0) ? p.child(i - 1) : Node{};
}

std::string Node::text() const {
    std::string raw;
    append_text(*this, raw);
    return collapse_whitespace(raw);
}

std::vector<Node> Node::select(std::string_view selector) const {
    auto parsed = Selector::parse(selector);
    if (!parsed) {
        return {};
    }
    return parsed->select(*this);
}

Node Node::select_first(std::string_view selector) const {
    auto parsed = Selector::parse(selector);
    if (!parsed) {
        return {};
    }
    return parsed->select_first(*this);
}

// ---------------------------------------------------------------- Document

struct Document::Impl {
    std::string buffer;   // the page as parsed, or with its text runs folded: `marked`
    std::string marked;   // when not empty, what gumbo parsed (original_text points into it)
    detail::Arena arena;  // every node of the tree; freed with the Document
    GumboOutput* output = nullptr;
};

Document Document::parse(std::string_view html, Mode mode) {
    Document doc;
    doc.m_impl = std::make_unique<Impl>();
    if (mode == Mode::content) {
        doc.m_impl->buffer = detail::content_only(html);
    } else {
        doc.m_impl->buffer.assign(html);
    }
    detail::limit_nesting(doc.m_impl->buffer);
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0; // recording parse errors costs time and nobody reads them
    options.allocator = &detail::Arena::gumbo_allocate;
    options.deallocator = &detail::Arena::gumbo_free;
    options.userdata = &doc.m_impl->arena;
    Impl& impl = *doc.m_impl;
    std::vector<detail::TextRun> runs;
    if (detail::fold_text_runs(impl.buffer, impl.marked, runs)) {
        impl.output = gumbo_parse_with_options(&options, impl.marked.data(), impl.marked.size());
        if (impl.output == nullptr ||
            !detail::unfold_text_runs(impl.output->document, impl.buffer, runs, impl.arena)) {
            impl.marked = std::string(); // parsed again as it is; the arena keeps the first tree
            impl.output = nullptr;
        }
    }
    if (impl.output == nullptr) {
        impl.output = gumbo_parse_with_options(&options, impl.buffer.data(), impl.buffer.size());
    }
    if (doc.m_impl->output != nullptr) {
        detail::cap_tree_depth(doc.m_impl->output->document, doc.m_impl->arena);
    }
    return doc;
}

Document::~Document() = default;
Document::Document(Document&&) noexcept = default;
Document& Document::operator=(Document&&) noexcept = default;

Node Document::document() const noexcept {
    if (!m_impl || !m_impl->output) {
        return {};
    }
    return Node::from_raw(m_impl->output->document);
}

Node Document::root() const noexcept {
    if (!m_impl || !m_impl->output) {
        return {};
    }
    return Node::from_raw(m_impl->output->root);
}

Node Document::head() const noexcept { return find_child(root(), "head"); }
Node Document::body() const noexcept { return find_child(root(), "body"); }

std::vector<Node> Document::select(std::string_view selector) const {
    return document().select(selector);
}

Node Document::select_first(std::string_view selector) const {
    return document().select_first(selector);
}

} // namespace archiver::html
