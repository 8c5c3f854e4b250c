// SPDX-License-Identifier: MIT
#include <archiver/markdown/render.hpp>

#include "inline.hpp"

#include <archiver/html/unicode.hpp>

namespace archiver::markdown {

namespace {

void text_blocks(const ContentNode& n, std::string& out) {
    switch (n.kind) {
    case NodeKind::paragraph:
    case NodeKind::heading: {
        std::string line;
        detail::plain_inlines(n, line);
        if (!line.empty()) {
            out += line;
            out += '\n';
        }
        return;
    }
    case NodeKind::code_block:
        if (!n.text.empty()) {
            out += n.text;
            out += '\n';
        }
        return;
    case NodeKind::table:
        for (const auto& row : n.children) {
            std::string line;
            for (const auto& cell : row.children) {
                std::string text;
                detail::plain_inlines(cell, text);
                if (!text.empty()) {
                    line += line.empty() ? "" : "\t";
                    line += text;
                }
            }
            if (!line.empty()) {
                out += line;
                out += '\n';
            }
        }
        return;
    case NodeKind::thematic_break:
    case NodeKind::image:
        return;
    case NodeKind::text:
    case NodeKind::strong:
    case NodeKind::emphasis:
    case NodeKind::strikethrough:
    case NodeKind::link:
    case NodeKind::code: {
        ContentNode p;
        p.kind = NodeKind::paragraph;
        p.children.push_back(n);
        text_blocks(p, out);
        return;
    }
    default:
        for (const auto& c : n.children) {
            text_blocks(c, out);
        }
        return;
    }
}

} // namespace

std::string render_text(const ContentNode& body) {
    std::string out;
    text_blocks(body, out);
    return out;
}

std::string make_summary(std::string_view text, std::size_t max_code_points) {
    // The lines run together; a space joins them only between non-CJK characters. Only the
    // start of the text is joined: one code point past the limit tells that it goes on.
    std::string joined;
    std::size_t i = 0;
    std::size_t joined_points = 0;
    bool pending_break = false;
    while (i < text.size() && joined_points <= max_code_points) {
        char32_t cp = html::next_code_point(text, i);
        if (cp == '\n' || cp == '\r') {
            pending_break = !joined.empty();
            continue;
        }
        if (pending_break) {
            char32_t last = html::last_code_point(joined, joined.size());
            if (!html::is_cjk(last) && !html::is_cjk(cp) && !html::is_space(cp) &&
                !html::is_space(last)) {
                joined += ' ';
                ++joined_points;
            }
            pending_break = false;
        }
        html::append_utf8(joined, cp);
        ++joined_points;
    }
    std::string out;
    std::size_t count = 0;
    i = 0;
    while (i < joined.size()) {
        if (count == max_code_points) {
            // Drop trailing spaces before the ellipsis.
            while (!out.empty() && out.back() == ' ') {
                out.pop_back();
            }
            return out + "...";
        }
        std::size_t start = i;
        html::next_code_point(joined, i);
        out.append(joined, start, i - start);
        ++count;
    }
    return out;
}

} // namespace archiver::markdown
