// SPDX-License-Identifier: MIT
#include "feed_test_util.hpp"

using namespace archiver;
using archiver::testing::parse_ok;
using archiver::testing::utc;

TEST_CASE("A JSON Feed 1.1 yields its items", "[feed][json]") {
    const auto doc = parse_ok(R"({
  "version": "https://jsonfeed.org/version/1.1",
  "title": "JSON Example", "home_page_url": "https://example.org/",
  "description": "d", "language": "en", "icon": "/icon.png",
  "authors": [{"name": "Me"}],
  "items": [
    {"id": "1", "url": "/one", "title": "One", "content_html": "<p>Hi</p><script>x()</script>",
     "summary": "S", "date_published": "2010-02-07T14:04:00-05:00",
     "tags": ["a", "b"], "attachments": [{"url": "/a.mp3", "mime_type": "audio/mpeg",
     "size_in_bytes": 99}]},
    {"url": "https://example.org/two", "content_text": "plain"}
  ]})",
                              "UTC", "https://example.org/feed.json");
    CHECK(doc.version == "json11");
    CHECK(doc.feed.title == "JSON Example");
    CHECK(doc.feed.author == "Me");
    CHECK(doc.feed.image == "https://example.org/icon.png");
    REQUIRE(doc.entries.size() == 2);
    const Entry& e = doc.entries[0];
    CHECK(e.link == "https://example.org/one");
    CHECK(e.content == "<p>Hi</p>");
    CHECK(e.summary == "S");
    CHECK(utc(e.published) == "2010-02-07T19:04:00Z");
    CHECK(e.categories == std::vector<std::string>{"a", "b"});
    REQUIRE(e.enclosures.size() == 1);
    CHECK(e.enclosures[0].length == 99);
    CHECK(doc.entries[1].id == "https://example.org/two");
    CHECK(doc.entries[1].summary == "plain");
}

TEST_CASE("JSON Feed 1.0 is named json10", "[feed][json]") {
    const auto doc = parse_ok(R"({"version": "https://jsonfeed.org/version/1", "title": "t",
        "author": {"name": "Old"}, "items": []})");
    CHECK(doc.version == "json10");
    CHECK(doc.feed.author == "Old");
}

TEST_CASE("Invalid JSON is an error, not a feed", "[feed][json]") {
    auto r = feed::parse_feed("{\"version\": ", feed::ParseOptions{});
    CHECK_FALSE(r);
}
