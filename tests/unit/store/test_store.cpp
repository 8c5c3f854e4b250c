// SPDX-License-Identifier: MIT
#include "helpers.hpp"
#include "store/migrations.hpp"
#include "support/temp_dir.hpp"

#include <archiver/store/store.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

using archiver::DateTime;
using archiver::Fatal;
using archiver::store::OpenMode;
using archiver::store::Store;
using archiver::testing::make_record;
using archiver::testing::TempDir;

TEST_CASE("A new index is created in WAL mode at the latest schema version", "[store]") {
    TempDir dir;
    const auto db_path = dir.path() / "sub" / "archiver.db";
    auto store = Store::open(db_path);
    CHECK(store.schema_version() == archiver::store::detail::latest_schema_version());
    auto record = make_record("iyiou", 1);
    REQUIRE(store.insert_article(record));
    CHECK(std::filesystem::exists(dir.path() / "sub" / "archiver.db-wal"));
}

TEST_CASE("An inserted article reads back with every field", "[store]") {
    TempDir dir;
    auto store = Store::open(dir.path() / "a.db");
    auto record = make_record("iyiou", 7, "人民日报专访李开复：期待中国AI-First应用崛起之年");
    record.author = "记者";
    record.lang = "zh-CN";
    record.canonical_url = "https://www.iyiou.com/news/7";
    record.simhash = 0xF00DCAFEDEADBEEFull;
    REQUIRE(store.insert_article(record));
    REQUIRE(record.id > 0);
    const auto back = store.get_article(record.id);
    REQUIRE(back);
    CHECK(back->source == "iyiou");
    CHECK(back->guid == record.guid);
    CHECK(back->source_url == record.source_url);
    CHECK(back->canonical_url == record.canonical_url);
    CHECK(back->title == record.title);
    CHECK(back->author == "记者");
    CHECK(back->lang == "zh-CN");
    CHECK(back->date == record.date);
    CHECK(back->fetched == record.fetched);
    CHECK(back->path == record.path);
    CHECK(back->content_hash == record.content_hash);
    CHECK(back->simhash == 0xF00DCAFEDEADBEEFull);
    CHECK_FALSE(back->duplicate_of);
    CHECK(back->text == record.text);
    CHECK(store.path_taken(record.path));
    CHECK_FALSE(store.path_taken("iyiou/other.md"));
    CHECK(store.find_by_guid("iyiou", record.guid)->id == record.id);
    CHECK(store.find_by_url("HTTPS://IYIOU.example.com:443/news/7?utm_source=x#top")->id ==
          record.id);
    CHECK_FALSE(store.get_article(record.id + 100));
}

TEST_CASE("Article ids are never handed out twice, across reopen and explicit ids", "[store]") {
    TempDir dir;
    const auto db_path = dir.path() / "a.db";
    std::int64_t reserved = 0;
    {
        auto store = Store::open(db_path);
        const auto first = store.next_article_id();
        reserved = store.next_article_id(); // reserved but never inserted
        CHECK(reserved == first + 1);
    }
    auto store = Store::open(db_path);
    auto record = make_record("s", 1);
    REQUIRE(store.insert_article(record));
    CHECK(record.id == reserved + 1);
    auto explicit_id = make_record("s", 2);
    explicit_id.id = 50;
    REQUIRE(store.insert_article_with_id(explicit_id));
    CHECK(store.next_article_id() == 51);
}

TEST_CASE("A conflicting insert fails and leaves nothing behind", "[store]") {
    TempDir dir;
    auto store = Store::open(dir.path() / "a.db");
    auto a = make_record("s", 1);
    REQUIRE(store.insert_article(a));
    SECTION("same path") {
        auto b = make_record("s", 2);
        b.path = a.path;
        const auto result = store.insert_article(b);
        REQUIRE_FALSE(result);
        CHECK(result.error().stage == archiver::Stage::store);
        CHECK_FALSE(store.find_by_url(b.source_url));
    }
    SECTION("same source and guid") {
        auto b = make_record("s", 2);
        b.guid = a.guid;
        REQUIRE_FALSE(store.insert_article(b));
        CHECK_FALSE(store.find_by_url(b.source_url));
    }
    CHECK(store.list({}).size() == 1);
}

TEST_CASE("An update keeps the path and records the previous hash as a revision", "[store]") {
    TempDir dir;
    auto store = Store::open(dir.path() / "a.db");
    auto a = make_record("s", 1);
    REQUIRE(store.insert_article(a));
    auto changed = a;
    changed.text = "A corrected body text";
    changed.content_hash = "sha256:new";
    changed.source_url = "https://s.example.com/news/1-corrected";
    REQUIRE(store.update_article(changed, a.content_hash, 1'800'000'000));
    const auto back = store.get_article(a.id);
    CHECK(back->path == a.path);
    CHECK(back->text == "A corrected body text");
    const auto revisions = store.revisions(a.id);
    REQUIRE(revisions.size() == 1);
    CHECK(revisions[0].at == 1'800'000'000);
    CHECK(revisions[0].previous_hash == a.content_hash);
    // Known by its old URL as well as the new one.
    CHECK(store.find_by_url(a.source_url)->id == a.id);
    CHECK(store.find_by_url(changed.source_url)->id == a.id);
    // An update that does not change the body records no revision.
    REQUIRE(store.update_article(changed, changed.content_hash, 1'800'000'100));
    CHECK(store.revisions(a.id).size() == 1);
    CHECK(store.list({}).size() == 1);
}

TEST_CASE("A transaction rolls back unless committed", "[store]") {
    TempDir dir;
    auto store = Store::open(dir.path() / "a.db");
    {
        Store::Transaction txn(store);
        auto a = make_record("s", 1);
        REQUIRE(store.insert_article(a));
    }
    CHECK(store.list({}).empty());
    {
        Store::Transaction txn(store);
        auto a = make_record("s", 1);
        REQUIRE(store.insert_article(a));
        txn.commit();
    }
    CHECK(store.list({}).size() == 1);
}

TEST_CASE("A read-only index reads while a writer holds an open transaction", "[store]") {
    TempDir dir;
    const auto db_path = dir.path() / "a.db";
    auto writer = Store::open(db_path);
    auto a = make_record("s", 1);
    REQUIRE(writer.insert_article(a));
    Store::Transaction txn(writer);
    auto b = make_record("s", 2);
    REQUIRE(writer.insert_article(b));

    auto reader = Store::open(db_path, OpenMode::read_only);
    CHECK(reader.list({}).size() == 1); // sees the last committed state, without waiting
    CHECK(reader.stats().total.articles == 1);
    auto c = make_record("s", 3);
    CHECK_FALSE(reader.insert_article_with_id(c));
    txn.commit();
    CHECK(reader.list({}).size() == 2);
}

TEST_CASE("Opening a missing index read-only is a fatal error naming it", "[store]") {
    TempDir dir;
    CHECK_THROWS_AS(Store::open(dir.path() / "none.db", OpenMode::read_only), Fatal);
    CHECK_FALSE(std::filesystem::exists(dir.path() / "none.db"));
}

TEST_CASE("A file that is not SQLite is a fatal error, not a crash", "[store]") {
    TempDir dir;
    archiver::testing::write_file(dir.path() / "bad.db", std::string(4096, 'x'));
    CHECK_THROWS_AS(Store::open(dir.path() / "bad.db"), Fatal);
}

TEST_CASE("List filters by source and date range and sorts by date", "[store]") {
    TempDir dir;
    auto store = Store::open(dir.path() / "a.db");
    for (int i = 1; i <= 6; ++i) {
        auto r = make_record(i % 2 == 0 ? "even" : "odd", i);
        REQUIRE(store.insert_article(r));
    }
    auto undated = make_record("odd", 9);
    undated.date.reset();
    undated.fetched = 1'738'900'000 + 3 * 3600 + 60; // sorts after article 3
    REQUIRE(store.insert_article(undated));

    const auto all = store.list({});
    REQUIRE(all.size() == 7);
    CHECK(all[0].guid == "odd-guid-1");
    CHECK(all[3].guid == "odd-guid-9");
    CHECK(all[6].guid == "even-guid-6");

    archiver::store::ListQuery q;
    q.source = "even";
    CHECK(store.list(q).size() == 3);
    q.since = 1'738'900'000 + 4 * 3600;
    CHECK(store.list(q).size() == 2);
    q.until = 1'738'900'000 + 4 * 3600;
    CHECK(store.list(q).size() == 1);

    archiver::store::ListQuery newest;
    newest.order = archiver::store::ListQuery::Order::date_descending;
    newest.limit = 2;
    const auto top = store.list(newest);
    REQUIRE(top.size() == 2);
    CHECK(top[0].guid == "even-guid-6");
    CHECK(top[1].guid == "odd-guid-5");
}

TEST_CASE("HTTP cache entries and source state persist", "[store]") {
    TempDir dir;
    const auto db_path = dir.path() / "a.db";
    {
        auto store = Store::open(db_path);
        store.put_http_cache("https://a.example/feed", {"\"abc\"", "Mon, 01 Jan 2024", "h1"});
        archiver::store::SourceState s;
        s.name = "iyiou";
        s.last_attempt = 10;
        s.consecutive_failures = 2;
        s.backoff_until = 99;
        s.last_error = "HTTP 503";
        store.put_source_state(s);
    }
    auto store = Store::open(db_path, OpenMode::read_only);
    const auto cache = store.http_cache("https://a.example/feed");
    REQUIRE(cache);
    CHECK(cache->etag == "\"abc\"");
    CHECK(cache->last_modified == "Mon, 01 Jan 2024");
    CHECK_FALSE(store.http_cache("https://a.example/other"));
    const auto state = store.source_state("iyiou");
    REQUIRE(state);
    CHECK(state->consecutive_failures == 2);
    CHECK(state->backoff_until == 99);
    CHECK(state->last_error == "HTTP 503");
}

TEST_CASE("Ids handed out inside a transaction are saved by its commit, not by a rollback",
          "[store]") {
    TempDir dir;
    const auto db_path = dir.path() / "a.db";
    std::int64_t last = 0;
    {
        auto store = Store::open(db_path);
        Store::Transaction txn(store);
        auto a = make_record("s", 1);
        REQUIRE(store.insert_article(a));
        const auto reserved = store.next_article_id(); // reserved, never inserted
        CHECK(reserved == a.id + 1);
        auto b = make_record("s", 2);
        REQUIRE(store.insert_article(b));
        CHECK(b.id == reserved + 1);
        auto c = make_record("s", 3);
        c.id = 40; // an explicit id moves the counter past it
        REQUIRE(store.insert_article_with_id(c));
        CHECK(store.next_article_id() == 41);
        last = 41;
        txn.commit();
    }
    {
        auto store = Store::open(db_path);
        CHECK(store.get_article(40).has_value());
        {
            Store::Transaction txn(store);
            auto d = make_record("s", 4);
            REQUIRE(store.insert_article(d));
            CHECK(d.id == last + 1);
        } // rolled back: the article and its id are gone, as before the transaction
        auto e = make_record("s", 5);
        REQUIRE(store.insert_article(e)); // outside a transaction: saved at once
        CHECK(e.id == last + 1);
    }
    auto store = Store::open(db_path);
    CHECK(store.next_article_id() == last + 2);
    CHECK(store.list({}).size() == 4);
}

TEST_CASE("paths_under lists the articles' paths under a folder at any depth, and no other",
          "[store]") {
    TempDir dir;
    auto store = Store::open(dir.path() / "a.db");
    Store::Transaction txn(store);
    const std::vector<std::string> paths{
        "s/2025/01/2025-01-02-a.md", "s/2025/01/2025-01-03-b/index.md", "s/2025/010.md",
        "s/2025/01-x.md",            "s/2025/02/2025-02-01-c.md",       "t/2025/01/2025-01-02-a.md",
        "s/2025/0/z.md"};
    int n = 0;
    for (const auto& p : paths) {
        auto r = make_record(p.substr(0, 1), ++n);
        r.path = p;
        REQUIRE(store.insert_article(r));
    }
    auto under = store.paths_under("s/2025/01/");
    std::sort(under.begin(), under.end());
    CHECK(under == std::vector<std::string>{"s/2025/01/2025-01-02-a.md",
                                            "s/2025/01/2025-01-03-b/index.md"});
    CHECK(store.paths_under("s/2025/03/").empty());
    CHECK(store.paths_under("s/2025/01").empty()); // a folder ends with '/'
    CHECK(store.paths_under("t/").size() == 1);
    txn.commit();
}

TEST_CASE("An insert that fails after its article row is written leaves no URL row behind",
          "[store]") {
    TempDir dir;
    const auto path = dir.path() / "a.db";
    { auto created = Store::open(path); }
    {
        // A real failure of the dedupe-decision write, the step after the article row.
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
        db.exec("CREATE TRIGGER refuse BEFORE INSERT ON duplicates "
                "BEGIN SELECT RAISE(ABORT, 'refused'); END");
    }
    auto store = Store::open(path);
    auto original = make_record("s", 1);
    REQUIRE(store.insert_article(original));
    auto copy = make_record("t", 2);
    copy.canonical_url = "https://canonical.example.com/story?utm_source=feed";
    copy.duplicate_of = original.id;
    copy.duplicate_reason = "url";
    for (const bool in_transaction : {false, true}) {
        INFO("in a transaction: " << in_transaction);
        std::optional<Store::Transaction> tx;
        if (in_transaction) {
            tx.emplace(store);
        }
        copy.id = 0;
        REQUIRE_FALSE(store.insert_article(copy));
        CHECK_FALSE(store.find_by_url(copy.source_url));
        CHECK_FALSE(store.find_by_url(copy.canonical_url));
        CHECK_FALSE(store.get_article(copy.id));
        if (tx) {
            tx->commit();
        }
    }
    SQLite::Database check(path.string(), SQLite::OPEN_READONLY);
    CHECK(check.execAndGet("SELECT count(*) FROM article_urls").getInt() == 1);
    CHECK(check.execAndGet("SELECT count(*) FROM articles").getInt() == 1);
}

TEST_CASE("A prepared transaction is invisible until its commit and gone after a rollback",
          "[store]") {
    TempDir dir;
    const auto db_path = dir.path() / "a.db";
    auto writer = Store::open(db_path);
    auto reader = Store::open(db_path, OpenMode::read_only);
    archiver::store::ListQuery words;
    words.text = "quokka";
    const auto add = [&](int n) {
        auto r = make_record("s", n, "A quokka counted " + std::to_string(n) + " leaves today.");
        REQUIRE(writer.insert_article(r));
        return r.id;
    };
    SECTION("committed") {
        std::int64_t first = 0;
        std::int64_t later = 0;
        {
            Store::Transaction txn(writer);
            first = add(1);
            add(2);
            txn.prepare();
            CHECK(reader.list({}).empty());
            CHECK(reader.search(words).empty());
            later = add(3); // written after the prepare, before the commit
            CHECK(later == first + 2);
            CHECK(writer.search(words).size() == 3);
            txn.commit();
        }
        CHECK(reader.list({}).size() == 3);
        CHECK(reader.search(words).size() == 3);
        CHECK(writer.next_article_id() == later + 1);
    }
    SECTION("rolled back") {
        {
            Store::Transaction txn(writer);
            add(1);
            add(2);
            txn.prepare();
        }
        CHECK(writer.list({}).empty());
        CHECK(writer.search(words).empty());
        auto again = Store::open(db_path);
        CHECK(again.list({}).empty());
        CHECK(again.next_article_id() == 1);
    }
}
