// SPDX-License-Identifier: MIT
// Store internals shared by the store's .cpp files.
#pragma once

#include <archiver/store/store.hpp>

#include "near_keys.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <memory>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace archiver::store {

struct Store::Impl {
    explicit Impl(SQLite::Database database, OpenMode open_mode)
        : db(std::move(database)), mode(open_mode) {}

    SQLite::Database db;
    OpenMode mode;
    // Looked up by any string type without building a std::string. Hashes the length and
    // the two ends only: statements run thousands of times a run and some are kilobytes
    // long (hashing them whole was 3% of a run's store thread); the map compares the whole
    // text on a hit anyway.
    struct SqlHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view sql) const noexcept {
            constexpr std::size_t k_end = 48;
            if (sql.size() <= 2 * k_end) {
                return std::hash<std::string_view>{}(sql);
            }
            return std::hash<std::string_view>{}(sql.substr(0, k_end)) ^
                   (std::hash<std::string_view>{}(sql.substr(sql.size() - k_end)) * 31) ^
                   sql.size();
        }
    };
    std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>, SqlHash, std::equal_to<>>
        statements;
    // A `Store::Transaction` is open: full-text rows are queued (src/store/fulltext.cpp).
    bool in_transaction = false;
    struct QueuedText {
        std::int64_t id;
        std::string title, text;
    };
    std::vector<QueuedText> queued_text;
    std::size_t queued_bytes = 0;
    // Inside a transaction: the near-duplicate keys of the articles written, not yet in
    // the index (src/store/near_keys.hpp).
    detail::NearKeyBuffer near_keys;
    // Inside a transaction: the content-hash keys of the articles written, not yet in the
    // index (the same kind of buffer; simhash 0).
    detail::NearKeyBuffer content_keys;
    // Inside a transaction: whether any level of `text_sketch` holds a row (-1: not asked
    // yet). When
    // it held none as the transaction began (a new archive, or a reindex
    // after clear_articles), near candidates come from the buffer alone until it is written.
    int index_has_near_keys = -1;
    // Inside a transaction: the next article id, read from the index once and handed out
    // from memory; written to `meta` when the transaction commits (a rolled-back
    // transaction would have rolled the `meta` row back too). 0: not read yet.
    std::int64_t next_id = 0;

    // url::canonicalize(u), remembering the last answer: an item's URL is canonicalized for
    // its dedupe lookup and again when it is inserted.
    const std::string& canonical(const std::string& u);
    std::string last_url, last_canonical;

    // The prepared statement for `sql`, compiled once per connection, reset and unbound.
    SQLite::Statement& statement(std::string_view sql);
    // Resets every cached statement. A statement left on a row keeps a read transaction
    // open; before a commit none may be, or SQLite's automatic checkpoint cannot run and the
    // write-ahead log (which every page read consults) grows for as long as the connection
    // lives.
    void reset_statements() noexcept;
};

namespace detail {

// The column list `read_article` expects, for `SELECT <k_article_columns> FROM articles a`;
// append `k_text_column` to read the body text as well.
inline constexpr const char* k_article_columns =
    "a.id, a.source, a.guid, a.source_url, a.canonical_url, a.title, a.author, a.lang, "
    "a.date_epoch, a.date_offset, a.fetched, a.path, a.content_hash, a.simhash, "
    "a.duplicate_of, a.duplicate_reason, a.summary";
inline constexpr const char* k_text_column = ", a.text";
inline constexpr int k_article_column_count = 17;

// The distinct canonical forms of `record`'s source and canonical URLs, in `out`; how many.
std::size_t canonical_urls(Store::Impl& impl, const ArticleRecord& record,
                           std::string (&out)[2]);

// Reads an article from `row` starting at `first_column` (the text too when present).
ArticleRecord read_article(SQLite::Statement& row, int first_column = 0);

// `record.keys`, or the keys computed from its text into `scratch`.
const TextKeys& keys_of(const ArticleRecord& record, TextKeys& scratch);

// The full-text index (src/store/fulltext.cpp). Inside a transaction `index_text` queues
// the article; `flush_text` indexes the queue (before a commit or a full-text query, and
// when `text_queue_full`); `discard_text` forgets it (rollback). `unindex_text` removes the
// indexed version `old` (the queue is flushed first). SQLite failures throw.
void index_text(Store::Impl& impl, const ArticleRecord& record);
void unindex_text(Store::Impl& impl, const ArticleRecord& old);
bool text_queue_full(const Store::Impl& impl);
void flush_text(Store::Impl& impl);
void discard_text(Store::Impl& impl) noexcept;

// The near-duplicate keys (src/store/near_key_index.cpp). Inside a transaction `add_near_keys`
// buffers them (and `add_content_key` the content-hash keys); `flush_near_keys` writes both
// buffers in key order (before a commit, before keys are deleted, and when one is full);
// `discard_near_keys` forgets them (rollback).
void add_near_keys(Store::Impl& impl, const ArticleRecord& record, const TextKeys& keys);
void flush_near_keys(Store::Impl& impl);
void discard_near_keys(Store::Impl& impl) noexcept;
// Removes the near-duplicate keys of the stored version `old` of an article (computed again
// from its text, so no index by article is needed) from every level; the buffer is written
// first.
void drop_near_keys(Store::Impl& impl, const ArticleRecord& old);
// The content-hash key of an article (none for an empty content hash): buffered inside a
// transaction like the near-duplicate keys (lookups merge the buffer in), removed from
// every level (the buffer is written first).
void add_content_key(Store::Impl& impl, const ArticleRecord& record);
void drop_content_key(Store::Impl& impl, const ArticleRecord& old);
// The articles with the content hash `content_hash` and a body long enough for the hash
// rule (k_min_dedupe_chars letters), in id order.
std::vector<ArticleRecord> content_matches(Store::Impl& impl, const std::string& content_hash);
// Merges the key levels that passed their bound (src/store/key_levels.hpp), in a
// transaction of its own; after a commit.
void merge_levels(Store::Impl& impl);

// The next article id stored in the index (`meta`, or past the largest id).
std::int64_t stored_next_id(Store::Impl& impl);
// Writes `impl.next_id` to `meta` (no lower than what is there) and forgets it; nothing
// when no id was handed out in the transaction.
void save_next_id(Store::Impl& impl);

// Rethrows a SQLite failure as `Fatal` (library exceptions never leave the store).
[[noreturn]] void fail(const std::exception& e);

// Runs `body`, turning SQLite exceptions into `Error{Stage::store}`.
template <typename F> Result<void> guarded(F&& body) {
    try {
        body();
        return {};
    } catch (const std::exception& e) {
        return unexpected(Error{Stage::store, e.what()});
    }
}

} // namespace detail
} // namespace archiver::store
