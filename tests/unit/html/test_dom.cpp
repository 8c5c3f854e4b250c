// SPDX-License-Identifier: MIT
#include <archiver/html/dom.hpp>

#include <catch2/catch.hpp>

using archiver::html::Document;
using archiver::html::Node;

TEST_CASE("Document builds the full HTML5 tree from a fragment", "[html]") {
    Document doc = Document::parse("<title>T</title><p id=a class='x y'>Hi <b>there</b>");
    REQUIRE(doc.root().is("html"));
    REQUIRE(doc.head().is("head"));
    REQUIRE(doc.body().is("body"));
    Node p = doc.body().child(0);
    CHECK(p.tag() == "p");
    CHECK(p.attr("id") == "a");
    CHECK(p.attr("missing").empty());
    CHECK(p.has_class("y"));
    CHECK_FALSE(p.has_class("x y"));
    CHECK(p.text() == "Hi there");
    CHECK(p.child_count() == 2);
    CHECK(p.child(0).is_text());
    CHECK(p.child(0).text_value() == "Hi ");
    CHECK(p.child(1).parent() == p);
    CHECK(p.child(0).next_sibling() == p.child(1));
    CHECK_FALSE(p.child(1).next_sibling());
}

TEST_CASE("Node text separates blocks, collapses whitespace and skips scripts", "[html]") {
    Document doc = Document::parse(
        "<div><p>One\n\n  two</p><p>three&nbsp;four</p><script>var x;</script>"
        "<style>p{}</style>five<br>six</div>");
    CHECK(doc.body().text() == "One two three four five six");
}

TEST_CASE("Attributes keep source order and decoded values", "[html]") {
    Document doc = Document::parse("<a href='/x?a=1&amp;b=2' TITLE=T>x</a>");
    Node a = doc.body().child(0);
    auto attrs = a.attributes();
    REQUIRE(attrs.size() == 2);
    CHECK(attrs[0].first == "href");
    CHECK(attrs[0].second == "/x?a=1&b=2");
    CHECK(attrs[1].first == "title");
}

TEST_CASE("Unknown elements keep their tag name", "[html]") {
    Document doc = Document::parse("<my-widget data-x=1>w</my-widget>");
    CHECK(doc.body().child(0).tag() == "my-widget");
}

TEST_CASE("decode_entities decodes named and numeric references", "[html]") {
    CHECK(archiver::html::decode_entities("a &amp; b &lt;c&gt; &#20013;&#x6587; &eacute;") ==
          "a & b <c> 中文 é");
    CHECK(archiver::html::decode_entities("plain <b>") == "plain <b>");
}

TEST_CASE("collapse_whitespace handles ideographic and no-break spaces", "[html]") {
    CHECK(archiver::html::collapse_whitespace("\u3000\u3000中文\u00a0 text \n") == "中文 text");
}

TEST_CASE("A moved Document keeps its nodes valid", "[html]") {
    Document a = Document::parse("<p>kept</p>");
    Node p = a.body().child(0);
    Document b = std::move(a);
    CHECK(p.text() == "kept");
    CHECK(b.body().child(0) == p);
}

TEST_CASE("Block tags are the elements that start a block in rendering", "[html]") {
    for (std::string_view tag :
         {"address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
          "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
          "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "menu", "nav", "ol", "p",
          "pre", "section", "table", "td", "th", "tr", "ul"}) {
        CHECK(archiver::html::is_block_tag(tag));
    }
    for (std::string_view tag : {"", "a", "b", "span", "h0", "h7", "img", "em", "strong", "tbody",
                                 "thead", "br", "code", "pp", "divs", "sections"}) {
        CHECK_FALSE(archiver::html::is_block_tag(tag));
    }
}
