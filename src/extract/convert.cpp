// SPDX-License-Identifier: MIT
#include "convert.hpp"

#include "body.hpp"
#include "convert_builder.hpp"

#include <archiver/html/unicode.hpp>

#include <algorithm>
#include <cstdlib>

namespace archiver::extract::detail {

namespace {

bool is_heading(std::string_view t) {
    return t.size() == 2 && t[0] == 'h' && t[1] >= '1' && t[1] <= '6';
}

// Image captions and credits: not article text.
bool is_caption(html::Node n, std::string_view tag) {
    if (tag == "figcaption") {
        return true;
    }
    std::string_view cls = n.attr("class");
    for (std::string_view hint : {"caption", "credit", "Caption", "Credit"}) {
        if (cls.find(hint) != std::string_view::npos) {
            return true;
        }
    }
    return false;
}

bool is_empty_inline(const ContentNode& n) {
    switch (n.kind) {
    case NodeKind::text:
    case NodeKind::code:
        return n.text.empty();
    case NodeKind::strong:
    case NodeKind::emphasis:
    case NodeKind::strikethrough:
    case NodeKind::link:
        return n.children.empty();
    default:
        return false;
    }
}

} // namespace

void prune(ContentNode& n) {
    for (auto& c : n.children) {
        prune(c);
    }
    n.children.erase(std::remove_if(n.children.begin(), n.children.end(), is_empty_inline),
                     n.children.end());
    // Line breaks at the edges of a block carry nothing.
    while (!n.children.empty() && n.children.back().kind == NodeKind::line_break) {
        n.children.pop_back();
    }
    while (!n.children.empty() && n.children.front().kind == NodeKind::line_break) {
        n.children.erase(n.children.begin());
    }
}

bool has_content(const ContentNode& n) {
    if (n.kind == NodeKind::image || n.kind == NodeKind::thematic_break) {
        return true;
    }
    if ((n.kind == NodeKind::text || n.kind == NodeKind::code || n.kind == NodeKind::code_block) &&
        !n.text.empty()) {
        return true;
    }
    return std::any_of(n.children.begin(), n.children.end(), has_content);
}

ContentBuilder::ContentBuilder(const Analysis& a, const ConvertOptions& o) : m_a(a), m_o(o) {
    m_blocks.push_back(&m_doc);
}

void ContentBuilder::visit_root(html::Node root) {
    m_root = root;
    visit(root);
    flush();
}

ContentNode ContentBuilder::finish() {
    flush();
    return std::move(m_doc);
}


void ContentBuilder::open_container(NodeKind kind, html::Node n, int start, bool ordered) {
    flush();
    ContentNode node;
    node.kind = kind;
    node.start = start;
    node.ordered = ordered;
    ContentNode* parent = m_blocks.back();
    if (parent->kind == NodeKind::list && kind != NodeKind::list_item) {
        ContentNode item;
        item.kind = NodeKind::list_item;
        parent->children.push_back(std::move(item));
        parent = &parent->children.back();
    }
    parent->children.push_back(std::move(node));
    m_blocks.push_back(&parent->children.back());
    visit_children(n);
    flush();
    m_blocks.pop_back();
    if (!has_content(parent->children.back())) {
        parent->children.pop_back();
    }
}

void ContentBuilder::add_block(ContentNode node) {
    flush();
    ContentNode* parent = m_blocks.back();
    if (parent->kind == NodeKind::list) {
        ContentNode item;
        item.kind = NodeKind::list_item;
        item.children.push_back(std::move(node));
        parent->children.push_back(std::move(item));
    } else {
        parent->children.push_back(std::move(node));
    }
}

void ContentBuilder::transparent_block(html::Node n) {
    if (m_flat > 0 || (m_run_open && m_inline.size() > 1)) {
        m_pending_space = true;
        visit_children(n);
        m_pending_space = true;
        return;
    }
    flush();
    visit_children(n);
    flush();
}

void ContentBuilder::heading(html::Node n, int level) {
    if (m_flat > 0) {
        transparent_block(n);
        return;
    }
    if (m_o.cleaning == Cleaning::generic) {
        std::string text = n.text();
        if (text.empty() || (!m_o.title.empty() && text == m_o.title)) {
            return;
        }
        const Info* info = m_a.find(n);
        if (info != nullptr && info->class_weight < 0 && level <= 2) {
            return;
        }
    }
    flush();
    open_run(NodeKind::heading, level);
    ++m_flat;
    visit_children(n);
    --m_flat;
    flush();
}

void ContentBuilder::code_block(html::Node n) {
    ContentNode node;
    node.kind = NodeKind::code_block;
    raw_text(n, node.text);
    while (!node.text.empty() && (node.text.back() == '\n' || node.text.back() == ' ')) {
        node.text.pop_back();
    }
    while (!node.text.empty() && node.text.front() == '\n') {
        node.text.erase(node.text.begin());
    }
    html::Node code = n.select_first("code");
    for (html::Node c : {n, code}) {
        std::string_view cls = c.attr("class");
        for (std::string_view prefix : {"language-", "lang-"}) {
            if (auto p = cls.find(prefix); p != std::string_view::npos) {
                std::string_view rest = cls.substr(p + prefix.size());
                node.lang = std::string(rest.substr(0, rest.find(' ')));
            }
        }
    }
    if (!node.text.empty()) {
        add_block(std::move(node));
    }
}

void ContentBuilder::raw_text(html::Node n, std::string& out) {
    for (std::size_t i = 0; i < n.child_count(); ++i) {
        html::Node c = n.child(i);
        if (c.is_text()) {
            out += c.text_value();
        } else if (c.is("br")) {
            out += '\n';
        } else if (c.is_element() && !c.is("script") && !c.is("style")) {
            raw_text(c, out);
        }
    }
}

bool ContentBuilder::contains_blocks(html::Node n) const {
    const Info* info = m_a.find(n);
    if (info != nullptr && info->own_chars < info->chars) {
        return true;
    }
    for (const html::Node& c : n.element_children()) {
        if (html::is_block_tag(c.tag())) {
            return true;
        }
    }
    return false;
}

void ContentBuilder::visit_children(html::Node n) {
    std::size_t count = n.child_count();
    for (std::size_t i = 0; i < count; ++i) {
        visit(n.child(i));
    }
}

void ContentBuilder::visit(html::Node n) {
    if (n.is_text()) {
        emit_text(n.text_value());
        return;
    }
    if (!n.is_element()) {
        return;
    }
    const Info* info = m_a.find(n);
    if (info == nullptr || info->drop != Drop::keep) {
        return; // junk tags are not in the analysis
    }
    if (m_o.cleaning == Cleaning::generic && n != m_root && is_clutter(m_a, *info)) {
        return;
    }
    std::string_view t = info->tag;
    if (m_o.cleaning == Cleaning::generic && n != m_root && is_caption(n, t)) {
        return;
    }
    if (t == "p") {
        bool saved = m_in_p;
        m_in_p = true;
        transparent_block(n);
        m_in_p = saved;
    } else if (is_heading(t)) {
        heading(n, t[1] - '0');
    } else if (t == "br") {
        if (m_flat > 0) {
            m_pending_space = true;
        } else {
            ++m_brs;
        }
    } else if (t == "img") {
        image(n);
    } else if (t == "a") {
        if (m_flat == 0 && contains_blocks(n)) {
            transparent_block(n);
        } else {
            link(n);
        }
    } else if (t == "strong" || t == "b" || t == "em" || t == "i" || t == "s" ||
               t == "strike" || t == "del") {
        if (m_flat == 0 && contains_blocks(n)) {
            transparent_block(n);
            return;
        }
        NodeKind kind = (t == "strong" || t == "b") ? NodeKind::strong
                        : (t == "em" || t == "i") ? NodeKind::emphasis
                                                  : NodeKind::strikethrough;
        ContentNode node;
        node.kind = kind;
        open_inline(std::move(node), n);
    } else if (t == "code" || t == "kbd" || t == "samp" || t == "tt") {
        std::string text = n.text();
        if (!text.empty()) {
            ensure_run();
            if (m_pending_space && m_last != 0 && m_last != '\n') {
                append_char(' ');
            }
            m_pending_space = false;
            ContentNode c;
            c.kind = NodeKind::code;
            c.text = std::move(text);
            m_inline.back()->children.push_back(std::move(c));
            m_last = 'x';
        }
    } else if (t == "pre" && m_flat == 0) {
        flush();
        code_block(n);
    } else if (t == "ul" || t == "ol") {
        if (m_flat > 0) {
            transparent_block(n);
            return;
        }
        int start = std::atoi(std::string(n.attr("start")).c_str());
        open_container(NodeKind::list, n, start > 0 ? start : 1, t == "ol");
    } else if (t == "li") {
        if (m_flat > 0 || m_blocks.back()->kind != NodeKind::list) {
            transparent_block(n);
            return;
        }
        open_container(NodeKind::list_item, n);
    } else if (t == "blockquote") {
        if (m_flat > 0) {
            transparent_block(n);
            return;
        }
        open_container(NodeKind::blockquote, n);
    } else if (t == "hr") {
        if (m_flat == 0) {
            ContentNode hr;
            hr.kind = NodeKind::thematic_break;
            add_block(std::move(hr));
        }
    } else if (t == "table") {
        table(n);
    } else if (html::is_block_tag(t) || t == "figcaption" || t == "summary") {
        transparent_block(n);
    } else {
        visit_children(n);
    }
}

ContentNode convert_body(const Analysis& a,
                         const std::vector<html::Node>& roots,
                         const ConvertOptions& options) {
    ContentBuilder b(a, options);
    for (const html::Node& r : roots) {
        b.visit_root(r);
    }
    return b.finish();
}

} // namespace archiver::extract::detail
