// SPDX-License-Identifier: MIT
// Page metadata: title, date, author, language, canonical URL, lead image, site name.
#pragma once

#include <archiver/core/model.hpp>
#include <archiver/extract/extract.hpp>
#include <archiver/html/dom.hpp>

namespace archiver::extract::detail {

// Fills `out`'s metadata fields and their `provenance` from `doc`, each by the precedence
// documented in extract.hpp. `base` is the URL relative references resolve against.
// Returns true when the date found states a time of day (false: date only, or none).
bool extract_metadata(const html::Document& doc,
                      const Options& options,
                      const std::string& base,
                      Article& out);

// Strips a site-name suffix or prefix ("Title | Site", "Title_新浪网") from `title`, using
// `site_name` when known and the shape of the separators otherwise.
std::string strip_site_name(std::string_view title, std::string_view site_name);

// "zh", "ja" or "ko" when `text` is written mostly in that script; "" otherwise.
std::string guess_lang_of(std::string_view text);

} // namespace archiver::extract::detail
