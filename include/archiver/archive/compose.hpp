// SPDX-License-Identifier: MIT
#pragma once

#include <archiver/core/model.hpp>
#include <archiver/document/document.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace archiver::archive {

// Machine fields that come from the store rather than the page.
struct ComposeInfo {
    std::int64_t id = 0;         // 0: omitted (extract without a store)
    std::string guid;            // empty: the source URL
    std::int64_t fetched = 0;    // epoch seconds
    std::string date_format = "%Y-%m-%d %H:%M:%S"; // front-matter `date` pattern
    std::optional<std::int64_t> duplicate_of;
    std::string duplicate_reason; // with duplicate_of: "guid", "url", "hash", "near:3"
    std::vector<document::Map> revisions;
    // Computed ahead from `article.body` (on a worker thread, off the store's): the summary
    // and content hash of its plain text, and its Markdown. Unset: computed here.
    std::optional<std::string> summary;
    std::optional<std::string> content_hash;
    std::optional<std::string> markdown;
};

// Builds the archived document for `article` from `source` (SPEC §1): the seed's keys in
// order (title, date, summary, categories, lang, translations, tags, then the source's
// front-matter defaults), then the machine fields (id, source, source_url, guid, author,
// fetched, content_hash, duplicate_of, duplicate_reason, revisions), then the Markdown body
// and the last line linking the source. Dates are shown in the source's zone. Key rules and
// order: docs/archive-format.md.
document::Document compose_document(const Source& source,
                                    const Article& article,
                                    const ComposeInfo& info);

} // namespace archiver::archive
