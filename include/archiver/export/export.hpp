// SPDX-License-Identifier: MIT
// Handing the archive to other tools (SPEC §2 `export`): JSON lines, CSV, Atom, OPML and a
// Hugo site. Every JSON value describing an article uses the one item schema of
// archiver-archive(5): the front matter's fields plus `path` and `markdown`.
#pragma once

#include <archiver/core/model.hpp>
#include <archiver/core/result.hpp>
#include <archiver/document/document.hpp>
#include <archiver/store/store.hpp>

#include <cstdint>
#include <filesystem>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace archiver::exporter {

// What to export: the articles `filter` selects, read from the Markdown files under
// `archive_root`.
struct ExportOptions {
    std::filesystem::path archive_root;
    store::ListQuery filter;
    std::int64_t now = 0; // epoch seconds: the feed's `updated` when the archive is empty
};

// Reads and parses the archived file `relative_path` under `archive_root`. Refuses paths
// that leave the archive. (Items are printed with archive::item_json, the one item schema.)
Result<document::Document> read_document(const std::filesystem::path& archive_root,
                                         const std::string& relative_path);

// Counts of an export, for the message on stderr.
struct ExportSummary {
    std::int64_t articles = 0;
    std::int64_t unreadable = 0; // files missing or unparsable (exported from the index)
};

// One item-schema object per line.
Result<ExportSummary> export_jsonl(const store::Store& store,
                                   const ExportOptions& options,
                                   std::ostream& out);

// RFC 4180 CSV (CRLF line ends, quoted when needed) with a header row: id, date, source,
// title, author, source_url, guid, lang, categories, tags, summary, fetched, content_hash,
// duplicate_of, path. Lists are joined with "; ".
Result<ExportSummary> export_csv(const store::Store& store,
                                 const ExportOptions& options,
                                 std::ostream& out);

// An Atom 1.0 feed (RFC 4287) of the selected articles, newest first, each entry carrying
// the body rendered to HTML.
Result<ExportSummary> export_atom(const store::Store& store,
                                  const ExportOptions& options,
                                  std::ostream& out);

// An OPML 2.0 subscription list of `sources` (feeds as `type="rss"` outlines grouped by
// their first category).
std::string export_opml(const std::vector<Source>& sources, std::int64_t now);

// A complete Hugo site in `output_dir` (created; must be empty or absent): hugo.toml, its
// own minimal layouts, and content/ holding each selected article's file (page bundles
// with their images) under its archive path. Plain `hugo` in `output_dir` builds it into
// one page per article.
Result<ExportSummary> export_hugo(const store::Store& store,
                                  const ExportOptions& options,
                                  const std::filesystem::path& output_dir);

// One subscription read from an OPML file (newsboat, miniflux, FreshRSS exports).
struct OpmlFeed {
    std::string title;
    std::string xml_url;
    std::string html_url;
    std::vector<std::string> categories; // the enclosing outlines' titles, outermost first
};

// The feeds (outlines with an xmlUrl) of an OPML document; fails on malformed XML.
Result<std::vector<OpmlFeed>> parse_opml(std::string_view xml);

// The text of a feeds.d/NAME.toml file for `feed` (SPEC §3 keys only).
std::string source_file_text(const OpmlFeed& feed);

} // namespace archiver::exporter
