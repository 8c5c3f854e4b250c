// SPDX-License-Identifier: MIT
#include "feed_test_util.hpp"

#include "feed/json_escape.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>

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

TEST_CASE("JSON strings are escaped byte for byte as nlohmann::json dumps them",
          "[feed][output]") {
    auto dumped = [](const std::string& s) {
        return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    };
    auto escaped = [](const std::string& s) {
        std::string out;
        feed::detail::append_json_string(out, s);
        return out;
    };
    for (const std::string& s :
         {std::string(""), std::string("plain"), std::string("q\"b\\s/\b\f\n\r\t\x01\x1f\x7f"),
          std::string("\xE4\xBA\xBA \xF0\x9F\x98\x80 \xC3\xA9"), std::string("\xFF\xFE"),
          std::string("\xE4\xBA"), std::string("a\xE4" "b"), std::string("\xE0\x80\x80"),
          std::string("\xED\xA0\x80"), std::string("\xF4\x90\x80\x80"),
          std::string("\xF0\x9F\x98"), std::string("\xC0\xAF"), std::string(1, '\0')}) {
        CHECK(escaped(s) == dumped(s));
    }
    // Random bytes weighted towards UTF-8 lead and continuation bytes.
    std::uint32_t seed = 12345;
    auto next = [&]() {
        seed = seed * 1103515245u + 12345u;
        return (seed >> 16) & 0x7FFF;
    };
    static constexpr unsigned char k_bytes[] = {'a', '"', '\\', '\n', 0x01, 0x7F, 0x80, 0x8F,
                                                0x9F, 0xA0, 0xBF, 0xC2, 0xDF, 0xE0, 0xED, 0xEF,
                                                0xF0, 0xF4, 0xF5, 0xFF, 0xC0, 0xE4, 0xB8};
    for (int round = 0; round < 3000; ++round) {
        std::string s;
        const auto len = next() % 12;
        for (unsigned k = 0; k < len; ++k) {
            s += static_cast<char>(k_bytes[next() % sizeof k_bytes]);
        }
        INFO("round " << round);
        REQUIRE(escaped(s) == dumped(s));
    }
    // Longer text, read sixteen bytes at a time: runs of ASCII, two- and three-byte
    // sequences (whole, cut, or cut by the end of a block) and stray bytes at every offset.
    static constexpr std::string_view k_pieces[] = {
        "a", "bc ", "\xC3\xA9", "\xE4\xBA\xBA", "\xE7\xBB\x8F\xE6\xB5\x8E", "\"", "\\", "\n",
        "\xF0\x9F\x98\x80", "\xE0\xA0\x80", "\xED\x9F\xBF", "\xED\xA0\x80", "\xE4\xBA", "\xC3",
        "\x80", "\xBF", "\xFF", "\x7F", "\x1F", "plain text "};
    for (int round = 0; round < 3000; ++round) {
        std::string s;
        const auto len = next() % 40;
        for (unsigned k = 0; k < len; ++k) {
            s += k_pieces[next() % std::size(k_pieces)];
        }
        INFO("long round " << round);
        REQUIRE(escaped(s) == dumped(s));
        // Both block widths (32 bytes with AVX2 where the CPU has it, 16 with SSE2).
        std::string sse2;
        std::string avx2;
        feed::detail::append_json_string(sse2, s, feed::detail::JsonSimd::sse2);
        feed::detail::append_json_string(avx2, s, feed::detail::JsonSimd::avx2);
        REQUIRE(sse2 == avx2);
        REQUIRE(avx2 == escaped(s));
    }
}

TEST_CASE("JSON escaping of a string's last bytes (fewer than a block) at every length",
          "[feed][output]") {
    // The 32-byte block reads the bytes short of a block through a copy padded with
    // blanks: every length and every cut of multi-byte sequences, escapes and stray bytes
    // near the end, against the 16-byte block and nlohmann::json.
    auto dumped = [](const std::string& s) {
        return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    };
    std::uint32_t seed = 777;
    auto next = [&]() {
        seed = seed * 1103515245u + 12345u;
        return (seed >> 16) & 0x7FFF;
    };
    static constexpr std::string_view k_pieces[] = {
        "a", "b", "xyz", "\xC3\xA9", "\xE4\xBA\xBA", "\xF0\x9F\x98\x80", "\xE0\xA0\x80",
        "\xED\xA0\x80", "\xE4\xBA", "\xC3", "\x80", "\xFF", "\"", "\\", "\n", "\x01", " "};
    for (int round = 0; round < 4000; ++round) {
        std::string s;
        const auto len = next() % 70;
        for (unsigned k = 0; k < len; ++k) {
            // Mostly plain, so that whole blocks come before the tail.
            s += next() % 3 == 0 ? k_pieces[next() % std::size(k_pieces)] : std::string_view("p");
        }
        // Every suffix: the tail starts at each offset, the string ends at each cut.
        for (std::size_t from = 0; from <= s.size(); ++from) {
            const std::string t = s.substr(from);
            std::string sse2;
            std::string avx2;
            feed::detail::append_json_string(sse2, t, feed::detail::JsonSimd::sse2);
            feed::detail::append_json_string(avx2, t, feed::detail::JsonSimd::avx2);
            INFO("round " << round << " from " << from);
            REQUIRE(avx2 == sse2);
            REQUIRE(avx2 == dumped(t));
        }
    }
}

TEST_CASE("parse-feed JSON is exactly what a JSON library writes for the same values",
          "[feed][output]") {
    const auto doc = parse_ok(R"(<rss version="2.0"><channel><title>T "q"</title>
<item><title>A &lt;b&gt;</title><link>http://e/1</link><category>x</category>
<enclosure url="http://e/a.mp3" length="12"/><enclosure url="http://e/b.mp3" type="t"/>
</item><item><description>line&#10;two	tab</description></item></channel></rss>)");
    const std::string text = feed::to_json(doc);
    REQUIRE(text.back() == '\n');
    const auto j = nlohmann::ordered_json::parse(text);
    CHECK(j.dump() + "\n" == text);
    CHECK(j["entries"].size() == 2);
    CHECK(j["entries"][0]["enclosures"][1]["length"].is_null());
    CHECK(j["entries"][1]["categories"] == nlohmann::json::array());
}
