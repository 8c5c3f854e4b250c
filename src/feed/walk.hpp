// SPDX-License-Identifier: MIT
// The XML feed walker's shared state and the per-format element handlers (private to
// src/feed). RSS 0.9x/2.0 (rss2.cpp), RSS 1.0 / RDF and Dublin Core (rss1.cpp) and Atom
// (atom.cpp) handle the elements of their vocabulary; real feeds mix them freely, so every
// handler sees every element and the walker (walk.cpp) asks them in turn.
#pragma once

#include "pugi_handle.hpp"
#include "sanitize_attr.hpp"
#include "xml_load.hpp"

#include <archiver/core/model.hpp>
#include <archiver/core/time.hpp>

#include <pugixml.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace archiver::feed::detail {

// Namespaces, xml:base and xml:lang in force at an element. Elements share their parent's
// (one reference count per element) until one declares its own.
struct Scope {
    struct Namespace {
        std::string prefix; // "" for the default namespace
        std::string uri;
        std::optional<std::string> known; // the URI's conventional prefix, when it has one
    };
    using Namespaces = std::vector<Namespace>;
    struct Data {
        Namespaces ns; // the declarations in force, innermost last
        // xml:base and xml:lang (null: none), each shared on its own too (an entry keeps
        // the base of its id)
        std::shared_ptr<const std::string> base_text;
        std::shared_ptr<const std::string> lang_text;
    };

    Scope() : data(empty()) {}
    explicit Scope(std::shared_ptr<const Data> d) : data(std::move(d)) {}

    const Namespaces& ns() const { return data->ns; }
    const std::shared_ptr<const std::string>& base_text() const { return data->base_text; }
    std::string_view base() const { return data->base_text ? std::string_view(*data->base_text) : ""; }
    std::string_view lang() const { return data->lang_text ? std::string_view(*data->lang_text) : ""; }

    std::shared_ptr<const Data> data;

private:
    static const std::shared_ptr<const Data>& empty() {
        static const std::shared_ptr<const Data> k_empty = std::make_shared<const Data>();
        return k_empty;
    }
};

// An element seen by the handlers: its node, its name with the namespace prefix mapped to
// the conventional one ("dc:creator", "content:encoded", "" for RSS/Atom core elements:
// "title"), lower-cased, and its scope (its own declarations applied).
struct Elem {
    pugi::xml_node node;
    std::string name;
    Scope scope;
};

// What the walk is building: the document, options, and per-entry progress.
struct WalkContext {
    const XmlDoc* xml = nullptr;
    std::string version;
    const TimeZone* zone = nullptr;
    FeedDoc* doc = nullptr;
    SplitDoc* split = nullptr;     // the document is read entry by entry (xml->split)
    std::size_t split_entries = 0; // placeholders the feed-level pass met as entries
};

struct EntryState {
    Entry entry;
    bool has_summary = false;
    bool has_content = false;
    // A permalink guid (Atom id), used when there is no link: its text and the base it is
    // resolved against, resolved only then.
    std::optional<std::string> guid_link;
    std::shared_ptr<const std::string> guid_base;
    bool has_link = false;
};

struct FeedState {
    bool has_link = false;
    std::optional<DateTime> published; // used for `updated` when nothing else says
    std::optional<std::string> id;        // Atom feed id: the link when there is none
    std::optional<std::string> owner;     // iTunes owner: the author when there is none
};

// Kinds of text the content reader returns.
enum class TextKind { plain, html, xhtml };

// The mapped name of `node` in `parent` scope; `scope` is updated with its declarations.
Elem make_elem(const pugi::xml_node& node, const Scope& parent);

// The text value of a content construct (title, summary, content, ...), read as feedparser
// reads it: its `type`/`mode`, base64, inline markup serialized, HTML sanitized with URLs
// resolved. `default_type` is "text/plain", "text/html" or "application/xhtml+xml".
// `kind` receives what the value turned out to be.
std::string content_value(const Elem& e,
                          const WalkContext& ctx,
                          std::string_view default_type,
                          TextKind* kind = nullptr);

// Appends a text or CDATA node of inline XHTML content as serialized markup: its references
// decoded (`scratch` holds the decoded text), then `&`, `<` and `>` escaped.
void serialize_xhtml_text(const pugi::xml_node& text,
                          const WalkContext& ctx,
                          std::string& out,
                          std::string& scratch);

// Appends the children of `node` as markup (inline XHTML content, before sanitizing).
void serialize_xhtml_children(const pugi::xml_node& node, const WalkContext& ctx, std::string& out);

// What sanitize_html(serialized children of `node`, base) gives, written straight from the
// tree, when every element and attribute name there is one the sanitizer keeps as written
// (the common XHTML content); false (and `out` empty) otherwise. Not trimmed.
bool sanitize_xhtml_children(const pugi::xml_node& node,
                             const WalkContext& ctx,
                             std::string_view base,
                             std::string& out);

// The plain decoded, trimmed text of an element (ids, dates, names, URLs).
std::string plain_text(const Elem& e, const WalkContext& ctx);

// A decoded attribute value, or nullopt. `name` is matched case-insensitively and by local
// name ("rdf:about" matches "about" in any prefix when `any_prefix`).
std::optional<std::string> attr(const Elem& e,
                                std::string_view name,
                                const WalkContext& ctx,
                                bool any_prefix = false);

// True when pugixml's NUL-terminated name `n` equals `lower` (lower-case) ignoring ASCII
// case: the name test of attr(). Compared as it is read (the name is never measured first);
// inline, as most calls end at the first byte.
inline bool name_is(const char* n, std::string_view lower) {
    for (const char c : lower) {
        if (lower_char(*n) != c) {
            return false;
        }
        ++n;
    }
    return *n == '\0';
}

// The raw values of the first attributes named `names[k]` (matched as attr() matches them)
// into `values[k]`, in one pass over the element's attributes; nullptr where there is none.
template <std::size_t N>
void first_attrs(const Elem& e, const std::string_view (&names)[N], const char* (&values)[N]) {
    for (const char*& v : values) {
        v = nullptr;
    }
    for (pugi::xml_attribute a = e.node.first_attribute(); a; a = a.next_attribute()) {
        const char* n = a.name();
        for (std::size_t k = 0; k < N; ++k) {
            if (name_is(n, names[k])) {
                if (values[k] == nullptr) {
                    values[k] = a.value();
                }
                break;
            }
        }
    }
}

// A raw attribute value decoded as attr() decodes it.
std::string attr_value(const char* raw, const WalkContext& ctx);

// The same value as a view: `raw` itself when it holds no reference, else its decoding in
// `scratch`.
std::string_view attr_view(const char* raw, const WalkContext& ctx, std::string& scratch);

// True when `a` equals the lower-case `lower_b` ignoring ASCII case.
inline bool iequals_ascii(std::string_view a, std::string_view lower_b) {
    if (a.size() != lower_b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (lower_char(a[i]) != lower_b[i]) {
            return false;
        }
    }
    return true;
}

// True when the element has the attribute `name` (matched as attr() matches it).
bool has_attr(const Elem& e, std::string_view name);


// `ref` resolved against the element's base.
std::string resolve(const Elem& e, std::string_view ref);

// `ref` resolved against `base` (none: null).
std::string resolve(const std::shared_ptr<const std::string>& base, std::string_view ref);

// Keeps `id` as the entry's permalink guid, resolved against the element's base when the
// entry turns out to have no link.
void set_guid_link(EntryState& st, const Elem& e, const std::string& id);

// A date element's value read in the context's zone.
std::optional<DateTime> date_value(const Elem& e, const WalkContext& ctx);

// Adds a category unless it is empty or already there.
void add_category(std::vector<std::string>& cats, std::string term);

// Per-format handlers: true when the element was theirs.
bool rss2_feed_element(const Elem& e, WalkContext& ctx, FeedState& st);
bool rss2_entry_element(const Elem& e, WalkContext& ctx, EntryState& st);
bool rss1_feed_element(const Elem& e, WalkContext& ctx, FeedState& st);
bool rss1_entry_element(const Elem& e, WalkContext& ctx, EntryState& st);
bool atom_feed_element(const Elem& e, WalkContext& ctx, FeedState& st);
bool atom_entry_element(const Elem& e, WalkContext& ctx, EntryState& st);

// Shared by all formats: summary/content bookkeeping.
void set_summary(EntryState& st, const Elem& e, const WalkContext& ctx, std::string_view type);
void set_content(EntryState& st, const Elem& e, const WalkContext& ctx, std::string_view type);

// Walks a loaded document; the version is detected from its root.
void walk_xml(const XmlDoc& xml, const TimeZone& zone, const std::string& base_url, FeedDoc& doc);

// Called with each entry as the walk completes it, in document order; the entry is the
// callee's to move from.
using EntrySink = std::function<void(Entry&)>;

// walk_xml in two passes, for output written as the entries are read: the constructor
// reads the version and the feed-level elements into `doc` (not its entries) and counts
// the entries; entries() then reads them one at a time into `sink`. `xml`, `zone` and
// `doc` must outlive the walk.
class XmlWalk {
public:
    XmlWalk(const XmlDoc& xml, const TimeZone& zone, const std::string& base_url, FeedDoc& doc);

    // The number of entry elements (item, entry) found.
    std::size_t entry_count() const { return m_entry_count; }

    // False when the document was read entry by entry and some entry cut out of it is not
    // where the walk reads entries: the whole document must be loaded and walked instead.
    bool complete() const {
        return m_ctx.split == nullptr || m_ctx.split_entries == m_ctx.split->size();
    }

    // Reads every entry, in document order, into `sink`.
    void entries(const EntrySink& sink);

private:
    WalkContext m_ctx;
    std::optional<Elem> m_root;
    std::size_t m_entry_count = 0;
};

} // namespace archiver::feed::detail
