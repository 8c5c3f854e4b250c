// SPDX-License-Identifier: MIT
// RSS 0.9x and 2.0 elements, with the iTunes and Media RSS extensions RSS 2.0 feeds carry.
#include "walk.hpp"

#include <cctype>

namespace archiver::feed::detail {
namespace {

std::optional<std::int64_t> parse_length(const std::optional<std::string>& v) {
    if (!v) {
        return std::nullopt;
    }
    std::int64_t n = 0;
    std::size_t digits = 0;
    for (char c : *v) {
        if (c >= '0' && c <= '9') {
            if (n > (INT64_MAX - 9) / 10) {
                return std::nullopt;
            }
            n = n * 10 + (c - '0');
            ++digits;
        } else if (c != ' ') {
            return std::nullopt;
        }
    }
    return digits ? std::optional<std::int64_t>(n) : std::nullopt;
}

bool has_child_element(const Elem& e) {
    for (pugi::xml_node c = e.node.first_child(); present(c); c = c.next_sibling()) {
        if (c.type() == pugi::node_element) {
            return true;
        }
    }
    return false;
}

void add_enclosure(std::vector<Enclosure>& list, Enclosure enc) {
    if (enc.url.empty()) {
        return;
    }
    for (const auto& e : list) {
        if (e.url == enc.url) {
            return;
        }
    }
    list.push_back(std::move(enc));
}

} // namespace

bool rss2_entry_element(const Elem& e, WalkContext& ctx, EntryState& st) {
    Entry& en = st.entry;
    const std::string_view n = e.name; // compared with literals: lengths first
    if (n == "title" || n == "media:title") {
        if (n == "media:title" && en.title) {
            return true; // the item's own title wins
        }
        en.title = content_value(e, ctx, "text/plain");
    } else if (n == "link" && !has_attr(e, "href")) {
        const std::string v = plain_text(e, ctx);
        const std::string rel = attr(e, "rel", ctx).value_or("alternate");
        if (!v.empty() && rel == "alternate") {
            en.link = resolve(e, v);
            st.has_link = true;
        } else if (!v.empty() && rel == "enclosure") {
            Enclosure enc;
            enc.url = resolve(e, v);
            enc.type = attr(e, "type", ctx);
            add_enclosure(en.enclosures, std::move(enc));
        }
    } else if (n == "guid") {
        en.id = plain_text(e, ctx);
        const std::string permalink = attr(e, "ispermalink", ctx).value_or("true");
        if (permalink == "true" && !en.id->empty()) {
            set_guid_link(st, e, *en.id);
        } else {
            st.guid_link.reset();
        }
    } else if (n == "pubdate") {
        if (auto d = date_value(e, ctx)) {
            en.published = d;
        }
    } else if (n == "lastbuilddate") {
        if (auto d = date_value(e, ctx)) {
            en.updated = d;
        }
    } else if (n == "description" || n == "itunes:summary") {
        set_summary(st, e, ctx, n == "description" ? "text/html" : "text/plain");
    } else if (n == "author" && !has_child_element(e)) {
        en.author = plain_text(e, ctx);
    } else if (n == "itunes:author") {
        if (!en.author) {
            en.author = plain_text(e, ctx);
        }
    } else if (n == "category" || n == "media:category") {
        auto term = attr(e, "term", ctx);
        add_category(en.categories, term ? std::move(*term) : plain_text(e, ctx));
    } else if (n == "itunes:category") {
        add_category(en.categories, attr(e, "text", ctx).value_or(""));
        for (pugi::xml_node c = e.node.first_child(); present(c); c = c.next_sibling()) {
            if (c.type() == pugi::node_element) {
                rss2_entry_element(make_elem(c, e.scope), ctx, st); // subcategories
            }
        }
    } else if (n == "itunes:keywords") {
        const std::string v = plain_text(e, ctx);
        std::size_t p = 0;
        while (p <= v.size()) {
            const std::size_t comma = v.find(',', p);
            add_category(en.categories, v.substr(p, comma == std::string::npos ? std::string::npos
                                                                               : comma - p));
            if (comma == std::string::npos) {
                break;
            }
            p = comma + 1;
        }
    } else if (n == "enclosure") {
        Enclosure enc;
        auto u = attr(e, "url", ctx);
        if (!u) {
            u = attr(e, "href", ctx);
        }
        enc.url = u ? resolve(e, *u) : std::string();
        enc.type = attr(e, "type", ctx);
        enc.length = parse_length(attr(e, "length", ctx));
        add_enclosure(en.enclosures, std::move(enc));
    } else if (n == "media:content") {
        Enclosure enc;
        if (auto u = attr(e, "url", ctx)) {
            enc.url = resolve(e, *u);
        }
        enc.type = attr(e, "type", ctx);
        enc.length = parse_length(attr(e, "filesize", ctx));
        add_enclosure(en.enclosures, std::move(enc));
        for (pugi::xml_node c = e.node.first_child(); present(c); c = c.next_sibling()) {
            if (c.type() == pugi::node_element) {
                rss2_entry_element(make_elem(c, e.scope), ctx, st);
            }
        }
    } else if (n == "media:group") {
        for (pugi::xml_node c = e.node.first_child(); present(c); c = c.next_sibling()) {
            if (c.type() == pugi::node_element) {
                rss2_entry_element(make_elem(c, e.scope), ctx, st);
            }
        }
    } else if (n == "media:description") {
        if (!st.has_summary) {
            set_summary(st, e, ctx, "text/plain");
        }
    } else {
        return false;
    }
    return true;
}

bool rss2_feed_element(const Elem& e, WalkContext& ctx, FeedState& st) {
    FeedInfo& f = ctx.doc->feed;
    const std::string_view n = e.name; // compared with literals: lengths first
    if (n == "title") {
        f.title = content_value(e, ctx, "text/plain");
    } else if (n == "link" && !has_attr(e, "href")) {
        const std::string v = plain_text(e, ctx);
        if (!v.empty()) {
            f.link = resolve(e, v);
            st.has_link = true;
        }
    } else if (n == "description") {
        f.description = content_value(e, ctx, "text/html");
    } else if (n == "itunes:subtitle" || n == "itunes:summary") {
        if (!f.description || n == "itunes:subtitle") {
            f.description = content_value(e, ctx, "text/plain");
        }
    } else if (n == "language") {
        f.language = plain_text(e, ctx);
    } else if (n == "lastbuilddate") {
        if (auto d = date_value(e, ctx)) {
            f.updated = d;
        }
    } else if (n == "pubdate") {
        if (auto d = date_value(e, ctx)) {
            st.published = d;
        }
    } else if (n == "generator" && !has_child_element(e)) {
        f.generator = plain_text(e, ctx);
    } else if ((n == "managingeditor" || n == "author") && !has_child_element(e)) {
        f.author = plain_text(e, ctx);
    } else if (n == "itunes:author") {
        if (!f.author) {
            f.author = plain_text(e, ctx);
        }
    } else if (n == "image") {
        for (pugi::xml_node c = e.node.first_child(); present(c); c = c.next_sibling()) {
            if (c.type() != pugi::node_element) {
                continue;
            }
            const Elem ce = make_elem(c, e.scope);
            if (ce.name == "url") {
                const std::string v = plain_text(ce, ctx);
                if (!v.empty()) {
                    f.image = resolve(ce, v);
                }
            }
        }
        if (!f.image) {
            if (auto about = attr(e, "about", ctx, true); about && !about->empty()) {
                f.image = resolve(e, *about);
            }
        }
    } else if (n == "itunes:owner") {
        for (pugi::xml_node c = e.node.first_child(); present(c); c = c.next_sibling()) {
            const Elem ce = make_elem(c, e.scope);
            if (c.type() == pugi::node_element && ce.name == "itunes:name") {
                st.owner = plain_text(ce, ctx);
            }
        }
    } else if (n == "itunes:image") {
        if (auto href = attr(e, "href", ctx); href && !f.image) {
            f.image = resolve(e, *href);
        }
    } else if (n == "textinput" || n == "cloud" || n == "copyright" || n == "ttl" ||
               n == "webmaster" || n == "docs" || n == "skiphours" || n == "skipdays") {
        // known, and nothing the output carries
    } else {
        return false;
    }
    return true;
}

} // namespace archiver::feed::detail
