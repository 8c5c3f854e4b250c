// SPDX-License-Identifier: MIT
// The archive as an Atom 1.0 feed (RFC 4287).
#include <archiver/export/export.hpp>

#include "item_fields.hpp"
#include "xml_text.hpp"

#include <archiver/core/time.hpp>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <pugixml.hpp>

#include <memory>

namespace archiver::exporter {
namespace {

struct ParserFree {
    void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeFree {
    void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct TextFree {
    void operator()(char* s) const { cmark_get_default_mem_allocator()->free(s); }
};

// CommonMark + GFM tables and strikethrough to HTML; raw HTML in the Markdown is dropped
// (cmark's safe default), so the feed carries no script from the archive.
std::string markdown_to_html(const std::string& markdown) {
    cmark_gfm_core_extensions_ensure_registered();
    std::unique_ptr<cmark_parser, ParserFree> parser(cmark_parser_new(CMARK_OPT_DEFAULT));
    for (const char* name : {"table", "strikethrough", "autolink"}) {
        if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
            cmark_parser_attach_syntax_extension(parser.get(), ext);
        }
    }
    cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
    std::unique_ptr<cmark_node, NodeFree> doc(cmark_parser_finish(parser.get()));
    std::unique_ptr<char, TextFree> html(cmark_render_html(
        doc.get(), CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser.get())));
    return html ? std::string(html.get()) : std::string();
}

void text_child(pugi::xml_node parent, const char* name, const std::string& value) {
    parent.append_child(name).text().set(xml_safe(value).c_str());
}

} // namespace

Result<ExportSummary> export_atom(const store::Store& store,
                                  const ExportOptions& options,
                                  std::ostream& out) {
    ExportSummary summary;
    pugi::xml_document xml;
    auto decl = xml.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "utf-8";
    auto feed = xml.append_child("feed");
    feed.append_attribute("xmlns") = "http://www.w3.org/2005/Atom";
    const std::string scope = options.filter.source.empty() ? "" : ":" + options.filter.source;
    text_child(feed, "title", "archiver" + (options.filter.source.empty()
                                                ? std::string(" archive")
                                                : ": " + options.filter.source));
    text_child(feed, "id", "urn:archiver:archive" + scope);
    auto updated = feed.append_child("updated");
    auto generator = feed.append_child("generator");
    generator.text().set("archiver");
    std::int64_t newest = 0;

    store::ListQuery query = options.filter;
    query.order = store::ListQuery::Order::date_descending;
    try {
        store.for_each(query, [&](const store::ArticleRecord& r) {
            auto doc = read_document(options.archive_root, r.path);
            if (!doc) {
                ++summary.unreadable;
            }
            const auto revisions = store.revisions(r.id);
            const std::int64_t changed = revisions.empty() ? r.fetched : revisions.back().at;
            newest = std::max(newest, changed);
            auto entry = feed.append_child("entry");
            auto title = entry.append_child("title");
            title.append_attribute("type") = "text";
            title.text().set(xml_safe(r.title.empty() ? r.source_url : r.title).c_str());
            text_child(entry, "id", "urn:archiver:" + r.source + ":" + std::to_string(r.id));
            text_child(entry, "updated", format_utc(DateTime{changed, 0}));
            if (r.date) {
                text_child(entry, "published", format_rfc3339(*r.date));
            }
            auto author = entry.append_child("author");
            text_child(author, "name", r.author.empty() ? r.source : r.author);
            if (!r.source_url.empty()) {
                auto link = entry.append_child("link");
                link.append_attribute("rel") = "alternate";
                link.append_attribute("href") = xml_safe(r.source_url).c_str();
            }
            const document::Document* d = doc ? &*doc : nullptr;
            for (const auto& category : string_list(d, "categories")) {
                entry.append_child("category").append_attribute("term") =
                    xml_safe(category).c_str();
            }
            if (!r.summary.empty()) {
                auto s = entry.append_child("summary");
                s.append_attribute("type") = "text";
                s.text().set(xml_safe(r.summary).c_str());
            }
            if (d != nullptr) {
                auto content = entry.append_child("content");
                content.append_attribute("type") = "html";
                content.text().set(xml_safe(markdown_to_html(d->body)).c_str());
            }
            ++summary.articles;
        });
    } catch (const std::exception& e) {
        return unexpected(Error{Stage::write, e.what()});
    }
    updated.text().set(format_utc(DateTime{newest > 0 ? newest : options.now, 0}).c_str());
    xml.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
    if (!out) {
        return unexpected(Error{Stage::write, "cannot write the export"});
    }
    return summary;
}

} // namespace archiver::exporter
