// SPDX-License-Identifier: MIT
#include <archiver/html/dom.hpp>

#include "html/parse.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using archiver::html::Document;
using archiver::html::Node;

namespace {

// Depth of the deepest node under `n` (n itself is 0), without recursion.
int max_depth(Node n) {
    int deepest = 0;
    std::vector<std::pair<Node, int>> stack{{n, 0}};
    while (!stack.empty()) {
        auto [node, depth] = stack.back();
        stack.pop_back();
        deepest = std::max(deepest, depth);
        for (std::size_t i = 0; i < node.child_count(); ++i) {
            stack.emplace_back(node.child(i), depth + 1);
        }
    }
    return deepest;
}

} // namespace

TEST_CASE("Content parsing empties scripts and styles but keeps JSON-LD", "[html]") {
    const std::string html =
        "<head><style>p { color: red }</style><script>var a = '<p>not text</p>';</script>"
        "<script type=\"application/ld+json\">{\"headline\": \"H\"}</script>"
        "<SCRIPT src='x.js' data-x=\"a>b\">if (a < b) { x = '</div>'; }</SCRIPT></head>"
        "<body><!-- <script> in a comment --><p>Kept <b>text</b></p><style>.x{}</style>"
        "<p>After</p></body>";
    Document doc = Document::parse(html, Document::Mode::content);
    std::vector<Node> scripts = doc.select("script");
    REQUIRE(scripts.size() == 3);
    CHECK(scripts[0].child_count() == 0);
    CHECK(scripts[1].text_value().empty());
    REQUIRE(scripts[1].child_count() == 1);
    CHECK(scripts[1].child(0).text_value() == "{\"headline\": \"H\"}");
    CHECK(scripts[2].child_count() == 0);
    CHECK(scripts[2].attr("data-x") == "a>b");
    CHECK(doc.select("style").size() == 2);
    CHECK(doc.body().text() == "Kept text After");
    // The full parse keeps everything.
    Document full = Document::parse(html);
    CHECK(full.select("script")[0].child(0).text_value() == "var a = '<p>not text</p>';");
}

TEST_CASE("Content parsing shortens whitespace runs outside preformatted text", "[html]") {
    const std::string html = "<body><p>a  \t b\n\n   c</p><pre>x\n    y  z</pre>"
                             "<textarea>1\n\n  2</textarea><p title=\"t   u\">中\n  文</p></body>";
    Document doc = Document::parse(html, Document::Mode::content);
    std::vector<Node> ps = doc.select("p");
    REQUIRE(ps.size() == 2);
    CHECK(ps[0].child(0).text_value() == "a b\nc");
    CHECK(doc.select_first("pre").child(0).text_value() == "x\n    y  z");
    CHECK(doc.select_first("textarea").child(0).text_value() == "1\n\n  2");
    CHECK(ps[1].child(0).text_value() == "中\n文");
    CHECK(ps[1].attr("title") == "t u");
}

TEST_CASE("Content parsing survives unterminated scripts and odd tags", "[html]") {
    for (const std::string html : {"<p>a</p><script>never closed", "<p>a</p><style", "<p>a</p><scriptx>b",
                                   "<p>a</p><script", "<p>a</p><!-- open", "<p>a</p><styles>b</styles>"}) {
        Document doc = Document::parse(html, Document::Mode::content);
        CHECK(doc.body().text().substr(0, 1) == "a");
    }
}

TEST_CASE("Trees deeper than 512 levels are flattened, text kept in order", "[html]") {
    std::string html = "<body>";
    for (int i = 0; i < 3000; ++i) {
        html += "<div><span>" + std::to_string(i) + "</span>";
    }
    html += "<p>end <b>bold</b></p><img src=a.png>";
    Document doc = Document::parse(html);
    CHECK(max_depth(doc.document()) <= 513);
    const std::string text = doc.body().text();
    CHECK(text.substr(0, 8) == "0 1 2 3 ");
    CHECK(text.find("2998 2999 end bold") != std::string::npos);
    CHECK(doc.select("img").size() == 1);
    CHECK(doc.select("img")[0].parent().parent());
}

TEST_CASE("A shallow tree is left as parsed", "[html]") {
    Document doc = Document::parse("<div><p>a<b>b</b></p></div>");
    Node p = doc.select_first("p");
    REQUIRE(p);
    CHECK(p.child_count() == 2);
    CHECK(p.child(1).is("b"));
    CHECK(max_depth(doc.document()) == 6);
}

TEST_CASE("Content parsing empties inline SVG drawings", "[html]") {
    const std::string html =
        "<body><p>a<svg class=\"icon\" viewBox=\"0 0 9 9\"><title>Icon</title><path d=\"M0 0\"/>"
        "<svg><circle r=\"1\"/></svg><text>drawn</text></svg>b</p>"
        "<p>c<SVG class='x'/>d<svg><use href='#i'></use></svg>e</p></body>";
    Document doc = Document::parse(html, Document::Mode::content);
    std::vector<Node> svgs = doc.select("svg");
    REQUIRE(svgs.size() == 3);
    CHECK(svgs[0].child_count() == 0);
    CHECK(svgs[0].attr("class") == "icon");
    CHECK(svgs[2].child_count() == 0);
    CHECK(doc.body().text() == "ab cde");
    // The full parse keeps the drawing.
    CHECK(Document::parse(html).select("svg")[0].child_count() == 4);
}

TEST_CASE("An SVG left open keeps the HTML that ends it", "[html]") {
    // In foreign content an HTML element such as <p> or <div> closes the drawing: what
    // follows is content, and must not be taken for the drawing's body.
    for (const std::string html :
         {"<body><svg><path d='M0'><p>after</p><svg></svg></body>",
          "<body><svg><g><div>after</div></g></svg></body>", "<body><svg><path>after"}) {
        Document doc = Document::parse(html, Document::Mode::content);
        CHECK(doc.body().text() == "after");
    }
}

TEST_CASE("Documents parsed one after another reuse memory without sharing it", "[html]") {
    auto page = [](int n) {
        std::string html = "<body>";
        for (int i = 0; i < 2000; ++i) {
            html += "<p class=c" + std::to_string(n) + ">" + std::to_string(n * 10000 + i) + "</p>";
        }
        return html;
    };
    std::vector<Document> alive;
    for (int n = 0; n < 6; ++n) {
        Document doc = Document::parse(page(n), Document::Mode::content);
        if (n % 2 == 0) {
            alive.push_back(std::move(doc)); // kept while later documents take freed blocks
        }
    }
    for (std::size_t k = 0; k < alive.size(); ++k) {
        const int n = static_cast<int>(k) * 2;
        std::vector<Node> ps = alive[k].select("p");
        REQUIRE(ps.size() == 2000);
        CHECK(ps.front().attr("class") == "c" + std::to_string(n));
        CHECK(ps.back().text() == std::to_string(n * 10000 + 1999));
    }
}

TEST_CASE("Nesting depth counts levels the way the pre-parse limit does", "[html]") {
    using archiver::html::detail::nesting_depth;
    CHECK(nesting_depth("") == 0);
    CHECK(nesting_depth("<div><p>a<p>b<div>c</div></div>") == 2); // p is not a level
    CHECK(nesting_depth("<ul><li>a<li>b<ul><li>c</ul></ul>") == 2);
    CHECK(nesting_depth("<div><img src=a><br><hr></div>") == 1);
    CHECK(nesting_depth("<div></div><div></div>") == 1);
    // Markup inside raw text and comments is text.
    CHECK(nesting_depth("<script>'<div><div>'</script><!-- <div><div> --><b>x</b>") == 1);
    CHECK(nesting_depth("<SCRIPT>'<div><div>'</Script><TextArea><div></textarea>") == 0);
    CHECK(nesting_depth("<plaintext><div><div>") == 0);
    CHECK(nesting_depth("<blockquote><figcaption>x</figcaption></blockquote>") == 2);
    // An end tag closes the elements left open inside it.
    CHECK(nesting_depth("<div><span><i>x</div><div>y</div>") == 3);
    // <div/> opens a div in HTML; "/>" closes only in SVG and MathML.
    CHECK(nesting_depth("<div/><div/><div/>") == 3);
    CHECK(nesting_depth("<svg><g/><g/><g/></svg>") == 1);
}

TEST_CASE("Markup nested past the limit loses its tags before gumbo sees it", "[html]") {
    using archiver::html::detail::limit_nesting;
    std::string shallow = "<div><p>a</p><div><b>b</b></div></div>";
    const std::string before = shallow;
    CHECK_FALSE(limit_nesting(shallow, 3));
    CHECK(shallow == before);

    std::string deep = "<div><div class=x><div><span>t</span></div>u</div></div>v";
    CHECK(limit_nesting(deep, 2));
    CHECK(deep == "<div><div class=x>\n\nt\n\nu</div></div>v");
}

TEST_CASE("A page of 100,000 nested elements parses with its text", "[html]") {
    constexpr int n = 100000;
    std::string html = "<body><p>start</p>";
    for (int i = 0; i < n; ++i) {
        html += "<div>";
    }
    html += "deep text";
    for (int i = 0; i < n; ++i) {
        html += "</div>";
    }
    html += "<p>after</p>";
    Document doc = Document::parse(html);
    CHECK(max_depth(doc.document()) <= 513);
    // Only the divs within the limit are elements; the rest of the text is intact.
    CHECK(doc.select("div").size() <= 512);
    CHECK(doc.body().text() == "start deep text after");
}
