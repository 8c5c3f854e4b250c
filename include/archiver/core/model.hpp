// SPDX-License-Identifier: MIT
// Types that cross a stage boundary (the archiver's "sfeed(5)"): sources, parsed feeds,
// extracted articles and the content tree between extract and markdown.
#pragma once

#include <archiver/core/time.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace archiver {

// ---------------------------------------------------------------- sources (feeds.d)

enum class SourceType { automatic, feed, html, json };
enum class FullText { automatic, always, never };
enum class ImageMode { remote, local };
enum class DedupePolicy { skip, keep };

// `[extract]`: per-source CSS selectors for the article page.
struct ExtractRules {
    std::string title, date, author, body;
    std::vector<std::string> remove;       // selectors of nodes dropped before extraction
    std::vector<std::string> date_formats; // hints such as "%Y年%m月%d日%H:%M"
};

// `[list]`: an HTML list page.
struct ListRules {
    std::string item, link, title, date, next;
    int max_pages = 1;
};

// `[json]`: a JSON list endpoint. Paths are dotted (`data.posts[]`, `createdAt`).
struct JsonRules {
    std::string items, id, title, link, link_template, date, summary, author;
};

// A front-matter default value: string, boolean, integer or list of strings.
using FrontMatterValue = std::variant<std::string, bool, std::int64_t, std::vector<std::string>>;

// One source, from `feeds.d/NAME.toml` with the global defaults applied.
struct Source {
    std::string name; // file stem unless `name` is set; sanitized, safe as a path component
    std::string file; // the file it came from (for messages)
    std::string title;
    std::string url;
    SourceType type = SourceType::automatic;
    std::string lang;
    std::string timezone; // IANA name or offset; empty: UTC
    std::vector<std::string> categories, tags;
    std::int64_t interval_seconds = 0;
    FullText full_text = FullText::automatic;
    int max_items = 0; // 0: no cap
    std::string encoding;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string cookies;
    std::string user_agent;
    ExtractRules extract;
    ListRules list;
    JsonRules json;
    std::vector<std::pair<std::string, FrontMatterValue>> front_matter; // in order
    ImageMode images = ImageMode::remote;
    DedupePolicy dedupe = DedupePolicy::skip;
    bool enabled = true;
};

// ---------------------------------------------------------------- parsed feeds

struct Enclosure {
    std::string url;
    std::optional<std::string> type;
    std::optional<std::int64_t> length;
};

// One feed entry, normalized. Absent values are nullopt (printed as JSON null).
struct Entry {
    std::optional<std::string> id; // guid/atom:id; a stable generated id when absent
    std::optional<std::string> title;
    std::optional<std::string> link; // absolute
    std::optional<DateTime> published, updated;
    std::optional<std::string> author;
    std::optional<std::string> summary; // HTML string, sanitized
    std::optional<std::string> content; // HTML string, sanitized
    std::vector<std::string> categories;
    std::vector<Enclosure> enclosures;
};

struct FeedInfo {
    std::optional<std::string> title, link, description, language;
    std::optional<DateTime> updated;
    std::optional<std::string> generator, author, image;
};

// A parsed feed. `bozo` is set when the input was broken but something was recovered.
struct FeedDoc {
    std::string version;  // feedparser's codes: rss20, rss10, atom10, atom03, json11, ...
    std::string encoding; // the encoding the bytes were read in
    bool bozo = false;
    std::string bozo_reason;
    FeedInfo feed;
    std::vector<Entry> entries;
};

// ---------------------------------------------------------------- content tree

enum class NodeKind {
    document,
    paragraph,
    heading,     // level 1..6
    text,        // text
    strong,
    emphasis,
    strikethrough,
    code,        // inline code: text
    link,        // href, title; children
    image,       // src, alt, title
    line_break,
    list,        // ordered, start; children are list_item
    list_item,
    blockquote,
    code_block,  // text, lang
    table,       // children are table_row
    table_row,   // children are table_cell
    table_cell,  // header
    thematic_break,
};

// The extracted body: a small, sanitized document tree rendered by `markdown`.
struct ContentNode {
    NodeKind kind = NodeKind::document;
    std::string text;  // text, code, code_block
    std::string href;  // link
    std::string src;   // image
    std::string alt;   // image
    std::string title; // link, image
    std::string lang;  // code_block
    int level = 0;     // heading
    int start = 1;     // ordered list
    bool ordered = false;
    bool header = false; // table cell
    std::vector<ContentNode> children;
};

// ---------------------------------------------------------------- extracted articles

// What the extract stage found in one page. `provenance` names the rule that gave each
// field ("title" -> "og:title"), shown by `sources check`.
struct Article {
    std::string url;           // the page URL as fetched
    std::string canonical_url; // rel=canonical / og:url, absolute; empty when none
    std::string title;
    std::optional<DateTime> date;
    std::string author;
    std::string lang;
    std::string image; // lead image, absolute
    std::string site_name;
    std::string description;
    ContentNode body;
    std::map<std::string, std::string> provenance;
};

} // namespace archiver
