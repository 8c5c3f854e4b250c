// SPDX-License-Identifier: MIT
#include <archiver/markdown/render.hpp>

#include "cmark_check.hpp"

#include <catch2/catch.hpp>

using archiver::ContentNode;
using archiver::NodeKind;
using archiver::markdown::make_summary;
using archiver::markdown::render_markdown;
using archiver::markdown::render_text;

namespace {

ContentNode node(NodeKind kind, std::vector<ContentNode> children = {}) {
    ContentNode n;
    n.kind = kind;
    n.children = std::move(children);
    return n;
}

ContentNode text(std::string t) {
    ContentNode n;
    n.kind = NodeKind::text;
    n.text = std::move(t);
    return n;
}

ContentNode doc(std::vector<ContentNode> blocks) { return node(NodeKind::document, std::move(blocks)); }
ContentNode para(std::vector<ContentNode> inlines) { return node(NodeKind::paragraph, std::move(inlines)); }

} // namespace

TEST_CASE("Bold that ends in CJK punctuation is emitted so CommonMark reads it as bold",
          "[markdown]") {
    ContentNode body = doc({para({node(NodeKind::strong, {text("李开复：")}), text("过去")})});
    std::string md = render_markdown(body);
    CHECK(md == "**李开复**：过去\n");
    CHECK(archiver::testing::cmark_html(md) == "<p><strong>李开复</strong>：过去</p>\n");
}

TEST_CASE("Emphasis opening on CJK quotation marks keeps the marks outside", "[markdown]") {
    ContentNode body =
        doc({para({text("他说"), node(NodeKind::emphasis, {text("“你好”")}), text("然后")})});
    std::string md = render_markdown(body);
    CHECK(md == "他说“*你好*”然后\n");
    CHECK(archiver::testing::cmark_html(md) == "<p>他说“<em>你好</em>”然后</p>\n");
}

TEST_CASE("Spaces inside emphasis move outside the delimiters", "[markdown]") {
    ContentNode body = doc({para({text("a"), node(NodeKind::strong, {text(" bold ")}), text("b")})});
    CHECK(render_markdown(body) == "a **bold** b\n");
}

TEST_CASE("Markdown specials in text are escaped", "[markdown]") {
    ContentNode body = doc({para({text("1. not a list *star* [x] a_b _c_ <div> &amp; `t` ~s~")}),
                            para({text("# not a heading")}),
                            para({text("- not a bullet")})});
    std::string md = render_markdown(body);
    CHECK(md == "1\\. not a list \\*star\\* \\[x\\] a_b \\_c\\_ \\<div> \\&amp; \\`t\\` \\~s\\~\n\n"
                "\\# not a heading\n\n\\- not a bullet\n");
    CHECK(archiver::testing::cmark_text(md) ==
          archiver::testing::without_spaces(render_text(body)));
}

TEST_CASE("Nested lists, quotes, code and tables render as GFM", "[markdown]") {
    ContentNode inner = node(NodeKind::list, {node(NodeKind::list_item, {para({text("inner")})})});
    ContentNode outer = node(NodeKind::list, {node(NodeKind::list_item, {para({text("one")}), inner}),
                                              node(NodeKind::list_item, {para({text("two")})})});
    ContentNode ordered = node(NodeKind::list, {node(NodeKind::list_item, {para({text("first")})}),
                                                node(NodeKind::list_item, {para({text("second")})})});
    ordered.ordered = true;
    ordered.start = 3;
    ContentNode code = node(NodeKind::code_block);
    code.text = "int main() {\n    return 0;\n}";
    code.lang = "cpp";
    ContentNode h1 = node(NodeKind::table_cell, {text("Name")});
    h1.header = true;
    ContentNode h2 = node(NodeKind::table_cell, {text("Value")});
    h2.header = true;
    ContentNode table = node(
        NodeKind::table,
        {node(NodeKind::table_row, {h1, h2}),
         node(NodeKind::table_row, {node(NodeKind::table_cell, {text("a|b")}),
                                    node(NodeKind::table_cell, {text("2")})})});
    ContentNode body = doc({outer, ordered, node(NodeKind::blockquote, {para({text("quoted")})}),
                            code, table});
    std::string md = render_markdown(body);
    CHECK(md == "- one\n  - inner\n- two\n\n3. first\n4. second\n\n> quoted\n\n```cpp\nint main() "
                "{\n    return 0;\n}\n```\n\n| Name | Value |\n| --- | --- |\n| a\\|b | 2 |\n");
    std::string html = archiver::testing::cmark_html(md);
    CHECK(html.find("<ol start=\"3\">") != std::string::npos);
    CHECK(html.find("<blockquote>") != std::string::npos);
    CHECK(html.find("<td>a|b</td>") != std::string::npos);
    CHECK(html.find("<li>one\n<ul>\n<li>inner</li>") != std::string::npos);
}

TEST_CASE("Links, images and line breaks", "[markdown]") {
    ContentNode link = node(NodeKind::link, {text("the site")});
    link.href = "https://example.com/a b";
    ContentNode img = node(NodeKind::image);
    img.src = "https://example.com/i.png";
    img.alt = "alt";
    ContentNode body = doc({para({text("see "), link, node(NodeKind::line_break), text("next")}),
                            para({img})});
    std::string md = render_markdown(body);
    CHECK(md == "see [the site](<https://example.com/a b>)\\\nnext\n\n![alt](https://example.com/i.png)\n");
    CHECK(archiver::testing::cmark_html(md).find("<br />") != std::string::npos);
}

TEST_CASE("render_text prints one block a line without markup", "[markdown]") {
    ContentNode link = node(NodeKind::link, {text("link")});
    link.href = "https://example.com";
    ContentNode body = doc({para({text("a "), node(NodeKind::strong, {text("b")}), text(" "), link}),
                            node(NodeKind::list, {node(NodeKind::list_item, {para({text("item")})})})});
    CHECK(render_text(body) == "a b link\nitem\n");
    CHECK(render_markdown(doc({})).empty());
}

TEST_CASE("make_summary counts code points and runs paragraphs together", "[markdown]") {
    CHECK(make_summary("短文本") == "短文本");
    std::string cn(60 * 3, ' ');
    cn.clear();
    for (int i = 0; i < 60; ++i) {
        cn += "字";
    }
    CHECK(make_summary(cn) == std::string(cn.substr(0, 50 * 3)) + "...");
    CHECK(make_summary("第一段。\n第二段。") == "第一段。第二段。");
    CHECK(make_summary("one\ntwo", 5) == "one t...");
}
