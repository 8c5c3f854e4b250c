// SPDX-License-Identifier: MIT
// ContentBuilder's inline runs (text, emphasis, links, images) and data tables.
#include "convert_builder.hpp"

#include <archiver/core/url.hpp>
#include <archiver/html/unicode.hpp>

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace archiver::extract::detail {

void ContentBuilder::open_run(NodeKind kind, int level) {
    m_run = ContentNode{};
    m_run.kind = kind;
    m_run.level = level;
    m_inline.assign(1, &m_run);
    m_run_open = true;
    m_last = 0;
    m_pending_space = false;
    m_pending_newline = false;
}

void ContentBuilder::ensure_run() {
    if (!m_run_open) {
        open_run();
    }
    if (m_brs > 0) {
        int brs = m_brs;
        m_brs = 0;
        bool at_start = m_last == 0 && m_inline.size() == 1 && m_run.children.empty();
        if (!at_start) {
            if ((brs >= 2 || !m_in_p) && m_inline.size() == 1 &&
                m_run.kind == NodeKind::paragraph) {
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

void ContentBuilder::flush(ContentNode* target) {
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

void ContentBuilder::emit_text(std::string_view text) {
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

void ContentBuilder::append_run(std::string_view run, char32_t last) {
    ContentNode* top = m_inline.back();
    top->children.back().text += run; // append_char just made sure it is a text node
    m_last = last;
}

void ContentBuilder::append_char(char32_t cp) {
    ContentNode* top = m_inline.back();
    if (top->children.empty() || top->children.back().kind != NodeKind::text) {
        ContentNode t;
        t.kind = NodeKind::text;
        top->children.push_back(std::move(t));
    }
    html::append_utf8(top->children.back().text, cp);
    m_last = cp;
}

void ContentBuilder::open_inline(ContentNode node, html::Node n) {
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

void ContentBuilder::image(html::Node n) {
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

void ContentBuilder::link(html::Node n) {
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

bool ContentBuilder::is_data_table(html::Node table) const {
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

void ContentBuilder::table(html::Node n) {
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

} // namespace archiver::extract::detail
