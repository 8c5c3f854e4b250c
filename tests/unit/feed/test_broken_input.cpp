// SPDX-License-Identifier: MIT
#include "feed_test_util.hpp"

using namespace archiver;
using archiver::testing::parse_ok;

TEST_CASE("Ill-formed XML still yields its entries, flagged bozo", "[feed][broken]") {
    SECTION("unclosed tags and a truncated document") {
        const auto doc = parse_ok(R"(<rss version="2.0"><channel><title>Broken</title>
<item><title>One</title><link>http://e.com/1</link></item>
<item><title>Two<link>http://e.com/2</link></item>
<item><title>Three</title><description>cut here)");
        CHECK(doc.bozo);
        CHECK_FALSE(doc.bozo_reason.empty());
        CHECK(doc.feed.title == "Broken");
        REQUIRE(doc.entries.size() == 3);
        CHECK(doc.entries[0].link == "http://e.com/1");
        CHECK(doc.entries[2].summary == "cut here");
    }
    SECTION("HTML entities XML does not define") {
        const auto doc = parse_ok(R"(<rss><channel><title>caf&eacute; &mdash; x</title></channel></rss>)");
        CHECK(doc.bozo);
        CHECK(doc.bozo_reason.find("eacute") != std::string::npos);
        CHECK(doc.feed.title == "café — x");
    }
    SECTION("an undeclared namespace prefix") {
        const auto doc = parse_ok(R"(<rss version="2.0"><channel><itunes:subtitle>Foo</itunes:subtitle>
<item><title>t</title></item></channel></rss>)");
        CHECK(doc.bozo);
        CHECK(doc.entries.size() == 1);
    }
    SECTION("a bare ampersand") {
        const auto doc = parse_ok(R"(<rss><channel><item><title>A & B</title></item></channel></rss>)");
        CHECK(doc.bozo);
        REQUIRE(doc.entries.size() == 1);
        CHECK(doc.entries[0].title == "A & B");
    }
    SECTION("an unfinished CDATA section") {
        const auto doc = parse_ok("<rss><channel><title>t</title><item><title><![CD");
        CHECK(doc.bozo);
    }
    SECTION("stray bytes in UTF-8 are replaced") {
        const auto doc = parse_ok("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><channel>"
                                  "<title>ok \xFF\xFE bad</title></channel></rss>");
        CHECK(doc.bozo);
        REQUIRE(doc.feed.title);
        CHECK(doc.feed.title->find("ok") == 0);
    }
}

TEST_CASE("Entity expansion is bounded", "[feed][broken]") {
    std::string xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY a \"aaaaaaaaaa\">\n";
    std::string prev = "a";
    for (char c = 'b'; c <= 'j'; ++c) {
        xml += std::string("<!ENTITY ") + c + " \"";
        for (int i = 0; i < 10; ++i) {
            xml += "&" + prev + ";";
        }
        xml += "\">\n";
        prev = std::string(1, c);
    }
    xml += "<!ENTITY ext SYSTEM \"file:///etc/passwd\">\n]>\n"
           "<rss version=\"2.0\"><channel><title>&j;&ext;&a;</title></channel></rss>";
    const auto doc = parse_ok(xml);
    REQUIRE(doc.feed.title);
    CHECK(doc.feed.title->size() < 100);
    CHECK(doc.feed.title->find("aaaaaaaaaa") != std::string::npos);
    CHECK(doc.feed.title->find("root:") == std::string::npos);
}

TEST_CASE("Safe entities declared in the DOCTYPE are expanded", "[feed][broken]") {
    const auto doc = parse_ok(R"(<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY tag "tag:example.com,2006"><!ENTITY cubed "&#179;">]>
<rss version="2.0"><channel><item><guid isPermaLink="false">&tag;:x&cubed;</guid></item></channel></rss>)");
    CHECK_FALSE(doc.bozo);
    REQUIRE(doc.entries.size() == 1);
    CHECK(doc.entries[0].id == "tag:example.com,2006:x\xC2\xB3");
}

TEST_CASE("Input that is no feed at all is an error", "[feed][broken]") {
    CHECK_FALSE(feed::parse_feed("", feed::ParseOptions{}));
    CHECK_FALSE(feed::parse_feed("just some text", feed::ParseOptions{}));
}

TEST_CASE("Encodings are found from the BOM, the declaration and detection", "[feed][encoding]") {
    SECTION("UTF-16LE with BOM") {
        const std::string u16("\xFF\xFE<\0r\0s\0s\0>\0<\0c\0h\0a\0n\0n\0e\0l\0>\0<\0t\0i\0t\0l\0e\0>"
                              "\0\x74\x5E<\0/\0t\0i\0t\0l\0e\0>\0<\0/\0c\0h\0a\0n\0n\0e\0l\0>\0<\0/\0r\0s\0s\0>\0",
                              76);
        const auto doc = parse_ok(u16);
        CHECK(doc.encoding == "utf-16le");
        CHECK(doc.feed.title == "年");
    }
    SECTION("the HTTP charset") {
        feed::ParseOptions o;
        o.content_type = "application/rss+xml; charset=windows-1252";
        auto doc = feed::parse_feed("<rss><channel><title>\x93quoted\x94</title></channel></rss>", o);
        REQUIRE(doc);
        CHECK(doc->encoding == "windows-1252");
        CHECK(doc->feed.title == "\xE2\x80\x9Cquoted\xE2\x80\x9D");
    }
    SECTION("a bogus declared encoding is bozo") {
        const auto doc = parse_ok(R"(<?xml version="1.0" encoding="bogus"?><rss><channel><title>t</title></channel></rss>)");
        CHECK(doc.bozo);
    }
}

TEST_CASE("Namespace prefixes and references are judged where they stand in the tree",
          "[feed][broken]") {
    const auto reason = [](std::string_view xml) {
        const auto doc = parse_ok(xml);
        return doc.bozo ? doc.bozo_reason : std::string("ok");
    };
    // Declared on an element, in force in its subtree only.
    CHECK(reason(R"(<rss><channel><item xmlns:x="u"><x:a>1</x:a><title x:b="2">t</title></item></channel></rss>)") ==
          "ok");
    CHECK(reason(R"(<rss><channel><item xmlns:x="u"><x:a>1</x:a></item><item><x:a>2</x:a></item></channel></rss>)") ==
          "undeclared namespace prefix in <x:a>");
    CHECK(reason(R"(<rss xmlns:x="u"><channel><item><x:a>1</x:a></item></channel></rss>)") == "ok");
    // What only looks like a prefixed name: CDATA, comments, text, attribute values.
    CHECK(reason(R"(<rss><channel><!-- <q:a b:c="1"> --><item><title><![CDATA[<q:a z:b="1">]]></title>
<description>ratio q:a = 1, see http://e/ and mailto:a@b</description><link href="q:x"/></item></channel></rss>)") ==
          "ok");
    CHECK(reason(R"(<rss xmlns:x="u"><!-- xmlns:y="v" --><channel><item><x:a>1</x:a></item></channel></rss>)") ==
          "ok");
    CHECK(reason(R"(<rss xmlns:x="u"><channel><item><y:a>1</y:a></item></channel></rss>)") ==
          "undeclared namespace prefix in <y:a>");
    CHECK(reason(R"(<rss><channel><item q:x="1"><title>t</title></item></channel></rss>)") ==
          "undeclared namespace prefix in attribute q:x");
    CHECK(reason("<rss><channel><item\n\tq:x\n=\"1\"><title>t</title></item></channel></rss>") ==
          "undeclared namespace prefix in attribute q:x");
    CHECK(reason(R"(<rss xmlns:xml2="u"><channel><title xml:lang="en">t</title></channel></rss>)") == "ok");
    // References: only text and attribute values count, the first finding in document order.
    CHECK(reason(R"(<rss><channel><!-- a & b &c; --><title><![CDATA[x & y &z;]]></title></channel></rss>)") ==
          "ok");
    CHECK(reason(R"(<rss><channel><title a="&foo;">t</title></channel></rss>)") == "undefined entity &foo;");
    CHECK(reason(R"(<rss><channel><title>t &amp; &#38; &lt;</title><item q:x="1">A & B</item></channel></rss>)") ==
          "undeclared namespace prefix in attribute q:x");
    CHECK(reason(R"(<rss><channel><item>A & B</item><item q:x="1">t</item></channel></rss>)") ==
          "not well-formed: bare '&' in text");
}
