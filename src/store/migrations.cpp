// SPDX-License-Identifier: MIT
#include "migrations.hpp"

#include "key_levels.hpp"
#include "sketch.hpp"
#include "tokenizer.hpp"

#include <archiver/store/store.hpp>

#include <archiver/core/url.hpp>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <algorithm>
#include <set>
#include <string>

namespace archiver::store::detail {
namespace {

// 1: articles and the operational tables.
void step_base(SQLite::Database& db) {
    db.exec(R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    guid TEXT NOT NULL,
    source_url TEXT NOT NULL,
    canonical_url TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    lang TEXT NOT NULL DEFAULT '',
    date_epoch INTEGER,
    date_offset INTEGER,
    fetched INTEGER NOT NULL DEFAULT 0,
    path TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL DEFAULT '',
    simhash INTEGER NOT NULL DEFAULT 0,
    letters INTEGER NOT NULL DEFAULT 0,
    duplicate_of INTEGER,
    duplicate_reason TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX articles_source_guid ON articles (source, guid);
CREATE INDEX articles_content_hash ON articles (content_hash);
CREATE INDEX articles_sort ON articles (coalesce(date_epoch, fetched), id);
CREATE INDEX articles_source_sort ON articles (source, coalesce(date_epoch, fetched), id);
CREATE TABLE revisions (
    article_id INTEGER NOT NULL,
    at INTEGER NOT NULL,
    previous_hash TEXT NOT NULL
);
CREATE INDEX revisions_article ON revisions (article_id, at);
CREATE TABLE http_cache (
    url TEXT PRIMARY KEY,
    etag TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    body_hash TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE TABLE source_state (
    name TEXT PRIMARY KEY,
    last_attempt INTEGER NOT NULL DEFAULT 0,
    last_success INTEGER NOT NULL DEFAULT 0,
    failing_since INTEGER NOT NULL DEFAULT 0,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    backoff_until INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    redirected_url TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
)sql");
}

// 2: dedupe lookups that stay fast at a million articles: every canonical URL an article
// is known by, and its SimHash split in four indexed 16-bit bands (pigeonhole: two hashes
// within Hamming distance 3 agree on at least one band).
void step_dedupe_indexes(SQLite::Database& db) {
    db.exec(R"sql(
CREATE TABLE article_urls (
    url TEXT NOT NULL,
    article_id INTEGER NOT NULL,
    PRIMARY KEY (url, article_id)
) WITHOUT ROWID;
CREATE INDEX article_urls_article ON article_urls (article_id);
CREATE TABLE simhash_bands (
    band_key INTEGER NOT NULL,
    article_id INTEGER NOT NULL,
    PRIMARY KEY (band_key, article_id)
) WITHOUT ROWID;
CREATE INDEX simhash_bands_article ON simhash_bands (article_id);
)sql");
    SQLite::Statement rows(db, "SELECT id, source_url, canonical_url, simhash, letters "
                               "FROM articles");
    SQLite::Statement add_url(db, "INSERT OR IGNORE INTO article_urls VALUES (?, ?)");
    SQLite::Statement add_band(db, "INSERT OR IGNORE INTO simhash_bands VALUES (?, ?)");
    while (rows.executeStep()) {
        const std::int64_t id = rows.getColumn(0).getInt64();
        std::set<std::string> urls;
        for (int col : {1, 2}) {
            const std::string u = rows.getColumn(col).getString();
            if (!u.empty()) {
                urls.insert(url::canonicalize(u));
            }
        }
        for (const auto& u : urls) {
            add_url.bind(1, u);
            add_url.bind(2, id);
            add_url.exec();
            add_url.reset();
        }
        if (rows.getColumn(4).getInt() >= k_min_dedupe_chars) {
            const auto hash = static_cast<std::uint64_t>(rows.getColumn(3).getInt64());
            for (const auto key : simhash_band_keys(hash)) {
                add_band.bind(1, key);
                add_band.bind(2, id);
                add_band.exec();
                add_band.reset();
            }
        }
    }
}

// 3: every dedupe decision, kept or skipped, with its reason (`show` explains it).
void step_duplicates(SQLite::Database& db) {
    db.exec(R"sql(
CREATE TABLE duplicates (
    source TEXT NOT NULL,
    guid TEXT NOT NULL,
    url TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    original_id INTEGER NOT NULL,
    reason TEXT NOT NULL,
    article_id INTEGER,
    at INTEGER NOT NULL,
    PRIMARY KEY (source, guid)
) WITHOUT ROWID;
CREATE INDEX duplicates_original ON duplicates (original_id);
CREATE INDEX duplicates_url ON duplicates (url);
CREATE INDEX duplicates_article ON duplicates (article_id);
INSERT INTO duplicates (source, guid, url, title, original_id, reason, article_id, at)
    SELECT source, guid, canonical_url, title, duplicate_of, duplicate_reason, id, fetched
    FROM articles WHERE duplicate_of IS NOT NULL;
)sql");
}

// 4: full-text index over title and body (external content: the text is stored once, in
// `articles`), kept in step by triggers.
void step_fulltext(SQLite::Database& db) {
    db.exec(std::string(R"sql(
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text, content = 'articles', content_rowid = 'id', tokenize = ')sql") +
            k_tokenizer_name + R"sql('
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
)sql");
}

// 5: near-duplicate candidates beyond SimHash distance 3 (copies with boilerplate added or
// edited): each article's bottom-k shingle sketch, indexed by hash.
void step_text_sketch(SQLite::Database& db) {
    db.exec(R"sql(
CREATE TABLE text_sketch (
    hash INTEGER NOT NULL,
    article_id INTEGER NOT NULL,
    PRIMARY KEY (hash, article_id)
) WITHOUT ROWID;
)sql");
    SQLite::Statement rows(db, "SELECT id, text FROM articles WHERE letters >= ?");
    rows.bind(1, k_min_dedupe_chars);
    SQLite::Statement add(db, "INSERT OR IGNORE INTO text_sketch VALUES (?, ?)");
    while (rows.executeStep()) {
        // Schema 5 kept 8 hashes per article (k_max_stored_sketch_size).
        for (const auto hash : text_sketch(rows.getColumn(1).getString(), k_sketch_shingle,
                                           k_max_stored_sketch_size)) {
            add.bind(1, hash);
            add.bind(2, rows.getColumn(0).getInt64());
            add.exec();
            add.reset();
        }
    }
}

// 6: `run` asks, for every item it has not archived, whether an earlier run judged its URL
// or GUID a duplicate (`WHERE url = ? OR guid = ?`). Without an index on guid SQLite cannot
// use the OR optimisation and scanned the whole table: a cost that grew with the archive.
void step_duplicates_guid(SQLite::Database& db) {
    db.exec("CREATE INDEX duplicates_guid ON duplicates (guid);");
}

// 7: writes and dedupe lookups that stay flat at a million articles.
// - The full-text index is kept by the store's own statements, not by triggers: a trigger
//   makes every INSERT a statement transaction, and FTS5 flushes its pending terms to a new
//   segment at every savepoint, so each article cost a segment write and the merges behind
//   it. Now a whole run's batch is flushed once.
// - `simhash_bands` and `text_sketch` carry each article's SimHash, so near-duplicate
//   candidates are filtered by Hamming distance from the index alone, before any article
//   row (or its text) is read.
// - The sketch is taken over 8-letter shingles (4 before): 4-letter shingles are stock
//   phrases whose buckets filled with unrelated articles (docs/archive-format.md).
void step_flat_dedupe(SQLite::Database& db) {
    db.exec(R"sql(
DROP TRIGGER IF EXISTS articles_fts_insert;
DROP TRIGGER IF EXISTS articles_fts_delete;
DROP TRIGGER IF EXISTS articles_fts_update;
DROP INDEX IF EXISTS simhash_bands_article;
DROP TABLE simhash_bands;
DROP TABLE text_sketch;
CREATE TABLE simhash_bands (
    band_key INTEGER NOT NULL,
    article_id INTEGER NOT NULL,
    simhash INTEGER NOT NULL,
    PRIMARY KEY (band_key, article_id)
) WITHOUT ROWID;
CREATE TABLE text_sketch (
    hash INTEGER NOT NULL,
    article_id INTEGER NOT NULL,
    simhash INTEGER NOT NULL,
    PRIMARY KEY (hash, article_id)
) WITHOUT ROWID;
)sql");
    SQLite::Statement rows(db, "SELECT id, simhash, text FROM articles WHERE letters >= ?");
    rows.bind(1, k_min_dedupe_chars);
    SQLite::Statement add_band(db, "INSERT OR IGNORE INTO simhash_bands VALUES (?, ?, ?)");
    SQLite::Statement add_hash(db, "INSERT OR IGNORE INTO text_sketch VALUES (?, ?, ?)");
    while (rows.executeStep()) {
        const std::int64_t id = rows.getColumn(0).getInt64();
        const std::int64_t simhash = rows.getColumn(1).getInt64();
        for (const auto key : simhash_band_keys(static_cast<std::uint64_t>(simhash))) {
            add_band.bind(1, key);
            add_band.bind(2, id);
            add_band.bind(3, simhash);
            add_band.exec();
            add_band.reset();
        }
        for (const auto hash : text_sketch(rows.getColumn(2).getString(), k_sketch_shingle,
                                           k_max_stored_sketch_size)) {
            add_hash.bind(1, hash);
            add_hash.bind(2, id);
            add_hash.bind(3, simhash);
            add_hash.exec();
            add_hash.reset();
        }
    }
}

// 8: the full-text index rebuilt with CJK characters as single tokens (one position each,
// a gap token between characters that punctuation parts) instead of overlapping bigrams.
// Searches match the same text; indexing costs about a tenth: every distinct character
// pair was a term of its own, and FTS5's cost grows with the number of distinct terms it
// holds in memory, sorts and writes (bench/README.md, "Store thread").
void step_unigram_fulltext(SQLite::Database& db) {
    db.exec(std::string(R"sql(
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text, content = 'articles', content_rowid = 'id', tokenize = ')sql") +
            k_tokenizer_name + R"sql('
);
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
)sql");
}

// 9: near-duplicate candidates come from the shingle sketch alone; `simhash_bands` is
// dropped. Its four rows per article found the copies within SimHash distance 3, which
// share their sketch hashes too: on the syndication corpus of tests/data/normalize and in
// the store benchmark (100,000 articles, 5,000 syndicated copies) the sketch alone finds
// every copy the two found together. The bands were half the index rows a new article
// writes at random places, and with a large archive each such row costs a page written
// (bench/README.md, "What grows with the archive").
void step_sketch_only(SQLite::Database& db) { db.exec("DROP TABLE simhash_bands;"); }

// 10: less work per archived item on the run thread.
// - `article_urls_article` is dropped: one more B-tree row written for every URL of every
//   article, read only by the clean-up of a failed insert, which now deletes the article's
//   URL rows by the table's key (URL, article).
// - The full-text index merges its segments less eagerly (`k_fulltext_options`: FTS5's
//   `automerge` 16 and `crisismerge` 64, defaults 4 and 16). FTS5 writes its pending terms
//   as a new segment each time they pass 1 MB; in a cold 500-feed run that happened 8
//   times, and merging those segments into each other as they appeared cost about as many
//   instructions as tokenizing the text (bench/README.md, "schema 10"). Both options are
//   persistent settings of the index.
void step_lighter_writes(SQLite::Database& db) {
    db.exec("DROP INDEX IF EXISTS article_urls_article;");
    for (const auto& [option, value] : k_fulltext_options) {
        SQLite::Statement set(db, "INSERT INTO articles_fts (articles_fts, rank) VALUES (?, ?)");
        set.bind(1, option);
        set.bind(2, value);
        set.exec();
    }
}

// 11: the dedupe keys looked up at random places are kept in levels (src/store/key_levels.hpp)
// so that what a run writes to them stays the same at any archive size. A run's new sketch
// rows went into `text_sketch`, and each article's content hash into the index
// `articles_content_hash`: at random places, so once the archive outgrew the batch nearly
// every row changed a page of its own (written to the log, then again at the checkpoint):
// at 1M archived articles 2,300 of the 2,800 pages a 600-item run changed
// (bench/README.md, "What grows with the archive"). The existing `text_sketch` becomes the
// bottom level as it is; the content hashes are read from `articles_content_hash` (no
// article row is read), written in key order as the bottom level of `content_keys`, and
// the index is dropped.
void step_key_levels(SQLite::Database& db) {
    for (const auto* levels : {&k_sketch_levels, &k_content_levels}) {
        for (std::size_t level = 0; level + 1 < k_key_levels; ++level) {
            db.exec(create_level_sql((*levels)[level]));
        }
    }
    db.exec(create_level_sql(k_content_levels.back()));
    std::vector<std::pair<std::int64_t, std::int64_t>> keys; // key, article id
    {
        SQLite::Statement rows(db, "SELECT id, content_hash FROM articles "
                                   "INDEXED BY articles_content_hash WHERE content_hash > ''");
        while (rows.executeStep()) {
            const auto* hash = rows.getColumn(1).getText();
            keys.emplace_back(content_key(hash), rows.getColumn(0).getInt64());
        }
    }
    std::sort(keys.begin(), keys.end());
    SQLite::Statement add(db, std::string("INSERT INTO ") + k_content_levels.back() +
                                  " VALUES (?, ?, 0)");
    for (const auto& [key, id] : keys) {
        add.bind(1, key);
        add.bind(2, id);
        add.exec();
        add.reset();
    }
    db.exec("DROP INDEX articles_content_hash;");
}

} // namespace

const std::vector<MigrationStep>& migration_steps() {
    static const std::vector<MigrationStep> steps{
        step_base,        step_dedupe_indexes,  step_duplicates, step_fulltext,
        step_text_sketch, step_duplicates_guid, step_flat_dedupe, step_unigram_fulltext,
        step_sketch_only, step_lighter_writes,  step_key_levels};
    return steps;
}

int latest_schema_version() { return static_cast<int>(migration_steps().size()); }

void migrate(SQLite::Database& db, int target) {
    const auto& steps = migration_steps();
    if (target < 0 || target > static_cast<int>(steps.size())) {
        target = static_cast<int>(steps.size());
    }
    register_tokenizer(db.getHandle()); // the full-text step and its triggers need it
    int version = db.execAndGet("PRAGMA user_version").getInt();
    while (version < target) {
        SQLite::Transaction txn(db);
        steps[static_cast<std::size_t>(version)](db);
        ++version;
        db.exec("PRAGMA user_version = " + std::to_string(version));
        txn.commit();
    }
}

std::vector<std::int64_t> simhash_band_keys(std::uint64_t simhash) {
    std::vector<std::int64_t> keys;
    keys.reserve(4);
    for (std::int64_t band = 0; band < 4; ++band) {
        const auto bits = static_cast<std::int64_t>((simhash >> (16 * band)) & 0xFFFFu);
        keys.push_back((band << 16) | bits);
    }
    return keys;
}

} // namespace archiver::store::detail
