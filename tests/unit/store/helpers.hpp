// SPDX-License-Identifier: MIT
#pragma once

#include <archiver/store/store.hpp>

#include <string>

namespace archiver::testing {

// A record with every required field filled in; `n` makes guid, URL and path unique.
inline store::ArticleRecord make_record(const std::string& source, int n, std::string text = {}) {
    store::ArticleRecord r;
    r.source = source;
    r.guid = source + "-guid-" + std::to_string(n);
    r.source_url = "https://" + source + ".example.com/news/" + std::to_string(n);
    r.title = "Article " + std::to_string(n) + " of " + source;
    r.date = DateTime{1'738'900'000 + n * 3600, 8 * 3600};
    r.fetched = 1'739'000'000 + n;
    r.path = source + "/2025/02/2025-02-07-" + std::to_string(n) + ".md";
    r.text = text.empty() ? "Body text of article " + std::to_string(n) : std::move(text);
    r.content_hash = "sha256:" + std::to_string(std::hash<std::string>{}(r.text));
    r.summary = r.text.substr(0, 20);
    return r;
}

} // namespace archiver::testing
