// SPDX-License-Identifier: MIT
// The nesting limit applied before gumbo: its tree construction walks the stack of open
// elements for most start tags, so a page of 50,000 nested <div>s (300 KB) takes seconds
// and a megabyte of them minutes. Elements the page would nest deeper than the limit lose
// their tags (their text stays, a newline where each tag was), so gumbo never sees a deep
// stack; cap_tree_depth still bounds whatever nesting gumbo builds on its own.
#include "parse.hpp"
#include "scan.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace archiver::html::detail {

namespace {

// A tag name as read from the markup: lower case, at most 15 letters (longer names are
// kept truncated: they are compared with each other only).
struct TagName {
    char text[16] = {};
    std::uint8_t size = 0;

    std::string_view view() const noexcept { return {text, size}; }
    bool operator==(const TagName& o) const noexcept { return view() == o.view(); }
};

bool is_name_char(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == ':' || c == '_';
}

// Reads the tag name at s[pos]; returns the index after it.
std::size_t read_name(std::string_view s, std::size_t pos, TagName& name) noexcept {
    std::size_t end = pos;
    while (end < s.size() && is_name_char(s[end])) {
        if (name.size < sizeof name.text - 1) {
            name.text[name.size++] = lower(s[end]);
        }
        ++end;
    }
    return end;
}

bool one_of(std::string_view name, std::initializer_list<std::string_view> names) noexcept {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// Elements that never have content, and elements whose end tag is optional (the parser
// closes them itself when a sibling starts, so they do not nest by repetition): neither
// counts as a level. Nesting through them always passes an element that does count
// (<ul><li><ul>, <table><tr><td><table>).
bool never_nests(std::string_view name) noexcept {
    return one_of(name, {"area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr",
                         "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
                         "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody",
                         "thead", "tfoot", "colgroup", "caption", "rb", "rt", "rp", "rtc", "html",
                         "head", "body"});
}

// Elements whose content is text up to their end tag (markup inside is not markup).
bool raw_text(std::string_view name) noexcept {
    return one_of(name, {"script", "style", "textarea", "title", "xmp", "iframe", "noembed",
                         "noframes", "plaintext"});
}

// How far back an end tag looks for its start tag among the open elements: end tags that
// match nothing near the top are left alone (as gumbo mostly ignores them), and the walk
// stays linear in the input.
constexpr std::size_t k_match_window = 64;

struct Open {
    TagName name;
    bool dropped;
};

// Walks the tags of `html`; calls `drop(begin, end)` for each tag range that nests deeper
// than `limit` (or closes an element that did). Returns the deepest nesting seen.
template <class Drop>
std::size_t walk(std::string_view html, std::size_t limit, Drop&& drop) {
    std::vector<Open> open;
    std::size_t deepest = 0;
    std::size_t foreign = 0; // open <svg> and <math> elements: there "/>" closes
    const std::size_t n = html.size();
    for (std::size_t i = html.find('<'); i != std::string_view::npos && i + 1 < n; i = html.find('<', i + 1)) {
        const char next = html[i + 1];
        if (next == '!') {
            if (at_ci(html, i, "<!--")) {
                const std::size_t end = html.find("-->", i + 4);
                if (end == std::string_view::npos) {
                    break;
                }
                i = end + 2;
            } else if (const std::size_t gt = html.find('>', i); gt != std::string_view::npos) {
                i = gt;
            }
            continue;
        }
        if (next == '/') {
            TagName name;
            const std::size_t after = read_name(html, i + 2, name);
            if (name.size == 0) {
                continue;
            }
            const std::size_t gt = html.find('>', after);
            if (gt == std::string_view::npos) {
                break;
            }
            const std::size_t window = std::min(open.size(), k_match_window);
            for (std::size_t k = 0; k < window; ++k) {
                const Open& o = open[open.size() - 1 - k];
                if (o.name == name) {
                    if (o.dropped) {
                        drop(i, gt + 1);
                    }
                    for (std::size_t p = 0; p <= k; ++p) {
                        const std::string_view popped = open.back().name.view();
                        foreign -= (popped == "svg" || popped == "math") ? 1 : 0;
                        open.pop_back();
                    }
                    break;
                }
            }
            i = gt;
            continue;
        }
        if (!((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z'))) {
            continue; // a '<' of text
        }
        TagName name;
        const std::size_t after = read_name(html, i + 1, name);
        const std::size_t gt = tag_end(html, after);
        if (gt == std::string_view::npos) {
            break;
        }
        const std::string_view tag = name.view();
        if (raw_text(tag)) {
            const std::string close = "</" + std::string(tag);
            const std::size_t end = tag == "plaintext" ? std::string_view::npos : find_ci(html, close, gt + 1);
            if (end == std::string_view::npos) {
                break;
            }
            i = end - 1; // the end tag is read next, matching nothing
            continue;
        }
        const bool self_closed = html[gt - 1] == '/' && foreign > 0;
        if (!self_closed && !never_nests(tag)) {
            const bool dropped = open.size() >= limit;
            if (dropped) {
                drop(i, gt + 1);
            }
            open.push_back({name, dropped});
            foreign += (tag == "svg" || tag == "math") ? 1 : 0;
            deepest = std::max(deepest, open.size());
        }
        i = gt;
    }
    return deepest;
}

} // namespace

std::size_t nesting_depth(std::string_view html) {
    return walk(html, SIZE_MAX, [](std::size_t, std::size_t) {});
}

bool limit_nesting(std::string& html, std::size_t limit) {
    std::vector<std::pair<std::size_t, std::size_t>> dropped;
    walk(html, limit, [&](std::size_t begin, std::size_t end) { dropped.emplace_back(begin, end); });
    if (dropped.empty()) {
        return false;
    }
    std::string out;
    out.reserve(html.size());
    std::size_t copied = 0;
    for (auto [begin, end] : dropped) {
        out.append(html, copied, begin - copied);
        out += '\n';
        copied = end;
    }
    out.append(html, copied, std::string::npos);
    html = std::move(out);
    return true;
}

} // namespace archiver::html::detail
