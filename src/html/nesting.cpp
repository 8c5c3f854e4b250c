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

// Up to eight lower-case name characters as one number (first character lowest).
constexpr std::uint64_t pack(std::string_view name) noexcept {
    std::uint64_t key = 0;
    for (std::size_t i = 0; i < name.size() && i < 8; ++i) {
        key |= std::uint64_t{static_cast<unsigned char>(name[i])} << (8 * i);
    }
    return key;
}

// A tag name as read from the markup, lower case, in two numbers: the first eight
// characters and the next eight (longer names are kept truncated: names are compared
// with each other only).
struct TagName {
    std::uint64_t head = 0;
    std::uint64_t tail = 0;

    bool operator==(const TagName&) const noexcept = default;
    bool empty() const noexcept { return head == 0; }
    bool foreign() const noexcept { return tail == 0 && (head == pack("svg") || head == pack("math")); }
};

bool is_name_char(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == ':' || c == '_';
}

// Reads the tag name at s[pos]; returns the index after it.
std::size_t read_name(std::string_view s, std::size_t pos, TagName& name) noexcept {
    std::size_t end = pos;
    while (end < s.size() && is_name_char(s[end])) {
        const std::size_t i = end - pos;
        const std::uint64_t c = static_cast<unsigned char>(lower(s[end]));
        if (i < 8) {
            name.head |= c << (8 * i);
        } else if (i < 16) {
            name.tail |= c << (8 * (i - 8));
        }
        ++end;
    }
    return end;
}

// "</name" of a name of at most eight characters.
std::string end_tag(const TagName& name) {
    std::string out = "</";
    for (std::uint64_t h = name.head; h != 0; h >>= 8) {
        out += static_cast<char>(h & 0xff);
    }
    return out;
}

// What a start tag does to the nesting count.
enum class TagKind : unsigned char {
    level, // an element that holds content and nests (div, span, table, b, ...)
    flat,  // never has content (img, br, meta, ...) or its end tag is optional (p, li, td,
           // ...: the parser closes it when a sibling starts, so it does not nest by
           // repetition); nesting through one always passes a level (<ul><li><ul>)
    raw,   // its content is text up to its end tag (script, style, textarea, ...)
};

TagKind kind_of(const TagName& name) noexcept {
    if (name.tail != 0) {
        return name == TagName{pack("plaintex"), pack("t")} ? TagKind::raw : TagKind::level;
    }
    switch (name.head) {
    case pack("p"): case pack("br"): case pack("hr"): case pack("li"): case pack("dt"):
    case pack("dd"): case pack("tr"): case pack("td"): case pack("th"): case pack("rb"):
    case pack("rt"): case pack("rp"): case pack("img"): case pack("col"): case pack("wbr"):
    case pack("rtc"): case pack("meta"): case pack("link"): case pack("area"): case pack("base"):
    case pack("html"): case pack("head"): case pack("body"): case pack("input"):
    case pack("embed"): case pack("frame"): case pack("param"): case pack("track"):
    case pack("tbody"): case pack("thead"): case pack("tfoot"): case pack("source"):
    case pack("option"): case pack("keygen"): case pack("caption"): case pack("bgsound"):
    case pack("colgroup"): case pack("optgroup"): case pack("basefont"):
        return TagKind::flat;
    case pack("xmp"): case pack("style"): case pack("title"): case pack("script"):
    case pack("iframe"): case pack("noembed"): case pack("textarea"): case pack("noframes"):
        return TagKind::raw;
    default:
        return TagKind::level;
    }
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
            if (name.empty()) {
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
                        foreign -= open.back().name.foreign() ? 1 : 0;
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
        const TagKind kind = kind_of(name);
        if (kind == TagKind::raw) {
            const std::size_t end = name.tail != 0 ? std::string_view::npos // plaintext
                                                   : find_ci(html, end_tag(name), gt + 1);
            if (end == std::string_view::npos) {
                break;
            }
            i = end - 1; // the end tag is read next, matching nothing
            continue;
        }
        const bool self_closed = html[gt - 1] == '/' && foreign > 0;
        if (!self_closed && kind == TagKind::level) {
            const bool dropped = open.size() >= limit;
            if (dropped) {
                drop(i, gt + 1);
            }
            open.push_back({name, dropped});
            foreign += name.foreign() ? 1 : 0;
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
