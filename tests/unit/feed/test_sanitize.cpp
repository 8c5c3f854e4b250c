// SPDX-License-Identifier: MIT
#include "feed/html_text.hpp"
#include "feed/sanitize_attr.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <iterator>
#include <string>

using archiver::feed::detail::looks_like_html;
using archiver::feed::detail::sanitize_html;

TEST_CASE("Scripts, event handlers and dangerous URLs are removed from feed HTML", "[feed][sanitize]") {
    CHECK(sanitize_html("<p onclick=\"steal()\">x</p><script>alert(1)</script>after", "") ==
          "<p>x</p>after");
    CHECK(sanitize_html("<a href=\"javascript:alert(1)\">x</a>", "") == "<a href=\"\">x</a>");
    CHECK(sanitize_html("<a href=\"JaVaScRiPt:alert(1)\">x</a>", "") == "<a href=\"\">x</a>");
    CHECK(sanitize_html("<iframe src=\"http://evil/\">y</iframe><object>o</object>", "") == "yo");
    CHECK(sanitize_html("<style>p{}</style><applet>q</applet>z", "") == "z");
    CHECK(sanitize_html("<img src=\"x.png\" onerror=\"e()\">", "") == "<img src=\"x.png\" />");
}

TEST_CASE("Unsafe CSS is dropped, safe properties kept", "[feed][sanitize]") {
    CHECK(sanitize_html("<div style=\"color: red; background: url(x)\">y</div>", "") ==
          "<div style=\"color: red;\">y</div>");
    CHECK(sanitize_html("<span style=\"margin: 0 auto\">x</span>", "") ==
          "<span style=\"margin: 0 auto;\">x</span>");
    CHECK(sanitize_html("<span style=\"behavior: url(x.htc)\">x</span>", "") == "<span>x</span>");
    CHECK(sanitize_html("<span style=\"color: expression(alert(1))\">x</span>", "") ==
          "<span>x</span>");
}

TEST_CASE("Markup is written in one canonical form", "[feed][sanitize]") {
    CHECK(sanitize_html("<P CLASS=a ID='b'>x</P>", "") == "<p class=\"a\" id=\"b\">x</p>");
    CHECK(sanitize_html("<br/><hr>", "") == "<br /><hr />");
    CHECK(sanitize_html("<span checked>x</span>", "") == "<span checked=\"checked\">x</span>");
    CHECK(sanitize_html("<img alt=\"a<b\" src=\"x\">", "") == "<img alt=\"a&lt;b\" src=\"x\" />");
    CHECK(sanitize_html("a &copy; &foo; &#146; &#X41;", "") == "a &copy; &amp;foo &#x2019; &#x41;");
    CHECK(sanitize_html("<!-- note -->x", "") == "<!-- note -->x");
}

TEST_CASE("URL attributes resolve against the base", "[feed][sanitize]") {
    CHECK(sanitize_html("<a href=\"../a\"><img src=\"i.png\"></a>", "http://e.com/x/y/") ==
          "<a href=\"http://e.com/x/a\"><img src=\"http://e.com/x/y/i.png\" /></a>");
}

TEST_CASE("Plain text is told from HTML conservatively", "[feed][sanitize]") {
    CHECK(looks_like_html("<b>bold</b>"));
    CHECK(looks_like_html("AT&amp;T"));
    CHECK_FALSE(looks_like_html("5 < 6 and 7 > 3"));
    CHECK_FALSE(looks_like_html("<blink>x</blink>"));
    CHECK_FALSE(looks_like_html("&bogus;"));
}

TEST_CASE("Escaping finds markup characters at every position of long text", "[feed][sanitize]") {
    const std::string base(30, 'a');
    for (std::size_t at = 0; at <= base.size(); ++at) {
        for (const char c : {'&', '<', '>', '"'}) {
            std::string s = base;
            s.insert(at, 1, c);
            const std::string ref = c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : "&quot;";
            std::string want = base;
            want.insert(at, c == '"' ? std::string(1, '"') : ref);
            std::string want_quoted = base;
            want_quoted.insert(at, ref);
            INFO("at " << at << " char " << c);
            REQUIRE(archiver::feed::detail::escape_xml(s) == want);
            REQUIRE(archiver::feed::detail::escape_xml(s, true) == want_quoted);
        }
    }
}

TEST_CASE("The shortcut for plain tags gives what the general way gives", "[feed][sanitize]") {
    using archiver::feed::detail::sanitize_html_general;
    CHECK(sanitize_html("<p>a<br>b</p><hr></hr>", "") == "<p>a<br />b</p><hr />");
    CHECK(sanitize_html("<p>a<script>x</script>b</p>", "") == "<p>ab</p>");
    // Random markup from pieces: plain and attributed tags, capitals, unknown and
    // unacceptable elements, SVG and MathML, broken tags, references, comments.
    static const char* const k_pieces[] = {
        "<p>", "</p>", "<b>", "</b>", "<br>", "</br>", "<img>", "<hr/>", "<h1>", "</h1>",
        "<P>", "</P >", "<script>", "</script>", "<style>", "</style>", "<svg>", "</svg>",
        "<math>", "</math>", "<circle>", "<mi>", "</mi>", "<blink>", "</blink>", "<a href=\"/x\">",
        "</a>", "<img src=\"j.png\" alt=x>", "<p class=\"c\">", "<td>", "</td>", "<table>",
        "</table>", "<x1>", "</x1>", "<h7>", "<p", "</p", "<>", "</>", "<!-- c -->", "<![CDATA[x]]>",
        "&amp;", "&mdash;", "&#39;", "&#x201c;", "&bogus;", " text ", "\r\n", "人民", "<", ">",
        "<svg xmlns=\"http://www.w3.org/2000/svg\">", "<math xmlns=\"http://www.w3.org/1998/Math/MathML\">",
        "<rect>", "</rect>", "<li>", "<ul>", "</ul>", "<b2>", "<span>", "</span>", "<em>", "</em>"};
    std::uint32_t seed = 777;
    auto next = [&]() {
        seed = seed * 1103515245u + 12345u;
        return (seed >> 16) & 0x7FFF;
    };
    for (int round = 0; round < 20000; ++round) {
        std::string s;
        const auto len = next() % 24;
        for (unsigned k = 0; k < len; ++k) {
            s += k_pieces[next() % std::size(k_pieces)];
        }
        INFO(s);
        const std::string base = round % 2 == 0 ? "" : "https://example.com/a/";
        REQUIRE(sanitize_html(s, base) == sanitize_html_general(s, base));
    }
}

TEST_CASE("Text whose only references are known named ones comes back as it is", "[feed][sanitize]") {
    // Trimmed, CR LF made LF, references kept as written.
    CHECK(sanitize_html("  AT&amp;T &eacute;t&eacute;  ", "") == "AT&amp;T &eacute;t&eacute;");
    CHECK(sanitize_html("1 &lt; 2\r\nline &gt; 0", "") == "1 &lt; 2\nline &gt; 0");
    CHECK(sanitize_html("a &amp;", "") == "a &amp;");
    // Any other reference is read by the tokenizer, as it always was.
    CHECK(sanitize_html("a &amp b", "") == "a &amp; b");
    CHECK(sanitize_html("a &amp", "") == "a &amp");
    CHECK(sanitize_html("x &foo; y", "") == "x &amp;foo y");
    CHECK(sanitize_html("&AMP; &Eacute; &x-y;", "") == "&amp;AMP &Eacute; &amp;x-y");
    CHECK(sanitize_html("&#39;q&#34; &amp;", "") == "'q\" &amp;");
    CHECK(sanitize_html("a &amp; <b>b</b>", "") == "a &amp; <b>b</b>");
}

TEST_CASE("Attribute values are escaped at every position of long values", "[feed][sanitize]") {
    using archiver::feed::detail::append_attr;
    const std::string base(40, 'a');
    for (std::size_t at = 0; at <= base.size(); ++at) {
        INFO("at " << at);
        for (const char c : {'&', '<', '>', '"'}) {
            std::string v = base;
            v.insert(at, 1, c);
            std::string want = base;
            want.insert(at, c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : "&quot;");
            std::string out;
            append_attr(out, "alt", v);
            REQUIRE(out == " alt=\"" + want + "\"");
        }
        // References are kept as they are written; a bare '&' is escaped.
        for (const std::string_view ref : {"&amp;", "&#x41;", "&#65;", "&eacute;"}) {
            std::string v = base;
            v.insert(at, ref);
            std::string out;
            append_attr(out, "title", v);
            REQUIRE(out == " title=\"" + v + "\"");
        }
        std::string v = base;
        v.insert(at, "&#;&x");
        std::string want = base;
        want.insert(at, "&amp;#;&amp;x");
        std::string out;
        append_attr(out, "title", v);
        REQUIRE(out == " title=\"" + want + "\"");
    }
}
