// SPDX-License-Identifier: MIT
// The leveled dedupe keys (src/store/key_levels.hpp): merges keep every row, lookups and
// deletes reach every level, and schema 10 archives are migrated without a rewrite.
#include "helpers.hpp"
#include "store/key_levels.hpp"
#include "store/migrations.hpp"
#include "store/sketch.hpp"
#include "support/temp_dir.hpp"

#include <archiver/core/log.hpp>
#include <archiver/store/store.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

using archiver::store::MatchKind;
using archiver::store::Store;
using archiver::store::detail::k_content_levels;
using archiver::store::detail::k_key_levels;
using archiver::store::detail::k_sketch_levels;
using archiver::store::detail::KeyLevels;
using archiver::store::detail::merge_key_levels;
using archiver::testing::make_record;
using archiver::testing::TempDir;

namespace {

using Row = std::tuple<std::int64_t, std::int64_t, std::int64_t>; // hash, article, simhash

std::int64_t rows_in(SQLite::Database& db, const char* table) {
    return db.execAndGet(std::string("SELECT count(*) FROM ") + table).getInt64();
}

// The rows of `table`, added to `out`.
void add_rows(SQLite::Database& db, const char* table, std::multiset<Row>& out) {
    SQLite::Statement q(db, std::string("SELECT hash, article_id, simhash FROM ") + table);
    while (q.executeStep()) {
        out.emplace(q.getColumn(0).getInt64(), q.getColumn(1).getInt64(),
                    q.getColumn(2).getInt64());
    }
}

// Every row of every level (a multiset: a row twice would show).
std::multiset<Row> all_rows(SQLite::Database& db, const KeyLevels& levels) {
    std::multiset<Row> out;
    for (const char* level : levels) {
        add_rows(db, level, out);
    }
    return out;
}

// The level holding the article's rows (-1: none).
int level_of(SQLite::Database& db, const KeyLevels& levels, std::int64_t article_id) {
    for (std::size_t i = 0; i < levels.size(); ++i) {
        if (db.execAndGet(std::string("SELECT count(*) FROM ") + levels[i] +
                          " WHERE article_id = " + std::to_string(article_id))
                .getInt() > 0) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

} // namespace

TEST_CASE("Merging key levels keeps every row once across many batches and deletes",
          "[store][levels]") {
    TempDir dir;
    const auto path = dir.path() / "a.db";
    { auto store = Store::open(path); }
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
    std::mt19937_64 rng(7);
    std::multiset<Row> expected;
    constexpr std::int64_t k_bound = 16; // levels of 16, 160, 1,600 rows, then the bottom
    std::int64_t next_article = 1;
    int merges = 0;
    std::set<int> levels_deleted_from;
    for (int batch = 0; batch < 400; ++batch) {
        SQLite::Transaction txn(db);
        SQLite::Statement add(db, "INSERT INTO text_sketch_0 VALUES (?, ?, ?)");
        for (int article = 0; article < 3; ++article, ++next_article) {
            for (int k = 0; k < 4; ++k) {
                const auto hash = static_cast<std::int64_t>(rng() % 5000); // shared buckets
                const auto simhash = static_cast<std::int64_t>(rng());
                if (expected.count({hash, next_article, simhash}) == 0 &&
                    std::none_of(expected.begin(), expected.end(), [&](const Row& r) {
                        return std::get<0>(r) == hash && std::get<1>(r) == next_article;
                    })) {
                    add.bind(1, hash);
                    add.bind(2, next_article);
                    add.bind(3, simhash);
                    add.exec();
                    add.reset();
                    expected.emplace(hash, next_article, simhash);
                }
            }
        }
        // Every 10th batch: an older article's rows deleted, from whichever level holds them.
        if (batch % 10 == 9) {
            const std::int64_t victim = 1 + static_cast<std::int64_t>(rng() % next_article);
            if (const int level = level_of(db, k_sketch_levels, victim); level >= 0) {
                levels_deleted_from.insert(level);
            }
            for (const char* level : k_sketch_levels) {
                db.exec(std::string("DELETE FROM ") + level + " WHERE article_id = " +
                        std::to_string(victim));
            }
            for (auto it = expected.begin(); it != expected.end();) {
                it = std::get<1>(*it) == victim ? expected.erase(it) : std::next(it);
            }
        }
        merges += merge_key_levels(db, k_sketch_levels, k_bound);
        txn.commit();
        // Level i holds at most its bound.
        std::int64_t bound = k_bound;
        for (std::size_t i = 0; i + 1 < k_key_levels; ++i, bound *= 10) {
            REQUIRE(rows_in(db, k_sketch_levels[i]) <= bound);
        }
        REQUIRE(all_rows(db, k_sketch_levels) == expected);
    }
    CHECK(rows_in(db, "text_sketch") > 0); // merged all the way down
    CHECK(rows_in(db, "text_sketch_2") > 0);
    CHECK(merges > 70);
    CHECK(levels_deleted_from.size() >= 3);
    // The merged levels are ordinary tables keyed as before.
    SQLite::Statement plan(db, "EXPLAIN QUERY PLAN SELECT article_id FROM text_sketch_2 "
                               "WHERE hash = 1");
    REQUIRE(plan.executeStep());
    CHECK(plan.getColumn(3).getString().find("PRIMARY KEY") != std::string::npos);
}

TEST_CASE("A merge rolled back leaves the levels as they were", "[store][levels]") {
    TempDir dir;
    const auto path = dir.path() / "a.db";
    { auto store = Store::open(path); }
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
    db.exec("INSERT INTO text_sketch_0 VALUES (1, 1, 0), (2, 1, 0), (3, 2, 0)");
    db.exec("INSERT INTO text_sketch_1 VALUES (1, 3, 0)");
    const auto before = all_rows(db, k_sketch_levels);
    {
        SQLite::Transaction txn(db);
        CHECK(merge_key_levels(db, k_sketch_levels, 0) == 3);
        CHECK(rows_in(db, "text_sketch") == 4);
    } // rolled back
    CHECK(all_rows(db, k_sketch_levels) == before);
    CHECK(rows_in(db, "text_sketch_0") == 3);
    CHECK(rows_in(db, "text_sketch_1") == 1);
}

TEST_CASE("A process killed in the middle of a merge leaves the levels as they were",
          "[store][levels]") {
    TempDir dir;
    const auto path = dir.path() / "a.db";
    { auto store = Store::open(path); }
    std::multiset<Row> before;
    {
        // More rows than SQLite's page cache holds: the merge's pages are spilled to the
        // log before its commit.
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
        SQLite::Transaction txn(db);
        db.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
                "INSERT INTO text_sketch_0 SELECT (i * 7919) % 100003, i, i FROM n");
        db.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000) "
                "INSERT INTO text_sketch SELECT (i * 104729) % 1000003, 100000 + i, i FROM n");
        txn.commit();
        before = all_rows(db, k_sketch_levels);
    }
    for (const bool before_commit : {true, false}) {
        INFO("killed " << (before_commit ? "before" : "after") << " the merge's commit");
        const pid_t child = fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            try {
                SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
                db.exec("PRAGMA cache_size = -1024");
                db.exec("BEGIN");
                if (!before_commit) {
                    db.exec("INSERT INTO text_sketch_0 VALUES (1, 1, 1)"); // (1, 1) is new
                }
                merge_key_levels(db, k_sketch_levels, 0);
                if (!before_commit) {
                    db.exec("COMMIT");
                }
                std::raise(SIGKILL);
            } catch (...) {
            }
            _exit(1);
        }
        int status = 0;
        REQUIRE(waitpid(child, &status, 0) == child);
        REQUIRE(WIFSIGNALED(status));
        if (before_commit) {
            // The uncommitted merge reached the log.
            CHECK(std::filesystem::file_size(path.string() + "-wal") > 1'000'000);
        }
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
        if (before_commit) {
            CHECK(all_rows(db, k_sketch_levels) == before);
            CHECK(rows_in(db, "text_sketch_0") == 20000);
            CHECK(db.execAndGet("PRAGMA integrity_check").getString() == "ok");
            // The interrupted merge is done by the next one.
            SQLite::Transaction txn(db);
            CHECK(merge_key_levels(db, k_sketch_levels, 0) == 3);
            txn.commit();
            CHECK(all_rows(db, k_sketch_levels) == before);
            CHECK(rows_in(db, "text_sketch") == 220000);
        } else {
            auto after = before;
            after.emplace(1, 1, 1);
            CHECK(all_rows(db, k_sketch_levels) == after);
            CHECK(rows_in(db, "text_sketch") == 220001);
            CHECK(db.execAndGet("PRAGMA integrity_check").getString() == "ok");
        }
    }
}

TEST_CASE("Duplicates are found and keys removed in every level of the index",
          "[store][levels]") {
    TempDir dir;
    const auto path = dir.path() / "a.db";
    auto store = Store::open(path);
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
    const std::string bodies[k_key_levels] = {
        "以大模型为代表的生成式人工智能将会颠覆式地改变人类的工作、沟通、学习和娱乐，"
        "所有行业都会被触及。",
        "所有行业都会被人工智能触及、改变、转型并提效，这是一场深刻的产业变革与社会变迁，"
        "影响每一个人。",
        "The archive keeps every article it has seen, with its text and where it came from.",
        "Near copies of syndicated stories share most shingles of their body text and words."};
    // Article i ends in level k_key_levels - 1 - i: the first is pushed to the bottom, the
    // last stays in level 0.
    std::vector<archiver::store::ArticleRecord> articles;
    for (std::size_t i = 0; i < k_key_levels; ++i) {
        auto r = make_record("levels", static_cast<int>(i + 1), bodies[i]);
        r.simhash = 0x0F0F0F0F0F0F0F0Full << i;
        {
            Store::Transaction txn(store);
            REQUIRE(store.insert_article(r));
            txn.commit();
        }
        // Its rows moved down level by level (as merges would move them).
        for (std::size_t from = 0; from + 1 + i < k_key_levels; ++from) {
            SQLite::Transaction txn(db);
            for (const KeyLevels* levels : {&k_sketch_levels, &k_content_levels}) {
                const std::string where = " WHERE article_id = " + std::to_string(r.id);
                db.exec(std::string("INSERT INTO ") + (*levels)[from + 1] + " SELECT * FROM " +
                        (*levels)[from] + where);
                db.exec(std::string("DELETE FROM ") + (*levels)[from] + where);
            }
            txn.commit();
        }
        articles.push_back(r);
    }
    for (std::size_t i = 0; i < k_key_levels; ++i) {
        INFO("article " << i);
        const auto expected_level = static_cast<int>(k_key_levels - 1 - i);
        REQUIRE(level_of(db, k_sketch_levels, articles[i].id) == expected_level);
        REQUIRE(level_of(db, k_content_levels, articles[i].id) == expected_level);
        // The same body from another source: the content hash finds it.
        auto same = make_record("other", 100 + static_cast<int>(i), bodies[i]);
        auto m = store.find_match(same);
        CHECK(m.kind == MatchKind::hash);
        CHECK(m.existing.id == articles[i].id);
        // An edited copy: the sketch finds it.
        auto near = make_record("other", 200 + static_cast<int>(i), bodies[i] + "（记者 张三）");
        near.simhash = articles[i].simhash ^ 1u;
        m = store.find_match(near, [](const auto&, const auto&) { return true; });
        CHECK(m.kind == MatchKind::near);
        CHECK(m.existing.id == articles[i].id);
        // A changed body: the old keys leave whichever level held them.
        auto changed = articles[i];
        changed.text = "A different body number " + std::to_string(i) +
                       ", long enough to be sketched and compared with the others.";
        changed.content_hash = "sha256:changed-" + std::to_string(i);
        REQUIRE(store.update_article(changed, articles[i].content_hash, 5));
        CHECK(store.find_match(same).kind == MatchKind::none);
        for (const KeyLevels* levels : {&k_sketch_levels, &k_content_levels}) {
            for (std::size_t l = 1; l < k_key_levels; ++l) { // level 0: the new keys
                CHECK(db.execAndGet(std::string("SELECT count(*) FROM ") + (*levels)[l] +
                                    " WHERE article_id = " + std::to_string(articles[i].id))
                          .getInt() == 0);
            }
        }
        // The new keys are in level 0.
        CHECK(level_of(db, k_sketch_levels, articles[i].id) == 0);
        CHECK(level_of(db, k_content_levels, articles[i].id) == 0);
        auto again = make_record("other", 300 + static_cast<int>(i), changed.text);
        again.content_hash = changed.content_hash;
        m = store.find_match(again);
        CHECK(m.kind == MatchKind::hash);
        CHECK(m.existing.id == articles[i].id);
    }
}

TEST_CASE("A commit merges level 0 down once it passes its bound", "[store][levels]") {
    TempDir dir;
    const auto path = dir.path() / "a.db";
    auto store = Store::open(path);
    constexpr auto k_articles =
        static_cast<int>(archiver::store::detail::k_level0_rows / 4 + 1); // 4 keys each
    {
        Store::Transaction txn(store);
        for (int n = 1; n <= k_articles; ++n) {
            auto r = make_record("bulk", n, "Bulk body " + std::to_string(n));
            r.keys = archiver::store::TextKeys{100, {4 * n, 4 * n + 1, 4 * n + 2, 4 * n + 3}};
            REQUIRE(store.insert_article(r));
        }
        txn.commit();
    }
    SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
    CHECK(rows_in(db, "text_sketch_0") == 0);
    CHECK(rows_in(db, "text_sketch_1") == 4 * k_articles);
    // One content key per article: under level 0's bound, so not merged.
    CHECK(rows_in(db, "content_keys_0") == k_articles);
    CHECK(rows_in(db, "content_keys_1") == 0);
    // Found in level 1.
    auto probe = make_record("probe", 1, "Probe body");
    probe.keys = archiver::store::TextKeys{100, {4 * 77 + 2}};
    const auto m = store.find_match(probe, [](const auto&, const auto&) { return true; });
    CHECK(m.kind == MatchKind::near);
    CHECK(m.existing.guid == "bulk-guid-77");
}

TEST_CASE("Migration 11 keeps text_sketch as the bottom level and moves the content hashes",
          "[store][migration][levels]") {
    TempDir dir;
    const auto path = dir.path() / "a.db";
    const std::string body =
        "以大模型为代表的生成式人工智能将会颠覆式地改变人类的工作、沟通、学习和娱乐。"
        "所有行业都会被人工智能触及、改变、转型并提效。";
    std::multiset<Row> sketch_before;
    {
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        archiver::store::detail::migrate(db, 10);
        SQLite::Statement ins(db, "INSERT INTO articles (id, source, guid, source_url, path, "
                                  "content_hash, simhash, letters, text) VALUES "
                                  "(?, 's', ?, ?, ?, ?, ?, ?, ?)");
        for (int id = 1; id <= 30; ++id) {
            const std::string text = id == 30 ? "short" : body + std::to_string(id);
            ins.bind(1, id);
            ins.bind(2, "g" + std::to_string(id));
            ins.bind(3, "https://s.example.com/" + std::to_string(id));
            ins.bind(4, "s/" + std::to_string(id) + ".md");
            // Articles 1..10 share a body hash; 20 has none.
            ins.bind(5, id == 20 ? "" : "sha256:" + std::to_string(id <= 10 ? 1 : id));
            ins.bind(6, std::int64_t{0x1111222233334444} + id);
            ins.bind(7, static_cast<int>(text.size()));
            ins.bind(8, text);
            ins.exec();
            ins.reset();
            for (const auto hash : archiver::store::detail::text_sketch(text)) {
                db.exec("INSERT INTO text_sketch VALUES (" + std::to_string(hash) + ", " +
                        std::to_string(id) + ", 0)");
            }
        }
        add_rows(db, "text_sketch", sketch_before);
        const auto root_before =
            db.execAndGet("SELECT rootpage FROM sqlite_schema WHERE name = 'text_sketch'").getInt();
        archiver::store::detail::migrate(db, 11);
        CHECK(db.execAndGet("PRAGMA user_version").getInt() == 11);
        CHECK(db.execAndGet("SELECT count(*) FROM sqlite_schema WHERE name = "
                            "'articles_content_hash'")
                  .getInt() == 0);
        // Not rewritten: the same B-tree, every other level empty.
        CHECK(db.execAndGet("SELECT rootpage FROM sqlite_schema WHERE name = 'text_sketch'")
                  .getInt() == root_before);
        CHECK(all_rows(db, k_sketch_levels) == sketch_before);
        for (std::size_t l = 0; l + 1 < k_key_levels; ++l) {
            CHECK(rows_in(db, k_sketch_levels[l]) == 0);
            CHECK(rows_in(db, k_content_levels[l]) == 0);
        }
        CHECK(rows_in(db, "content_keys") == 29);
        CHECK(db.execAndGet("SELECT count(*) FROM content_keys WHERE hash = " +
                            std::to_string(archiver::store::detail::content_key("sha256:1")))
                  .getInt() == 10);
    }
    auto store = Store::open(path);
    // The same body as articles 1..10: the earliest is the original.
    auto copy = make_record("other", 50, body + "1");
    copy.content_hash = "sha256:1";
    auto m = store.find_match(copy);
    CHECK(m.kind == MatchKind::hash);
    CHECK(m.existing.id == 1);
    // A short body (under the letters the hash rule needs) is never a hash match.
    auto short_copy = make_record("other", 51, "short");
    short_copy.content_hash = "sha256:30";
    CHECK(store.find_match(short_copy).kind == MatchKind::none);
}

TEST_CASE("Content keys written in a transaction are found before and after its commit",
          "[store][levels]") {
    TempDir dir;
    const auto path = dir.path() / "a.db";
    auto store = Store::open(path);
    const std::string body =
        "The archive keeps every article it has seen, with its text and where it came from.";
    auto original = make_record("first", 1, body);
    {
        Store::Transaction txn(store);
        REQUIRE(store.insert_article(original));
        auto copy = make_record("second", 2, body);
        auto m = store.find_match(copy);
        CHECK(m.kind == MatchKind::hash); // from the buffer
        CHECK(m.existing.id == original.id);
        // A changed body: the old hash no longer matches, the new one does.
        auto changed = original;
        changed.text = body + " Changed.";
        changed.content_hash = "sha256:changed";
        REQUIRE(store.update_article(changed, original.content_hash, 5));
        CHECK(store.find_match(copy).kind != MatchKind::hash);
        auto again = make_record("third", 3, changed.text);
        again.content_hash = changed.content_hash;
        CHECK(store.find_match(again).kind == MatchKind::hash);
        txn.commit();
    }
    SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
    CHECK(rows_in(db, "content_keys_0") == 1);
    auto again = make_record("third", 3, original.text + " Changed.");
    again.content_hash = "sha256:changed";
    const auto m = store.find_match(again);
    CHECK(m.kind == MatchKind::hash);
    CHECK(m.existing.id == original.id);
}

TEST_CASE("A merge that fails after a commit keeps the batch and is done at the next commit",
          "[store][levels]") {
    TempDir dir;
    const auto path = dir.path() / "a.db";
    auto store = Store::open(path);
    constexpr auto k_articles =
        static_cast<int>(archiver::store::detail::k_level0_rows / 4 + 1); // 4 keys each
    const auto insert_batch = [&](int first) {
        Store::Transaction txn(store);
        for (int n = first; n < first + k_articles; ++n) {
            auto r = make_record("bulk", n, "Bulk body " + std::to_string(n));
            r.keys = archiver::store::TextKeys{100, {4 * n, 4 * n + 1, 4 * n + 2, 4 * n + 3}};
            REQUIRE(store.insert_article(r));
        }
        txn.commit();
    };
    insert_batch(1); // level 0 past its bound, moved to the empty level 1
    {
        // The merge's scratch table name taken by a view: the next merge into level 1 fails.
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
        db.exec("CREATE VIEW text_sketch_1_merged AS SELECT 1");
    }
    std::vector<std::string> warnings;
    archiver::log::set_sink([&](archiver::log::Level level, std::string_view line) {
        if (level == archiver::log::Level::warn) {
            warnings.emplace_back(line);
        }
    });
    CHECK_NOTHROW(insert_batch(1 + k_articles));
    archiver::log::set_sink(nullptr);
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].find("cannot merge the dedupe key levels") != std::string::npos);
    {
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
        CHECK(rows_in(db, "articles") == 2 * k_articles);
        CHECK(rows_in(db, "text_sketch_0") == 4 * k_articles); // kept, not merged
        CHECK(rows_in(db, "text_sketch_1") == 4 * k_articles);
        db.exec("DROP VIEW text_sketch_1_merged");
    }
    // Found while still in level 0.
    auto probe = make_record("probe", 1, "Probe body");
    probe.keys = archiver::store::TextKeys{100, {4 * (k_articles + 5) + 1}};
    CHECK(store.find_match(probe, [](const auto&, const auto&) { return true; }).kind ==
          MatchKind::near);
    {
        Store::Transaction txn(store);
        txn.commit(); // nothing new: the pending merge is done
    }
    SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
    CHECK(rows_in(db, "text_sketch_0") == 0);
    CHECK(rows_in(db, "text_sketch_1") == 8 * k_articles);
}
