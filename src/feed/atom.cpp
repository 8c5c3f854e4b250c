// SPDX-License-Identifier: MIT
// Atom 1.0 and 0.3 elements: links by relation, person constructs, text constructs of every
// type (the reading of `type` itself is in xml_text.cpp).
#include "walk.hpp"

namespace archiver::feed::detail {
namespace {

// "name (email)", "name" or "email" from an Atom person construct.
std::optional<std::string> person(const Elem& e, const WalkContext& ctx) {
    std::string name;
    std::string email;
    bool any_child = false;
    for (pugi::xml_node c = e.node.first_child(); present(c); c = c.next_sibling()) {
        if (c.type() != pugi::node_element) {
            continue;
        }
        any_child = true;
        const Elem ce = make_elem(c, e.scope);
        if (std::string_view(ce.name) == "name") {
            name = plain_text(ce, ctx);
        } else if (std::string_view(ce.name) == "email") {
            email = plain_text(ce, ctx);
        }
    }
    if (!any_child) {
        const std::string v = plain_text(e, ctx);
        return v.empty() ? std::nullopt : std::optional<std::string>(v);
    }
    if (!name.empty() && !email.empty()) {
        std::string both;
        both.reserve(name.size() + email.size() + 3);
        both.append(name).append(" (").append(email).append(")");
        return both;
    }
    if (!name.empty()) {
        return name;
    }
    if (!email.empty()) {
        return email;
    }
    return std::nullopt;
}

// What an Atom link is to the entry or feed: its page (rel="alternate", an HTML type), an
// enclosure, or neither (its href is then never resolved).
enum class LinkUse { other, alternate, enclosure };

struct Link {
    LinkUse use = LinkUse::other;
    std::string href;                         // resolved
    std::optional<std::string> declared_type; // `type` as written (decoded); enclosures only
    std::optional<std::string> length;        // enclosures only
};

// The values are compared where they lie (decoded first only when they hold a reference),
// ignoring ASCII case; rel defaults to "alternate" and type to "text/html", or to
// "application/atom+xml" for rel="self".
std::optional<Link> read_link(const Elem& e, const WalkContext& ctx) {
    static constexpr std::string_view k_names[] = {"href", "rel", "type", "length"};
    const char* found[4];
    first_attrs(e, k_names, found);
    const char* href = found[0];
    const char* rel = found[1];
    const char* type = found[2];
    const char* length = found[3];
    if (href == nullptr) {
        return std::nullopt;
    }
    std::string scratch;
    const std::string_view rel_v = rel != nullptr ? attr_view(rel, ctx, scratch) : "alternate";
    Link l;
    if (iequals_ascii(rel_v, "alternate")) {
        bool html = true; // the default type
        if (type != nullptr) {
            const std::string_view t = attr_view(type, ctx, scratch);
            html = iequals_ascii(t, "text/html") || iequals_ascii(t, "application/xhtml+xml") ||
                   iequals_ascii(t, "html") || iequals_ascii(t, "xhtml");
        }
        if (!html) {
            return l;
        }
        l.use = LinkUse::alternate;
    } else if (iequals_ascii(rel_v, "enclosure")) {
        l.use = LinkUse::enclosure;
        if (type != nullptr) {
            l.declared_type = attr_value(type, ctx);
        }
        if (length != nullptr) {
            l.length = attr_value(length, ctx);
        }
    } else {
        return l;
    }
    l.href = resolve(e, attr_view(href, ctx, scratch));
    return l;
}

} // namespace

void set_summary(EntryState& st, const Elem& e, const WalkContext& ctx, std::string_view type) {
    if (st.has_summary && !st.has_content) {
        // A second summary-like element is the entry's content (feeds that carry both
        // <summary> and <description>).
        set_content(st, e, ctx, type);
        return;
    }
    st.entry.summary = content_value(e, ctx, type);
    st.has_summary = true;
}

void set_content(EntryState& st, const Elem& e, const WalkContext& ctx, std::string_view type) {
    TextKind kind = TextKind::plain;
    std::string value = content_value(e, ctx, type, &kind);
    const std::string declared = attr(e, "type", ctx).value_or(std::string(type));
    const bool copy = declared.find('/') == std::string::npos || declared.rfind("text/", 0) == 0 ||
                      declared == "application/xhtml+xml" || kind != TextKind::plain;
    const bool to_summary = copy && !st.has_summary;
    if (!st.has_content) {
        if (to_summary) {
            st.entry.content = value;
        } else {
            st.entry.content = std::move(value);
        }
    }
    st.has_content = true;
    if (to_summary) {
        st.entry.summary = std::move(value);
        st.has_summary = true;
    }
}

bool atom_entry_element(const Elem& e, WalkContext& ctx, EntryState& st) {
    Entry& en = st.entry;
    const std::string_view n = e.name; // compared with literals: lengths first
    if (n == "link") {
        auto l = read_link(e, ctx);
        if (!l) {
            return false;
        }
        if (l->use == LinkUse::alternate) {
            en.link = std::move(l->href);
            st.has_link = true;
        } else if (l->use == LinkUse::enclosure && !l->href.empty()) {
            Enclosure enc;
            enc.url = std::move(l->href);
            enc.type = std::move(l->declared_type);
            if (l->length) {
                try {
                    enc.length = std::stoll(*l->length);
                } catch (const std::exception&) {
                    enc.length.reset();
                }
            }
            en.enclosures.push_back(std::move(enc));
        }
    } else if (n == "id") {
        en.id = plain_text(e, ctx);
        if (!en.id->empty()) {
            set_guid_link(st, e, *en.id);
        }
    } else if (n == "published" || n == "issued") {
        if (auto d = date_value(e, ctx)) {
            en.published = d;
        }
    } else if (n == "updated" || n == "modified") {
        if (auto d = date_value(e, ctx)) {
            en.updated = d;
        }
    } else if (n == "author") {
        if (auto p = person(e, ctx)) {
            en.author = p;
        }
    } else if (n == "summary") {
        set_summary(st, e, ctx, "text/plain");
    } else if (n == "content" || n == "xhtml:body" || n == "body" || n == "content:encoded" ||
               n == "fullitem") {
        const std::string_view type = n == "content"                       ? "text/plain"
                                      : (n == "xhtml:body" || n == "body") ? "application/xhtml+xml"
                                                                          : "text/html";
        set_content(st, e, ctx, type);
    } else if (n == "abstract") {
        set_summary(st, e, ctx, "text/plain");
    } else if (n == "contributor" || n == "created" || n == "rights" || n == "copyright") {
        // known, and nothing the output carries
    } else {
        return false;
    }
    return true;
}

bool atom_feed_element(const Elem& e, WalkContext& ctx, FeedState& st) {
    FeedInfo& f = ctx.doc->feed;
    const std::string_view n = e.name; // compared with literals: lengths first
    if (n == "link") {
        auto l = read_link(e, ctx);
        if (!l) {
            return false;
        }
        if (l->use == LinkUse::alternate) {
            f.link = std::move(l->href);
            st.has_link = true;
        }
    } else if (n == "subtitle" || n == "tagline") {
        f.description = content_value(e, ctx, "text/plain");
    } else if (n == "updated" || n == "modified") {
        if (auto d = date_value(e, ctx)) {
            f.updated = d;
        }
    } else if (n == "published" || n == "issued") {
        if (auto d = date_value(e, ctx)) {
            st.published = d;
        }
    } else if (n == "author") {
        if (auto p = person(e, ctx)) {
            f.author = p;
        }
    } else if (n == "generator") {
        f.generator = plain_text(e, ctx);
    } else if (n == "logo") {
        const std::string v = plain_text(e, ctx);
        if (!v.empty()) {
            f.image = resolve(e, v);
        }
    } else if (n == "id") {
        const std::string v = plain_text(e, ctx);
        if (!v.empty()) {
            st.id = resolve(e, v);
        }
    } else if (n == "icon" || n == "rights" || n == "copyright" || n == "info" ||
               n == "contributor" || n == "category") {
        // known, and nothing the output carries
    } else {
        return false;
    }
    return true;
}

} // namespace archiver::feed::detail
