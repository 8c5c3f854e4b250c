// SPDX-License-Identifier: MIT
// The Markdown archive is the source of truth (SPEC §4): these functions read archived files
// back into index records and rebuild the whole index from them.
#pragma once

#include <archiver/core/error.hpp>
#include <archiver/core/result.hpp>
#include <archiver/core/time.hpp>
#include <archiver/document/document.hpp>
#include <archiver/store/store.hpp>

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace archiver::exporter {

// The revisions listed in a file's front matter (`time` or `at`, `previous_hash`).
std::vector<store::Revision> revisions_from_document(const document::Document& doc);

struct ReindexOptions {
    std::filesystem::path archive_root;
    // The time zone of a source's dates (from its feeds.d file); UTC when not set.
    std::function<TimeZone(const std::string& source)> zone_of;
};

struct ReindexReport {
    std::int64_t articles = 0, duplicates = 0, revisions = 0;
    std::vector<Error> skipped; // files that could not be indexed, with the reason
};

// Replaces every article, dedupe decision and revision in `store` with what the Markdown
// files under `archive_root` hold, in one transaction (readers see the old index until it
// commits). HTTP cache and source state start empty. Temporary and hidden files are
// ignored. Throws `Fatal` when the index cannot be written.
ReindexReport reindex(store::Store& store, const ReindexOptions& options);

} // namespace archiver::exporter
