// SPDX-License-Identifier: MIT
// Large feeds read entry by entry: the output is the whole-document read's, byte for byte,
// and documents that cannot be cut with certainty are read whole.
#include "feed_test_util.hpp"

#include "feed/parse_detail.hpp"
#include "feed/walk.hpp"
#include "feed/xml_load.hpp"

#include <cstdint>
#include <string>
#include <vector>

using namespace archiver;

namespace {

constexpr std::size_t k_always = 0;
constexpr std::size_t k_never = SIZE_MAX;

std::string written(std::string_view bytes, feed::OutputFormat format, std::size_t split_min) {
    feed::ParseOptions options;
    options.base_url = "http://example.com/feeds/";
    std::string out;
    auto r = feed::detail::write_feed(
        bytes, options, format, [&](std::string_view piece) { out.append(piece); }, split_min);
    return (r ? "ok\n" : "error: " + r.error().message + "\n") + out;
}

std::string parsed(std::string_view bytes, std::size_t split_min) {
    feed::ParseOptions options;
    options.base_url = "http://example.com/feeds/";
    auto doc = feed::detail::parse_feed(bytes, options, split_min);
    return doc ? feed::to_json(*doc) : "error: " + doc.error().message;
}

// Both reads give the same bytes in every output.
void check_same(const std::string& feed) {
    INFO(feed);
    CHECK(written(feed, feed::OutputFormat::json, k_always) ==
          written(feed, feed::OutputFormat::json, k_never));
    CHECK(written(feed, feed::OutputFormat::tsv, k_always) ==
          written(feed, feed::OutputFormat::tsv, k_never));
    CHECK(parsed(feed, k_always) == parsed(feed, k_never));
}

// True when `feed` is read entry by entry (cut, parsed, and every entry met by the walk).
bool read_split(const std::string& feed) {
    feed::detail::XmlDoc xml;
    if (!feed::detail::load_xml_split(feed, xml, 0)) {
        return false;
    }
    FeedDoc doc;
    const TimeZone zone;
    const feed::detail::XmlWalk walk(xml, zone, "", doc);
    return walk.complete();
}

const char* const k_rss_head =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" "
    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
    "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n<channel>\n"
    "<title>T &amp; co</title><link>http://example.com/</link>\n";

std::string rss(const std::string& items, const std::string& tail = "") {
    return k_rss_head + items + tail + "</channel>\n</rss>\n";
}

} // namespace

TEST_CASE("Feeds that can be cut are read entry by entry, to the same output",
          "[feed][split]") {
    const std::string item =
        "<item><title>A &amp; B 经济</title><link>/a?x=1&amp;y=2</link>"
        "<guid isPermaLink=\"false\">g1</guid><pubDate>Fri, 07 Feb 2025 12:20:46 +0800</pubDate>"
        "<dc:creator>Ann</dc:creator><description>&lt;p&gt;x &lt;script&gt;s()&lt;/script&gt;"
        "&lt;/p&gt;</description><category>c</category>"
        "<enclosure url=\"/a.mp3\" type=\"audio/mpeg\" length=\"5\"/></item>\n";
    const std::vector<std::string> feeds = {
        rss(item + item),
        // CDATA and comments holding what looks like the end of the entry
        rss("<item><title>c</title><content:encoded><![CDATA[<p>x</item></p> <item>]]>"
            "</content:encoded><!-- </item> <item> --></item>\n" + item),
        // an entry inside an entry, an entry without content, attributes with '>' and '/'
        rss("<item a=\"x>y/\" b='/item&gt;'><title>outer</title><item><title>inner</title></item>"
            "</item><item/>" + item),
        // namespaces declared on the entry; xml:base and xml:lang around it
        "<rss version=\"2.0\" xml:base=\"http://b.example/dir/\" xml:lang=\"fr\"><channel>"
        "<item xmlns:x=\"http://purl.org/dc/elements/1.1/\"><x:creator>C</x:creator>"
        "<link>rel/1</link></item><item xml:base=\"sub/\"><link>2</link></item></channel></rss>",
        // channel fields after the entries, processing instructions, CRLF line ends
        rss("<?pi <item> ?>\r\n" + item + "<item>\r\n<title>crlf\r\nline</title></item>\r\n",
            "<description>after</description><lastBuildDate>Sat, 08 Feb 2025 00:00:00 GMT"
            "</lastBuildDate>"),
        // Atom with inline XHTML, links and a default namespace
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://e.example/\">"
        "<title>F</title><entry><title type=\"html\">&amp;lt;b&amp;gt;x</title>"
        "<link rel=\"alternate\" href=\"/n/1\"/><id>urn:1</id><updated>2025-02-07T12:20:46Z</updated>"
        "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>x</p> "
        "<img src=\"/i.png\" onclick=\"x()\"/></div></content></entry>\n<entry><title>two</title>"
        "</entry><subtitle>after</subtitle></feed>",
        // RSS 1.0: items beside the channel
        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
        "xmlns=\"http://purl.org/rss/1.0/\"><channel rdf:about=\"http://e/\"><title>R</title>"
        "</channel><item rdf:about=\"http://e/1\"><title>one</title></item>"
        "<item rdf:about=\"http://e/2\"><title>two</title></item></rdf:RDF>",
        // a DOCTYPE without an internal subset
        "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" "
        "\"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\n<rss version=\"0.91\">"
        "<channel><title>N</title>" + item + "</channel></rss>",
        // problems the strict read reports without giving up: the same reason either way
        rss(item + "<item><title>&bogus; entity</title></item>" + item),
        rss(item + "<item><undeclared:x>y</undeclared:x></item>"),
        rss("<item><title>a & b</title></item>", "<title>&bogus;</title>"),
    };
    for (const std::string& f : feeds) {
        CHECK(read_split(f));
        check_same(f);
    }
}

TEST_CASE("Feeds that cannot be cut with certainty are read whole", "[feed][split]") {
    const std::string item = "<item><title>ok</title><link>/ok</link></item>\n";
    const std::vector<std::string> feeds = {
        // entities declared in an internal subset
        "<!DOCTYPE rss [<!ENTITY e \"E\">]><rss version=\"2.0\"><channel>" + item +
            "<item><title>&e;</title></item></channel></rss>",
        // an entry that is not well-formed: the whole document is recovered loosely
        rss(item + "<item><title>unclosed</item>" + item),
        rss(item + "<item><title>x</title><b></item>"),
        // truncated
        std::string(k_rss_head) + item + "<item><title>cut",
        // entries where the walk does not read entries
        "<rss version=\"2.0\"><channel><image><item><title>in image</title></item></image>"
        "<item><title>x</title></item></channel></rss>",
        "<a><b><c><d><item><title>deep</title></item></d></c></b></a>",
        // mismatched end tags outside the entries
        "<rss version=\"2.0\"><channel>" + item + "</rss></channel>",
    };
    for (const std::string& f : feeds) {
        INFO(f);
        CHECK_FALSE(read_split(f));
        check_same(f);
    }
}

TEST_CASE("Odd markup reads the same either way", "[feed][split]") {
    const std::vector<std::string> feeds = {
        rss("<item><title a=\"<\">x</title></item>"),
        rss("<item b='</item>'><title>x</title></item>"),
        "<rss version=\"2.0\"><channel xmlns=\"http://other.example/\"><item><title>x</title>"
        "</item></channel></rss>",
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry xmlns=\"http://other.example/\">"
        "<title>x</title></entry><atom:entry xmlns:atom=\"http://www.w3.org/2005/Atom\">"
        "<atom:title>y</atom:title></atom:entry></feed>",
        rss("<item><title>x</title></item ><item\n><title>y</title></item\n>"),
        rss("<item><![CDATA[unterminated</item>"),
        rss("<item><!-- unterminated</item>"),
        "<rss><channel><item><title>x</title></item></channel></rss><rss><channel>"
        "<item><title>second root</title></item></channel></rss>",
        "\xEF\xBB\xBF" + rss("<item><title>bom</title></item>"),
        rss("<item><title>x</title></item>") + "<!-- trailing --> <?pi?>",
    };
    for (const std::string& f : feeds) {
        check_same(f);
    }
}

TEST_CASE("A large feed is read entry by entry by default", "[feed][split]") {
    std::string items;
    for (int i = 0; items.size() < (std::size_t{3} << 20) / 2; ++i) {
        const std::string n = std::to_string(i);
        items += "<item><title>Item " + n + " &amp; 经济</title><link>/n/" + n +
                 "</link><description>&lt;p&gt;" + std::string(i % 200, 'x') +
                 " &lt;a href=\"/r/" + n + "\"&gt;r&lt;/a&gt;&lt;/p&gt;</description>"
                 "<content:encoded><![CDATA[<p>" + n + "</p><script>x()</script>]]>"
                 "</content:encoded></item>\n";
    }
    const std::string big = rss(items, "<language>en</language>");
    REQUIRE(big.size() >= feed::detail::k_split_min_text);
    CHECK(read_split(big));
    feed::ParseOptions options;
    options.base_url = "http://example.com/feeds/";
    std::string out;
    REQUIRE(feed::write_feed(big, options, feed::OutputFormat::json,
                             [&](std::string_view piece) { out.append(piece); }));
    const bool same = out == written(big, feed::OutputFormat::json, k_never).substr(3);
    CHECK(same); // (not CHECK(a == b): a failure would print megabytes)
    // The same document with one broken entry in the middle is recovered as a whole.
    const std::string broken = rss(items + "<item><title>unclosed</item>" + items);
    CHECK_FALSE(read_split(broken));
    const bool same_broken = written(broken, feed::OutputFormat::json, k_always) ==
                             written(broken, feed::OutputFormat::json, k_never);
    CHECK(same_broken);
}
