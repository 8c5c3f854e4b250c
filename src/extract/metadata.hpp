// SPDX-License-Identifier: MIT
// Page metadata: title, date, author, language, canonical URL, lead image, site name.
#pragma once

#include <archiver/core/model.hpp>
#include <archiver/extract/extract.hpp>
#include <archiver/html/dom.hpp>

#include "page_index.hpp"

#include <optional>

namespace archiver::extract::detail {

// What the metadata says about the date beyond `out.date`.
struct DateHints {
    bool has_time = false;               // out.date states a time of day
    std::optional<DateTime> fallback;    // a weaker source (Baidu JSON-LD pubDate), used
                                         // after the visible byline and before the URL
};

// Fills `out`'s metadata fields and their `provenance` from `doc` (whose elements `page`
// indexes), each by the precedence documented in extract.hpp. `base` is the URL relative
// references resolve against.
DateHints extract_metadata(const html::Document& doc,
                      const PageIndex& page,
                      const Options& options,
                      const std::string& base,
                      Article& out);

// Strips a site-name suffix or prefix ("Title | Site", "Title_新浪网") from `title`, using
// `site_name` when known and the shape of the separators otherwise.
std::string strip_site_name(std::string_view title, std::string_view site_name);

// "zh", "ja" or "ko" when `text` is written mostly in that script; "" otherwise.
std::string guess_lang_of(std::string_view text);

} // namespace archiver::extract::detail
