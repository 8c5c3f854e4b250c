// SPDX-License-Identifier: MIT
#include <archiver/html/dom.hpp>
#include <archiver/html/selector.hpp>

#include <catch2/catch.hpp>

#include <string>

using archiver::html::Document;
using archiver::html::Node;
using archiver::html::Selector;

namespace {

const char* const k_page = R"(<html><body>
<div id="main" class="article body">
  <h1 class="title">Title</h1>
  <p class="lead">Lead</p>
  <p>Second <a href="https://example.com/a" rel="nofollow noopener">link</a></p>
  <div class="share-bar"><a href="/share">Share</a></div>
  <ul><li>one</li><li class="ad">two</li><li>three</li></ul>
</div>
<div class="related"><p>Other</p><span lang="en-US">x</span></div>
</body></html>)";

std::string texts(const std::vector<Node>& nodes) {
    std::string out;
    for (const Node& n : nodes) {
        if (!out.empty()) {
            out += '|';
        }
        out += n.text();
    }
    return out;
}

std::string run(const Document& doc, const char* sel) {
    auto s = Selector::parse(sel);
    REQUIRE(s.has_value());
    return texts(s->select(doc.document()));
}

} // namespace

TEST_CASE("Selectors match type, id, class and attribute tests", "[html]") {
    Document doc = Document::parse(k_page);
    CHECK(run(doc, "h1") == "Title");
    CHECK(run(doc, "#main > p.lead") == "Lead");
    CHECK(run(doc, ".related p") == "Other");
    CHECK(run(doc, "P.LEAD") == ""); // class names are case-sensitive
    CHECK(run(doc, "DIV#main H1") == "Title");
    CHECK(run(doc, "a[href]") == "link|Share");
    CHECK(run(doc, "a[href='/share']") == "Share");
    CHECK(run(doc, "a[href^=https]") == "link");
    CHECK(run(doc, "a[href$=\"/a\"]") == "link");
    CHECK(run(doc, "div[class*=share] a") == "Share");
    CHECK(run(doc, "a[rel~=noopener]") == "link");
    CHECK(run(doc, "span[lang|=en]") == "x");
    CHECK(run(doc, "a[HREF^=HTTPS i]") == "link");
}

TEST_CASE("Selectors support combinators, :not and lists", "[html]") {
    Document doc = Document::parse(k_page);
    CHECK(run(doc, "#main p") == "Lead|Second link");
    CHECK(run(doc, "body > p") == "");
    CHECK(run(doc, "li:not(.ad)") == "one|three");
    CHECK(run(doc, "#main > :not(p, ul, .share-bar)") == "Title");
    CHECK(run(doc, "h1, .related p") == "Title|Other"); // document order, no duplicates
    CHECK(run(doc, "p, p.lead") == "Lead|Second link|Other");
    CHECK(run(doc, "h1 + p") == "Lead");
    CHECK(run(doc, "h1 ~ ul li") == "one|two|three");
    CHECK(run(doc, "li:first-child") == "one");
    CHECK(run(doc, "li:last-child") == "three");
    CHECK(run(doc, "li:nth-child(2)") == "two");
    CHECK(run(doc, "li:nth-child(odd)") == "one|three");
    CHECK(run(doc, "*.ad") == "two");
}

TEST_CASE("Invalid selectors are reported with their position", "[html]") {
    for (const char* bad : {"", "div[", "p:hover", "a[x!=y]", "div >", ":not(a b)", ".", "a,"}) {
        auto s = Selector::parse(bad);
        INFO(bad);
        REQUIRE_FALSE(s.has_value());
        CHECK(s.error().message.find("invalid CSS selector") != std::string::npos);
    }
}

TEST_CASE("select_first returns the first match in document order", "[html]") {
    Document doc = Document::parse(k_page);
    CHECK(doc.select_first("p").text() == "Lead");
    CHECK_FALSE(doc.select_first("table"));
    CHECK(doc.select("p").size() == 3);
    CHECK(doc.select("p[").empty());
}

TEST_CASE("matches tests one element against the list", "[html]") {
    Document doc = Document::parse(k_page);
    auto s = Selector::parse(".ad, h1");
    REQUIRE(s.has_value());
    CHECK(s->matches(doc.select_first("h1")));
    CHECK_FALSE(s->matches(doc.select_first("p")));
}

TEST_CASE("has_word finds a whole word of a whitespace-separated list", "[html]") {
    CHECK(archiver::html::has_word("alternate canonical", "canonical", false));
    CHECK(archiver::html::has_word("\tCanonical\n", "canonical", true));
    CHECK_FALSE(archiver::html::has_word("Canonical", "canonical", false));
    CHECK_FALSE(archiver::html::has_word("noncanonical canon", "canonical", true));
    CHECK_FALSE(archiver::html::has_word("", "canonical", true));
}
