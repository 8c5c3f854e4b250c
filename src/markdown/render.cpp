// SPDX-License-Identifier: MIT
#include <archiver/markdown/render.hpp>

#include "inline.hpp"

#include <algorithm>
#include <vector>

namespace archiver::markdown {

namespace {

using detail::Context;

std::string indent_lines(const std::string& text, const std::string& first, const std::string& rest) {
    std::string out;
    std::size_t pos = 0;
    bool first_line = true;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string::npos) {
            end = text.size();
        }
        std::string line = text.substr(pos, end - pos);
        if (!line.empty() || first_line) {
            out += first_line ? first : rest;
        }
        out += line;
        out += '\n';
        first_line = false;
        pos = end + 1;
    }
    return out;
}

std::string render_blocks(const std::vector<ContentNode>& blocks, bool tight);

std::string render_table(const ContentNode& table) {
    std::size_t cols = 0;
    for (const auto& row : table.children) {
        cols = std::max(cols, row.children.size());
    }
    if (cols == 0) {
        return {};
    }
    auto row_line = [&](const ContentNode& row) {
        std::string line = "|";
        for (std::size_t c = 0; c < cols; ++c) {
            std::string cell;
            if (c < row.children.size()) {
                cell = detail::render_inlines(row.children[c], Context::table_cell);
                std::replace(cell.begin(), cell.end(), '\n', ' ');
            }
            line += ' ';
            line += cell;
            line += " |";
        }
        return line + "\n";
    };
    std::string out = row_line(table.children.front());
    out += "|";
    for (std::size_t c = 0; c < cols; ++c) {
        out += " --- |";
    }
    out += "\n";
    for (std::size_t r = 1; r < table.children.size(); ++r) {
        out += row_line(table.children[r]);
    }
    return out;
}

std::string render_code_block(const ContentNode& n) {
    std::size_t ticks = 3;
    std::size_t run = 0;
    for (char c : n.text) {
        run = c == '`' ? run + 1 : 0;
        ticks = std::max(ticks, run + 1);
    }
    std::string fence(ticks, '`');
    return fence + n.lang + "\n" + n.text + "\n" + fence + "\n";
}

std::string render_list(const ContentNode& list) {
    std::string out;
    int number = list.start;
    // A list is loose when any item holds more than one block.
    bool loose = std::any_of(list.children.begin(), list.children.end(), [](const ContentNode& i) {
        return i.children.size() > 1 &&
               !(i.children.size() == 2 && i.children[1].kind == NodeKind::list);
    });
    bool first = true;
    for (const auto& item : list.children) {
        std::string marker = list.ordered ? std::to_string(number++) + ". " : "- ";
        std::string body = render_blocks(item.children, !loose);
        if (body.empty()) {
            body.push_back('\n');
        }
        if (!first && loose) {
            out += '\n';
        }
        first = false;
        out += indent_lines(body, marker, std::string(marker.size(), ' '));
    }
    return out;
}

std::string render_block(const ContentNode& n) {
    switch (n.kind) {
    case NodeKind::paragraph: {
        std::string text = detail::render_inlines(n, Context::block);
        return text.empty() ? std::string() : text + "\n";
    }
    case NodeKind::heading: {
        std::string text = detail::render_inlines(n, Context::table_cell);
        std::replace(text.begin(), text.end(), '\n', ' ');
        if (text.empty()) {
            return {};
        }
        int level = std::clamp(n.level, 1, 6);
        return std::string(static_cast<std::size_t>(level), '#') + " " + text + "\n";
    }
    case NodeKind::list:
        return render_list(n);
    case NodeKind::list_item:
        return render_blocks(n.children, true);
    case NodeKind::blockquote: {
        std::string inner = render_blocks(n.children, false);
        std::string out;
        std::size_t pos = 0;
        while (pos < inner.size()) {
            std::size_t end = inner.find('\n', pos);
            std::string line = inner.substr(pos, end - pos);
            out += line.empty() ? ">" : "> " + line;
            out += '\n';
            pos = end + 1;
        }
        return out;
    }
    case NodeKind::code_block:
        return render_code_block(n);
    case NodeKind::table:
        return render_table(n);
    case NodeKind::thematic_break:
        return "---\n";
    case NodeKind::document:
        return render_blocks(n.children, false);
    default: {
        // Inline content at block level: a paragraph of its own.
        ContentNode p;
        p.kind = NodeKind::paragraph;
        p.children.push_back(n);
        return render_block(p);
    }
    }
}

std::string render_blocks(const std::vector<ContentNode>& blocks, bool tight) {
    std::string out;
    NodeKind previous = NodeKind::document;
    for (const auto& b : blocks) {
        std::string text = render_block(b);
        if (text.empty()) {
            continue;
        }
        if (!out.empty()) {
            // Blocks are separated by a blank line, except inside a tight list item.
            if (!tight || (previous == NodeKind::list && b.kind == NodeKind::list)) {
                out += '\n';
            }
        }
        out += text;
        previous = b.kind;
    }
    return out;
}

} // namespace

std::string render_markdown(const ContentNode& body) {
    std::string out = render_block(body);
    while (!out.empty() && out.back() == '\n') {
        out.pop_back();
    }
    if (!out.empty()) {
        out += '\n';
    }
    return out;
}

} // namespace archiver::markdown
