// SPDX-License-Identifier: MIT
#include "analysis.hpp"

#include <archiver/html/unicode.hpp>

#include <algorithm>
#include <cstdint>
#include <array>
#include <string>

namespace archiver::extract::detail {

namespace {

constexpr std::array<std::string_view, 20> k_junk_tags = {
    "script", "style",  "noscript", "template", "svg",    "iframe", "object",
    "embed",  "button", "input",    "select",   "textarea", "canvas", "map",
    "audio",  "video",  "link",     "meta",     "dialog", "head"};

// Class/id fragments of boilerplate (readability's "unlikely candidates" plus the share,
// recommendation and comment blocks of Chinese news templates).
constexpr std::array<std::string_view, 47> k_unlikely = {
    "-ad-",       "ai2html",   "banner",     "breadcrumb", "combx",     "comment",
    "community",  "cover-wrap", "disqus",    "extra",      "footer",    "gdpr",
    "header",     "legends",   "menu",       "related",    "remark",    "replies",
    "rss",        "shoutbox",  "sidebar",    "skyscraper", "social",    "sponsor",
    "supplemental", "ad-break", "agegate",   "pagination", "pager",     "popup",
    "yom-remote", "share",     "newsletter", "subscribe",  "promo",     "cookie",
    "signup",     "recommend", "toolbar",    "navbar",     "masthead",  "fenxiang",
    "pinglun",    "xiangguan", "tuijian",    "copyright",  "hot-list"};

constexpr std::array<std::string_view, 8> k_maybe = {"and",    "article", "body", "column",
                                                     "content", "main",   "shadow", "text"};

constexpr std::array<std::string_view, 18> k_positive = {
    "article", "body",  "content", "entry",  "hentry", "h-entry", "main",  "page",   "pagination",
    "post",    "text",  "blog",    "story",  "detail", "zhengwen", "neirong", "wenzhang", "con_"};

constexpr std::array<std::string_view, 26> k_negative = {
    "-ad-",   "hidden",  "hid",      "banner",   "combx",  "comment", "com-",    "contact",
    "foot",   "footer",  "footnote", "gdpr",     "masthead", "media", "meta",    "outbrain",
    "promo",  "related", "scroll",   "share",    "shoutbox", "sidebar", "skyscraper",
    "sponsor", "shopping", "widget"};

// ASCII lower case of one byte.
char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Which lists a class/id fragment belongs to (one bit per list).
constexpr unsigned k_bit_unlikely = 1;
constexpr unsigned k_bit_maybe = 2;
constexpr unsigned k_bit_positive = 4;
constexpr unsigned k_bit_negative = 8;

struct Hint {
    std::string_view word;
    unsigned bits;
};

// The four lists merged and bucketed by first byte, so a class value is read once.
struct HintTable {
    std::array<std::vector<Hint>, 256> by_first;
    std::array<std::uint64_t, 1024> pairs{}; // bit (a << 8 | b): some word starts "ab"

    bool starts_pair(unsigned char a, unsigned char b) const noexcept {
        const unsigned key = (static_cast<unsigned>(a) << 8) | b;
        return ((pairs[key >> 6] >> (key & 63)) & 1) != 0;
    }
};

const HintTable& hint_table() {
    static const HintTable table = [] {
        HintTable t;
        auto add = [&t](std::string_view word, unsigned bit) {
            auto& bucket = t.by_first[static_cast<unsigned char>(word[0])];
            for (Hint& h : bucket) {
                if (h.word == word) {
                    h.bits |= bit;
                    return;
                }
            }
            bucket.push_back({word, bit});
            const unsigned key = (static_cast<unsigned>(static_cast<unsigned char>(word[0])) << 8) |
                                 static_cast<unsigned char>(word[1]);
            t.pairs[key >> 6] |= std::uint64_t{1} << (key & 63);
        };
        for (std::string_view w : k_unlikely) {
            add(w, k_bit_unlikely);
        }
        for (std::string_view w : k_maybe) {
            add(w, k_bit_maybe);
        }
        for (std::string_view w : k_positive) {
            add(w, k_bit_positive);
        }
        for (std::string_view w : k_negative) {
            add(w, k_bit_negative);
        }
        return t;
    }();
    return table;
}

bool boilerplate_role(std::string_view role) {
    return role == "navigation" || role == "menu" || role == "menubar" || role == "complementary" ||
           role == "alert" || role == "alertdialog" || role == "dialog" || role == "banner" ||
           role == "contentinfo";
}

bool boilerplate_class(ClassHints cls, ClassHints id) {
    const unsigned bits = cls.bits | id.bits;
    return (bits & k_bit_unlikely) != 0 && (bits & k_bit_maybe) == 0;
}

// The attributes the walk reads, gathered in one pass over the element's attributes.
struct Attrs {
    std::string_view cls, id, role, style, aria_hidden;
    bool hidden = false;
};

Attrs read_attrs(html::Node n) {
    Attrs a;
    const std::size_t count = n.attribute_count();
    for (std::size_t i = 0; i < count; ++i) {
        const auto [name, value] = n.attribute(i);
        if (name == "class") {
            a.cls = value;
        } else if (name == "id") {
            a.id = value;
        } else if (name == "role") {
            a.role = value;
        } else if (name == "style") {
            a.style = value;
        } else if (name == "aria-hidden") {
            a.aria_hidden = value;
        } else if (name == "hidden") {
            a.hidden = true;
        }
    }
    return a;
}

bool is_hidden(const Attrs& a) {
    if (a.hidden) {
        return true;
    }
    if (a.aria_hidden == "true" && a.cls.find("fallback-image") == std::string_view::npos) {
        return true;
    }
    if (a.style.empty()) {
        return false;
    }
    thread_local std::string s;
    s.clear();
    for (char c : a.style) {
        if (c != ' ') {
            s += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        }
    }
    return s.find("display:none") != std::string::npos ||
           s.find("visibility:hidden") != std::string::npos;
}

class Walker {
public:
    Walker(Analysis& a, const std::vector<html::Selector>& remove, Strip strip)
        : m_a(a), m_remove(remove), m_strip(strip) {}

    // Returns the index of `n`'s Info.
    int visit(html::Node n, int parent, int depth) {
        int idx = static_cast<int>(m_a.infos.size());
        m_a.infos.push_back(Info{});
        m_a.index.insert(n.raw(), idx);
        {
            Info& info = m_a.infos.back();
            info.node = n;
            info.parent = parent;
            info.depth = depth;
            info.tag = n.tag();
            info.block = html::is_block_tag(info.tag);
            const Attrs attrs = read_attrs(n);
            const ClassHints cls = class_hints(attrs.cls);
            const ClassHints id = class_hints(attrs.id);
            info.drop = depth == 0 ? Drop::keep : classify(n, info.tag, attrs, cls, id);
            info.class_weight = cls.weight() + id.weight();
            info.dead = info.drop != Drop::keep ||
                        (parent >= 0 && m_a.infos[static_cast<std::size_t>(parent)].dead);
        }
        Info totals;
        std::size_t count = n.child_count();
        bool in_link = n.is("a");
        for (std::size_t i = 0; i < count; ++i) {
            html::Node c = n.child(i);
            if (c.is_text()) {
                TextStats s = text_stats(c.text_value());
                totals.chars += s.chars;
                totals.own_chars += s.chars;
                totals.punct += s.punct;
                totals.own_punct += s.punct;
                continue;
            }
            if (!c.is_element()) {
                continue;
            }
            std::string_view ctag = c.tag();
            if (std::find(k_junk_tags.begin(), k_junk_tags.end(), ctag) != k_junk_tags.end()) {
                if (ctag == "iframe" || ctag == "embed" || ctag == "object" || ctag == "video") {
                    ++totals.embeds;
                }
                if (ctag == "input" || ctag == "select" || ctag == "textarea" || ctag == "button") {
                    ++totals.inputs;
                }
                continue;
            }
            int ci = visit(c, idx, depth + 1);
            const Info& child = m_a.infos[static_cast<std::size_t>(ci)];
            if (child.drop != Drop::keep) {
                continue;
            }
            totals.chars += child.chars;
            totals.link_chars += child.link_chars;
            totals.punct += child.punct;
            totals.link_punct += child.link_punct;
            totals.paragraphs += child.paragraphs + (child.tag == "p" && child.chars > 0 ? 1 : 0);
            totals.images += child.images + (child.tag == "img" ? 1 : 0);
            totals.list_items += child.list_items + (child.tag == "li" ? 1 : 0);
            totals.inputs += child.inputs;
            totals.embeds += child.embeds;
            bool heading = child.tag.size() == 2 && child.tag[0] == 'h' && child.tag[1] >= '1' &&
                           child.tag[1] <= '6';
            totals.headings += child.headings + (heading ? 1 : 0);
            totals.heading_chars += child.heading_chars + (heading ? child.chars : 0);
            if (!child.block) {
                totals.own_chars += child.own_chars;
                totals.own_link_chars += child.own_link_chars;
                totals.own_punct += child.own_punct;
            }
        }
        if (in_link) {
            totals.link_punct = totals.punct;
            totals.link_chars = totals.chars;
            totals.own_link_chars = totals.own_chars;
        }
        Info& info = m_a.infos[static_cast<std::size_t>(idx)];
        info.chars = totals.chars;
        info.link_chars = totals.link_chars;
        info.own_chars = totals.own_chars;
        info.own_link_chars = totals.own_link_chars;
        info.punct = totals.punct;
        info.link_punct = totals.link_punct;
        info.own_punct = totals.own_punct;
        info.paragraphs = totals.paragraphs;
        info.images = totals.images;
        info.list_items = totals.list_items;
        info.inputs = totals.inputs;
        info.embeds = totals.embeds;
        info.headings = totals.headings;
        info.heading_chars = totals.heading_chars;
        return idx;
    }

private:
    Drop classify(html::Node n, std::string_view tag, const Attrs& attrs, ClassHints cls,
                  ClassHints id) const {
        for (const auto& sel : m_remove) {
            if (sel.matches(n)) {
                return Drop::rule;
            }
        }
        if (is_hidden(attrs)) {
            return Drop::hidden;
        }
        if (m_strip == Strip::tags_only) {
            return Drop::keep;
        }
        if (tag == "nav" || tag == "aside" || tag == "footer") {
            return Drop::boilerplate;
        }
        if (tag != "body" && tag != "a" && tag != "article" && tag != "main" &&
            (boilerplate_role(attrs.role) || boilerplate_class(cls, id))) {
            return Drop::boilerplate;
        }
        return Drop::keep;
    }

    Analysis& m_a;
    const std::vector<html::Selector>& m_remove;
    Strip m_strip;
};

} // namespace

TextStats text_stats(std::string_view text) noexcept {
    TextStats s;
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t i = 0;
    while (i < text.size()) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            // ASCII: whitespace and controls 0x09-0x0D are skipped, ',' and ';' are stops.
            ++i;
            if (c == ' ' || (c >= 0x09 && c <= 0x0D)) {
                continue;
            }
            s.punct += (c == ',' || c == ';') ? 1 : 0;
            ++s.chars;
            continue;
        }
        char32_t cp = 0;
        if ((c & 0xF0) == 0xE0 && i + 2 < text.size() && (p[i + 1] & 0xC0) == 0x80 &&
            (p[i + 2] & 0xC0) == 0x80) {
            // Three bytes: CJK text, decoded here instead of by a call per character.
            cp = (static_cast<char32_t>(c & 0x0F) << 12) | (static_cast<char32_t>(p[i + 1] & 0x3F) << 6) |
                 static_cast<char32_t>(p[i + 2] & 0x3F);
            i += 3;
        } else {
            cp = html::next_code_point(text, i);
        }
        if (html::is_space(cp)) {
            continue;
        }
        if (cp == 0xFF0C || cp == 0x3001 || cp == 0x3002 || cp == 0xFF1B || cp == 0xFF01 ||
            cp == 0xFF1F) {
            ++s.punct;
        }
        s.chars += html::is_cjk(cp) ? 2 : 1;
    }
    return s;
}

ClassHints class_hints(std::string_view v) {
    ClassHints h;
    const HintTable& table = hint_table();
    const std::size_t n = v.size();
    // Every word has two bytes or more: a position whose first two bytes begin no word is
    // passed over with one table lookup.
    for (std::size_t i = 0; i + 1 < n; ++i) {
        const auto first = static_cast<unsigned char>(lower(v[i]));
        if (!table.starts_pair(first, static_cast<unsigned char>(lower(v[i + 1])))) {
            continue;
        }
        for (const Hint& hint : table.by_first[first]) {
            // The first byte matched by the bucket: compare the rest in place (these words
            // are short, and a library call per candidate costs more than the comparison).
            const std::string_view w = hint.word;
            if (w.size() > n - i) {
                continue;
            }
            std::size_t k = 1;
            while (k < w.size() && lower(v[i + k]) == w[k]) {
                ++k;
            }
            if (k == w.size()) {
                h.bits |= hint.bits;
            }
        }
    }
    return h;
}

int ClassHints::weight() const noexcept {
    return ((bits & k_bit_positive) != 0 ? 25 : 0) - ((bits & k_bit_negative) != 0 ? 25 : 0);
}

int class_weight(html::Node n) {
    return class_hints(n.attr("class")).weight() + class_hints(n.attr("id")).weight();
}

bool looks_like_boilerplate(html::Node n) {
    if (boilerplate_role(n.attr("role"))) {
        return true;
    }
    return boilerplate_class(class_hints(n.attr("class")), class_hints(n.attr("id")));
}

std::size_t NodeIndex::slot_of(const void* key) const noexcept {
    // Fibonacci hashing of the address; nodes are 16-byte aligned at least.
    const auto x = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(key) >> 4);
    return static_cast<std::size_t>((x * 0x9E3779B97F4A7C15ULL) >> m_shift);
}

void NodeIndex::reserve(std::size_t n) {
    std::size_t want = 16;
    int shift = 60;
    while (want < 2 * n) { // at most half full
        want *= 2;
        --shift;
    }
    if (want <= m_slots.size()) {
        return;
    }
    std::vector<Slot> old = std::move(m_slots);
    m_slots.assign(want, Slot{});
    m_shift = shift;
    m_size = 0;
    for (const Slot& s : old) {
        if (s.key != nullptr) {
            insert(s.key, s.value);
        }
    }
}

void NodeIndex::insert(const void* key, int value) {
    if (2 * (m_size + 1) > m_slots.size()) {
        reserve(m_size + 1 > 8 ? 2 * (m_size + 1) : 16);
    }
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = slot_of(key);; i = (i + 1) & mask) {
        Slot& s = m_slots[i];
        if (s.key == nullptr) {
            s = Slot{key, value};
            ++m_size;
            return;
        }
        if (s.key == key) {
            s.value = value;
            return;
        }
    }
}

int NodeIndex::find(const void* key) const noexcept {
    if (m_slots.empty() || key == nullptr) {
        return -1;
    }
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = slot_of(key);; i = (i + 1) & mask) {
        const Slot& s = m_slots[i];
        if (s.key == key) {
            return s.value;
        }
        if (s.key == nullptr) {
            return -1;
        }
    }
}

Analysis analyze(html::Node scope, const std::vector<html::Selector>& remove, Strip strip) {
    // Both grow geometrically. Most scopes are a feed entry's few dozen nodes: reserving a
    // full page's worth (4,096) cleared a 128 KiB table and took a 400 KiB block, fresh
    // pages from the kernel, for each of them.
    Analysis a;
    a.infos.reserve(64);
    a.index.reserve(64);
    Walker w(a, remove, strip);
    if (scope) {
        w.visit(scope, -1, 0);
        // The scope itself is never dropped.
        a.infos.front().drop = Drop::keep;
        a.infos.front().dead = false;
    }
    return a;
}

} // namespace archiver::extract::detail
