// SPDX-License-Identifier: MIT
#include "store/connection.hpp"
#include "support/temp_dir.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <archiver/store/store.hpp>
#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <string>

using archiver::store::detail::configure_writer;
using archiver::store::detail::k_write_cache_kib;
using archiver::testing::TempDir;

namespace {

const int k_flags = SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE;

// Frames in the write-ahead log after deleting `rows` rows of 40 KB (about ten overflow
// pages each) that were checkpointed into the database before.
int log_frames_after_delete(SQLite::Database& db, int rows) {
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB)");
    db.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
            std::to_string(rows) + ") INSERT INTO t SELECT i, randomblob(40000) FROM n");
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    db.exec("DELETE FROM t");
    SQLite::Statement q(db, "PRAGMA wal_checkpoint(PASSIVE)");
    REQUIRE(q.executeStep());
    return q.getColumn(1).getInt();
}

} // namespace

TEST_CASE("A writer connection gets the index's settings", "[store][connection]") {
    TempDir dir;
    SQLite::Database db((dir.path() / "a.db").string(), k_flags);
    configure_writer(db);
    CHECK(db.execAndGet("PRAGMA journal_mode").getString() == "wal");
    CHECK(db.execAndGet("PRAGMA synchronous").getInt() == 2); // FULL
    CHECK(db.execAndGet("PRAGMA cache_size").getInt() == -k_write_cache_kib);
    CHECK(db.execAndGet("PRAGMA temp_store").getInt() == 2);    // MEMORY
    CHECK(db.execAndGet("PRAGMA secure_delete").getInt() == 2); // FAST
}

TEST_CASE("Freed pages are not written through the log", "[store][connection]") {
    TempDir dir;
    SQLite::Database fast((dir.path() / "fast.db").string(), k_flags);
    configure_writer(fast);
    // 50 rows free about 500 overflow pages; only the freelist's trunk pages and the
    // table's own pages change.
    const int fast_frames = log_frames_after_delete(fast, 50);
    CHECK(fast_frames < 20);

    // The same with every freed page zeroed (this SQLite's compiled default).
    SQLite::Database zeroing((dir.path() / "zeroing.db").string(), k_flags);
    configure_writer(zeroing);
    zeroing.exec("PRAGMA secure_delete = ON");
    CHECK(log_frames_after_delete(zeroing, 50) > 400);
}

TEST_CASE("An index opened for writing is left in WAL mode", "[store][connection]") {
    TempDir dir;
    const auto path = dir.path() / "archiver.db";
    { auto store = archiver::store::Store::open(path); }
    SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
    CHECK(db.execAndGet("PRAGMA journal_mode").getString() == "wal");
}

TEST_CASE("A writer's page cache stays bounded in a transaction larger than it",
          "[store][connection]") {
    TempDir dir;
    SQLite::Database db((dir.path() / "a.db").string(), k_flags);
    configure_writer(db);
    // Random keys, as the dedupe indexes have: each row lands on a leaf of its own once
    // the index is large, and the pages written are several times the cache.
    db.exec("CREATE TABLE k (key INTEGER NOT NULL, id INTEGER NOT NULL, v BLOB, "
            "PRIMARY KEY (key, id)) WITHOUT ROWID");
    const int rows = 100'000;
    db.exec("BEGIN");
    db.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
            std::to_string(rows) + ") INSERT INTO k SELECT random(), i, randomblob(200) FROM n");
    int used = 0;
    int high = 0;
    REQUIRE(sqlite3_db_status(db.getHandle(), SQLITE_DBSTATUS_CACHE_USED, &used, &high, 0) ==
            SQLITE_OK);
    db.exec("COMMIT");
    CHECK(db.execAndGet("PRAGMA page_count").getInt64() * 4096 > 4LL * k_write_cache_kib * 1024);
    // The cache's own allocations, with SQLite's per-page overhead (about 10%).
    CHECK(used < k_write_cache_kib * 1024 * 5 / 4);
    CHECK(db.execAndGet("SELECT count(*) FROM k").getInt() == rows);
}
