// SPDX-License-Identifier: MIT
#include <archiver/extract/extract.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace archiver;

namespace {

const std::string k_body =
    "<div class='article-body'><p>This paragraph is long enough to be the article body, with "
    "commas, clauses, and more words than any navigation block would ever have in it.</p>"
    "<p>A second paragraph follows, again with commas, so the scorer is sure about it.</p></div>";

Article run(const std::string& head, const std::string& body_prefix = "",
            const std::string& url = "https://news.example.com/2019/11/19/story.html") {
    extract::Options o;
    o.url = url;
    auto a = extract::extract_article(
        "<html><head>" + head + "</head><body>" + body_prefix + k_body + "</body></html>", o);
    REQUIRE(a.has_value());
    return std::move(a).value();
}

} // namespace

TEST_CASE("Title precedence: og:title, JSON-LD headline, h1, <title> without the site",
          "[extract]") {
    CHECK(run("<meta property='og:title' content='OG title'><title>Page | Site</title>").title ==
          "OG title");
    Article ld = run("<script type='application/ld+json'>{\"@type\":\"NewsArticle\","
                     "\"headline\":\"LD headline\"}</script><title>Page | Site</title>");
    CHECK(ld.title == "LD headline");
    CHECK(ld.provenance["title"] == "json-ld:headline");
    CHECK(run("<title>The headline - Site</title>", "<h1>The headline</h1>").provenance["title"] == "h1");
    CHECK(run("<title>A long headline of the story | Section | Site</title>").title ==
          "A long headline of the story");
    CHECK(run("<meta property='og:site_name' content='新浪网'><title>中国的新闻标题_新浪网</title>")
              .title == "中国的新闻标题");
}

TEST_CASE("Date precedence: JSON-LD, meta, <time>, byline, URL", "[extract]") {
    Article ld = run("<script type='application/ld+json'>{\"@graph\":[{\"@type\":\"WebPage\"},"
                     "{\"@type\":\"NewsArticle\",\"datePublished\":\"2025-02-07T12:20:46+08:00\"}]}"
                     "</script><meta property='article:published_time' content='2020-01-01'>");
    REQUIRE(ld.date);
    CHECK(format_rfc3339(*ld.date) == "2025-02-07T12:20:46+08:00");
    CHECK(ld.provenance["date"] == "json-ld:datePublished");
    Article meta = run("<meta property='article:published_time' content='2019-11-19T05:00:00Z'>");
    CHECK(format_rfc3339(*meta.date) == "2019-11-19T05:00:00+00:00");
    Article time = run("", "<time datetime='2019-11-20T10:00:00-05:00'>Nov 20</time>");
    CHECK(format_rfc3339(*time.date) == "2019-11-20T10:00:00-05:00");
    Article byline = run("", "<h1>T</h1><div class='info'>2024年04月24日23:52 | 来源：新华网</div>");
    CHECK(byline.provenance["date"] == "byline");
    CHECK(format_rfc3339(*byline.date) == "2024-04-24T23:52:00+00:00");
    Article english = run("", "<h1>T</h1><span class='date'>Updated Nov. 19, 2019 6:55 PM EST</span>");
    CHECK(format_rfc3339(*english.date) == "2019-11-19T18:55:00-05:00");
    Article before = run("", "<h1>T</h1><div class='origin'>(Xinhua) 10:12, April 25, 2024</div>");
    CHECK(format_rfc3339(*before.date) == "2024-04-25T10:12:00+00:00");
    Article pm = run("", "<h1>T</h1><div class='date'>Posted 7:05 pm, 3 March 2023</div>");
    CHECK(format_rfc3339(*pm.date) == "2023-03-03T19:05:00+00:00");
    Article url = run("");
    CHECK(url.provenance["date"] == "url");
    CHECK(format_rfc3339(*url.date) == "2019-11-19T00:00:00+00:00");
}

TEST_CASE("Author from JSON-LD, meta, byline elements and Chinese byline patterns", "[extract]") {
    CHECK(run("<script type='application/ld+json'>{\"@type\":\"Article\",\"author\":[{\"name\":"
              "\"A One\"},{\"name\":\"B Two\"}]}</script>")
              .author == "A One, B Two");
    CHECK(run("<meta name='author' content='Jane Roe'>").author == "Jane Roe");
    CHECK(run("", "<div class='byline'>By John Doe</div>").author == "John Doe");
    Article cn = run("", "<div class='info'>来源：人民网 作者：牛镛</div>");
    CHECK(cn.author == "牛镛");
    CHECK(run("", "<p>（责任编辑：岳弘彬）</p>").author == "岳弘彬");
}

TEST_CASE("Language, canonical URL, lead image and site name", "[extract]") {
    Article a = run("<meta property='og:image' content='/img/lead.jpg'>"
                    "<link rel='canonical' href='/story?id=1'>"
                    "<meta property='og:site_name' content='Example'>");
    CHECK(a.canonical_url == "https://news.example.com/story?id=1");
    CHECK(a.image == "https://news.example.com/img/lead.jpg");
    CHECK(a.site_name == "Example");
    extract::Options o;
    auto zh = extract::extract_article(
        "<html lang='zh_cn'><body><div><p>这是一段足够长的中文正文，用来测试语言的识别，以及其他的功能，"
        "包括标点符号的密度。</p></div></body></html>",
        o);
    REQUIRE(zh.has_value());
    CHECK(zh->lang == "zh-CN");
    auto guessed = extract::extract_article(
        "<html><body><div><p>这是一段足够长的中文正文，用来测试语言的识别，以及其他的功能，"
        "包括标点符号的密度。这是一段足够长的中文正文。</p></div></body></html>",
        o);
    REQUIRE(guessed.has_value());
    CHECK(guessed->lang == "zh");
    CHECK(guessed->provenance["lang"] == "script");
}
