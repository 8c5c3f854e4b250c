// SPDX-License-Identifier: MIT
// RSS 1.0 (RDF) and RSS 0.90, and the Dublin Core / DC Terms elements every RSS flavour uses.
// RSS 1.0's items are siblings of its channel; the walker finds them there.
#include "walk.hpp"

namespace archiver::feed::detail {

bool rss1_entry_element(const Elem& e, WalkContext& ctx, EntryState& st) {
    Entry& en = st.entry;
    const std::string_view n = e.name; // compared with literals: lengths first
    if (n == "dc:title") {
        en.title = content_value(e, ctx, "text/plain");
    } else if (n == "dc:description") {
        set_summary(st, e, ctx, "text/html");
    } else if (n == "dc:creator" || n == "dc:author") {
        en.author = plain_text(e, ctx);
    } else if (n == "dc:date" || n == "dcterms:modified") {
        if (auto d = date_value(e, ctx)) {
            en.updated = d;
        }
    } else if (n == "dcterms:issued") {
        if (auto d = date_value(e, ctx)) {
            en.published = d;
        }
    } else if (n == "dc:subject") {
        add_category(en.categories, plain_text(e, ctx));
    } else if (n == "dc:identifier") {
        if (!en.id) {
            en.id = plain_text(e, ctx);
        }
    } else if (n == "dcterms:created" || n == "dc:contributor" || n == "dc:publisher" || n == "dc:rights" ||
               n == "dc:language" || n == "dc:source" || n == "dc:format" || n == "dc:type") {
        // known, and nothing the output carries
    } else {
        return false;
    }
    return true;
}

bool rss1_feed_element(const Elem& e, WalkContext& ctx, FeedState& st) {
    (void)st;
    FeedInfo& f = ctx.doc->feed;
    const std::string_view n = e.name; // compared with literals: lengths first
    if (n == "dc:title") {
        f.title = content_value(e, ctx, "text/plain");
    } else if (n == "dc:description") {
        f.description = content_value(e, ctx, "text/html");
    } else if (n == "abstract") {
        f.description = content_value(e, ctx, "text/plain");
    } else if (n == "dc:language") {
        f.language = plain_text(e, ctx);
    } else if (n == "dc:date" || n == "dcterms:modified") {
        if (auto d = date_value(e, ctx)) {
            f.updated = d;
        }
    } else if (n == "dc:creator" || n == "dc:author") {
        f.author = plain_text(e, ctx);
    } else if (n == "admin:generatoragent") {
        if (auto r = attr(e, "resource", ctx, true)) {
            f.generator = resolve(e, *r);
        }
    } else if (n == "items" || n == "dc:publisher" || n == "dc:rights" || n == "dc:subject" ||
               n == "dc:contributor" || n == "dcterms:issued" || n == "dcterms:created" ||
               n.rfind("sy:", 0) == 0) {
        // known, and nothing the output carries
    } else {
        return false;
    }
    return true;
}

} // namespace archiver::feed::detail
