// SPDX-License-Identifier: MIT
#include "feed_test_util.hpp"

#include <support/temp_dir.hpp>

using namespace archiver;
using archiver::testing::parse_ok;
using archiver::testing::utc;

TEST_CASE("An RSS 2.0 feed yields its channel and items", "[feed][rss]") {
    const auto doc = parse_ok(R"(<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Example &amp; Co</title>
  <link>http://example.com/</link>
  <description>All the news</description>
  <language>en-us</language>
  <lastBuildDate>Sat, 07 Sep 2002 00:00:01 GMT</lastBuildDate>
  <generator>Gen 1.0</generator>
  <managingEditor>editor@example.com (Ed)</managingEditor>
  <image><url>http://example.com/logo.png</url><title>Logo</title><link>http://x/</link></image>
  <item>
    <title>First</title>
    <link>http://example.com/1</link>
    <guid isPermaLink="false">id-1</guid>
    <pubDate>Thu, 01 Jan 2004 19:48:21 GMT</pubDate>
    <dc:creator>Alice</dc:creator>
    <description>&lt;p&gt;Summary&lt;/p&gt;</description>
    <content:encoded><![CDATA[<p>Full <b>text</b></p>]]></content:encoded>
    <category>News</category><category domain="x">Tech</category>
    <enclosure url="http://example.com/a.mp3" type="audio/mpeg" length="1234"/>
  </item>
  <item>
    <guid>http://example.com/2</guid>
    <title>Second</title>
  </item>
</channel>
</rss>)");
    CHECK(doc.version == "rss20");
    CHECK_FALSE(doc.bozo);
    CHECK(doc.feed.title == "Example & Co");
    CHECK(doc.feed.link == "http://example.com/");
    CHECK(doc.feed.description == "All the news");
    CHECK(doc.feed.language == "en-us");
    CHECK(utc(doc.feed.updated) == "2002-09-07T00:00:01Z");
    CHECK(doc.feed.generator == "Gen 1.0");
    CHECK(doc.feed.author == "editor@example.com (Ed)");
    CHECK(doc.feed.image == "http://example.com/logo.png");
    REQUIRE(doc.entries.size() == 2);
    const Entry& e = doc.entries[0];
    CHECK(e.id == "id-1");
    CHECK(e.title == "First");
    CHECK(e.link == "http://example.com/1");
    CHECK(utc(e.published) == "2004-01-01T19:48:21Z");
    CHECK(e.author == "Alice");
    CHECK(e.summary == "<p>Summary</p>");
    CHECK(e.content == "<p>Full <b>text</b></p>");
    CHECK(e.categories == std::vector<std::string>{"News", "Tech"});
    REQUIRE(e.enclosures.size() == 1);
    CHECK(e.enclosures[0].url == "http://example.com/a.mp3");
    CHECK(e.enclosures[0].type == "audio/mpeg");
    CHECK(e.enclosures[0].length == 1234);
    SECTION("a permalink guid is the link of an item without one") {
        CHECK(doc.entries[1].link == "http://example.com/2");
    }
}

TEST_CASE("RSS versions 0.9x are told apart", "[feed][rss]") {
    CHECK(parse_ok(R"(<rss version="0.91"><channel><title>t</title></channel></rss>)").version ==
          "rss091u");
    CHECK(parse_ok(R"(<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
"http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>t</title></channel></rss>)")
              .version == "rss091n");
    CHECK(parse_ok(R"(<rss version="0.92"><channel/></rss>)").version == "rss092");
    CHECK(parse_ok(R"(<rss version="0.94"><channel/></rss>)").version == "rss094");
    CHECK(parse_ok(R"(<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns="http://my.netscape.com/rdf/simple/0.9/"><channel><title>t</title></channel></rdf:RDF>)")
              .version == "rss090");
}

TEST_CASE("An RSS 1.0 feed yields the items beside its channel", "[feed][rss1]") {
    const auto doc = parse_ok(R"(<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="http://example.com/">
    <title>RDF feed</title><link>http://example.com/</link>
    <dc:date>2003-12-31T10:14:55Z</dc:date>
  </channel>
  <item rdf:about="http://example.com/1">
    <title>One</title><link>http://example.com/1</link>
    <dc:date>2003-12-31T10:14:55-08:00</dc:date>
    <dc:subject>Topic</dc:subject>
  </item>
</rdf:RDF>)");
    CHECK(doc.version == "rss10");
    CHECK(doc.feed.title == "RDF feed");
    CHECK(utc(doc.feed.updated) == "2003-12-31T10:14:55Z");
    REQUIRE(doc.entries.size() == 1);
    CHECK(doc.entries[0].id == "http://example.com/1");
    CHECK(utc(doc.entries[0].updated) == "2003-12-31T18:14:55Z");
    CHECK(doc.entries[0].categories == std::vector<std::string>{"Topic"});
}

TEST_CASE("A GBK feed of People's Daily is read with its Chinese dates", "[feed][rss][encoding]") {
    const std::string bytes =
        archiver::testing::read_file(archiver::testing::data_path("feed/people_auto_gbk.xml"));
    const auto doc = parse_ok(bytes, "Asia/Shanghai");
    CHECK(doc.encoding == "gb18030");
    CHECK_FALSE(doc.bozo);
    CHECK(doc.feed.title == "汽车频道");
    CHECK(utc(doc.feed.updated) == "2021-05-18T09:26:42Z"); // 2021-05-18 17:26:42 +08:00
    REQUIRE(doc.entries.size() == 3);
    CHECK(doc.entries[0].title == "车门锁栓存隐患 福特召回千辆进口林肯MKZ");
    CHECK(utc(doc.entries[0].published) == "2021-02-07T16:00:00Z"); // date-only: local midnight
    SECTION("items without a guid get their link as a stable id") {
        CHECK(doc.entries[0].id == doc.entries[0].link);
    }
}

TEST_CASE("Entries without guid or link get a stable hashed id", "[feed][rss]") {
    const std::string xml = R"(<rss version="2.0"><channel>
<item><title>A</title><description>x</description></item>
<item><title>B</title><description>x</description></item></channel></rss>)";
    const auto a = parse_ok(xml);
    const auto b = parse_ok(xml);
    REQUIRE(a.entries.size() == 2);
    CHECK(a.entries[0].id->rfind("urn:archiver:entry:", 0) == 0);
    CHECK(a.entries[0].id == b.entries[0].id);
    CHECK(a.entries[0].id != a.entries[1].id);
}

TEST_CASE("Relative links resolve against the feed URL and xml:base", "[feed][rss]") {
    const auto doc = parse_ok(R"(<rss version="2.0"><channel><link>/</link>
<item><link>posts/1.html</link><description>&lt;a href="../x"&gt;x&lt;/a&gt;</description></item>
</channel></rss>)",
                              "UTC", "http://example.com/blog/feed.xml");
    CHECK(doc.feed.link == "http://example.com/");
    REQUIRE(doc.entries.size() == 1);
    CHECK(doc.entries[0].link == "http://example.com/blog/posts/1.html");
    CHECK(doc.entries[0].summary == R"(<a href="http://example.com/x">x</a>)");
}

TEST_CASE("A date that states no zone is read in the given zone", "[feed][rss]") {
    const auto doc = parse_ok(R"(<rss version="2.0"><channel>
<item><title>t</title><pubDate>2025年02月07日 12:20</pubDate></item></channel></rss>)",
                              "Asia/Shanghai");
    REQUIRE(doc.entries.size() == 1);
    CHECK(utc(doc.entries[0].published) == "2025-02-07T04:20:00Z");
}
