// SPDX-License-Identifier: MIT
#include "analysis.hpp"

#include <archiver/html/unicode.hpp>

#include <algorithm>
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

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

// Lower-cases `buffer` in place.
std::string_view lower_in_place(std::string& buffer) {
    for (char& c : buffer) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return buffer;
}

template <std::size_t N>
bool contains_any(std::string_view hay, const std::array<std::string_view, N>& needles) {
    return std::any_of(needles.begin(), needles.end(), [&](std::string_view n) {
        return hay.find(n) != std::string_view::npos;
    });
}

bool is_hidden(html::Node n) {
    if (n.has_attr("hidden")) {
        return true;
    }
    if (n.attr("aria-hidden") == "true" && n.attr("class").find("fallback-image") == std::string_view::npos) {
        return true;
    }
    std::string_view style = n.attr("style");
    if (style.empty()) {
        return false;
    }
    std::string s;
    for (char c : lower_ascii(style)) {
        if (c != ' ') {
            s += c;
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
        m_a.index.emplace(n.raw(), idx);
        {
            Info& info = m_a.infos.back();
            info.node = n;
            info.parent = parent;
            info.depth = depth;
            info.tag = n.tag();
            info.block = html::is_block_tag(info.tag);
            info.drop = depth == 0 ? Drop::keep : classify(n, info.tag);
            info.class_weight = class_weight(n);
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
    Drop classify(html::Node n, std::string_view tag) const {
        for (const auto& sel : m_remove) {
            if (sel.matches(n)) {
                return Drop::rule;
            }
        }
        if (is_hidden(n)) {
            return Drop::hidden;
        }
        if (m_strip == Strip::tags_only) {
            return Drop::keep;
        }
        if (tag == "nav" || tag == "aside" || tag == "footer") {
            return Drop::boilerplate;
        }
        if (tag != "body" && tag != "a" && tag != "article" && tag != "main" &&
            looks_like_boilerplate(n)) {
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
    std::size_t i = 0;
    while (i < text.size()) {
        char32_t cp = html::next_code_point(text, i);
        if (cp == ' ' || cp == '\n' || cp == '\t' || cp == '\r' || html::is_space(cp)) {
            continue;
        }
        if (cp == ',' || cp == 0xFF0C || cp == 0x3001 || cp == 0x3002 || cp == 0xFF1B ||
            cp == 0xFF01 || cp == 0xFF1F || cp == ';') {
            ++s.punct;
        }
        s.chars += html::is_cjk(cp) ? 2 : 1;
    }
    return s;
}

int class_weight(html::Node n) {
    thread_local std::string buffer;
    int weight = 0;
    for (std::string_view attr : {n.attr("class"), n.attr("id")}) {
        if (attr.empty()) {
            continue;
        }
        buffer.assign(attr);
        std::string_view v = lower_in_place(buffer);
        if (contains_any(v, k_negative)) {
            weight -= 25;
        }
        if (contains_any(v, k_positive)) {
            weight += 25;
        }
    }
    return weight;
}

bool looks_like_boilerplate(html::Node n) {
    std::string_view role = n.attr("role");
    if (role == "navigation" || role == "menu" || role == "menubar" || role == "complementary" ||
        role == "alert" || role == "alertdialog" || role == "dialog" || role == "banner" ||
        role == "contentinfo") {
        return true;
    }
    std::string_view cls = n.attr("class");
    std::string_view id = n.attr("id");
    if (cls.empty() && id.empty()) {
        return false;
    }
    thread_local std::string buffer;
    buffer.assign(cls);
    buffer += ' ';
    buffer += id;
    std::string_view v = lower_in_place(buffer);
    return contains_any(v, k_unlikely) && !contains_any(v, k_maybe);
}

Analysis analyze(html::Node scope, const std::vector<html::Selector>& remove, Strip strip) {
    Analysis a;
    a.infos.reserve(4096);
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
