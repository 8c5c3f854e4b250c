// SPDX-License-Identifier: MIT
#include "inline.hpp"

#include <archiver/html/unicode.hpp>

#include <algorithm>
#include <array>

namespace archiver::markdown::detail {

namespace {

using html::is_punctuation;
using html::is_space;

bool is_alnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           static_cast<unsigned char>(c) >= 0x80;
}

// Longest run of `c` in `s`.
std::size_t longest_run(std::string_view s, char c) {
    std::size_t best = 0, run = 0;
    for (char x : s) {
        run = x == c ? run + 1 : 0;
        best = std::max(best, run);
    }
    return best;
}

std::string link_destination(const std::string& url) {
    bool wrap = url.find_first_of(" ()<>") != std::string::npos;
    if (!wrap) {
        return url;
    }
    std::string out = "<";
    for (char c : url) {
        if (c == '<' || c == '>') {
            out += '\\';
        }
        out += c;
    }
    out += '>';
    return out;
}

std::string link_title(const std::string& title) {
    if (title.empty()) {
        return {};
    }
    std::string out = " \"";
    for (char c : title) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    out += '"';
    return out;
}

bool is_emphasis(NodeKind k) {
    return k == NodeKind::strong || k == NodeKind::emphasis || k == NodeKind::strikethrough;
}

// Splits leading/trailing whitespace and punctuation of an emphasis node's text children out
// of the node: CommonMark only reads `**` as a delimiter when it is flanked correctly, and
// `**李开复：**过去` is not (the closing run is preceded by punctuation and followed by a
// letter). `**李开复**：过去` is.
void split_edges(ContentNode& node, std::string& before, std::string& after) {
    while (!node.children.empty() && node.children.front().kind == NodeKind::text) {
        std::string& t = node.children.front().text;
        std::size_t i = 0;
        std::size_t cut = 0;
        while (i < t.size()) {
            std::size_t start = i;
            char32_t cp = html::next_code_point(t, i);
            if (!is_space(cp) && !is_punctuation(cp)) {
                i = start;
                break;
            }
            cut = i;
        }
        before += t.substr(0, cut);
        t.erase(0, cut);
        if (!t.empty()) {
            break;
        }
        node.children.erase(node.children.begin());
    }
    while (!node.children.empty() && node.children.back().kind == NodeKind::text) {
        std::string& t = node.children.back().text;
        std::size_t end = t.size();
        while (end > 0) {
            char32_t cp = html::last_code_point(t, end);
            if (!is_space(cp) && !is_punctuation(cp)) {
                break;
            }
            std::size_t len = 1;
            while (end - len > 0 && (static_cast<unsigned char>(t[end - len]) & 0xC0) == 0x80) {
                ++len;
            }
            end -= len;
        }
        after.insert(0, t.substr(end));
        t.erase(end);
        if (!t.empty()) {
            break;
        }
        node.children.pop_back();
    }
}

void render_node(const ContentNode& n, Context ctx, std::string& out);

void render_children(const ContentNode& n, Context ctx, std::string& out) {
    for (const auto& c : n.children) {
        render_node(c, ctx, out);
    }
}

void render_node(const ContentNode& n, Context ctx, std::string& out) {
    switch (n.kind) {
    case NodeKind::text:
        out += escape_text(n.text, ctx);
        break;
    case NodeKind::strong:
    case NodeKind::emphasis:
    case NodeKind::strikethrough: {
        ContentNode copy = n;
        std::string before, after;
        split_edges(copy, before, after);
        out += escape_text(before, ctx);
        if (!copy.children.empty()) {
            const char* mark = n.kind == NodeKind::strong   ? "**"
                               : n.kind == NodeKind::emphasis ? "*"
                                                              : "~~";
            std::string inner;
            render_children(copy, ctx, inner);
            if (inner.empty()) {
                // nothing
            } else if (inner.find('\n') != std::string::npos) {
                out += inner; // emphasis does not span hard breaks reliably
            } else {
                out += mark;
                out += inner;
                out += mark;
            }
        }
        out += escape_text(after, ctx);
        break;
    }
    case NodeKind::code: {
        std::size_t ticks = longest_run(n.text, '`') + 1;
        std::string fence(ticks, '`');
        bool pad = n.text.front() == '`' || n.text.back() == '`' ||
                   (n.text.front() == ' ' && n.text.back() == ' ');
        out += fence;
        out += pad ? " " : "";
        std::string text = n.text;
        if (ctx == Context::table_cell) {
            std::string esc;
            for (char c : text) {
                if (c == '|') {
                    esc += '\\';
                }
                esc += c;
            }
            text = esc;
        }
        out += text;
        out += pad ? " " : "";
        out += fence;
        break;
    }
    case NodeKind::link: {
        std::string inner;
        render_children(n, ctx, inner);
        if (inner.empty()) {
            break;
        }
        out += '[';
        out += inner;
        out += "](";
        out += link_destination(n.href);
        out += link_title(n.title);
        out += ')';
        break;
    }
    case NodeKind::image:
        out += "![";
        out += escape_text(n.alt, ctx);
        out += "](";
        out += link_destination(n.src);
        out += link_title(n.title);
        out += ')';
        break;
    case NodeKind::line_break:
        out += ctx == Context::table_cell ? " " : "\\\n";
        break;
    default:
        render_children(n, ctx, out);
        break;
    }
}

} // namespace

std::string escape_text(std::string_view text, Context ctx) {
    // Bytes that may need a backslash; every other byte is copied in runs.
    static constexpr auto k_special = [] {
        std::array<bool, 256> t{};
        for (const unsigned char c : std::string_view("\\`*[]~_<&|")) {
            t[c] = true;
        }
        return t;
    }();
    std::string out;
    out.reserve(text.size() + 8);
    std::size_t run = 0; // start of the bytes not yet copied
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (!k_special[static_cast<unsigned char>(c)]) {
            continue;
        }
        const char prev = i > 0 ? text[i - 1] : ' ';
        const char next = i + 1 < text.size() ? text[i + 1] : ' ';
        bool escape = false;
        switch (c) {
        case '\\': case '`': case '*': case '[': case ']': case '~':
            escape = true;
            break;
        case '_':
            escape = !(is_alnum(prev) && is_alnum(next));
            break;
        case '<':
            escape = is_alnum(next) || next == '/' || next == '!' || next == '?';
            break;
        case '&': {
            std::size_t j = i + 1;
            while (j < text.size() && (is_alnum(text[j]) || text[j] == '#')) {
                ++j;
            }
            escape = j > i + 1 && j < text.size() && text[j] == ';';
            break;
        }
        case '|':
            escape = ctx == Context::table_cell;
            break;
        default:
            break;
        }
        if (escape) {
            out.append(text, run, i - run);
            out += '\\';
            run = i;
        }
    }
    out.append(text, run, text.size() - run);
    return out;
}

std::string escape_line_starts(std::string text) {
    std::string out;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string::npos) {
            end = text.size();
        }
        std::string line = text.substr(pos, end - pos);
        if (!line.empty()) {
            char c = line[0];
            bool spaced = line.size() == 1 || line[1] == ' ' || line[1] == '\t';
            bool rule = line.find_first_not_of(std::string(1, c) + " ") == std::string::npos;
            if (c == '>' || ((c == '#' || c == '-' || c == '+') && spaced) ||
                ((c == '=' || c == '-' || c == '_') && rule)) {
                line.insert(0, "\\");
            } else if (c >= '0' && c <= '9') {
                std::size_t d = 0;
                while (d < line.size() && d < 10 && line[d] >= '0' && line[d] <= '9') {
                    ++d;
                }
                bool marker = d < line.size() && d <= 9 && (line[d] == '.' || line[d] == ')');
                if (marker && (d + 1 == line.size() || line[d + 1] == ' ' || line[d + 1] == '\t')) {
                    line.insert(d, "\\");
                }
            } else if (c == '#') {
                // "#hashtag" is text; only "# " (or a run of #s then space) starts a heading.
                std::size_t h = line.find_first_not_of('#');
                if (h == std::string::npos || (h <= 6 && line[h] == ' ')) {
                    line.insert(0, "\\");
                }
            }
        }
        out += line;
        if (end < text.size()) {
            out += '\n';
        }
        pos = end + 1;
    }
    return out;
}

std::string render_inlines(const ContentNode& container, Context context) {
    std::string out;
    render_children(container, context, out);
    return escape_line_starts(std::move(out));
}

void plain_inlines(const ContentNode& n, std::string& out) {
    for (const auto& c : n.children) {
        switch (c.kind) {
        case NodeKind::text:
        case NodeKind::code:
            out += c.text;
            break;
        case NodeKind::line_break:
            out += '\n';
            break;
        case NodeKind::image:
            break;
        default:
            if (is_emphasis(c.kind) || c.kind == NodeKind::link) {
                plain_inlines(c, out);
            }
            break;
        }
    }
}

} // namespace archiver::markdown::detail
