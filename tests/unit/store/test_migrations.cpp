// SPDX-License-Identifier: MIT
#include "helpers.hpp"
#include "store/migrations.hpp"
#include "support/temp_dir.hpp"

#include <archiver/store/store.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>

using archiver::store::Store;
using archiver::store::detail::migrate;
using archiver::testing::TempDir;

namespace {

int version_of(SQLite::Database& db) { return db.execAndGet("PRAGMA user_version").getInt(); }

// An article row as schema version 1 stored it.
void insert_v1_article(SQLite::Database& db, int id, const std::string& text) {
    SQLite::Statement ins(db, "INSERT INTO articles (id, source, guid, source_url, "
                              "canonical_url, title, path, content_hash, simhash, letters, "
                              "duplicate_of, duplicate_reason, text, fetched) VALUES "
                              "(?, 's', ?, ?, '', ?, ?, 'h', ?, ?, ?, ?, ?, 100)");
    ins.bind(1, id);
    ins.bind(2, "g" + std::to_string(id));
    ins.bind(3, "https://S.example.com/a/" + std::to_string(id) + "?utm_source=x");
    ins.bind(4, "title " + std::to_string(id));
    ins.bind(5, "s/" + std::to_string(id) + ".md");
    ins.bind(6, std::int64_t{0x1111222233334444});
    ins.bind(7, static_cast<int>(text.size()));
    if (id == 2) {
        ins.bind(8, 1);
        ins.bind(9, "hash");
    } else {
        ins.bind(8);
        ins.bind(9, "");
    }
    ins.bind(10, text);
    ins.exec();
}

} // namespace

TEST_CASE("Migration 1 creates the article and operational tables", "[store][migration]") {
    TempDir dir;
    SQLite::Database db((dir.path() / "a.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate(db, 1);
    CHECK(version_of(db) == 1);
    for (const char* table : {"articles", "revisions", "http_cache", "source_state", "meta"}) {
        CHECK(db.tableExists(table));
    }
    CHECK_FALSE(db.tableExists("article_urls"));
}

TEST_CASE("Migration 2 indexes the URLs and SimHash bands of existing articles",
          "[store][migration]") {
    TempDir dir;
    SQLite::Database db((dir.path() / "a.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate(db, 1);
    insert_v1_article(db, 1, std::string(60, 'a'));
    insert_v1_article(db, 3, "short");
    migrate(db, 2);
    CHECK(version_of(db) == 2);
    CHECK(db.execAndGet("SELECT article_id FROM article_urls WHERE url = "
                        "'https://s.example.com/a/1'")
              .getInt() == 1);
    // Four bands for the long body, none for the short one.
    CHECK(db.execAndGet("SELECT count(*) FROM simhash_bands WHERE article_id = 1").getInt() == 4);
    CHECK(db.execAndGet("SELECT count(*) FROM simhash_bands WHERE article_id = 3").getInt() == 0);
}

TEST_CASE("Migration 3 records kept duplicates as dedupe decisions", "[store][migration]") {
    TempDir dir;
    SQLite::Database db((dir.path() / "a.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate(db, 2);
    insert_v1_article(db, 1, std::string(60, 'a'));
    insert_v1_article(db, 2, std::string(60, 'a'));
    migrate(db, 3);
    CHECK(version_of(db) == 3);
    SQLite::Statement q(db, "SELECT original_id, reason, article_id FROM duplicates");
    REQUIRE(q.executeStep());
    CHECK(q.getColumn(0).getInt() == 1);
    CHECK(q.getColumn(1).getString() == "hash");
    CHECK(q.getColumn(2).getInt() == 2);
    CHECK_FALSE(q.executeStep());
}

TEST_CASE("Migration 4 builds the full-text index over existing articles",
          "[store][migration]") {
    TempDir dir;
    const auto path = dir.path() / "a.db";
    {
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        migrate(db, 3);
        insert_v1_article(db, 1, "生成式人工智能将会颠覆式地改变人类的工作");
        insert_v1_article(db, 3, "an English body about archives");
    }
    // Store::open registers the tokenizer and applies the remaining steps.
    auto store = Store::open(path);
    CHECK(store.schema_version() == archiver::store::detail::latest_schema_version());
    archiver::store::ListQuery q;
    q.text = "人工智能";
    const auto hits = store.search(q);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].article.id == 1);
    q.text = "archives";
    CHECK(store.search(q).size() == 1);
}

TEST_CASE("Migration 5 sketches the bodies of existing articles", "[store][migration]") {
    TempDir dir;
    SQLite::Database db((dir.path() / "a.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate(db, 4);
    insert_v1_article(db, 1, "生成式人工智能将会颠覆式地改变人类的工作、沟通、学习和娱乐。所有行业");
    insert_v1_article(db, 3, "short");
    migrate(db, 5);
    CHECK(version_of(db) == 5);
    CHECK(db.execAndGet("SELECT count(*) FROM text_sketch WHERE article_id = 1").getInt() == 8);
    CHECK(db.execAndGet("SELECT count(*) FROM text_sketch WHERE article_id = 3").getInt() == 0);
}

TEST_CASE("Migration 6 lets the duplicate-decision lookup use indexes, not a scan",
          "[store][migration]") {
    TempDir dir;
    SQLite::Database db((dir.path() / "a.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate(db, 5);
    db.exec("INSERT INTO duplicates VALUES ('s', 'g1', 'https://a.example/1', 't', 1, 'url', "
            "NULL, 10)");
    migrate(db, 6);
    CHECK(version_of(db) == 6);
    SQLite::Statement plan(db, "EXPLAIN QUERY PLAN SELECT source FROM duplicates "
                               "WHERE url = 'https://a.example/1' OR guid = 'g1'");
    std::string steps;
    while (plan.executeStep()) {
        steps += plan.getColumn(3).getString() + "\n";
    }
    CHECK(steps.find("duplicates_guid") != std::string::npos);
    CHECK(steps.find("duplicates_url") != std::string::npos);
    CHECK(steps.find("SCAN duplicates") == std::string::npos);
    CHECK(db.execAndGet("SELECT count(*) FROM duplicates WHERE guid = 'g1'").getInt() == 1);
}

TEST_CASE("Migration 7 drops the full-text triggers and puts SimHashes in the candidate "
          "indexes",
          "[store][migration]") {
    TempDir dir;
    const auto path = dir.path() / "a.db";
    const std::string body = "生成式人工智能将会颠覆式地改变人类的工作、沟通、学习和娱乐。所有行业";
    {
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        migrate(db, 6);
        insert_v1_article(db, 1, body);
        insert_v1_article(db, 3, "short");
        CHECK(db.execAndGet("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")
                  .getInt() == 3);
        migrate(db, 7);
        CHECK(version_of(db) == 7);
        CHECK(db.execAndGet("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")
                  .getInt() == 0);
        // Four bands and eight sketch hashes for the long body, each with its SimHash; none
        // for the short one.
        CHECK(db.execAndGet("SELECT count(*) FROM simhash_bands WHERE article_id = 1 AND "
                            "simhash = 1229801703532086340")
                  .getInt() == 4);
        CHECK(db.execAndGet("SELECT count(*) FROM text_sketch WHERE article_id = 1 AND "
                            "simhash = 1229801703532086340")
                  .getInt() == 8);
        CHECK(db.execAndGet("SELECT count(*) FROM simhash_bands WHERE article_id = 3").getInt() ==
              0);
        CHECK(db.execAndGet("SELECT count(*) FROM text_sketch WHERE article_id = 3").getInt() ==
              0);
    }
    // The full-text index built by the triggers is kept, and the store now maintains it.
    auto store = Store::open(path);
    archiver::store::ListQuery q;
    q.text = "人工智能";
    REQUIRE(store.search(q).size() == 1);
    auto old = store.get_article(1);
    REQUIRE(old);
    auto changed = *old;
    changed.text = "an English body about archives and their indexes, long enough to count";
    REQUIRE(store.update_article(changed, old->content_hash, 200));
    CHECK(store.search(q).empty());
    q.text = "archives";
    REQUIRE(store.search(q).size() == 1);
    archiver::store::ArticleRecord added = *old;
    added.id = 0;
    added.guid = "g-new";
    added.path = "s/new.md";
    added.source_url = "https://s.example.com/new";
    added.text = "another body about archives";
    REQUIRE(store.insert_article(added));
    CHECK(store.search(q).size() == 2);
    {
        Store::Transaction txn(store);
        store.clear_articles();
        txn.commit();
    }
    CHECK(store.search(q).empty());
}

TEST_CASE("Migration 8 rebuilds the full-text index with one token per CJK character",
          "[store][migration]") {
    TempDir dir;
    const auto path = dir.path() / "a.db";
    {
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        migrate(db, 7);
        // Schema 7 has no triggers: rows written behind the store's back are not indexed
        // until the rebuild.
        insert_v1_article(db, 1, "中国人民的生活，和 archives of the web");
        insert_v1_article(db, 2, "国人");
        migrate(db, 8);
        CHECK(version_of(db) == 8);
        db.exec("CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, articles_fts, 'row')");
        // Single characters, words and the gap token; no character pairs.
        CHECK(db.execAndGet("SELECT count(*) FROM temp.terms WHERE term = '中'").getInt() == 1);
        CHECK(db.execAndGet("SELECT count(*) FROM temp.terms WHERE term = 'archives'").getInt() ==
              1);
        CHECK(db.execAndGet("SELECT count(*) FROM temp.terms WHERE term = char(1)").getInt() == 1);
        CHECK(db.execAndGet("SELECT count(*) FROM temp.terms WHERE length(term) = 2 AND "
                            "unicode(term) > 255")
                  .getInt() == 0);
    }
    auto store = Store::open(path);
    archiver::store::ListQuery q;
    q.text = "中国人民";
    REQUIRE(store.search(q).size() == 1);
    q.text = "国人";
    const auto hits = store.search(q);
    REQUIRE(hits.size() == 2);
    q.text = "生活和"; // a comma parts 活 and 和
    CHECK(store.search(q).empty());
}

TEST_CASE("Migration 9 drops the SimHash bands and near copies are still found by the sketch",
          "[store][migration]") {
    TempDir dir;
    const auto path = dir.path() / "a.db";
    const std::string body =
        "以大模型为代表的生成式人工智能将会颠覆式地改变人类的工作、沟通、学习和娱乐。"
        "所有行业都会被人工智能触及、改变、转型并提效。";
    {
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        migrate(db, 6);
        insert_v1_article(db, 1, body);
        migrate(db, 8); // step 7 writes the bands and sketch of the existing article
        REQUIRE(db.execAndGet("SELECT count(*) FROM simhash_bands").getInt() == 4);
        migrate(db, 9);
        CHECK(version_of(db) == 9);
        CHECK_FALSE(db.tableExists("simhash_bands"));
        CHECK(db.execAndGet("SELECT count(*) FROM text_sketch WHERE article_id = 1").getInt() == 8);
    }
    auto store = Store::open(path);
    // Another source's copy with a reporter's line added, one SimHash bit away: found
    // through the hashes its sketch shares with the archived body.
    auto copy = archiver::testing::make_record("other", 5, body + "（记者 张三）");
    copy.simhash = 0x1111222233334444ull ^ 1u;
    const auto m = store.find_match(copy);
    CHECK(m.kind == archiver::store::MatchKind::near);
    CHECK(m.existing.id == 1);
    CHECK(m.distance == 1);
}

TEST_CASE("An index from a newer archiver is refused", "[store][migration]") {
    TempDir dir;
    const auto path = dir.path() / "a.db";
    {
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("PRAGMA user_version = 99");
    }
    CHECK_THROWS_AS(Store::open(path), archiver::Fatal);
}

TEST_CASE("Migration 10 drops the URL index by article and tunes the full-text index; every "
          "article is still found",
          "[store][migration]") {
    TempDir dir;
    const auto path = dir.path() / "a.db";
    {
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        migrate(db, 9);
        insert_v1_article(db, 1, "生成式人工智能将会颠覆式地改变人类的工作");
        insert_v1_article(db, 3, "an English body about archives");
        // Schema 9 writes the full-text rows itself (no triggers), as the store did.
        db.exec("INSERT INTO articles_fts (rowid, title, text) SELECT id, title, text "
                "FROM articles");
        db.exec("INSERT INTO article_urls VALUES ('https://s.example.com/a/1', 1), "
                "('https://s.example.com/a/3', 3)");
        REQUIRE(db.execAndGet("SELECT count(*) FROM sqlite_schema WHERE name = "
                              "'article_urls_article'")
                    .getInt() == 1);
        migrate(db, 10);
        CHECK(version_of(db) == 10);
        CHECK(db.execAndGet("SELECT count(*) FROM sqlite_schema WHERE name = "
                            "'article_urls_article'")
                  .getInt() == 0);
        for (const auto& [option, value] : archiver::store::detail::k_fulltext_options) {
            SQLite::Statement q(db, "SELECT v FROM articles_fts_config WHERE k = ?");
            q.bind(1, option);
            REQUIRE(q.executeStep());
            CHECK(q.getColumn(0).getInt() == value);
        }
        CHECK(db.execAndGet("SELECT count(*) FROM articles").getInt() == 2);
        // The URL lookup of dedupe still uses the table's key.
        SQLite::Statement plan(db, "EXPLAIN QUERY PLAN SELECT article_id FROM article_urls "
                                   "WHERE url = 'x'");
        REQUIRE(plan.executeStep());
        CHECK(plan.getColumn(3).getString().find("PRIMARY KEY") != std::string::npos);
    }
    auto store = Store::open(path);
    archiver::store::ListQuery q;
    q.text = "人工智能";
    auto hits = store.search(q);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].article.id == 1);
    CHECK_FALSE(hits[0].snippet.empty());
    q.text = "\"english body\"";
    hits = store.search(q);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].article.id == 3);
    CHECK(store.find_by_url("https://S.example.com/a/3?utm_source=x")->id == 3);
    // New articles are indexed and found alongside the migrated ones.
    auto fresh = archiver::testing::make_record("t", 7, "更多的人工智能 archives");
    REQUIRE(store.insert_article(fresh));
    q.text = "人工智能";
    CHECK(store.search(q).size() == 2);
    q.text = "archives";
    CHECK(store.search(q).size() == 2);
}
