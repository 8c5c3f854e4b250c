// SPDX-License-Identifier: MIT
#include "helpers.hpp"
#include "store/key_levels.hpp"
#include "store/near_keys.hpp"
#include "store/sketch.hpp"
#include "support/temp_dir.hpp"

#include <archiver/core/url.hpp>
#include <archiver/store/store.hpp>

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <tuple>

using archiver::store::DuplicateRecord;
using archiver::store::MatchKind;
using archiver::store::Store;
using archiver::testing::make_record;
using archiver::testing::TempDir;

namespace {

const std::string k_body =
    "以大模型为代表的生成式人工智能将会颠覆式地改变人类的工作、沟通、学习和娱乐。"
    "所有行业都会被人工智能触及、改变、转型并提效。";

// Every level of the near-duplicate keys as one table.
std::string all_sketch_rows() {
    std::string sql = "(";
    for (const char* level : archiver::store::detail::k_sketch_levels) {
        sql += std::string(sql.size() > 1 ? " UNION ALL " : "") + "SELECT * FROM " + level;
    }
    return sql + ")";
}

} // namespace

TEST_CASE("Dedupe rules apply in SPEC order and the first match decides", "[store][dedupe]") {
    TempDir dir;
    auto store = Store::open(dir.path() / "a.db");
    auto original = make_record("iyiou", 1, k_body);
    original.simhash = 0x0123456789ABCDEFull;
    REQUIRE(store.insert_article(original));

    SECTION("same source and GUID") {
        auto c = make_record("iyiou", 2, "totally different words here");
        c.guid = original.guid;
        const auto m = store.find_match(c);
        CHECK(m.kind == MatchKind::guid);
        CHECK(m.existing.id == original.id);
        CHECK(match_reason(m) == "guid");
    }
    SECTION("a GUID is per source: another source's equal GUID is no match") {
        auto c = make_record("people", 2, "totally different words here");
        c.guid = original.guid;
        CHECK(store.find_match(c).kind == MatchKind::none);
    }
    SECTION("canonical URL, through tracking parameters, case and default port") {
        auto c = make_record("people", 2, "totally different words here");
        c.source_url = "HTTPS://IYIOU.example.com:443/news/1?utm_source=rss&utm_medium=feed#x";
        const auto m = store.find_match(c);
        CHECK(m.kind == MatchKind::url);
        CHECK(m.existing.id == original.id);
    }
    SECTION("rel=canonical of the candidate names a known URL") {
        auto c = make_record("people", 2, "totally different words here");
        c.canonical_url = original.source_url;
        CHECK(store.find_match(c).kind == MatchKind::url);
    }
    SECTION("same normalized body hash under a new GUID and URL") {
        auto c = make_record("iyiou", 2, k_body);
        c.simhash = ~original.simhash;
        const auto m = store.find_match(c);
        CHECK(m.kind == MatchKind::hash);
        CHECK(m.existing.id == original.id);
    }
    SECTION("near-duplicate body within distance 3") {
        auto c = make_record("people", 2, k_body + "（记者 张三）");
        c.simhash = original.simhash ^ 0x8000000000000101ull; // 3 bits, in 3 bands
        const auto m = store.find_match(c);
        CHECK(m.kind == MatchKind::near);
        CHECK(m.distance == 3);
        CHECK(match_reason(m) == "near:3");
    }
    SECTION("distance 4 is not a near duplicate") {
        auto c = make_record("people", 2, k_body + "（记者 张三）");
        c.simhash = original.simhash ^ 0x0001000100010001ull; // one bit in every band
        CHECK(store.find_match(c).kind == MatchKind::none);
    }
    SECTION("short bodies are never evidence of sameness") {
        auto a = make_record("x", 10, "Photo");
        a.simhash = 42;
        REQUIRE(store.insert_article(a));
        auto b = make_record("y", 11, "Photo");
        b.simhash = 42;
        CHECK(store.find_match(b).kind == MatchKind::none);
    }
}

TEST_CASE("Within a rule the same source wins, else the earliest original", "[store][dedupe]") {
    TempDir dir;
    auto store = Store::open(dir.path() / "a.db");
    auto first = make_record("a", 1, k_body);
    REQUIRE(store.insert_article(first));
    auto copy = make_record("b", 2, k_body);
    copy.duplicate_of = first.id;
    copy.duplicate_reason = "hash";
    REQUIRE(store.insert_article(copy));

    auto again_b = make_record("b", 3, k_body);
    CHECK(store.find_match(again_b).existing.id == copy.id); // b's own copy: an update

    auto from_c = make_record("c", 4, k_body);
    CHECK(store.find_match(from_c).existing.id == first.id);

    // A copy whose URL is only known through b's kept duplicate resolves to the original.
    auto via_url = make_record("c", 5, "unrelated text");
    via_url.source_url = copy.source_url;
    const auto m = store.find_match(via_url);
    CHECK(m.kind == MatchKind::url);
    CHECK(m.existing.id == first.id);
}

TEST_CASE("Dedupe decisions are recorded and explained", "[store][dedupe]") {
    TempDir dir;
    auto store = Store::open(dir.path() / "a.db");
    auto original = make_record("iyiou", 1, k_body);
    REQUIRE(store.insert_article(original));
    DuplicateRecord skipped{"people", "p-1", "https://people.example.cn/n/1.html?utm_source=x",
                            "Copy", original.id, "near:2", std::nullopt, 1'800'000'000};
    store.record_duplicate(skipped);
    store.record_duplicate(skipped); // the same decision again replaces it

    const auto of = store.duplicates_of(original.id);
    REQUIRE(of.size() == 1);
    CHECK(of[0].reason == "near:2");
    CHECK_FALSE(of[0].article_id);
    const auto by_url = store.duplicate_decisions_for_url("https://people.example.cn/n/1.html");
    REQUIRE(by_url.size() == 1);
    CHECK(by_url[0].source == "people");
    // Asked whether there is any: by canonical URL, or by the URL as a GUID.
    CHECK(store.has_duplicate_decision("https://people.example.cn/n/1.html"));
    CHECK(store.has_duplicate_decision("https://people.example.cn/n/1.html?utm_source=y"));
    CHECK_FALSE(store.has_duplicate_decision("https://people.example.cn/n/2.html"));
    CHECK(store.has_duplicate_decision("p-1"));
    CHECK(store.duplicate_decisions_for_url("p-1").size() == 1);
    CHECK(archiver::store::explain_reason("near:2").find("SimHash distance 2") !=
          std::string::npos);
    CHECK(archiver::store::explain_reason("url") == "same canonical URL");
    CHECK(store.stats().total.duplicates_skipped == 1);
}

TEST_CASE("Kept and skipped duplicates both leave an explainable decision", "[store][dedupe]") {
    TempDir dir;
    auto store = Store::open(dir.path() / "a.db");
    auto original = make_record("iyiou", 1, k_body);
    REQUIRE(store.insert_article(original));
    auto kept = make_record("people", 2, k_body);
    kept.duplicate_of = original.id;
    kept.duplicate_reason = "hash";
    REQUIRE(store.insert_article(kept));
    auto skipped = make_record("sina", 3, k_body);
    skipped.duplicate_of = original.id;
    skipped.duplicate_reason = "near:1";
    REQUIRE(store.record_skipped_duplicate(skipped));
    auto no_original = make_record("sina", 4, k_body);
    CHECK_FALSE(store.record_skipped_duplicate(no_original));

    const auto decision = store.decision_for_article(kept.id);
    REQUIRE(decision);
    CHECK(decision->reason == "hash");
    CHECK(decision->original_id == original.id);
    const auto all = store.duplicates_of(original.id);
    REQUIRE(all.size() == 2);
    const auto stats = store.stats();
    CHECK(stats.total.duplicates_kept == 1);
    CHECK(stats.total.duplicates_skipped == 1);
    CHECK(store.duplicate_decisions_for_url(skipped.source_url).at(0).reason == "near:1");
}

TEST_CASE("A copy far apart in SimHash is found by its shared shingles and confirmed",
          "[store][dedupe]") {
    TempDir dir;
    auto store = Store::open(dir.path() / "a.db");
    auto original = make_record("people", 1, k_body);
    original.simhash = 0;
    REQUIRE(store.insert_article(original));
    auto other = make_record("people", 2, "完全不同的一篇文章，讲的是天气、交通和城市里的新公园，和人工智能没有任何关系。");
    other.simhash = 0xFF;
    REQUIRE(store.insert_article(other));

    auto copy = make_record("iyiou", 3, "来源：人民日报。" + k_body + "责任编辑：王五");
    copy.simhash = 0x3FFFull; // distance 14: beyond every band
    CHECK(store.find_match(copy).kind == MatchKind::none); // default: distance <= 3 only

    int checked = 0;
    const auto m = store.find_match(copy, [&](const auto& candidate, const auto& existing) {
        ++checked;
        CHECK(candidate.guid == copy.guid);
        CHECK_FALSE(existing.text.empty()); // the check sees the stored body
        return existing.text == k_body;
    });
    CHECK(m.kind == MatchKind::near);
    CHECK(m.existing.id == original.id);
    CHECK(m.distance == 14);
    CHECK(checked >= 1);
}

TEST_CASE("Near candidates beyond the archive's SimHash limit are never confirmed",
          "[store][dedupe]") {
    TempDir dir;
    auto store = Store::open(dir.path() / "a.db");
    auto original = make_record("people", 1, k_body);
    original.simhash = 0;
    REQUIRE(store.insert_article(original));
    int checked = 0;
    const auto accept_all = [&](const auto&, const auto&) {
        ++checked;
        return true;
    };
    // Same text from another source (so the sketch finds it), SimHash at distance 19.
    auto far = make_record("iyiou", 2, k_body);
    far.content_hash = "sha256:other";
    far.simhash = (std::uint64_t{1} << 19) - 1;
    CHECK(store.find_match(far, accept_all).kind == MatchKind::none);
    CHECK(checked == 0);
    // At the limit it is read and confirmed.
    far.simhash = (std::uint64_t{1} << archiver::store::k_near_candidate_distance) - 1;
    const auto m = store.find_match(far, accept_all);
    CHECK(checked == 1);
    CHECK(m.kind == MatchKind::near);
    CHECK(m.distance == archiver::store::k_near_candidate_distance);
}

TEST_CASE("An insert that fails leaves nothing behind and the index stays searchable",
          "[store][dedupe]") {
    TempDir dir;
    auto store = Store::open(dir.path() / "a.db");
    Store::Transaction txn(store);
    auto first = make_record("people", 1, k_body);
    REQUIRE(store.insert_article(first));
    auto clash = make_record("people", 2, k_body);
    clash.path = first.path; // path conflict: refused before anything is written
    CHECK_FALSE(store.insert_article(clash));
    CHECK_FALSE(store.get_article(clash.id));
    CHECK_FALSE(store.find_by_url(clash.source_url));
    txn.commit();
    archiver::store::ListQuery q;
    q.text = "人工智能";
    const auto hits = store.search(q);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].article.id == first.id);
}

namespace {

// Article `n` of a bucket test: sketch {42, 1000 + n}; only article 1 lies within the
// candidate limit in SimHash (distance 10 from 0), so it is found through hash 42 only
// while it is among the newest `k_sketch_bucket_cap` of that bucket.
archiver::store::ArticleRecord bucket_record(int n) {
    auto r = make_record("bucket", n, "Body of bucket article " + std::to_string(n));
    r.simhash = n == 1 ? (std::uint64_t{1} << 10) - 1 : ~std::uint64_t{0};
    r.keys = archiver::store::TextKeys{100, {42, 1000 + n}};
    return r;
}

archiver::store::ArticleRecord bucket_probe(std::int64_t sketch_hash) {
    auto r = make_record("probe", 1000, "Probe body");
    r.simhash = 0;
    r.content_hash = "sha256:probe";
    r.keys = archiver::store::TextKeys{100, {sketch_hash}};
    return r;
}

// (kind, id) of the probe's match sharing `sketch_hash`, accepting every candidate.
std::pair<MatchKind, std::int64_t> probe(Store& store, std::int64_t sketch_hash) {
    const auto m = store.find_match(bucket_probe(sketch_hash), [](const auto&, const auto&) {
        return true;
    });
    return {m.kind, m.existing.id};
}

} // namespace

TEST_CASE("Near keys written inside a transaction are found as the index would find them",
          "[store][dedupe]") {
    // 70 articles share sketch hash 42: the bucket is read newest first up to its cap, so
    // article 1 is beyond it; through its own hash 1001 it is found. The same answers with
    // every key in the index, every key buffered by an open transaction, and a mix.
    constexpr int k_articles = 70;
    static_assert(k_articles > archiver::store::detail::k_sketch_bucket_cap);
    for (const int committed : {k_articles, 0, 40}) {
        INFO("articles committed before the transaction: " << committed);
        TempDir dir;
        auto store = Store::open(dir.path() / "a.db");
        for (int n = 1; n <= committed; ++n) {
            auto r = bucket_record(n);
            REQUIRE(store.insert_article(r));
        }
        Store::Transaction txn(store);
        for (int n = committed + 1; n <= k_articles; ++n) {
            auto r = bucket_record(n);
            REQUIRE(store.insert_article(r));
        }
        CHECK(probe(store, 42).first == MatchKind::none);
        CHECK(probe(store, 1001) == std::pair{MatchKind::near, std::int64_t{1}});
        // Within SimHash distance 1 of a buffered article but sharing no sketch hash: not
        // a candidate (candidates come from the sketch alone since schema 9).
        auto close = bucket_probe(7);
        close.simhash = (std::uint64_t{1} << 10) - 1 - 1;
        CHECK(store.find_match(close).kind == MatchKind::none);
        txn.commit();
        CHECK(probe(store, 42).first == MatchKind::none);
        CHECK(probe(store, 1001) == std::pair{MatchKind::near, std::int64_t{1}});
    }
}

TEST_CASE("A rolled-back transaction leaves no near keys behind", "[store][dedupe]") {
    TempDir dir;
    auto store = Store::open(dir.path() / "a.db");
    {
        Store::Transaction txn(store);
        auto r = bucket_record(1);
        REQUIRE(store.insert_article(r));
        CHECK(probe(store, 1001).first == MatchKind::near);
    }
    CHECK(probe(store, 1001).first == MatchKind::none);
    // Updated inside a transaction: the old body's keys are gone, the new ones found.
    auto r = bucket_record(1);
    REQUIRE(store.insert_article(r));
    Store::Transaction txn(store);
    auto changed = r;
    changed.text = "Another body";
    changed.content_hash = "sha256:changed";
    changed.keys = archiver::store::TextKeys{100, {2001}};
    REQUIRE(store.update_article(changed, r.content_hash, 5));
    CHECK(probe(store, 2001).first == MatchKind::near);
    txn.commit();
    CHECK(probe(store, 2001).first == MatchKind::near);
}

TEST_CASE("The near-key buffer finds each bucket's rows, latest first", "[store][dedupe]") {
    archiver::store::detail::NearKeyBuffer buffer;
    // Enough rows to grow the hash table several times.
    for (std::int64_t id = 1; id <= 5000; ++id) {
        buffer.add(id % 7, id, id * 3);
        buffer.add(1000 + id % 5, id, id * 5);
    }
    std::vector<std::int64_t> ids;
    buffer.for_each(3, [&](const auto& row) {
        CHECK(row.key == 3);
        CHECK(row.simhash == row.article_id * 3);
        ids.push_back(row.article_id);
    });
    REQUIRE(ids.size() == 714); // 3, 10, ..., 4994
    CHECK(ids.front() == 4994);
    CHECK(std::is_sorted(ids.rbegin(), ids.rend()));
    buffer.remove_article(4994);
    int others = 0;
    buffer.for_each(1004, [&](const auto&) { ++others; }); // ids 4, 9, ..., 4999 but 4994
    CHECK(others == 999);
    const auto& rows = buffer.sort();
    REQUIRE(rows.size() == 9998);
    CHECK(std::is_sorted(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
        return std::tie(a.key, a.article_id) < std::tie(b.key, b.article_id);
    }));
    ids.clear();
    buffer.for_each(3, [&](const auto& row) { ids.push_back(row.article_id); });
    CHECK(ids.size() == 713); // still found after the sort
    CHECK(std::is_sorted(ids.rbegin(), ids.rend()));
    CHECK(rows.front().key == 0);
    CHECK(rows.back().key == 1004);
    buffer.clear();
    CHECK(buffer.empty());
    buffer.for_each(3, [&](const auto&) { FAIL("cleared"); });
}

TEST_CASE("An article sketched with 8 hashes before keeps none of them after an update",
          "[store][dedupe]") {
    using archiver::store::detail::k_max_stored_sketch_size;
    using archiver::store::detail::k_sketch_shingle;
    using archiver::store::detail::text_sketch;
    TempDir dir;
    const auto path = dir.path() / "a.db";
    auto store = Store::open(path);
    auto r = make_record("people", 1, k_body);
    REQUIRE(store.insert_article(r));
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
    auto rows = [&] {
        return db.execAndGet("SELECT count(*) FROM " + all_sketch_rows() +
                             " WHERE article_id = " + std::to_string(r.id))
            .getInt();
    };
    CHECK(rows() == static_cast<int>(archiver::store::detail::k_sketch_size));
    // As an archive of schema 8 and before stored it: the bottom 8, in the bottom level.
    db.exec("DELETE FROM text_sketch_0");
    for (const auto hash : text_sketch(k_body, k_sketch_shingle, k_max_stored_sketch_size)) {
        db.exec("INSERT OR IGNORE INTO text_sketch VALUES (" + std::to_string(hash) + ", " +
                std::to_string(r.id) + ", " + std::to_string(static_cast<std::int64_t>(r.simhash)) +
                ")");
    }
    CHECK(rows() == static_cast<int>(k_max_stored_sketch_size));
    auto changed = r;
    changed.text = "A different body, long enough to be sketched and compared with others.";
    changed.content_hash = "sha256:changed";
    REQUIRE(store.update_article(changed, r.content_hash, 5));
    const auto now = text_sketch(changed.text);
    CHECK(rows() == static_cast<int>(now.size()));
    for (const auto hash : now) {
        CHECK(db.execAndGet("SELECT count(*) FROM " + all_sketch_rows() + " WHERE hash = " +
                            std::to_string(hash))
                  .getInt() == 1);
    }
}

TEST_CASE("Keys written out during a transaction that began on an empty index are found",
          "[store][dedupe]") {
    TempDir dir;
    auto store = Store::open(dir.path() / "a.db");
    Store::Transaction txn(store);
    auto first = bucket_record(1);
    REQUIRE(store.insert_article(first));
    auto second = bucket_record(2);
    REQUIRE(store.insert_article(second));
    CHECK(probe(store, 1001) == std::pair{MatchKind::near, first.id});
    // An update writes the buffered keys to the index first: the first article's keys are
    // then in the index only.
    auto changed = second;
    changed.text = "Another body";
    changed.content_hash = "sha256:changed";
    changed.keys = archiver::store::TextKeys{100, {3001}};
    changed.simhash = (std::uint64_t{1} << 12) - 1; // distance 12: found by its sketch only
    REQUIRE(store.update_article(changed, second.content_hash, 5));
    CHECK(probe(store, 1001) == std::pair{MatchKind::near, first.id});
    CHECK(probe(store, 3001).first == MatchKind::near);
    txn.commit();
}

TEST_CASE("URL keys computed ahead are the store's own and are used as given",
          "[store][dedupe]") {
    TempDir dir;
    auto store = Store::open(dir.path() / "a.db");
    auto original = make_record("iyiou", 1, k_body);
    original.source_url = "HTTPS://IYIOU.example.com:443/news/1?utm_source=rss#x";
    original.canonical_url = "https://iyiou.example.com/news/1/amp";
    const auto keys = archiver::store::url_keys(original);
    CHECK(keys.source_url == "https://iyiou.example.com/news/1");
    CHECK(keys.canonical_url == archiver::url::canonicalize(original.canonical_url));
    CHECK(archiver::store::url_key("") == "");
    CHECK(archiver::store::url_key(original.source_url) == keys.source_url);
    original.url_keys = keys;
    REQUIRE(store.insert_article(original));

    SECTION("a candidate without keys finds the rows written with them") {
        auto c = make_record("people", 2, "totally different words here");
        c.source_url = "https://iyiou.example.com/news/1";
        CHECK(store.find_match(c).kind == MatchKind::url);
        c.source_url = "https://iyiou.example.com/news/1/amp?utm_medium=feed";
        CHECK(store.find_match(c).kind == MatchKind::url);
    }
    SECTION("a candidate's keys are looked up instead of its URLs") {
        auto c = make_record("people", 2, "totally different words here");
        c.url_keys = archiver::store::url_keys(c);
        CHECK(store.find_match(c).kind == MatchKind::none);
        c.url_keys->source_url = keys.canonical_url;
        const auto m = store.find_match(c);
        CHECK(m.kind == MatchKind::url);
        CHECK(m.existing.id == original.id);
    }
    SECTION("a decision is asked for by the key given") {
        DuplicateRecord skipped{"people", "p-1", "https://people.example.cn/n/1.html?utm_source=x",
                                "Copy", original.id, "url", std::nullopt, 1'800'000'000};
        store.record_duplicate(skipped);
        const std::string raw = "https://people.example.cn/n/1.html?utm_source=y";
        CHECK(store.has_duplicate_decision(raw, archiver::store::url_key(raw)));
        CHECK_FALSE(store.has_duplicate_decision(raw, "https://people.example.cn/n/2.html"));
        CHECK(store.has_duplicate_decision("p-1", "p-1"));
    }
}
