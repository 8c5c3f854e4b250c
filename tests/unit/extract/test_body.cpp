// SPDX-License-Identifier: MIT
#include <archiver/extract/extract.hpp>
#include <archiver/markdown/render.hpp>

#include <catch2/catch.hpp>

using namespace archiver;

namespace {

std::string text_of(const std::string& html, extract::Options o = {}) {
    if (o.url.empty()) {
        o.url = "https://example.com/a/page.html";
    }
    auto a = extract::extract_article(html, o);
    REQUIRE(a.has_value());
    return markdown::render_text(a->body);
}

} // namespace

TEST_CASE("The generic scorer keeps the article and drops navigation, share bars and comments",
          "[extract]") {
    std::string html =
        "<body><div id='nav' class='menu'><a href='/'>Home</a><a href='/x'>Section</a></div>"
        "<div class='story'><p>First paragraph of the story, long enough, with commas, and words.</p>"
        "<p>Second paragraph of the story, long enough, with commas, and more words.</p>"
        "<div class='share-buttons'><a href='/s'>Share</a></div></div>"
        "<div id='comments'><p>A comment, with commas, that is not part of the article at all.</p></div>"
        "</body>";
    CHECK(text_of(html) ==
          "First paragraph of the story, long enough, with commas, and words.\n"
          "Second paragraph of the story, long enough, with commas, and more words.\n");
}

TEST_CASE("CJK text keeps no space where the source broke a line", "[extract]") {
    std::string html = "<body><div class='content'><p>第一句话，\n第二句话，还有更多的文字在这里，"
                       "用来让评分器选中它。English\nwords keep spaces.</p></div></body>";
    CHECK(text_of(html) == "第一句话，第二句话，还有更多的文字在这里，用来让评分器选中它。English words "
                           "keep spaces.\n");
}

TEST_CASE("Paragraphs separated by <br><br> become paragraphs", "[extract]") {
    std::string html = "<body><div class='content'>　　第一段文字，比较长，有标点符号，也有内容。<br><br>"
                       "　　第二段文字，同样比较长，有标点符号，也有内容。<br>第三段。</div></body>";
    CHECK(text_of(html) == "第一段文字，比较长，有标点符号，也有内容。\n第二段文字，同样比较长，有标点符号，"
                           "也有内容。\n第三段。\n");
}

TEST_CASE("Per-source selectors choose the body and remove parts of it", "[extract]") {
    extract::Options o;
    o.url = "https://example.com/p/1";
    o.rules.body = "#text, .more";
    o.rules.remove = {".ad", "p:not(.keep) > script"};
    o.rules.title = "h2.t";
    o.rules.date = ".when";
    o.rules.date_formats = {"%Y年%m月%d日 %H:%M"};
    o.zone = TimeZone::fixed(8 * 3600);
    auto a = extract::extract_article(
        "<body><h2 class='t'>Selected title</h2><span class='when'>发布于2025年2月7日 12:20</span>"
        "<div id='text'><p>Short.</p><div class='ad'>Buy now</div></div><div class='more'><p>More."
        "</p></div><div><p>A long paragraph that a generic scorer might have preferred, with "
        "commas, clauses, and words, words, words.</p></div></body>",
        o);
    REQUIRE(a.has_value());
    CHECK(markdown::render_text(a->body) == "Short.\nMore.\n");
    CHECK(a->title == "Selected title");
    CHECK(a->provenance["body"] == "selector");
    REQUIRE(a->date);
    CHECK(format_rfc3339(*a->date) == "2025-02-07T12:20:00+08:00");
    o.rules.remove = {"p["};
    CHECK_FALSE(extract::extract_article("<p>x</p>", o).has_value());
}

TEST_CASE("Lazy images resolve from data-src and srcset to absolute URLs", "[extract]") {
    extract::Options o;
    o.url = "https://example.com/news/a.html";
    auto a = extract::extract_article(
        "<body><div class='content'><p>Some article text, with commas, long enough to be picked as "
        "the body of the page.</p><p><img src='data:image/gif;base64,AAAA' data-src='i/1.jpg'>"
        "<img srcset='/s.jpg 320w, /l.jpg 1024w' src='/spacer.gif'><img src='//cdn.example.com/x.png'>"
        "</p></div></body>",
        o);
    REQUIRE(a.has_value());
    std::string md = markdown::render_markdown(a->body);
    CHECK(md.find("![](https://example.com/news/i/1.jpg)") != std::string::npos);
    CHECK(md.find("![](https://example.com/l.jpg)") != std::string::npos);
    CHECK(md.find("![](https://cdn.example.com/x.png)") != std::string::npos);
    CHECK(a->image == "https://example.com/news/i/1.jpg");
}

TEST_CASE("A page without text is an extract error", "[extract]") {
    auto a = extract::extract_article("<html><body><script>x()</script></body></html>", {});
    REQUIRE_FALSE(a.has_value());
    CHECK(a.error().stage == Stage::extract);
}
