// SPDX-License-Identifier: MIT
#pragma once

#include <archiver/core/result.hpp>
#include <archiver/core/time.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace archiver::store {

// One archived article as the index knows it (every field is also in the file's front
// matter, so `reindex` can rebuild it).
struct ArticleRecord {
    std::int64_t id = 0; // stable, never reused; 0 before insert
    std::string source;
    std::string guid;
    std::string source_url;
    std::string canonical_url; // url::canonicalize of the best URL known
    std::string title;
    std::string author;
    std::string lang;
    std::optional<DateTime> date;
    std::int64_t fetched = 0; // epoch seconds
    std::string path;         // relative to the archive root, '/'-separated
    std::string content_hash;
    std::uint64_t simhash = 0;
    std::optional<std::int64_t> duplicate_of;
    std::string duplicate_reason; // "guid", "url", "hash", "near:3"
    std::string summary;
    std::string text; // plain body text (full-text index)
};

enum class MatchKind { none, guid, url, hash, near };

// The first dedupe rule a candidate matched (SPEC §4 order), and against what.
struct Match {
    MatchKind kind = MatchKind::none;
    ArticleRecord existing;
    int distance = 0; // near: Hamming distance
};

// Conditional-GET state per URL.
struct HttpCache {
    std::string etag, last_modified, body_hash;
};

// Operational state per source: scheduling and error backoff.
struct SourceState {
    std::string name;
    std::int64_t last_attempt = 0, last_success = 0;
    std::int64_t failing_since = 0;
    int consecutive_failures = 0;
    std::int64_t backoff_until = 0;
    std::string last_error;
    std::string redirected_url; // from a permanent redirect
};

struct ListQuery {
    std::string source;
    std::optional<std::int64_t> since, until; // epoch seconds on the article date
    int limit = 0;                            // 0: no limit
};

enum class OpenMode { read_write, read_only };

// The SQLite index (WAL, versioned schema, FTS5). Move-only; all SQLite types stay inside.
// Failures to open or migrate throw `Fatal`; per-item failures return `Error{Stage::store}`.
class Store {
public:
    static Store open(const std::filesystem::path& db_path, OpenMode mode = OpenMode::read_write);
    ~Store();
    Store(Store&&) noexcept;
    Store& operator=(Store&&) noexcept;

    int schema_version() const;

    // Groups writes; commits on `commit()`, rolls back in the destructor otherwise.
    class Transaction {
    public:
        explicit Transaction(Store& store);
        ~Transaction();
        Transaction(const Transaction&) = delete;
        Transaction& operator=(const Transaction&) = delete;
        void commit();

    private:
        Store* m_store;
        bool m_done = false;
    };

    // Dedupe (SPEC §4): the first of guid (same source), canonical URL, content hash,
    // near-duplicate SimHash that matches `candidate`.
    Match find_match(const ArticleRecord& candidate) const;

    // Inserts `record` and sets its `id`. Fails on a path or guid conflict.
    Result<void> insert_article(ArticleRecord& record);
    // Inserts with the id already set (reindex).
    Result<void> insert_article_with_id(const ArticleRecord& record);
    // Replaces the stored fields of `record.id`; appends a revision with `previous_hash`.
    Result<void> update_article(const ArticleRecord& record,
                                const std::string& previous_hash,
                                std::int64_t at);
    // Records that `record` (not archived: the source's dedupe policy is `skip`) duplicates
    // `record.duplicate_of` and why (`record.duplicate_reason`), so `show` can explain it.
    Result<void> record_skipped_duplicate(const ArticleRecord& record);
    std::optional<ArticleRecord> get_article(std::int64_t id) const;
    std::optional<ArticleRecord> find_by_url(const std::string& url) const;
    bool path_taken(const std::string& relative_path) const;
    std::vector<ArticleRecord> list(const ListQuery& query) const;
    std::int64_t next_article_id();

    std::optional<HttpCache> http_cache(const std::string& url) const;
    void put_http_cache(const std::string& url, const HttpCache& entry);

    std::optional<SourceState> source_state(const std::string& name) const;
    void put_source_state(const SourceState& state);

private:
    Store() = default;
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace archiver::store
