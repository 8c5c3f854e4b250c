// SPDX-License-Identifier: MIT
// The XML feed walker: finds the feed's version from its root, the channel-level elements and
// the entries (inside the channel for RSS 2.0 and Atom, beside it for RSS 1.0), and gives each
// element to the format handlers.
#include "walk.hpp"

#include "stable_id.hpp"

#include <archiver/text/date.hpp>

#include <algorithm>

namespace archiver::feed::detail {
namespace {

std::string local_name(const std::string& name) {
    const auto colon = name.find(':');
    return colon == std::string::npos ? name : name.substr(colon + 1);
}

bool scope_has_uri(const Scope& s, std::string_view uri) {
    return std::any_of(s.ns().begin(), s.ns().end(),
                       [&](const Scope::Namespace& n) { return n.uri == uri; });
}

std::string detect_version(const Elem& root, const WalkContext& ctx) {
    const std::string local = local_name(root.name);
    if (local == "rss") {
        const std::string v = attr(root, "version", ctx).value_or("");
        if (v == "0.91") {
            return ctx.xml->netscape ? "rss091n" : "rss091u";
        }
        if (v == "0.92" || v == "0.93" || v == "0.94") {
            return "rss0" + v.substr(2);
        }
        if (v.rfind("2.", 0) == 0 || v == "2") {
            return "rss20";
        }
        if (v == "0.90") {
            return "rss090";
        }
        return ctx.xml->netscape ? "rss091n" : "rss";
    }
    if (local == "rdf") {
        if (scope_has_uri(root.scope, "http://purl.org/rss/1.0/")) {
            return "rss10";
        }
        if (scope_has_uri(root.scope, "http://my.netscape.com/rdf/simple/0.9/")) {
            return "rss090";
        }
        return "rss10";
    }
    if (local == "feed") {
        if (scope_has_uri(root.scope, "http://www.w3.org/2005/Atom")) {
            return "atom10";
        }
        const std::string v = attr(root, "version", ctx).value_or("");
        if (v == "0.1" || v == "0.2" || v == "0.3") {
            return "atom0" + v.substr(2);
        }
        return "atom";
    }
    if (local == "channel") {
        return "cdf";
    }
    return "";
}

// CDF puts an item's link and date in attributes.
template <typename Setter> void cdf_attrs(const Elem& e, const WalkContext& ctx, Setter set) {
    if (auto href = attr(e, "href", ctx)) {
        set(resolve(e, *href), std::optional<DateTime>());
    }
    if (auto lastmod = attr(e, "lastmod", ctx)) {
        set(std::string(), text::parse_date(*lastmod, *ctx.zone));
    }
}

Entry read_entry(const Elem& item, WalkContext& ctx) {
    EntryState st;
    if (auto about = attr(item, "about", ctx, true); about && !about->empty()) {
        st.entry.id = *about;
    }
    cdf_attrs(item, ctx, [&](std::string link, std::optional<DateTime> d) {
        if (!link.empty()) {
            st.entry.link = link;
            st.has_link = true;
        }
        if (d) {
            st.entry.updated = d;
        }
    });
    for (pugi::xml_node c = item.node.first_child(); present(c); c = c.next_sibling()) {
        if (c.type() != pugi::node_element) {
            continue;
        }
        const Elem ce = make_elem(c, item.scope);
        if (const std::string_view n = ce.name; n == "source" || n == "atom:source") {
            continue; // describes another feed; its title and dates are not the entry's
        }
        if (!rss2_entry_element(ce, ctx, st) && !atom_entry_element(ce, ctx, st)) {
            rss1_entry_element(ce, ctx, st);
        }
    }
    Entry& en = st.entry;
    if (!st.has_link && st.guid_link) {
        en.link = resolve(st.guid_base, *st.guid_link);
    }
    if (!en.id || en.id->empty()) {
        en.id = stable_entry_id(en);
    }
    return std::move(en);
}

// (Names compared as views: lengths first, no strlen of the literal.)
bool is_container(const Elem& e) {
    const std::string_view n = e.name;
    return n == "channel" || n == "feed";
}
bool is_entry(const Elem& e) {
    const std::string_view n = e.name;
    return n == "item" || n == "entry";
}

// The feed-level pass: everything but the entries, which are only counted.
void read_container(const Elem& container, WalkContext& ctx, FeedState& st, int depth,
                    std::size_t& entries) {
    if (depth > 3) {
        return;
    }
    if (container.name != "rss" && local_name(container.name) != "rdf") {
        cdf_attrs(container, ctx, [&](std::string link, std::optional<DateTime> d) {
            if (!link.empty()) {
                ctx.doc->feed.link = link;
                st.has_link = true;
            }
            if (d) {
                ctx.doc->feed.updated = d;
            }
        });
    }
    for (pugi::xml_node c = container.node.first_child(); present(c); c = c.next_sibling()) {
        if (c.type() != pugi::node_element) {
            continue;
        }
        const Elem ce = make_elem(c, container.scope);
        if (is_container(ce)) {
            read_container(ce, ctx, st, depth + 1, entries);
        } else if (is_entry(ce)) {
            ++entries;
            if (ctx.split != nullptr && ctx.split->index_of(c) != SplitDoc::npos) {
                ++ctx.split_entries;
            }
        } else if (!rss2_feed_element(ce, ctx, st) && !atom_feed_element(ce, ctx, st)) {
            rss1_feed_element(ce, ctx, st);
        }
    }
}

// The entry pass: the same containers, only their entries.
void read_entries(const Elem& container, WalkContext& ctx, int depth, const EntrySink& sink) {
    if (depth > 3) {
        return;
    }
    for (pugi::xml_node c = container.node.first_child(); present(c); c = c.next_sibling()) {
        if (c.type() != pugi::node_element) {
            continue;
        }
        Elem ce = make_elem(c, container.scope);
        if (is_container(ce)) {
            read_entries(ce, ctx, depth + 1, sink);
        } else if (is_entry(ce)) {
            if (ctx.split != nullptr) {
                // A placeholder: the same element, with its content, parsed now.
                if (const std::size_t i = ctx.split->index_of(c); i != SplitDoc::npos) {
                    ce.node = ctx.split->read(i);
                }
            }
            Entry e = read_entry(ce, ctx);
            sink(e);
        }
    }
}

pugi::xml_node find_root(const pugi::xml_document& doc) {
    pugi::xml_node first;
    for (pugi::xml_node c = doc.first_child(); present(c); c = c.next_sibling()) {
        if (c.type() != pugi::node_element) {
            continue;
        }
        if (!first) {
            first = c;
        }
        std::string_view n = c.name();
        if (auto colon = n.find(':'); colon != std::string_view::npos) {
            n = n.substr(colon + 1);
        }
        if (n == "rss" || n == "RDF" || n == "rdf" || n == "feed" || n == "channel") {
            return c;
        }
    }
    return first;
}

} // namespace

XmlWalk::XmlWalk(const XmlDoc& xml,
                 const TimeZone& zone,
                 const std::string& base_url,
                 FeedDoc& doc) {
    m_ctx.xml = &xml;
    m_ctx.zone = &zone;
    m_ctx.doc = &doc;
    m_ctx.split = xml.split.get();
    const pugi::xml_node root_node = find_root(xml.doc);
    if (!root_node) {
        return;
    }
    Scope top;
    if (!base_url.empty()) {
        auto data = std::make_shared<Scope::Data>();
        data->base_text = std::make_shared<const std::string>(base_url);
        top = Scope(std::move(data));
    }
    m_root = make_elem(root_node, top);
    const Elem& root = *m_root;
    m_ctx.version = detect_version(root, m_ctx);
    doc.version = m_ctx.version;
    FeedState st;
    read_container(root, m_ctx, st, 0, m_entry_count);
    if (!doc.feed.language && !root.scope.lang().empty()) {
        doc.feed.language = std::string(root.scope.lang());
    }
    if (!doc.feed.updated && st.published) {
        doc.feed.updated = st.published;
    }
    if (!doc.feed.link && st.id) {
        doc.feed.link = st.id;
    }
    if (!doc.feed.author && st.owner && !st.owner->empty()) {
        doc.feed.author = st.owner;
    }
}

void XmlWalk::entries(const EntrySink& sink) {
    if (m_root) {
        read_entries(*m_root, m_ctx, 0, sink);
    }
}

void walk_xml(const XmlDoc& xml, const TimeZone& zone, const std::string& base_url, FeedDoc& doc) {
    XmlWalk walk(xml, zone, base_url, doc);
    doc.entries.reserve(doc.entries.size() + walk.entry_count());
    walk.entries([&doc](Entry& e) { doc.entries.push_back(std::move(e)); });
}

} // namespace archiver::feed::detail
