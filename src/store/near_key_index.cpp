// SPDX-License-Identifier: MIT
// The near-duplicate keys (sketch hashes) of the articles in the index: buffered inside a
// transaction (src/store/near_keys.hpp), written in key order to the top level of
// `text_sketch` (src/store/key_levels.hpp), removed with their article from whichever
// level holds them. The content-hash keys alike, in a buffer of their own (`content_keys`).
#include "impl.hpp"
#include "key_levels.hpp"
#include "sketch.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <string>
#include <vector>

namespace archiver::store::detail {
namespace {

// "INSERT OR IGNORE INTO <table> VALUES (?, ?, ?), ..." with `rows` rows: one statement for
// many sketch rows instead of one per row.
std::string insert_rows_sql(const char* table, std::size_t rows) {
    std::string sql = std::string("INSERT OR IGNORE INTO ") + table + " VALUES ";
    for (std::size_t i = 0; i < rows; ++i) {
        sql += i == 0 ? "(?, ?, ?)" : ", (?, ?, ?)";
    }
    return sql;
}

// Rows per statement when the buffered keys are written (3 parameters a row).
constexpr std::size_t k_rows_per_insert = 64;
// Buffered keys at most (32 bytes each, and the hash table): about 65,000 articles.
constexpr std::size_t k_max_buffered_keys = std::size_t{1} << 18;

// Inserts (key, article id, simhash) `rows` into the top level of `levels`, up to
// k_rows_per_insert rows a statement.
void write_key_rows(Store::Impl& impl, const KeyLevels& levels, const KeyRow* rows,
                    std::size_t count) {
    // Built once per family and row count.
    using Statements = std::array<std::string, k_rows_per_insert + 1>;
    static const auto k_sql = [] {
        std::array<Statements, 2> sql;
        for (std::size_t n = 1; n <= k_rows_per_insert; ++n) {
            sql[0][n] = insert_rows_sql(k_sketch_levels[0], n);
            sql[1][n] = insert_rows_sql(k_content_levels[0], n);
        }
        return sql;
    }();
    const Statements& family = &levels == &k_sketch_levels ? k_sql[0] : k_sql[1];
    for (std::size_t first = 0; first < count; first += k_rows_per_insert) {
        const std::size_t n = std::min(count - first, k_rows_per_insert);
        auto& add = impl.statement(family[n]);
        int param = 1;
        for (std::size_t i = first; i < first + n; ++i) {
            add.bind(param++, rows[i].key);
            add.bind(param++, rows[i].article_id);
            add.bind(param++, rows[i].simhash);
        }
        add.exec();
    }
}

// Writes `buffer` to the top level of `levels` in key order and empties it. After a
// failure the buffer is kept (the rows already written are ignored when written again).
void flush_buffer(Store::Impl& impl, NearKeyBuffer& buffer, const KeyLevels& levels) {
    if (buffer.empty()) {
        return;
    }
    const std::vector<KeyRow>& rows = buffer.sort();
    write_key_rows(impl, levels, rows.data(), rows.size());
    buffer.clear();
}

// Deletes the rows (key, `article_id`) of each of `keys` from every level of `levels`.
void delete_keys(Store::Impl& impl, const KeyLevels& levels,
                 const std::vector<std::int64_t>& keys, std::int64_t article_id) {
    for (const char* level : levels) {
        auto& del = impl.statement(std::string("DELETE FROM ") + level +
                                   " WHERE hash = ? AND article_id = ?");
        for (const auto key : keys) {
            del.reset();
            del.bind(1, key);
            del.bind(2, article_id);
            del.exec();
        }
    }
}

} // namespace

void add_near_keys(Store::Impl& impl, const ArticleRecord& record, const TextKeys& keys) {
    if (keys.letters < k_min_dedupe_chars) {
        return;
    }
    const auto simhash = static_cast<std::int64_t>(record.simhash);
    if (!impl.in_transaction) {
        std::vector<KeyRow> rows;
        for (const auto hash : keys.sketch) {
            rows.push_back({hash, record.id, simhash, 0});
        }
        write_key_rows(impl, k_sketch_levels, rows.data(), rows.size());
        return;
    }
    // Only this buffer: the rows of an insert still in progress stay buffered, so that a
    // failed insert can forget them (Store::remove_partial_insert).
    if (impl.near_keys.size() + keys.sketch.size() > k_max_buffered_keys) {
        flush_buffer(impl, impl.near_keys, k_sketch_levels);
        impl.index_has_near_keys = 1;
    }
    for (const auto hash : keys.sketch) {
        impl.near_keys.add(hash, record.id, simhash);
    }
}

void flush_near_keys(Store::Impl& impl) {
    // Sorted, so the B-tree is walked once from left to right.
    if (!impl.near_keys.empty()) {
        flush_buffer(impl, impl.near_keys, k_sketch_levels);
        impl.index_has_near_keys = 1;
    }
    flush_buffer(impl, impl.content_keys, k_content_levels);
}

void discard_near_keys(Store::Impl& impl) noexcept {
    impl.near_keys.clear();
    impl.content_keys.clear();
}

void drop_near_keys(Store::Impl& impl, const ArticleRecord& old) {
    flush_near_keys(impl);
    delete_keys(impl, k_sketch_levels,
                text_sketch(old.text, k_sketch_shingle, k_max_stored_sketch_size), old.id);
}

void add_content_key(Store::Impl& impl, const ArticleRecord& record) {
    if (record.content_hash.empty()) {
        return;
    }
    const KeyRow row{content_key(record.content_hash), record.id, 0, 0};
    if (!impl.in_transaction) {
        write_key_rows(impl, k_content_levels, &row, 1);
        return;
    }
    if (impl.content_keys.size() + 1 > k_max_buffered_keys) {
        flush_buffer(impl, impl.content_keys, k_content_levels); // as in add_near_keys
    }
    impl.content_keys.add(row.key, row.article_id, 0);
}

void drop_content_key(Store::Impl& impl, const ArticleRecord& old) {
    if (old.content_hash.empty()) {
        return;
    }
    flush_near_keys(impl);
    delete_keys(impl, k_content_levels, {content_key(old.content_hash)}, old.id);
}

std::vector<ArticleRecord> content_matches(Store::Impl& impl, const std::string& content_hash) {
    // The ids whose key matches, in every level, in id order; each article checked against
    // the full hash (the keys of two hashes may collide).
    static const std::string k_ids = [] {
        std::string sql;
        for (const char* level : k_content_levels) {
            sql += std::string(sql.empty() ? "" : " UNION ALL ") + "SELECT article_id FROM " +
                   level + " WHERE hash = ?1";
        }
        return sql;
    }();
    const std::int64_t key = content_key(content_hash);
    auto& ids_q = impl.statement(k_ids);
    ids_q.bind(1, key);
    std::set<std::int64_t> ids;
    while (ids_q.executeStep()) {
        ids.insert(ids_q.getColumn(0).getInt64());
    }
    ids_q.reset();
    impl.content_keys.for_each(key, [&](const KeyRow& row) { ids.insert(row.article_id); });
    static const std::string k_article = std::string("SELECT ") + k_article_columns +
                                         " FROM articles a WHERE a.id = ? AND "
                                         "a.content_hash = ? AND a.letters >= ?";
    std::vector<ArticleRecord> out;
    for (const auto id : ids) {
        auto& q = impl.statement(k_article);
        q.bind(1, id);
        q.bind(2, content_hash);
        q.bind(3, k_min_dedupe_chars);
        if (q.executeStep()) {
            out.push_back(read_article(q));
        }
        q.reset();
    }
    return out;
}

void merge_levels(Store::Impl& impl) {
    impl.reset_statements();
    // Deferred: most commits find level 0 under its bound and write nothing, so this
    // transaction only reads (no sync at its commit).
    impl.db.exec("BEGIN");
    try {
        merge_key_levels(impl.db, k_sketch_levels);
        merge_key_levels(impl.db, k_content_levels);
        impl.db.exec("COMMIT");
    } catch (...) {
        try {
            impl.db.exec("ROLLBACK");
        } catch (...) { // NOLINT(bugprone-empty-catch): the first failure is the one reported
        }
        throw;
    }
}

} // namespace archiver::store::detail
