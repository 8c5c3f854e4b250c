// SPDX-License-Identifier: MIT
#include "feed_test_util.hpp"

using namespace archiver;
using archiver::testing::parse_ok;
using archiver::testing::utc;

TEST_CASE("An Atom 1.0 feed yields its entries", "[feed][atom]") {
    const auto doc = parse_ok(R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en" xml:base="http://example.org/">
  <title type="text">Example Feed</title>
  <subtitle type="html">A &lt;em&gt;sub&lt;/em&gt;title</subtitle>
  <link rel="self" href="/feed.atom"/>
  <link href="/"/>
  <updated>2003-12-13T18:30:02Z</updated>
  <author><name>John Doe</name><email>john@example.org</email></author>
  <generator uri="http://gen/" version="1">Gen</generator>
  <logo>/logo.png</logo>
  <entry>
    <title type="html">Atom &amp;amp; more</title>
    <link rel="alternate" type="text/html" href="/2003/12/13/atom03"/>
    <link rel="enclosure" type="audio/mpeg" length="1337" href="/a.mp3"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <published>2003-12-13T08:29:29-04:00</published>
    <updated>2003-12-13T18:30:02Z</updated>
    <summary>Some text.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello <b>world</b></p></div></content>
    <category term="tech"/>
  </entry>
</feed>)");
    CHECK(doc.version == "atom10");
    CHECK_FALSE(doc.bozo);
    CHECK(doc.feed.title == "Example Feed");
    CHECK(doc.feed.description == "A <em>sub</em>title");
    CHECK(doc.feed.link == "http://example.org/");
    CHECK(doc.feed.language == "en");
    CHECK(doc.feed.author == "John Doe (john@example.org)");
    CHECK(doc.feed.generator == "Gen");
    CHECK(doc.feed.image == "http://example.org/logo.png");
    REQUIRE(doc.entries.size() == 1);
    const Entry& e = doc.entries[0];
    CHECK(e.title == "Atom &amp; more");
    CHECK(e.link == "http://example.org/2003/12/13/atom03");
    CHECK(e.id == "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a");
    CHECK(utc(e.published) == "2003-12-13T12:29:29Z");
    CHECK(utc(e.updated) == "2003-12-13T18:30:02Z");
    CHECK(e.summary == "Some text.");
    CHECK(e.content == "<p>Hello <b>world</b></p>");
    CHECK(e.categories == std::vector<std::string>{"tech"});
    REQUIRE(e.enclosures.size() == 1);
    CHECK(e.enclosures[0].url == "http://example.org/a.mp3");
    CHECK(e.enclosures[0].length == 1337);
}

TEST_CASE("Atom text constructs of every type are read", "[feed][atom]") {
    auto title_of = [](const std::string& title) {
        const auto doc = parse_ok(R"(<feed xmlns="http://www.w3.org/2005/Atom"><entry>)" + title +
                                  "</entry></feed>");
        REQUIRE(doc.entries.size() == 1);
        return doc.entries[0].title.value_or("none");
    };
    CHECK(title_of(R"(<title>History of the &lt;blink&gt; tag</title>)") ==
          "History of the <blink> tag");
    CHECK(title_of(R"(<title type="html">&lt;b&gt;bold&lt;/b&gt;</title>)") == "<b>bold</b>");
    CHECK(title_of(R"(<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">a <i>b</i></div></title>)") ==
          "a <i>b</i>");
    CHECK(title_of(R"(<title type="text/html" mode="base64">PGI+YjwvYj4=</title>)") == "<b>b</b>");
}

TEST_CASE("The alternate link is preferred over other relations", "[feed][atom]") {
    const auto doc = parse_ok(R"(<feed xmlns="http://www.w3.org/2005/Atom"><entry>
<link rel="replies" href="http://example.com/comments"/>
<link rel="alternate" type="text/html" href="http://example.com/post"/>
<link rel="self" href="http://example.com/self"/>
</entry></feed>)");
    REQUIRE(doc.entries.size() == 1);
    CHECK(doc.entries[0].link == "http://example.com/post");
}

TEST_CASE("Link relations and types are matched ignoring case and after decoding",
          "[feed][atom]") {
    const auto link_of = [](const std::string& links) {
        const auto doc = parse_ok(R"(<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.com/"><entry>)" +
                                  links + "</entry></feed>");
        REQUIRE(doc.entries.size() == 1);
        return doc.entries[0].link.value_or("none");
    };
    CHECK(link_of(R"(<link rel="ALTERNATE" type="TEXT/HTML" href="/a"/>)") == "http://example.com/a");
    CHECK(link_of(R"(<link rel="&#97;lternate" type="text&#47;html" href="/b"/>)") ==
          "http://example.com/b");
    CHECK(link_of(R"(<link type="application/xhtml+xml" href="/c"/>)") == "http://example.com/c");
    CHECK(link_of(R"(<link rel="alternate" type="xhtml" href="/d"/>)") == "http://example.com/d");
    CHECK(link_of(R"(<link href="/e&amp;f"/>)") == "http://example.com/e&f");
    // An alternate of another type, a relation given empty and rel="self" are not the page.
    CHECK(link_of(R"(<link rel="alternate" type="application/pdf" href="/g.pdf"/><link href="/h"/>)") ==
          "http://example.com/h");
    CHECK(link_of(R"(<link rel="" href="/i"/>)") == "none");
    CHECK(link_of(R"(<link rel="self" href="/j"/>)") == "none");

    const auto doc = parse_ok(R"(<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.com/"><entry>
<link rel="Enclosure" type="Audio/MPEG &amp; more" length="12" href="/k.mp3"/>
</entry></feed>)");
    REQUIRE(doc.entries.size() == 1);
    REQUIRE(doc.entries[0].enclosures.size() == 1);
    CHECK(doc.entries[0].enclosures[0].url == "http://example.com/k.mp3");
    CHECK(doc.entries[0].enclosures[0].type == "Audio/MPEG & more"); // as written, decoded
    CHECK(doc.entries[0].enclosures[0].length == 12);
}

TEST_CASE("An Atom 0.3 feed is recognised", "[feed][atom]") {
    const auto doc = parse_ok(R"(<feed version="0.3" xmlns="http://purl.org/atom/ns#">
<title>Old</title><tagline>Tag</tagline><modified>2004-01-01T00:00:00Z</modified>
<entry><title>e</title><issued>2004-01-01T00:00:00Z</issued>
<content type="text/html" mode="escaped">&lt;p&gt;x&lt;/p&gt;</content></entry></feed>)");
    CHECK(doc.version == "atom03");
    CHECK(doc.feed.description == "Tag");
    CHECK(utc(doc.feed.updated) == "2004-01-01T00:00:00Z");
    REQUIRE(doc.entries.size() == 1);
    CHECK(doc.entries[0].content == "<p>x</p>");
    CHECK(doc.entries[0].summary == "<p>x</p>");
}
