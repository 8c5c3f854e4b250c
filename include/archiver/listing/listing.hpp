// SPDX-License-Identifier: MIT
#pragma once

#include <archiver/core/model.hpp>
#include <archiver/core/result.hpp>
#include <archiver/core/time.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace archiver::listing {

// One page of a list source: its items as feed entries (link absolute; title, date and
// summary where the list shows them) and the next page to read, if any.
struct ListPage {
    std::vector<Entry> entries;
    std::string next_url; // empty: last page
    // Which rule gave each field of the first entry ("link" -> "[list] link: a.title"),
    // shown by `sources check`.
    std::vector<std::pair<std::string, std::string>> provenance;
};

struct ListOptions {
    std::string base_url;            // the page's URL: links resolve against it
    TimeZone zone;                   // list dates that state no zone
    std::optional<std::int64_t> now; // relative dates ("23分钟前", "昨天 21:29")
    int page = 1;                    // the number of this page (JSON `{page}` templates)
};

// Reads an HTML list page (UTF-8) with the source's `[list]` selectors. Fails
// (Stage::parse) when the selectors match no item.
Result<ListPage>
parse_html_list(std::string_view html, const ListRules& rules, const ListOptions& options);

// Reads a JSON list endpoint with the source's `[json]` paths (`data.posts[]`, `id`,
// `postTitle`, `link_template` such as "https://www.iyiou.com/news/{id}"). Fails
// (Stage::parse) on invalid JSON or when the items path is missing. `next_url` is the
// source URL with its `{page}` placeholder advanced, when it has one and items were found.
Result<ListPage> parse_json_list(std::string_view json,
                                 const JsonRules& rules,
                                 const std::string& url_template,
                                 const ListOptions& options);

// Feed URLs a page advertises (`<link rel="alternate" type="application/rss+xml">` and
// friends), absolute, best first; used by `sources add` and by `type = "auto"` on a page.
std::vector<std::string> discover_feeds(std::string_view html, const std::string& base_url);

// Feed URLs sites commonly serve without advertising them (`/feed`, `/rss.xml`,
// `/atom.xml`, ...), absolute on the host of `page_url`, to be probed by the caller; empty
// when `page_url` is not http(s).
std::vector<std::string> common_feed_urls(const std::string& page_url);

// `url_template` with every `{page}` replaced by `page` (the URL of one page of a paged JSON
// or HTML list source); unchanged when it has no placeholder.
std::string page_url(const std::string& url_template, int page);

} // namespace archiver::listing
