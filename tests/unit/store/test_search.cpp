// SPDX-License-Identifier: MIT
#include "helpers.hpp"
#include "store/tokenizer.hpp"
#include "support/temp_dir.hpp"

#include <archiver/store/store.hpp>

#include <catch2/catch.hpp>

#include <cctype>

using archiver::store::ListQuery;
using archiver::store::Store;
using archiver::store::detail::match_expression;
using archiver::store::detail::k_gap_token;
using archiver::store::detail::tokenize;
using archiver::testing::make_record;
using archiver::testing::TempDir;

namespace {

std::vector<std::string> token_texts(std::string_view text) {
    std::vector<std::string> out;
    for (const auto& t : tokenize(text)) {
        out.push_back(t.gap ? "|" : t.text);
    }
    return out;
}

} // namespace

TEST_CASE("The tokenizer splits CJK text into characters and folds words", "[store][search]") {
    const auto tokens = tokenize("AI大模型, Ｈｅｌｌｏ World!");
    CHECK(token_texts("AI大模型, Ｈｅｌｌｏ World!") ==
          std::vector<std::string>{"ai", "大", "模", "型", "hello", "world"});
    // Offsets point into the original bytes.
    CHECK(tokens[1].start == 2);
    CHECK(tokens[1].end == 5);
    CHECK(tokenize("中").size() == 1);
}

TEST_CASE("Every ASCII byte but a letter or digit parts words, and offsets stay exact",
          "[store][search]") {
    // Each ASCII byte between two words, and between two CJK characters.
    for (int b = 1; b < 0x80; ++b) {
        const char c = static_cast<char>(b);
        const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                           (c >= 'A' && c <= 'Z');
        const std::string text = std::string("Ab") + c + "cD";
        const auto tokens = tokenize(text);
        INFO("byte " << b);
        if (alnum) {
            REQUIRE(tokens.size() == 1);
            CHECK(tokens[0].text == "ab" + std::string(1, static_cast<char>(std::tolower(b))) +
                                        "cd");
            CHECK(tokens[0].end == 5);
        } else {
            REQUIRE(tokens.size() == 2);
            CHECK(tokens[0].text == "ab");
            CHECK(tokens[1].text == "cd");
            CHECK(tokens[1].start == 3);
            CHECK(token_texts(std::string("中") + c + "文") ==
                  std::vector<std::string>{"中", "|", "文"});
        }
    }
}

TEST_CASE("A gap token parts CJK characters that punctuation or space separates",
          "[store][search]") {
    CHECK(token_texts("中国，人民") == std::vector<std::string>{"中", "国", "|", "人", "民"});
    CHECK(token_texts("中国 人民") == std::vector<std::string>{"中", "国", "|", "人", "民"});
    // Not between a CJK character and a word, nor between words.
    CHECK(token_texts("中国, AI 与 ML。") ==
          std::vector<std::string>{"中", "国", "ai", "与", "ml"});
    const auto tokens = tokenize("中。。国");
    REQUIRE(tokens.size() == 3);
    CHECK(tokens[1].gap);
    CHECK(tokens[1].text == k_gap_token);
    CHECK(tokens[1].start == 3); // the separators' bytes
    CHECK(tokens[1].end == 9);
}

TEST_CASE("User queries become safe FTS5 expressions", "[store][search]") {
    CHECK(match_expression("人工智能 OpenAI") == "\"人工智能\" AND \"openai\"");
    CHECK(match_expression("\"large model\"") == "\"large model\"");
    CHECK(match_expression("\"中国，人民 AI\"") == "\"中国 人民 ai\"");
    CHECK(match_expression("中") == "\"中\"");
    CHECK(match_expression("NEAR( \"* ) OR -") == "\"near\" AND \"or\"");
    CHECK(match_expression("  ,,, ") == "");
}

TEST_CASE("Search finds Chinese and English words, ranked, with snippets", "[store][search]") {
    TempDir dir;
    auto store = Store::open(dir.path() / "a.db");
    auto a = make_record("iyiou", 1,
                         "分享我与《人民日报》英文客户端的深度对谈。在对谈中，我与记者交流了对人工智能"
                         "热点问题的一些看法。");
    a.title = "人民日报专访李开复";
    auto b = make_record("people", 2, "中国大模型与世界领先模型之间的差距已经缩小至短短几个月。");
    b.title = "大模型差距";
    auto c = make_record("en", 3, "The archive keeps every article, and search finds it fast.");
    c.title = "Archives for everyone";
    for (auto* r : {&a, &b, &c}) {
        REQUIRE(store.insert_article(*r));
    }
    ListQuery q;
    SECTION("a two-character Chinese word") {
        q.text = "对谈";
        const auto hits = store.search(q);
        REQUIRE(hits.size() == 1);
        CHECK(hits[0].article.id == a.id);
        CHECK(hits[0].snippet.find("[对谈]") != std::string::npos);
    }
    SECTION("a single Chinese character") {
        q.text = "李";
        REQUIRE(store.search(q).size() == 1);
    }
    SECTION("a Chinese word of four characters, highlighted whole") {
        q.text = "人工智能";
        const auto hits = store.search(q);
        REQUIRE(hits.size() == 1);
        CHECK(hits[0].article.id == a.id);
        CHECK(hits[0].snippet.find("[人工智能]") != std::string::npos);
    }
    SECTION("characters parted by punctuation are not a word") {
        q.text = "对谈在"; // "...对谈。在对谈中..."
        CHECK(store.search(q).empty());
        q.text = "谈中";
        CHECK(store.search(q).size() == 1);
    }
    SECTION("a title match ranks first") {
        q.text = "模型";
        const auto hits = store.search(q);
        REQUIRE(hits.size() == 1);
        CHECK(hits[0].article.id == b.id);
    }
    SECTION("an English word, any case") {
        q.text = "ARTICLE";
        const auto hits = store.search(q);
        REQUIRE(hits.size() == 1);
        CHECK(hits[0].article.id == c.id);
        CHECK(hits[0].snippet.find("[article]") != std::string::npos);
    }
    SECTION("every word is required") {
        q.text = "人工智能 archive";
        CHECK(store.search(q).empty());
    }
    SECTION("filters apply") {
        q.text = "人民日报";
        q.source = "people";
        CHECK(store.search(q).empty());
    }
    SECTION("list takes the same text filter") {
        q.text = "记者";
        REQUIRE(store.list(q).size() == 1);
    }
    SECTION("the index follows updates") {
        auto changed = *store.get_article(c.id);
        changed.text = "Now about gardening.";
        REQUIRE(store.update_article(changed, c.content_hash, 5));
        q.text = "article";
        CHECK(store.search(q).empty());
        q.text = "gardening";
        CHECK(store.search(q).size() == 1);
    }
}

TEST_CASE("Inside a transaction the full-text index is written in bursts, never stale",
          "[store][search]") {
    TempDir dir;
    auto store = Store::open(dir.path() / "a.db");
    ListQuery q;
    {
        Store::Transaction txn(store);
        // Queued rows are indexed before a full-text query reads the index.
        auto a = make_record("s", 1, "The first article is about gardens and their keepers.");
        REQUIRE(store.insert_article(a));
        q.text = "gardens";
        REQUIRE(store.search(q).size() == 1);
        // An update of an article still queued replaces it in the index.
        auto b = make_record("s", 2, "The second article is about rivers.");
        REQUIRE(store.insert_article(b));
        b.text = "The second article is about mountains now.";
        REQUIRE(store.update_article(b, "old", 5));
        // More articles than the queue holds: indexed on the way.
        for (int i = 3; i < 1203; ++i) {
            auto r = make_record("bulk", i, "Bulk article number " + std::to_string(i) +
                                                " about harbours and ships.");
            REQUIRE(store.insert_article(r));
        }
        txn.commit();
    }
    q.text = "rivers";
    CHECK(store.search(q).empty());
    q.text = "mountains";
    CHECK(store.search(q).size() == 1);
    q.text = "harbours";
    q.limit = 0;
    CHECK(store.search(q).size() == 1200);
    CHECK(store.list(q).size() == 1200);
    {
        // A rolled-back transaction leaves nothing queued behind.
        Store::Transaction txn(store);
        auto c = make_record("s", 5000, "An article about volcanoes that is rolled back.");
        REQUIRE(store.insert_article(c));
    }
    {
        Store::Transaction txn(store);
        auto d = make_record("s", 5001, "An article about deserts.");
        REQUIRE(store.insert_article(d));
        txn.commit();
    }
    q.text = "volcanoes";
    CHECK(store.search(q).empty());
    q.text = "deserts";
    CHECK(store.search(q).size() == 1);
}
