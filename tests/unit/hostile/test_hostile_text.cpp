// SPDX-License-Identifier: MIT
// The hostile input catalogue at the level of the pure stages (the end-to-end half is
// tests/e2e/test_reliability_hostile.cpp): each case is input built to break a parser or
// escape the archive, and what must hold instead.
#include <archiver/core/url.hpp>
#include <archiver/document/document.hpp>
#include <archiver/extract/extract.hpp>
#include <archiver/feed/parse.hpp>
#include <archiver/markdown/render.hpp>
#include <archiver/normalize/normalize.hpp>
#include <archiver/text/charset.hpp>
#include <catch2/catch.hpp>
#include <string>

using namespace archiver;

namespace {

const std::string k_para =
    "<p>This paragraph is long enough to be taken as the body of an article by the extractor, "
    "whatever else the page around it tries to do to the parser.</p>";

std::string rss_with(const std::string& prolog, const std::string& title, const std::string& body) {
    return "<?xml version=\"1.0\"?>\n" + prolog +
           "<rss version=\"2.0\"><channel><title>t</title><item><title>" + title +
           "</title><link>http://example.com/a</link><description>" + body +
           "</description></item></channel></rss>";
}

Result<Article> extract_page(const std::string& html) {
    extract::Options o;
    o.url = "https://example.com/news/1.html";
    return extract::extract_article(html, o);
}

bool is_safe_component(const std::string& c) {
    return !c.empty() && c.size() <= 200 && c != "." && c != ".." && c.front() != '.' &&
           c.find('/') == std::string::npos && c.find('\\') == std::string::npos &&
           c.find(':') == std::string::npos && c.find('\0') == std::string::npos;
}

} // namespace

TEST_CASE("An entity bomb in a feed is not expanded", "[hostile][feed]") {
    std::string dtd = "<!DOCTYPE rss [<!ENTITY a \"lollollollollollollollollollol\">";
    for (char c = 'b'; c <= 'j'; ++c) {
        std::string refs;
        for (int i = 0; i < 10; ++i) {
            refs += std::string("&") + static_cast<char>(c - 1) + ";";
        }
        dtd += std::string("<!ENTITY ") + c + " \"" + refs + "\">";
    }
    dtd += "]>\n";
    auto doc = feed::parse_feed(rss_with(dtd, "Bomb &j;", "&j;"), {});
    if (doc) {
        CHECK(feed::to_json(*doc).size() < 100000);
    }
}

TEST_CASE("External entities in a feed are never read", "[hostile][feed]") {
    const std::string dtd = "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">"
                            "<!ENTITY % p SYSTEM \"http://127.0.0.1:1/x.dtd\"> %p;]>\n";
    auto doc = feed::parse_feed(rss_with(dtd, "External &xxe;", "&xxe;"), {});
    if (doc) {
        CHECK(feed::to_json(*doc).find("root:") == std::string::npos);
    }
}

TEST_CASE("Deeply nested XML does not exhaust the stack", "[hostile][feed]") {
    std::string xml;
    for (int i = 0; i < 200000; ++i) {
        xml += "<x>";
    }
    (void)feed::parse_feed(rss_with("", "Deep", k_para) + xml, {});
    SUCCEED("no crash");
}

// 20 000 nested <div><span> pairs (40 000 levels): the parsed tree is flattened below 512
// levels, so no walk over it recurses deeply. (gumbo's own tree building is quadratic in
// the nesting depth: 100 000 pairs take minutes to parse, so the case stays at 20 000.)
TEST_CASE("Deeply nested HTML does not exhaust the stack", "[hostile][extract]") {
    std::string html = "<html><body>";
    for (int i = 0; i < 20000; ++i) {
        html += "<div><span>";
    }
    html += k_para + "</body></html>";
    auto article = extract_page(html);
    REQUIRE(article);
    CHECK(markdown::render_text(article->body).find("This paragraph") != std::string::npos);
    CHECK(!markdown::render_markdown(article->body).empty());
}

TEST_CASE("A huge attribute is carried or dropped, not fatal", "[hostile][extract]") {
    const std::string html = "<html><body><article><p title=\"" + std::string(8 << 20, 'A') +
                             "\">" + k_para.substr(3) + "</article></body></html>";
    auto article = extract_page(html);
    REQUIRE(article);
    CHECK(markdown::render_text(article->body).find("This paragraph") != std::string::npos);
}

TEST_CASE("Invalid UTF-8, mixed encodings and NUL bytes come out as valid UTF-8",
          "[hostile][text]") {
    const std::string bytes = "<html><head><meta charset=\"utf-8\"></head><body><p>Mixed "
                              "\xE4\xB8\xAD\xE6\x96\x87 and GBK \xD6\xD0\xCE\xC4, overlong "
                              "\xC0\xAF, surrogate \xED\xA0\x80, NUL " +
                              std::string(1, '\0') + " and \x01\x1B[31m controls</p>" + k_para +
                              "</body></html>";
    const auto decoded = text::to_utf8(bytes, "", text::DocKind::html);
    CHECK(text::is_valid_utf8(decoded.text));
    auto article = extract_page(decoded.text);
    REQUIRE(article);
    const std::string md = markdown::render_markdown(article->body);
    CHECK(text::is_valid_utf8(md));
    CHECK(md.find('\0') == std::string::npos);
}

TEST_CASE("Titles that break YAML read back unchanged", "[hostile][document]") {
    const std::vector<std::string> titles = {"\"quoted\" and 'single'",
                                             "key: value",
                                             "--- separator",
                                             "---",
                                             "...",
                                             "line\nbreak",
                                             "@at",
                                             "&anchor",
                                             "*alias",
                                             "!tag",
                                             "%directive",
                                             "|",
                                             ">",
                                             "#comment",
                                             "- dash",
                                             "? question",
                                             "{a: 1}",
                                             "[1, 2]",
                                             "null",
                                             "true",
                                             "0x1F",
                                             "1e3",
                                             "~",
                                             "tab\there",
                                             std::string("NUL\0byte", 8),
                                             "\x01\x02\x1b\x7f",
                                             "back\\slash",
                                             "\xC3\x28 invalid",
                                             "\xE2\x80\xA8 line separator",
                                             "\xEF\xBB\xBF BOM"};
    for (const auto& title : titles) {
        INFO(title);
        document::Document doc;
        doc.set("title", document::Value{title});
        doc.set("tags", document::Value{std::vector<std::string>{title, "x"}});
        doc.body = "Body.\n";
        auto back = document::parse(document::to_string(doc));
        REQUIRE(back);
        CHECK(back->get_string("title") == document::sanitize_utf8(title));
        CHECK(std::get<std::vector<std::string>>(back->find("tags")->v).front() ==
              document::sanitize_utf8(title));
    }
}

TEST_CASE("Source names, slugs and URLs cannot traverse out of the archive",
          "[hostile][normalize]") {
    const std::vector<std::string> names = {"..",
                                            "../",
                                            "../../etc/passwd",
                                            "/etc/passwd",
                                            "/",
                                            ".",
                                            ".hidden",
                                            "a/../../b",
                                            "C:\\Windows\\System32",
                                            "\\\\server\\share",
                                            "CON",
                                            "nul.md",
                                            "lpt1",
                                            "aux.txt",
                                            "com9",
                                            std::string(5000, 'x'),
                                            "%2e%2e%2f%2e%2e",
                                            "\xE4\xB8\xAD\xE6\x96\x87/../x",
                                            std::string("nul\0byte", 8),
                                            "a:b",
                                            "-rf",
                                            "~root"};
    for (const auto& n : names) {
        INFO(n);
        CHECK(is_safe_component(normalize::safe_component(n)));
        const std::string slug = normalize::make_slug("https://example.com/" + n, n);
        CHECK(is_safe_component(slug));
        CHECK(slug.size() <= 80);
        const std::string slug2 = normalize::make_slug(n, n, 200);
        CHECK(is_safe_component(slug2));
    }
    CHECK(normalize::safe_component("con") != "con");
    CHECK(normalize::safe_component("nul.md") != "nul.md");
}

TEST_CASE("javascript: and data: links never reach the Markdown", "[hostile][extract]") {
    const std::string html =
        "<html><body><article>" + k_para +
        "<p><a href=\"javascript:alert(1)\">one</a> <a href=\" JaVaScRiPt:alert(2)\">two</a> "
        "<a href=\"java&#x09;script:alert(3)\">three</a> "
        "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">four</a> "
        "<a href=\"vbscript:x\">five</a> <img src=\"javascript:alert(4)\"> "
        "<img src=\"data:text/html,<script>\"></p></article></body></html>";
    auto article = extract_page(html);
    REQUIRE(article);
    std::string md = markdown::render_markdown(article->body);
    for (auto& c : md) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    INFO(md);
    CHECK(md.find("javascript:") == std::string::npos);
    CHECK(md.find("vbscript:") == std::string::npos);
    CHECK(md.find("data:text/html") == std::string::npos);
    CHECK(md.find("one") != std::string::npos); // the link text stays
    CHECK_FALSE(url::is_http("file:///etc/passwd"));
    CHECK_FALSE(url::is_http("javascript:alert(1)"));
}
