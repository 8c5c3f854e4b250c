// SPDX-License-Identifier: MIT
#include "convert.hpp"

#include "body.hpp"

#include <archiver/core/url.hpp>
#include <archiver/html/unicode.hpp>

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace archiver::extract::detail {

namespace {

bool is_heading(std::string_view t) {
    return t.size() == 2 && t[0] == 'h' && t[1] >= '1' && t[1] <= '6';
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

class Builder {
public:
    Builder(const Analysis& a, const ConvertOptions& o) : m_a(a), m_o(o) {
        m_blocks.push_back(&m_doc);
    }

    void visit_root(html::Node root) {
        m_root = root;
        visit(root);
        flush();
    }

    ContentNode finish() {
        flush();
        return std::move(m_doc);
    }

private:
    // ------------------------------------------------------------ inline runs
    void open_run(NodeKind kind = NodeKind::paragraph, int level = 0) {
        m_run = ContentNode{};
        m_run.kind = kind;
        m_run.level = level;
        m_inline.assign(1, &m_run);
        m_run_open = true;
        m_last = 0;
        m_pending_space = false;
        m_pending_newline = false;
    }

    void ensure_run() {
        if (!m_run_open) {
            open_run();
        }
        if (m_brs > 0) {
            int brs = m_brs;
            m_brs = 0;
            bool at_start = m_last == 0 && m_inline.size() == 1 && m_run.children.empty();
            if (!at_start) {
                if ((brs >= 2 || !m_in_p) && m_inline.size() == 1 && m_run.kind == NodeKind::paragraph) {
                    flush();
                    open_run();
                } else {
                    ContentNode br;
                    br.kind = NodeKind::line_break;
                    m_inline.back()->children.push_back(std::move(br));
                    m_last = '\n';
                    m_pending_space = false;
                }
            }
        }
    }

    // Ends the current run and appends it to `target` (default: the current container).
    void flush(ContentNode* target = nullptr) {
        m_brs = 0;
        if (!m_run_open) {
            return;
        }
        m_run_open = false;
        m_inline.clear();
        prune(m_run);
        if (!has_content(m_run)) {
            return;
        }
        if (target == nullptr) {
            target = m_blocks.back();
            if (target->kind == NodeKind::list) {
                ContentNode item;
                item.kind = NodeKind::list_item;
                target->children.push_back(std::move(item));
                target = &target->children.back();
            }
        }
        target->children.push_back(std::move(m_run));
    }

    void emit_text(std::string_view text) {
        std::size_t i = 0;
        while (i < text.size()) {
            char32_t cp = html::next_code_point(text, i);
            if (html::is_space(cp) || cp == 0) {
                m_pending_space = true;
                if (cp == '\n' || cp == '\r') {
                    m_pending_newline = true;
                }
                continue;
            }
            ensure_run();
            if (m_pending_space && m_last != 0 && m_last != '\n' &&
                !(m_pending_newline && html::is_cjk(m_last) && html::is_cjk(cp))) {
                append_char(' ');
            }
            m_pending_space = false;
            m_pending_newline = false;
            append_char(cp);
            // The characters up to the next space join the same text in one append.
            const std::size_t start = i;
            char32_t last = cp;
            while (i < text.size()) {
                const auto c = static_cast<unsigned char>(text[i]);
                if (c < 0x80) {
                    if (c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0) {
                        break;
                    }
                    last = c;
                    ++i;
                    continue;
                }
                if (c >= 0xE1 && c <= 0xEC && i + 3 <= text.size() &&
                    (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80 &&
                    (static_cast<unsigned char>(text[i + 2]) & 0xC0) == 0x80) {
                    // U+1000..U+CFFF (most CJK text), decoded inline; its spaces lie in
                    // U+1680..U+3000.
                    const char32_t next = (static_cast<char32_t>(c & 0x0F) << 12) |
                                          (static_cast<char32_t>(text[i + 1] & 0x3F) << 6) |
                                          static_cast<char32_t>(text[i + 2] & 0x3F);
                    if (next >= 0x1680 && next <= 0x3000 && html::is_space(next)) {
                        break;
                    }
                    last = next;
                    i += 3;
                    continue;
                }
                std::size_t k = i;
                const char32_t next = html::next_code_point(text, k);
                if (html::is_space(next) || next == 0xFFFD) { // U+FFFD: maybe an invalid byte
                    break;
                }
                last = next;
                i = k;
            }
            if (i > start) {
                append_run(text.substr(start, i - start), last);
            }
        }
    }

    // Appends `run` (valid UTF-8 without spaces, ending with `last`) to the current text.
    void append_run(std::string_view run, char32_t last) {
        ContentNode* top = m_inline.back();
        top->children.back().text += run; // append_char just made sure it is a text node
        m_last = last;
    }

    void append_char(char32_t cp) {
        ContentNode* top = m_inline.back();
        if (top->children.empty() || top->children.back().kind != NodeKind::text) {
            ContentNode t;
            t.kind = NodeKind::text;
            top->children.push_back(std::move(t));
        }
        html::append_utf8(top->children.back().text, cp);
        m_last = cp;
    }

    void open_inline(ContentNode node, html::Node n) {
        ensure_run();
        // Whitespace before an element belongs outside it.
        if (m_pending_space && m_last != 0 && m_last != '\n') {
            append_char(' ');
            m_pending_space = false;
        }
        m_inline.back()->children.push_back(std::move(node));
        ContentNode* opened = &m_inline.back()->children.back();
        m_inline.push_back(opened);
        visit_children(n);
        // The run may have been split inside; only pop what is still ours.
        if (m_run_open && m_inline.size() > 1 && m_inline.back() == opened) {
            m_inline.pop_back();
        }
    }

    // ------------------------------------------------------------ blocks
    void open_container(NodeKind kind, html::Node n, int start = 1, bool ordered = false) {
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

    void add_block(ContentNode node) {
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

    void transparent_block(html::Node n) {
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

    void heading(html::Node n, int level) {
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

    void code_block(html::Node n) {
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

    static void raw_text(html::Node n, std::string& out) {
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

    bool is_data_table(html::Node table) const {
        if (table.attr("role") == "presentation") {
            return false;
        }
        if (!table.select("table").empty()) {
            return false;
        }
        const Info* info = m_a.find(table);
        if (info != nullptr && info->paragraphs > 0) {
            return false; // a layout table around paragraphs
        }
        std::vector<html::Node> rows = table.select("tr");
        if (rows.empty()) {
            return false;
        }
        std::size_t max_cols = 0;
        for (const html::Node& r : rows) {
            std::size_t cols = 0;
            for (const html::Node& c : r.element_children()) {
                cols += (c.is("td") || c.is("th")) ? 1 : 0;
            }
            max_cols = std::max(max_cols, cols);
        }
        if (max_cols <= 1) {
            return false;
        }
        return table.select_first("th") || table.select_first("thead") ||
               table.select_first("caption") || rows.size() >= 2;
    }

    void table(html::Node n) {
        if (m_flat > 0 || !is_data_table(n)) {
            transparent_block(n);
            return;
        }
        flush();
        ContentNode t;
        t.kind = NodeKind::table;
        for (const html::Node& row : n.select("tr")) {
            ContentNode r;
            r.kind = NodeKind::table_row;
            for (const html::Node& cell : row.element_children()) {
                if (!cell.is("td") && !cell.is("th")) {
                    continue;
                }
                open_run(NodeKind::table_cell);
                m_run.header = cell.is("th");
                ++m_flat;
                visit_children(cell);
                --m_flat;
                m_run_open = false;
                m_inline.clear();
                prune(m_run);
                r.children.push_back(std::move(m_run));
            }
            if (!r.children.empty()) {
                t.children.push_back(std::move(r));
            }
        }
        if (!t.children.empty()) {
            add_block(std::move(t));
        }
    }

    void image(html::Node n) {
        std::string src = image_source(n, m_o.base_url);
        if (src.empty()) {
            return;
        }
        for (std::string_view dim : {n.attr("width"), n.attr("height")}) {
            if (!dim.empty() && std::atoi(std::string(dim).c_str()) > 0 &&
                std::atoi(std::string(dim).c_str()) <= 2) {
                return; // tracking pixel
            }
        }
        ensure_run();
        if (m_pending_space && m_last != 0 && m_last != '\n') {
            append_char(' ');
        }
        m_pending_space = false;
        ContentNode img;
        img.kind = NodeKind::image;
        img.src = std::move(src);
        img.alt = html::collapse_whitespace(n.attr("alt"));
        img.title = html::collapse_whitespace(n.attr("title"));
        m_inline.back()->children.push_back(std::move(img));
        m_last = 0xFFFC;
    }

    void link(html::Node n) {
        std::string_view href = n.attr("href");
        std::string_view trimmed = href;
        while (!trimmed.empty() && trimmed.front() == ' ') {
            trimmed.remove_prefix(1);
        }
        if (trimmed.empty() || trimmed.front() == '#' || trimmed.substr(0, 11) == "javascript:") {
            visit_children(n);
            return;
        }
        ContentNode node;
        node.kind = NodeKind::link;
        node.href = url::resolve(m_o.base_url, trimmed);
        // Only web and mail links survive: `JaVaScRiPt:`, `vbscript:`, `data:` and the like
        // keep their text and lose the link.
        if (auto u = url::parse(node.href)) {
            std::string scheme = u->scheme;
            for (auto& c : scheme) {
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            }
            if (scheme != "http" && scheme != "https" && scheme != "mailto" && scheme != "ftp") {
                visit_children(n);
                return;
            }
        }
        node.title = html::collapse_whitespace(n.attr("title"));
        open_inline(std::move(node), n);
    }

    bool contains_blocks(html::Node n) const {
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

    // ------------------------------------------------------------ dispatch
    void visit_children(html::Node n) {
        std::size_t count = n.child_count();
        for (std::size_t i = 0; i < count; ++i) {
            visit(n.child(i));
        }
    }

    void visit(html::Node n) {
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

    const Analysis& m_a;
    const ConvertOptions& m_o;
    html::Node m_root;
    ContentNode m_doc;
    std::vector<ContentNode*> m_blocks;
    ContentNode m_run;
    bool m_run_open = false;
    std::vector<ContentNode*> m_inline;
    bool m_pending_space = false;
    bool m_pending_newline = false;
    char32_t m_last = 0;
    int m_brs = 0;
    bool m_in_p = false;
    int m_flat = 0;
};

} // namespace

ContentNode convert_body(const Analysis& a,
                         const std::vector<html::Node>& roots,
                         const ConvertOptions& options) {
    Builder b(a, options);
    for (const html::Node& r : roots) {
        b.visit_root(r);
    }
    return b.finish();
}

} // namespace archiver::extract::detail
