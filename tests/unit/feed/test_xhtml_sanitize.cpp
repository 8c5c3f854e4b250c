// SPDX-License-Identifier: MIT
// Inline XHTML sanitized as it is serialized must give exactly what the sanitizer makes of
// the serialized markup, and decline what it does not cover.
#include "feed/html_text.hpp"
#include "feed/walk.hpp"
#include "feed/xml_load.hpp"
#include "feed/xml_split.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace feed = archiver::feed;

namespace {

// The general way, as content_value takes it: serialize, trim, sanitize.
std::string general(const pugi::xml_node& node, const feed::detail::WalkContext& ctx,
                    std::string_view base) {
    std::string out;
    feed::detail::serialize_xhtml_children(node, ctx, out);
    const auto b = out.find_first_not_of(" \t\r\n");
    out = b == std::string::npos ? std::string() : out.substr(b, out.find_last_not_of(" \t\r\n") + 1 - b);
    return feed::detail::sanitize_html(out, base);
}

// The direct way, trimmed and with CR LF → LF as content_value finishes it; nullopt when
// declined.
std::optional<std::string> direct(const pugi::xml_node& node,
                                  const feed::detail::WalkContext& ctx,
                                  std::string_view base) {
    std::string out;
    if (!feed::detail::sanitize_xhtml_children(node, ctx, base, out)) {
        CHECK(out.empty());
        return std::nullopt;
    }
    const auto b = out.find_first_not_of(" \t\r\n");
    out = b == std::string::npos ? std::string() : out.substr(b, out.find_last_not_of(" \t\r\n") + 1 - b);
    for (std::size_t pos = 0; (pos = out.find("\r\n", pos)) != std::string::npos;) {
        out.erase(pos, 1);
    }
    return out;
}

struct Parsed {
    std::string text;
    pugi::xml_document doc;
    bool ok = false;
};

void parse(Parsed& p, const std::string& xml) {
    p.text = xml;
    p.ok = p.doc.load_buffer_inplace(p.text.data(), p.text.size(), feed::detail::k_strict_parse_flags,
                                     pugi::encoding_utf8);
}

// A random element tree from pieces feeds use, good and bad.
class Gen {
public:
    explicit Gen(unsigned seed) : m_rng(seed) {}

    std::string tree(int depth) {
        std::string out;
        const int n = pick(0, 4);
        for (int i = 0; i < n; ++i) {
            if (depth > 0 && pick(0, 2) != 0) {
                out += element(depth - 1);
            } else {
                out += text();
            }
        }
        return out;
    }

private:
    int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(m_rng); }
    template <typename T> const T& one(const std::vector<T>& v) {
        return v[static_cast<std::size_t>(pick(0, static_cast<int>(v.size()) - 1))];
    }

    std::string text() {
        static const std::vector<std::string> k_texts = {
            "plain words", " ", "\n  ", "a &amp; b", "&lt;b&gt;not a tag&lt;/b&gt;", "&eacute;t&eacute;",
            "&#233;&#x41;&#39;&#34;", "quote \" and ' here", "x\r\ny", "&#13;&#10;", "&amp;amp;",
            "<![CDATA[<b>cdata</b> & more]]>", "<!-- a comment -->", "<?pi x?>", "人民 经济",
            "&amp;mdash;", "&#60;script&#62;", "a > b", "\t"};
        return one(k_texts);
    }

    std::string element(int depth) {
        static const std::vector<std::string> k_names = {
            "p", "b", "i", "a", "img", "br", "div", "span", "em", "strong", "ul", "li", "table",
            "td", "blockquote", "q", "P", "IMG", "Br", "h:p", "x:img", "script", "style", "iframe",
            "object", "svg", "math", "blink", "font", "x-y", "video", "audio", "source", "hr",
            "abbr", "del", "ins", "form", "area", "sub", "sup", "pre", "code"};
        static const std::vector<std::string> k_attrs = {
            "href", "src", "alt", "title", "class", "id", "style", "onclick", "REL", "rel", "type",
            "Type", "Href", "xml:lang", "_x", "cite", "longdesc", "width", "HEIGHT", "lang",
            "x:href", "xlink:href", "poster", "usemap", "action", "name", "dir", "align"};
        static const std::vector<std::string> k_values = {
            "/x?a=1&amp;b=2", "javascript:alert(1)", "  http://e.com/a ", "HTTP://E.com",
            "#frag", "mailto:a@b.c", "data:text/html,x", "NoFollow", "Text/HTML", "../up/./x",
            "color: red", "x &lt;y&gt; &quot;z&quot;", "&#39;q&#39;", "&eacute;", "", " \t",
            "https://example.com/path", "java&#10;script:x", "rel/Img.PNG", "//cdn.example/x.js",
            "a&amp;b;c", "&amp;#x41;", "x\"y"};
        const std::string name = one(k_names);
        std::string out = "<" + name;
        const int attrs = pick(0, 3);
        std::vector<std::string> used;
        for (int i = 0; i < attrs; ++i) {
            const std::string a = one(k_attrs);
            if (std::find(used.begin(), used.end(), a) != used.end()) {
                continue; // not well-formed XML
            }
            used.push_back(a);
            std::string v = one(k_values);
            if (v == "x\"y") {
                out += " " + a + "='" + v + "'";
            } else {
                out += " " + a + "=\"" + v + "\"";
            }
        }
        const std::string inner = tree(depth);
        if (inner.empty() && pick(0, 1) == 0) {
            return out + "/>";
        }
        return out + ">" + inner + "</" + name + ">";
    }

    std::mt19937 m_rng;
};

} // namespace

TEST_CASE("XHTML sanitized from the tree equals the sanitized serialization", "[feed][sanitize]") {
    feed::detail::XmlDoc xml;
    feed::detail::WalkContext ctx;
    ctx.xml = &xml;
    int taken = 0;
    int declined = 0;
    const std::vector<std::string> bases = {"", "https://example.com/feed/", "http://h.example"};
    for (unsigned seed = 0; seed < 20000; ++seed) {
        Gen gen(seed);
        Parsed p;
        parse(p, "<div xmlns=\"http://www.w3.org/1999/xhtml\">" + gen.tree(4) + "</div>");
        if (!p.ok) {
            continue;
        }
        const pugi::xml_node root = p.doc.first_child();
        const std::string& base = bases[seed % bases.size()];
        const auto fast = direct(root, ctx, base);
        if (!fast) {
            ++declined;
            continue;
        }
        ++taken;
        INFO(p.text);
        REQUIRE(*fast == general(root, ctx, base));
    }
    CHECK(taken > 5000);
    CHECK(declined > 1000);
}

TEST_CASE("XHTML sanitized from the tree: the usual shapes, and what it declines", "[feed][sanitize]") {
    feed::detail::XmlDoc xml;
    feed::detail::WalkContext ctx;
    ctx.xml = &xml;
    const auto both = [&](const std::string& inner, std::string_view base) {
        Parsed p;
        parse(p, "<div>" + inner + "</div>");
        REQUIRE(p.ok);
        const auto fast = direct(p.doc.first_child(), ctx, base);
        const std::string slow = general(p.doc.first_child(), ctx, base);
        if (fast) {
            CHECK(*fast == slow);
        }
        return std::make_pair(fast, slow);
    };
    auto [a, a_slow] = both("<p>x <IMG SRC=\"/i.jpg\" alt=\"y\"/> <b>z</b></p>", "https://e.com/f/");
    REQUIRE(a);
    CHECK(*a == "<p>x <img alt=\"y\" src=\"https://e.com/i.jpg\" /> <b>z</b></p>");
    auto [b, b_slow] = both("<a href=\"javascript:x()\" onclick=\"y()\">t</a><br></br>", "");
    REQUIRE(b);
    CHECK(*b == "<a href=\"\">t</a><br />");
    // Declined: unacceptable or foreign elements, style, repeated names after lower-casing.
    CHECK_FALSE(both("<p>a<script>b</script></p>", "").first);
    CHECK_FALSE(both("<svg><circle/></svg>", "").first);
    CHECK_FALSE(both("<p style=\"color: red\">a</p>", "").first);
    CHECK_FALSE(both("<p ID=\"a\" id=\"b\">a</p>", "").first);
    CHECK(both("<p ID=\"a\" id=\"b\">a</p>", "").second == "<p id=\"b\">a</p>");
}
