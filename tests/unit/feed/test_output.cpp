// SPDX-License-Identifier: MIT
#include "feed_test_util.hpp"

#include <nlohmann/json.hpp>

using namespace archiver;
using archiver::testing::parse_ok;

TEST_CASE("parse-feed JSON has every key of the contract, null when unknown", "[feed][output]") {
    const auto doc = parse_ok(R"(<rss version="2.0"><channel><title>T</title>
<item><title>A</title><pubDate>Sat, 28 Feb 2004 18:14:55 -0100</pubDate>
<enclosure url="http://e/a.mp3" length="12" type="audio/mpeg"/></item></channel></rss>)");
    const auto j = nlohmann::json::parse(feed::to_json(doc));
    CHECK(j["version"] == "rss20");
    CHECK(j["encoding"] == "utf-8");
    CHECK(j["bozo"] == false);
    CHECK(j["bozo_reason"] == "");
    for (const char* k : {"title", "link", "description", "language", "updated", "generator",
                          "author", "image"}) {
        CHECK(j["feed"].contains(k));
    }
    CHECK(j["feed"]["link"].is_null());
    const auto& e = j["entries"][0];
    for (const char* k : {"id", "title", "link", "published", "updated", "author", "summary",
                          "content", "categories", "enclosures"}) {
        CHECK(e.contains(k));
    }
    CHECK(e["published"] == "2004-02-28T19:14:55Z");
    CHECK(e["updated"].is_null());
    CHECK(e["categories"].is_array());
    CHECK(e["enclosures"][0]["length"] == 12);
    CHECK(e["enclosures"][0]["url"] == "http://e/a.mp3");
}

TEST_CASE("parse-feed TSV follows sfeed's columns and escapes", "[feed][output]") {
    const auto doc = parse_ok(R"(<rss version="2.0"><channel>
<item><title>A	tab</title><link>http://e/1</link><guid>g1</guid><author>me</author>
<pubDate>Thu, 01 Jan 1970 00:01:40 GMT</pubDate>
<description>line1
line2 back\slash</description><category>x</category><category>y</category>
<enclosure url="http://e/a.mp3"/></item></channel></rss>)");
    const std::string tsv = feed::to_tsv(doc);
    CHECK(tsv == "100\tA tab\thttp://e/1\tline1\\nline2 back\\\\slash\thtml\tg1\tme\thttp://e/a.mp3\tx|y\n");
}

TEST_CASE("Feeds are told from HTML pages", "[feed][detect]") {
    CHECK(feed::looks_like_feed("<?xml version=\"1.0\"?>\n<!-- c -->\n<rss version=\"2.0\">", ""));
    CHECK(feed::looks_like_feed("\xEF\xBB\xBF<feed xmlns=\"http://www.w3.org/2005/Atom\">", ""));
    CHECK(feed::looks_like_feed("<rdf:RDF xmlns:rdf=\"x\">", "text/xml"));
    CHECK(feed::looks_like_feed("{\"version\": \"https://jsonfeed.org/version/1.1\"}", ""));
    CHECK(feed::looks_like_feed("<html>", "application/rss+xml"));
    CHECK_FALSE(feed::looks_like_feed("<!DOCTYPE html><html><head>", "text/html"));
    CHECK_FALSE(feed::looks_like_feed("{\"data\": []}", "application/json"));
    CHECK_FALSE(feed::looks_like_feed("", ""));
}
