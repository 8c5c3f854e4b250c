// SPDX-License-Identifier: MIT
// Large feeds read a window at a time (write_feed_streamed): the output is the
// whole-document read's, byte for byte, wherever the windows cut the text; documents that
// cannot be so read are declined before a byte is written. And the cut's own check of an
// entry never vouches for one pugixml rejects.
#include "feed_test_util.hpp"

#include "feed/parse_detail.hpp"
#include "feed/xml_split.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

using namespace archiver;

namespace {

constexpr std::size_t k_never = SIZE_MAX;

feed::ParseOptions options() {
    feed::ParseOptions o;
    o.base_url = "http://example.com/feeds/";
    o.zone = *TimeZone::from_name("Asia/Shanghai");
    return o;
}

// The whole-document read's output.
std::string whole(const std::string& bytes, feed::OutputFormat format) {
    std::string out;
    auto r = feed::detail::write_feed(
        bytes, options(), format, [&](std::string_view piece) { out.append(piece); }, k_never);
    REQUIRE(r);
    return out;
}

// What the streamed read writes ("declined" when it declines); the reader gives at most
// `step` bytes a call, the windows are `window` bytes.
std::string streamed(const std::string& bytes,
                     feed::OutputFormat format,
                     std::size_t window,
                     std::size_t step = SIZE_MAX) {
    const feed::ByteReader reader = [&](std::uint64_t offset, char* out, std::size_t n) {
        if (offset >= bytes.size()) {
            return std::ptrdiff_t{0};
        }
        const std::size_t k = std::min({n, step, bytes.size() - static_cast<std::size_t>(offset)});
        std::memcpy(out, bytes.data() + offset, k);
        return static_cast<std::ptrdiff_t>(k);
    };
    std::string out;
    auto r = feed::detail::write_feed_streamed(
        bytes.size(), reader, options(), format, [&](std::string_view piece) { out.append(piece); },
        0, window);
    REQUIRE(r);
    if (!*r) {
        CHECK(out.empty());
        return "declined";
    }
    return out;
}

// A prolog long enough for the encoding to be decided on the first window (4 KB and more).
std::string padding() {
    return "<!-- " + std::string(5000, 'p') + " -->\n";
}

std::string rss(const std::string& items, const std::string& root_attrs = "",
                const std::string& channel_attrs = "") {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + padding() + "<rss version=\"2.0\"" +
           root_attrs + "><channel" + channel_attrs +
           "><title>T &amp; co</title><link>http://example.com/</link>\n" + items +
           "<description>after the items</description></channel></rss>\n";
}

std::string numbered_items(int n, const std::string& extra = "") {
    std::string items;
    for (int i = 0; i < n; ++i) {
        const std::string k = std::to_string(i);
        items += "<item><title>Item " + k + " &amp; 经济</title><link>/n/" + k +
                 "?a=1&amp;b=2</link><guid isPermaLink=\"false\">g" + k +
                 "</guid><pubDate>Fri, 07 Feb 2025 12:20:46 +0800</pubDate><description>&lt;p&gt;" +
                 std::string(static_cast<std::size_t>(i % 40), 'x') +
                 " &lt;script&gt;x()&lt;/script&gt;&lt;/p&gt;</description>" + extra + "</item>\n";
    }
    return items;
}

// Every window and read size gives the whole read's bytes (and the read was streamed).
void check_streams_same(const std::string& feed) {
    INFO(feed.substr(0, 400));
    for (const auto format : {feed::OutputFormat::json, feed::OutputFormat::tsv}) {
        const std::string expected = whole(feed, format);
        for (const std::size_t window : {std::size_t{16}, std::size_t{61}, std::size_t{4096},
                                         std::size_t{512} << 10}) {
            INFO("window " << window);
            const std::string got = streamed(feed, format, window, window == 61 ? 7 : SIZE_MAX);
            REQUIRE(got != "declined");
            const bool same = got == expected;
            CHECK(same);
        }
    }
}

} // namespace

TEST_CASE("A feed read a window at a time writes what the whole read writes",
          "[feed][split][stream]") {
    const std::string ns =
        " xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
        " xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"";
    const std::vector<std::string> feeds = {
        rss(numbered_items(60)),
        // namespaces declared on the root, used in the entries
        rss(numbered_items(20, "<dc:creator>Ann</dc:creator>"
                               "<content:encoded><![CDATA[<p>c</p><script>x()</script>]]>"
                               "</content:encoded>"),
            ns),
        // xml:base and xml:lang on the channel: relative links resolve against it
        rss(numbered_items(20), "", " xml:base=\"http://base.example/dir/\" xml:lang=\"fr\""),
        // CDATA holding what looks like the end of the entry, comments between entries
        rss("<item><title>c</title><description><![CDATA[<p>x</item></p> <item>]]>"
            "</description></item>\n<!-- </item> <item> -->\n" + numbered_items(10) +
            "<!-- between -->" + numbered_items(3)),
        // a BOM, CRLF line ends, blanks in end tags, an empty entry
        "\xEF\xBB\xBF" + rss("<item>\r\n<title>crlf\r\nline</title></item >\r\n<item/>" +
                             numbered_items(5)),
        // an entry the cut does not vouch for (a processing instruction) but pugixml reads
        rss(numbered_items(5) + "<item><?pi x?><title>pi</title></item>" + numbered_items(5)),
        // Atom with inline XHTML and a default namespace
        "<?xml version=\"1.0\"?>" + padding() +
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://e.example/\">"
            "<title>F</title><entry><title type=\"html\">&amp;lt;b&amp;gt;x</title>"
            "<link rel=\"alternate\" href=\"/n/1\"/><id>urn:1</id>"
            "<updated>2025-02-07T12:20:46Z</updated><content type=\"xhtml\">"
            "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>x</p> <img src=\"/i.png\" "
            "onclick=\"x()\"/></div></content></entry>\n<entry><title>two</title></entry>"
            "<subtitle>after</subtitle></feed>",
        // entries larger than the buffers of both passes
        rss(numbered_items(3) + "<item><title>big</title><description>" +
            std::string(20000, 'b') + " &amp; " + std::string(20000, 'c') +
            "</description></item>" + numbered_items(3)),
        // what check_tree reports without giving up: the same bozo reason either way
        rss(numbered_items(5) + "<item><title>&bogus; entity</title></item>" +
            numbered_items(5)),
        rss(numbered_items(5) + "<item><undeclared:x>y</undeclared:x></item>"),
    };
    for (const std::string& f : feeds) {
        check_streams_same(f);
    }
}

TEST_CASE("Feeds a window at a time cannot read are declined, nothing written",
          "[feed][split][stream]") {
    const std::string items = numbered_items(5);
    const std::vector<std::string> feeds = {
        // a broken entry: the whole read recovers the document loosely
        rss(items + "<item><title>unclosed</item>" + items),
        // truncated
        rss(items).substr(0, rss(items).size() - 40),
        // another encoding declared, invalid UTF-8, control characters
        "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>" + padding() +
            "<rss><channel><item><title>caf\xE9</title></item></channel></rss>",
        rss(items + "<item><title>bad \xFF byte</title></item>"),
        rss(items + "<item><title>bell \x07</title></item>"),
        // an internal subset, JSON Feed
        "<!DOCTYPE rss [<!ENTITY e \"E\">]>" + padding() + "<rss><channel>" + items +
            "</channel></rss>",
        "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"" + padding() +
            "\", \"items\": []}",
        // entries where the walk does not read them
        rss("<image><item><title>in image</title></item></image>" + items),
    };
    for (const std::string& f : feeds) {
        INFO(f.substr(0, 300));
        for (const std::size_t window : {std::size_t{61}, std::size_t{512} << 10}) {
            CHECK(streamed(f, feed::OutputFormat::json, window) == "declined");
        }
    }
}

TEST_CASE("The cut never vouches for an entry pugixml rejects", "[feed][split]") {
    // Entries built from pieces of real markup and mutations of it: whatever
    // scan_wellformed_entry accepts must parse as a document on its own.
    const std::vector<std::string> parts = {
        "<title>", "</title>", "<a href=\"/x?a=1&amp;b=2\">", "</a>", "<br/>", "<br />",
        "<![CDATA[<p>x</p>]]>", "<!-- c -->", "text &amp; more", " ", "\n", "<b>", "</b>",
        "<x:y z:w='1'>", "</x:y>", "<img src='a' alt=\"b\"/>", "<p class = \"c\">", "</p>",
        "<", ">", "/", "\"", "'", "=", "<!", "<?pi?>", "]]>", "-->", "</item>", "<item>",
        "<1>", "<a b>", "<a b=c>", "<a b='<'>", "<a\tb='1'\n>", "</a >", "</ a>", "&", "<-x>",
        "<a b='1'c='2'>", "<_u.v-w>", "</_u.v-w>", "<é>", "</é>", "<a/ >", "<!DOCTYPE x>",
    };
    std::mt19937 rng(20261130);
    std::uniform_int_distribution<std::size_t> pick(0, parts.size() - 1);
    std::uniform_int_distribution<int> count(0, 12);
    std::vector<std::string_view> open;
    int accepted = 0;
    int agreed = 0;
    for (int round = 0; round < 40000; ++round) {
        std::string body;
        const int n = count(rng);
        for (int i = 0; i < n; ++i) {
            body += parts[pick(rng)];
        }
        const std::string entry = "<item a=\"1\">" + body + "</item>";
        const std::string text = entry + "\n<item>next</item>";
        const std::size_t content = std::strlen("<item a=\"1\">");
        const std::size_t end = feed::detail::scan_wellformed_entry(text, content, "item", open);
        if (end == feed::detail::SplitDoc::npos) {
            continue;
        }
        ++accepted;
        std::string copy = text.substr(0, end);
        pugi::xml_document doc;
        const pugi::xml_parse_result r = doc.load_buffer_inplace(
            copy.data(), copy.size(), feed::detail::k_strict_parse_flags, pugi::encoding_utf8);
        const bool one_element = r && doc.first_child() &&
                                 doc.first_child() == doc.last_child() &&
                                 doc.first_child().type() == pugi::node_element;
        INFO(text.substr(0, end));
        CHECK(one_element);
        agreed += one_element ? 1 : 0;
    }
    // The check is not vacuous: plain entries are accepted, in numbers.
    CHECK(accepted > 2000);
    CHECK(agreed == accepted);
    // Typical entries are vouched for, and the end found is the entry's own.
    const std::string item = numbered_items(1);
    CHECK(feed::detail::scan_wellformed_entry(item, 6, "item", open) == item.find('\n'));
}
