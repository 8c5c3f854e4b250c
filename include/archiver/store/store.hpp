// SPDX-License-Identifier: MIT
#pragma once

#include <archiver/core/result.hpp>
#include <archiver/core/time.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace archiver::store {

// The near-duplicate keys the store derives from an article's body text. `text_keys` is
// pure CPU work: `run` computes it on a worker thread, so the store's one thread (which
// dedupes and indexes every item) does not.
struct TextKeys {
    int letters = 0;                  // letters (CJK characters, letters, digits) of the text
    std::vector<std::int64_t> sketch; // the bottom-k hashes of its letter shingles
};

// The keys of `text`.
TextKeys text_keys(std::string_view text);

// The forms of an article's URLs the index looks them up by: url::canonicalize of
// `source_url` and of `canonical_url` (empty for an empty URL).
struct UrlKeys {
    std::string source_url;
    std::string canonical_url;
};

struct ArticleRecord;
// `record`'s URL keys: pure work, thread-safe.
UrlKeys url_keys(const ArticleRecord& record);
// The key `url` is looked up by (url::canonicalize): pure work, thread-safe.
std::string url_key(const std::string& url);

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
    // `text_keys(text)` when computed ahead; empty: the store computes them from `text`.
    // Never read back from the index.
    std::optional<TextKeys> keys;
    // `url_keys(*this)` when computed ahead (off the store's thread); unset: the store
    // computes them where it needs them. Never read back from the index.
    std::optional<UrlKeys> url_keys;
};

enum class MatchKind { none, guid, url, hash, near };

// Largest SimHash Hamming distance `find_match` judges a near duplicate on its own (without
// a `confirm` check). The 64-bit hash is indexed in four 16-bit bands: two hashes within
// distance 3 share at least one band.
inline constexpr int k_near_distance = 3;
// Near-duplicate candidates further apart in SimHash are never read or confirmed (copies
// measure at most 17 bits apart, unrelated articles ~32: docs/archive-format.md). It is the
// archive's own limit (normalize::k_near_duplicate_distance), so the archive's confirmation
// never sees a candidate it would reject on distance alone (24 until schema 7, when about
// one unrelated candidate in 18 was read in full and confirmed for nothing).
inline constexpr int k_near_candidate_distance = 18;
// Fewest letters (CJK characters, or letters and digits) a body needs before its hash or
// SimHash may decide that two articles are the same.
inline constexpr int k_min_dedupe_chars = 40;


// The first dedupe rule a candidate matched (SPEC §4 order), and against what.
struct Match {
    MatchKind kind = MatchKind::none;
    ArticleRecord existing;
    int distance = 0; // near: Hamming distance
};

// The `duplicate_reason` text of a match ("guid", "url", "hash", "near:2"); "" for none.
std::string match_reason(const Match& match);
// A sentence explaining `reason` for `show` ("same canonical URL", ...).
std::string explain_reason(const std::string& reason);

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

// Filters of `list`, `search` and `export`. Articles without a date are filtered on their
// `fetched` time.
struct ListQuery {
    std::string source;                       // empty: every source
    std::optional<std::int64_t> since, until; // epoch seconds on the article date, inclusive
    std::string text;                         // full-text filter (search syntax); empty: none
    int limit = 0;                            // 0: no limit
    enum class Order { date_ascending, date_descending } order = Order::date_ascending;
};

// One `search` result: the article, its bm25 rank (lower is better) and a snippet of the
// body with the matched words between `[` and `]`.
struct SearchHit {
    ArticleRecord article;
    double rank = 0;
    std::string snippet;
};

// A dedupe decision: a candidate that was judged a duplicate of `original_id`. `kept` is
// true when the candidate was archived anyway (`dedupe = "keep"`, then `article_id` is its
// id), false when it was skipped.
struct DuplicateRecord {
    std::string source;
    std::string guid;
    std::string url;
    std::string title;
    std::int64_t original_id = 0;
    std::string reason;             // "guid", "url", "hash", "near:3" (as duplicate_reason)
    std::optional<std::int64_t> article_id; // set when kept
    std::int64_t at = 0;            // epoch seconds of the decision
};

// One recorded change of an article: when, and the content hash it had before.
struct Revision {
    std::int64_t at = 0;
    std::string previous_hash;
};

// Figures of `stats`, per source and in total.
struct SourceStats {
    std::string source;
    std::int64_t articles = 0;         // files in the archive (kept duplicates included)
    std::int64_t duplicates_kept = 0;  // articles with duplicate_of
    std::int64_t duplicates_skipped = 0;
    std::int64_t revisions = 0;
    std::optional<std::int64_t> first_date, last_date; // epoch seconds
    std::int64_t last_fetched = 0;
};
struct Stats {
    std::vector<SourceStats> sources; // by name
    SourceStats total;                // `source` empty
    int schema_version = 0;
};

enum class OpenMode { read_write, read_only };

// The SQLite index (WAL, versioned schema, FTS5). Move-only; all SQLite types stay inside.
// A Store is one connection, used by one thread at a time (open one per thread).
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
        // Writes what the transaction still holds in memory (queued full-text rows,
        // near-duplicate keys, the article id counter) into it, and the pages it changed to
        // the write-ahead log as uncommitted frames, so that `commit()` has little left to
        // do. The transaction stays open; readers see nothing of it before the commit.
        void prepare();
        void commit();

    private:
        Store* m_store;
        bool m_done = false;
    };

    // Confirms that `existing` (a near-duplicate candidate, with its text) is a copy of
    // `candidate`; the archive passes normalize::is_near_duplicate.
    using NearCheck =
        std::function<bool(const ArticleRecord& candidate, const ArticleRecord& existing)>;

    // Dedupe (SPEC §4): the first of guid (same source), canonical URL (of `source_url` or
    // `canonical_url`), content hash, near duplicate that matches `candidate`. Within a rule
    // an article of the same source wins, else the earliest archived one; a match on
    // another source's kept duplicate is resolved to its original. The hash and near rules
    // apply only to bodies of at least `k_min_dedupe_chars` letters. Near candidates are
    // the articles within SimHash distance 3 (four indexed 16-bit bands) or sharing a
    // shingle of the body's bottom-k sketch (copies with added or cut text), each bucket
    // read newest first up to a cap, so a bounded number at any archive size; those within
    // `k_near_candidate_distance` are read and `confirm` decides (default: SimHash
    // distance <= `k_near_distance`), the closest confirmed one wins.
    Match find_match(const ArticleRecord& candidate, const NearCheck& confirm = {}) const;

    // Inserts `record` and sets its `id` (when 0). Fails on a path or guid conflict. A record
    // with `duplicate_of` (a kept duplicate) also records its dedupe decision.
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
    // Whether the index holds any article of `source`.
    bool has_articles(const std::string& source) const;
    // The paths of the articles under `folder` (relative, '/'-terminated), at any depth: one
    // indexed range read where `path_taken` costs a lookup per name tried.
    std::vector<std::string> paths_under(const std::string& folder) const;
    std::optional<ArticleRecord> find_by_guid(const std::string& source,
                                              const std::string& guid) const;
    std::vector<ArticleRecord> list(const ListQuery& query) const;
    // Calls `visit` for each article `query` selects, in order, without holding them all in
    // memory (exports of a large archive). Records carry no `text`.
    void for_each(const ListQuery& query,
                  const std::function<void(const ArticleRecord&)>& visit) const;
    // Reserves the next article id (persisted at once, so an id is never handed out twice,
    // even when the article is then not inserted).
    std::int64_t next_article_id();

    // Full-text search over titles and bodies, English and CJK alike: each word of
    // `query.text` must occur ("quoted phrases" kept together); best first. A query with
    // no searchable word returns nothing.
    std::vector<SearchHit> search(const ListQuery& query) const;

    // Records a dedupe decision (a later decision for the same source and guid replaces
    // an earlier one).
    void record_duplicate(const DuplicateRecord& decision);
    // Decisions whose candidate had this canonical URL or (source, guid); newest first.
    std::vector<DuplicateRecord> duplicate_decisions_for_url(const std::string& url) const;
    // Whether `duplicate_decisions_for_url(url)` would return any decision (one statement,
    // nothing read: `run` asks it for every new item).
    bool has_duplicate_decision(const std::string& url) const;
    // The same, with `key` = url_key(url) computed ahead (off the store's thread).
    bool has_duplicate_decision(const std::string& url, const std::string& key) const;
    // Decisions that name `original_id` as the original; oldest first.
    std::vector<DuplicateRecord> duplicates_of(std::int64_t original_id) const;
    // The decision recorded for the kept duplicate `article_id`, if any.
    std::optional<DuplicateRecord> decision_for_article(std::int64_t article_id) const;

    // Appends a revision of `article_id` without touching the article (reindex).
    void add_revision(std::int64_t article_id, const Revision& revision);
    std::vector<Revision> revisions(std::int64_t article_id) const; // oldest first

    Stats stats() const;

    // Removes every article, decision and revision (reindex, inside a transaction); the id
    // counter is kept so ids are never reused.
    void clear_articles();

    std::optional<HttpCache> http_cache(const std::string& url) const;
    void put_http_cache(const std::string& url, const HttpCache& entry);

    std::optional<SourceState> source_state(const std::string& name) const;
    void put_source_state(const SourceState& state);

    // The SQLite side, defined in src/store/ only.
    struct Impl;

private:
    // Near candidates confirmed at most per lookup (the closest first).
    static constexpr std::size_t k_max_near_checks = 16;
    Store() = default;
    Match near_match(const ArticleRecord& candidate,
                     const TextKeys& keys,
                     const NearCheck& confirm) const;
    // Removes the rows of an insert that failed after its article row was written.
    void remove_partial_insert(const ArticleRecord& record) noexcept;
    std::unique_ptr<Impl> m_impl;
};

} // namespace archiver::store
