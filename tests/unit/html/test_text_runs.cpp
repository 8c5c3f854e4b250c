// SPDX-License-Identifier: MIT
// Folding long text runs before gumbo parses (src/html/text_runs.cpp) must give exactly the
// tree gumbo makes of the page itself: checked by parsing each input both ways and comparing
// every node (type, tag, attributes, text).
#include <archiver/html/dom.hpp>

#include "html/parse.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

using archiver::html::Document;
using archiver::html::Node;
namespace detail = archiver::html::detail;

namespace {

void dump(Node n, std::string& out) {
    out += std::to_string(static_cast<int>(n.type()));
    out += '<';
    out += n.tag();
    for (std::size_t i = 0; i < n.attribute_count(); ++i) {
        const auto [name, value] = n.attribute(i);
        out += ' ';
        out += name;
        out += '=';
        out += value;
    }
    out += '>';
    out += n.text_value();
    out += '\x01';
    for (std::size_t i = 0; i < n.child_count(); ++i) {
        dump(n.child(i), out);
    }
    out += '\x02';
}

std::string tree(std::string_view html, Document::Mode mode, bool fold) {
    detail::set_text_run_folding(fold);
    const Document doc = Document::parse(html, mode);
    detail::set_text_run_folding(true);
    std::string out;
    dump(doc.document(), out);
    return out;
}

void check_same_tree(std::string_view html) {
    for (const auto mode : {Document::Mode::full, Document::Mode::content}) {
        CHECK(tree(html, mode, true) == tree(html, mode, false));
    }
}

const std::string k_long = "This is a sentence long enough to be folded, with 中文文本 in it";

} // namespace

TEST_CASE("Folded text runs are found and put back", "[html]") {
    const std::string html = "<p>" + k_long + "</p><p>" + k_long + " &amp; " + k_long + "</p>";
    std::string marked;
    std::vector<detail::TextRun> runs;
    REQUIRE(detail::fold_text_runs(html, marked, runs));
    CHECK(runs.size() == 3);
    CHECK(marked.size() < html.size() / 2);
    const Document doc = Document::parse(html);
    const auto ps = doc.select("p");
    REQUIRE(ps.size() == 2);
    CHECK(ps[0].text() == k_long);
    CHECK(ps[1].text() == k_long + " & " + k_long);
}

TEST_CASE("Nothing is folded in a text holding the markers' code points", "[html]") {
    std::string marked;
    std::vector<detail::TextRun> runs;
    CHECK_FALSE(detail::fold_text_runs("<p>" + k_long + "\xEE\x80\x80</p>", marked, runs));
    CHECK_FALSE(detail::fold_text_runs("<p>" + k_long + "&#xE001;</p>", marked, runs));
    CHECK_FALSE(detail::fold_text_runs("<p>" + k_long + "&#57345;</p>", marked, runs));
    CHECK(detail::fold_text_runs("<p>" + k_long + "&#xF001;</p>", marked, runs));
    const Document doc = Document::parse("<p>" + k_long + "&#xE001;&#xE000;&#xE001;</p>");
    CHECK(doc.select_first("p").text() == k_long + "\xEE\x80\x81\xEE\x80\x80\xEE\x80\x81");
}

TEST_CASE("Folding text runs leaves the tree as gumbo makes it", "[html]") {
    const std::string t = k_long;
    const std::vector<std::string> cases = {
        t,
        "<p>" + t,
        "<table>" + t + "<tr><td>" + t + "</td></tr>" + t + "</table>",
        "<table><colgroup>" + t + "</colgroup></table>",
        "<select>" + t + "<option>" + t + "</select>",
        "<head>" + t + "<title>" + t + "<b>" + t + "</title></head>",
        "<textarea>\n" + t + "</textarea><pre>\n" + t + "</pre>",
        "<frameset>" + t + "</frameset>" + t,
        "<html><body></body></html>" + t + "</html>" + t,
        "<svg><![CDATA[" + t + "]]>" + t + "</svg><math><mi>" + t + "</mi></math>",
        "<math><![CDATA[ a > " + t + " ]]></math>",
        "<a title=\"" + t + "\">" + t + "</a>",
        "<a =\"x y=\">\" " + t + " z>" + t,
        "<a b= =\">\" " + t + ">" + t,
        "<p>&amp" + t + " &#1234" + t + " &notit" + t + "</p>",
        "<script>var x = '" + t + "';</script>" + t,
        "<script>\n<!--\n<script>" + t + "</script>\n" + t + "-->\n</script>" + t,
        "<script/>" + t + "</script>" + t,
        "<style>" + t + "</style><xmp>" + t + "<b>" + t + "</xmp><iframe>" + t + "</iframe>",
        "<noscript>" + t + "</noscript><noembed>" + t + "</noembed>",
        "<!-- " + t + " --><!" + t + "><?" + t + "></ " + t + ">" + t,
        "<p>a < " + t + " and " + t + " > " + t + " ] " + t + "</p>",
        "<p>" + t + "\r\n" + t + "\r" + t + std::string("\0", 1) + t + "</p>",
        "<p>" + t + "\x01" + t + "\xC2\x85" + t + "\xEF\xB7\x90" + t + "\xFF" + t + "</p>",
        "<p>" + t + "--</p><p>" + t + " -- </p>",
        "<plaintext>" + t + "<b>" + t + "&amp;" + t,
        "<template>" + t + "<p>" + t + "</template>" + t,
        "<p>" + t + "<b>" + t + "<i>" + t + "</b>" + t + "</i>" + t + "</p>",
        "<ul><li>" + t + "<li>" + t + "</ul><dl><dt>" + t + "<dd>" + t + "</dl>",
        "<p title='" + t,
        "<p>" + t + "<!-- unterminated " + t,
    };
    for (const auto& html : cases) {
        INFO(html);
        check_same_tree(html);
    }
}

TEST_CASE("Folding text runs leaves the trees of the test pages as they were", "[html]") {
    int pages = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(
             archiver::testing::data_path(""))) {
        const auto ext = entry.path().extension();
        if (!entry.is_regular_file() || (ext != ".html" && ext != ".htm")) {
            continue;
        }
        INFO(entry.path().string());
        check_same_tree(archiver::testing::read_file(entry.path()));
        ++pages;
    }
    CHECK(pages >= 10);
}
