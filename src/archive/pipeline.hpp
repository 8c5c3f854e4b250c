// SPDX-License-Identifier: MIT
// Internal to the archive module: turning one fetched page or feed entry into an archived
// file and index row.
#pragma once

#include <archiver/archive/run.hpp>
#include <archiver/archive/writer.hpp>
#include <archiver/core/model.hpp>
#include <archiver/store/store.hpp>

#include <cstdint>
#include <map>
#include <vector>
#include <set>
#include <string>

namespace archiver::archive {

enum class Outcome { added, updated, duplicate, unchanged, failed };

// The file names taken in the archive, as far as a run has looked: shared by the run's
// sources (an ad-hoc `fetch` of two pages of one host makes two batches of one folder).
struct TakenPaths {
    // One archive folder, read when a path was first chosen in it: one directory read and
    // one index range per folder instead of three stat calls and two lookups per item.
    // Names are relative to the folder, so each lookup compares short strings.
    struct Folder {
        std::set<std::string> on_disk; // names of its files and folders then
        std::set<std::string> indexed; // the paths the index held under it then
        std::set<std::string> chosen;  // paths chosen in it in this run
    };
    std::map<std::string, Folder, std::less<>> folders; // by folder (relative, '/'-terminated)
};

// Per-source write context: the run's open batch of files and the run's settings.
struct SourceBatch {
    SourceBatch(const Source& s,
                const RunOptions& run_options,
                std::filesystem::path archive_root,
                BatchWriter& files,
                TakenPaths& taken_paths)
        : source(s), run(run_options), root(std::move(archive_root)), writer(files),
          taken(taken_paths) {}
    const Source& source;
    const RunOptions& run; // the run's options: dry run, `--json`'s on_item
    std::filesystem::path root; // the archive folder
    TimeZone zone;
    BatchWriter& writer; // shared by the run's sources, committed in groups
    TakenPaths& taken;   // shared by the run's sources
    std::int64_t now = 0;
    std::string date_format;
};

// What is known of an item before its page is extracted.
struct ItemHint {
    std::string guid;
    std::string link;
    std::string title;
    std::string author;
    std::optional<DateTime> date;
};

// An image downloaded for an article of a source with `images = "local"`.
struct LocalImage {
    std::string name;  // file name inside the page bundle: content hash + extension
    std::string bytes;
};
using LocalImages = std::map<std::string, LocalImage>; // by absolute source URL

// The distinct http(s) image URLs of `body`, in document order, at most `limit`.
std::vector<std::string> image_urls(const ContentNode& body, std::size_t limit);

// The file name of a downloaded image: its content hash and an extension from its media
// type or URL; empty when the bytes are not an image type we keep.
std::string local_image_name(const std::string& url,
                             const std::string& content_type,
                             const std::string& bytes);

// The text fingerprints of an article's body that dedupe needs: pure CPU work, computed on
// a worker thread before the item reaches the store (src/archive/fingerprints.cpp).
struct Fingerprints {
    std::string text; // markdown::render_text of the body
    std::string content_hash;
    std::uint64_t simhash = 0;
    std::string summary;
    store::TextKeys keys; // the store's near-duplicate keys of `text`
    std::string markdown; // markdown::render_markdown of the body (remote image URLs)
    // Set by `prepare_article`: the article's fields are already completed from its hint,
    // and these are its canonical URL, the key the store looks that URL up by
    // (store::url_key) and its file-name slug.
    bool prepared = false;
    std::string canonical_url;
    std::string url_key;
    std::string slug;
};

// The fingerprints of `body`.
Fingerprints fingerprint_body(const ContentNode& body);

// Completes `article` from `hint` and `source` as `archive_article` would (title, date,
// author, URL, language) and records its canonical URL and slug in `prints`: pure work,
// done on a worker thread so the run thread does not.
void prepare_article(Article& article, const ItemHint& hint, const Source& source,
                     Fingerprints& prints);

// Dedupes `article` against the store and stages its file (SPEC §4): new, update in place,
// duplicate (skipped or kept per the source's policy) or unchanged. Index rows are written
// into the store's open transaction; files are staged in `batch.writer`. `precomputed`, when
// given, are `fingerprint_body(article.body)` (computed elsewhere, off the store's thread);
// their strings are moved out.
Outcome archive_article(store::Store& store,
                        SourceBatch& batch,
                        Article article,
                        const ItemHint& hint,
                        std::string* error,
                        const LocalImages& images = {},
                        Fingerprints* precomputed = nullptr);

// The time zone of `source` (its `timezone`, else +08:00 for Chinese pages, else UTC).
TimeZone source_zone(const Source& source, std::string_view page_html = {});

} // namespace archiver::archive
