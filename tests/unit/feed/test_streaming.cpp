// SPDX-License-Identifier: MIT
// write_feed: the output written as entries are read is parse_feed's, byte for byte.
#include "feed_test_util.hpp"

#include "feed/output.hpp"

#include <nlohmann/json.hpp>

#include <span>
#include <string>
#include <vector>

using namespace archiver;

namespace {

std::string streamed(std::string_view bytes,
                     feed::OutputFormat format,
                     bool* ok = nullptr,
                     std::size_t* count = nullptr) {
    feed::ParseOptions options;
    options.base_url = "http://example.com/feeds/";
    std::string out;
    std::size_t pieces = 0;
    auto r = feed::write_feed(bytes, options, format, [&](std::string_view piece) {
        out.append(piece);
        ++pieces;
    });
    if (ok) {
        *ok = static_cast<bool>(r);
    }
    if (count) {
        *count = pieces;
    }
    return out;
}

std::string whole(std::string_view bytes, feed::OutputFormat format) {
    feed::ParseOptions options;
    options.base_url = "http://example.com/feeds/";
    auto doc = feed::parse_feed(bytes, options);
    REQUIRE(doc);
    return format == feed::OutputFormat::json ? feed::to_json(*doc) : feed::to_tsv(*doc);
}

// An RSS 2.0 feed of `items` entries, with channel fields after the items too.
std::string big_rss(int items) {
    std::string s = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" "
                    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>Big</title>\n";
    for (int i = 0; i < items; ++i) {
        const std::string n = std::to_string(i);
        s += "<item><title>Item " + n + " &amp; more 经济</title><link>/n/" + n +
             "</link><guid isPermaLink=\"false\">g" + n +
             "</guid><pubDate>Fri, 07 Feb 2025 12:20:46 +0800</pubDate><dc:creator>A" + n +
             "</dc:creator><description>&lt;p&gt;text " + n +
             " &lt;script&gt;x()&lt;/script&gt;&lt;a href=\"/r/" + n +
             "\"&gt;more&lt;/a&gt;&lt;/p&gt;</description><category>c" + std::to_string(i % 7) +
             "</category></item>\n";
    }
    s += "<language>en</language><lastBuildDate>Sat, 08 Feb 2025 00:00:00 GMT</lastBuildDate>"
         "</channel></rss>\n";
    return s;
}

} // namespace

TEST_CASE("write_feed writes what to_json and to_tsv write", "[feed][output]") {
    const std::string feeds[] = {
        R"(<rss version="2.0"><channel><title>T</title><item><title>A</title></item>
<item><description>&lt;b&gt;x&lt;/b&gt;</description></item></channel></rss>)",
        R"(<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>E</title>
<link href="e.html"/></entry><title>after the entries</title></feed>)",
        R"(<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
xmlns="http://purl.org/rss/1.0/"><channel><title>R</title></channel>
<item rdf:about="http://e/1"><title>one</title></item></rdf:RDF>)",
        R"(<rss version="2.0"><channel><title>no entries</title></channel></rss>)",
        R"(<rss version="2.0"><channel><item><title>broken &bogus; <b></item></channel>)",
        R"({"version": "https://jsonfeed.org/version/1.1", "title": "J",
"items": [{"id": "1", "content_html": "<p>x</p>"}]})",
    };
    for (const std::string& f : feeds) {
        INFO(f);
        for (auto format : {feed::OutputFormat::json, feed::OutputFormat::tsv}) {
            CHECK(streamed(f, format) == whole(f, format));
        }
    }
}

TEST_CASE("write_feed_in_place writes what write_feed writes, or nothing when the document "
          "needs its original bytes",
          "[feed][output]") {
    feed::ParseOptions options;
    options.base_url = "http://example.com/feeds/";
    const std::string big = big_rss(20000); // the large-document path (tree on huge pages)
    const std::string feeds[] = {
        R"(<rss version="2.0"><channel><title>T</title><item><title>A &amp; B</title>
<description>&lt;b&gt;x&lt;/b&gt;</description></item></channel></rss>)",
        "\xEF\xBB\xBF<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>BOM</title>"
        "</entry></feed>",
        R"(<rss version="2.0"><channel><item><title>&bogus; entity</title></item></channel></rss>)",
        R"(<rss version="2.0"><channel><item><title>broken <b></item></channel>)",
        "<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss version=\"2.0\"><channel>"
        "<item><title>caf\xE9</title></item></channel></rss>",
        R"({"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1"}]})",
        "<html><body>not a feed</body></html>",
        big,
    };
    for (const std::string& f : feeds) {
        INFO(f.substr(0, 200));
        for (auto format : {feed::OutputFormat::json, feed::OutputFormat::tsv}) {
            std::string expected;
            auto r = feed::write_feed(f, options, format,
                                      [&](std::string_view piece) { expected.append(piece); });
            std::string copy = f;
            std::string out;
            auto in_place = feed::write_feed_in_place(
                std::span<char>(copy.data(), copy.size()), options, format,
                [&](std::string_view piece) { out.append(piece); });
            REQUIRE(static_cast<bool>(in_place) == static_cast<bool>(r));
            if (!in_place) {
                CHECK(in_place.error().message == r.error().message);
                continue;
            }
            if (*in_place) {
                CHECK(out == expected);
            } else {
                // Not well-formed: nothing written, the bytes are the caller's to read again.
                CHECK(out.empty());
                std::string again;
                auto retried = feed::write_feed(
                    f, options, format, [&](std::string_view piece) { again.append(piece); });
                REQUIRE(retried);
                CHECK(again == expected);
            }
        }
    }
    // Well-formed UTF-8 documents are written in place; a broken one is handed back.
    std::string ok = feeds[0];
    CHECK(*feed::write_feed_in_place(std::span<char>(ok.data(), ok.size()), options,
                                     feed::OutputFormat::json, [](std::string_view) {}));
    std::string broken = feeds[3];
    CHECK_FALSE(*feed::write_feed_in_place(std::span<char>(broken.data(), broken.size()),
                                           options, feed::OutputFormat::json,
                                           [](std::string_view) {}));
}

TEST_CASE("write_feed writes nothing and fails when there is no feed", "[feed][output]") {
    bool ok = true;
    CHECK(streamed("<html><body>not a feed</body></html>", feed::OutputFormat::json, &ok).empty());
    CHECK_FALSE(ok);
}

TEST_CASE("a feed of several MB parses whole, streamed or not", "[feed][output]") {
    const std::string xml = big_rss(20000); // ~7 MB: its tree takes the large-document path
    REQUIRE(xml.size() > (std::size_t{6} << 20));
    std::size_t pieces = 0;
    const std::string json = streamed(xml, feed::OutputFormat::json, nullptr, &pieces);
    CHECK(pieces > 1); // handed on as it was written
    CHECK(json == whole(xml, feed::OutputFormat::json));
    const auto j = nlohmann::json::parse(json);
    REQUIRE(j["entries"].size() == 20000);
    CHECK(j["feed"]["language"] == "en");
    CHECK(j["feed"]["updated"] == "2025-02-08T00:00:00Z");
    CHECK(j["entries"][19999]["title"] == "Item 19999 & more 经济");
    CHECK(j["entries"][19999]["link"] == "http://example.com/n/19999");
    CHECK(j["entries"][0]["summary"] ==
          "<p>text 0 <a href=\"http://example.com/r/0\">more</a></p>");
    CHECK(streamed(xml, feed::OutputFormat::tsv) == whole(xml, feed::OutputFormat::tsv));
}

TEST_CASE("output dates are format_utc's, written in place", "[feed][output]") {
    std::vector<std::int64_t> epochs = {-86400, -1, 0, 1, 59, 86399, 86400, 951782400,
                                        951868800, 1738902046, 4107542399, 253402300799,
                                        253402300800};
    for (std::int64_t e = 0; e < 253402300800; e += 86400 * 397 + 3723) {
        epochs.push_back(e);
    }
    for (const std::int64_t e : epochs) {
        std::string out;
        feed::detail::append_utc(out, DateTime{e, 3600});
        INFO(e);
        CHECK(out == format_utc(DateTime{e, 3600}));
    }
}
