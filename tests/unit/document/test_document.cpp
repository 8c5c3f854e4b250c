// SPDX-License-Identifier: MIT
#include <archiver/document/document.hpp>

#include "support/temp_dir.hpp"
#include "unit/document/nasty.hpp"

#include <catch2/catch.hpp>

#include <random>

using namespace archiver;
using document::Document;
using document::Map;
using document::Value;

namespace {

std::string seed_text() { return testing::read_file(testing::data_path("e2e/seed.md")); }

} // namespace

TEST_CASE("The seed file reads back and is written out byte for byte", "[document]") {
    const std::string seed = seed_text();
    auto doc = document::parse(seed);
    REQUIRE(doc);
    CHECK(doc->get_string("title") == "人民日报专访李开复：期待中国AI-First应用崛起之年");
    CHECK(doc->get_string("date") == "2025-02-07 12:20:46");
    CHECK(doc->get_string("menu") == "");
    CHECK(doc->find("comments")->v == decltype(Value::v){false});
    CHECK(doc->find("pager")->v == decltype(Value::v){true});
    CHECK(doc->find("widgets")->v ==
          decltype(Value::v){std::vector<std::string>{"search", "recent", "taglist"}});
    CHECK(doc->body.rfind("[iyiou](https://www.iyiou.com/news/202502071089688)\n") !=
          std::string::npos);
    CHECK(document::to_string(*doc) == seed);
}

TEST_CASE("Front matter is written in the seed's shape", "[document]") {
    Document doc;
    doc.front_matter = {
        {"title", Value{std::string("A \"quoted\" title: with colon")}},
        {"lang", Value{std::vector<std::string>{"zh-CN"}}},
        {"menu", Value{std::string()}},
        {"comments", Value{false}},
        {"id", Value{std::int64_t{42}}},
        {"duplicate_of", Value{nullptr}},
        {"revisions", Value{std::vector<Map>{{{"time", Value{std::string("t1")}},
                                              {"previous", Value{std::string("sha256:ab")}}}}}},
        {"empty", Value{std::vector<std::string>{}}},
    };
    doc.body = "Body.\n";
    CHECK(document::to_string(doc) == "---\n"
                                      "title: \"A \\\"quoted\\\" title: with colon\"\n"
                                      "lang:\n"
                                      "  - \"zh-CN\"\n"
                                      "menu: \"\"\n"
                                      "comments: false\n"
                                      "id: 42\n"
                                      "duplicate_of: null\n"
                                      "revisions:\n"
                                      "  - time: \"t1\"\n"
                                      "    previous: \"sha256:ab\"\n"
                                      "empty: []\n"
                                      "---\n"
                                      "\n"
                                      "Body.\n");
}

TEST_CASE("Strings escape control characters, separators and invalid UTF-8", "[document]") {
    Document doc;
    doc.set("t", Value{std::string("a\nb\tc\x01\x7F\xC2\x85\xE2\x80\xA8\xEF\xBB\xBF\\\xFF")});
    const std::string out = document::to_string(doc);
    CHECK(out == "---\nt: \"a\\nb\\tc\\x01\\x7F\\x85\\L\\uFEFF\\\\\xEF\xBF\xBD\"\n---\n\n");
}

TEST_CASE("Keys YAML would misread are quoted", "[document]") {
    Document doc;
    doc.set("yes", Value{true});
    doc.set("a key: with colon", Value{std::int64_t{1}});
    doc.set("source_url", Value{std::string("u")});
    const std::string out = document::to_string(doc);
    CHECK(out == "---\n\"yes\": true\n\"a key: with colon\": 1\nsource_url: \"u\"\n---\n\n");
    auto back = document::parse(out);
    REQUIRE(back);
    CHECK(*back == doc);
}

TEST_CASE("Documents round-trip through yaml-cpp whatever their strings hold", "[document]") {
    std::mt19937 rng(20250207);
    for (int i = 0; i < 400; ++i) {
        const Document doc = testing::nasty_document(rng);
        const std::string text = document::to_string(doc);
        auto back = document::parse(text);
        INFO("case " << i << ":\n" << text);
        REQUIRE(back);
        CHECK(*back == testing::sanitized(doc));
        // Written text is always valid UTF-8 and stable under a second round.
        CHECK(document::sanitize_utf8(text) == text);
        CHECK(document::to_string(*back) == text);
    }
}

TEST_CASE("Very long values round-trip", "[document]") {
    std::string long_text;
    for (int i = 0; i < 20000; ++i) {
        long_text += "人工智能 \"AI\": --- \\ ";
    }
    Document doc;
    doc.set("title", Value{long_text});
    doc.set("tags", Value{std::vector<std::string>(500, long_text.substr(0, 3000))});
    doc.body = long_text + "\n";
    auto back = document::parse(document::to_string(doc));
    REQUIRE(back);
    CHECK(*back == doc);
}

TEST_CASE("Hand-edited front matter is read with YAML semantics", "[document]") {
    SECTION("plain scalars, CRLF line ends, block scalars and flow lists") {
        auto doc = document::parse("---\r\n"
                                   "title: Plain title\r\n"
                                   "draft: true\r\n"
                                   "weight: -3\r\n"
                                   "rating: 4.5\r\n"
                                   "nothing: ~\r\n"
                                   "tags: [a, \"b c\"]\r\n"
                                   "note: |\r\n"
                                   "  line one\r\n"
                                   "  line two\r\n"
                                   "---\r\n"
                                   "\r\n"
                                   "Body\r\n");
        REQUIRE(doc);
        CHECK(doc->get_string("title") == "Plain title");
        CHECK(doc->find("draft")->v == decltype(Value::v){true});
        CHECK(doc->find("weight")->v == decltype(Value::v){std::int64_t{-3}});
        CHECK(doc->get_string("rating") == "4.5");
        CHECK(doc->find("nothing")->v == decltype(Value::v){nullptr});
        CHECK(doc->find("tags")->v == decltype(Value::v){std::vector<std::string>{"a", "b c"}});
        CHECK(doc->get_string("note") == "line one\nline two\n");
        CHECK(doc->body == "Body\r\n");
    }
    SECTION("a body holding '---' lines stays body") {
        auto doc = document::parse("---\ntitle: \"x\"\n---\n\nabove\n---\nbelow\n");
        REQUIRE(doc);
        CHECK(doc->body == "above\n---\nbelow\n");
    }
    SECTION("empty front matter") {
        auto doc = document::parse("---\n---\n\nbody\n");
        REQUIRE(doc);
        CHECK(doc->front_matter.empty());
        CHECK(doc->body == "body\n");
    }
}

TEST_CASE("Malformed files are reported, not thrown", "[document]") {
    CHECK_FALSE(document::parse("no front matter\n"));
    CHECK_FALSE(document::parse("---\ntitle: \"unclosed\n"));
    CHECK_FALSE(document::parse("---\ntitle: \"x\" trailing\n---\n\nbody\n"));
    CHECK_FALSE(document::parse("---\n- a list\n---\n"));
    CHECK_FALSE(document::parse("---\nx: [[nested]]\n---\n"));
    CHECK_FALSE(document::parse("---\nmenu:\n  main:\n    weight: 1\n---\n"));
    auto bad = document::parse("---\ntitle: [unclosed\n---\n");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().stage == Stage::parse);
    CHECK(bad.error().message.find("line") != std::string::npos);
}

TEST_CASE("sanitize_utf8 replaces each maximal invalid subpart", "[document]") {
    CHECK(document::sanitize_utf8("ok 人") == "ok 人");
    CHECK(document::sanitize_utf8("\xFF") == "\xEF\xBF\xBD");
    CHECK(document::sanitize_utf8("\xE4\xB8x") == "\xEF\xBF\xBDx");
    CHECK(document::sanitize_utf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(document::sanitize_utf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(document::sanitize_utf8("\xF0\x9F\x98") == "\xEF\xBF\xBD");
    CHECK(document::sanitize_utf8("\xEF\xBF\xBD") == "\xEF\xBF\xBD");
}
