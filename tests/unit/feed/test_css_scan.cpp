// SPDX-License-Identifier: MIT
// The style sanitizer's CSS scans, written by hand, against std::regex with the patterns
// they replace (feedparser's, ECMAScript syntax) on fixed and on generated style values.
#include "feed/css_scan.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <regex>
#include <string>
#include <utility>
#include <vector>

namespace css = archiver::feed::detail::css;

namespace {

const std::regex k_url(R"(url\s*\(\s*[^\s)]+?\s*\)\s*)");
const std::regex k_gauntlet(
    R"(^([:,;#%.\sa-zA-Z0-9!]|\w-\w|'[\s\w]+'|"[\s\w]+"|\([\d,\s]+\))*$)");
const std::regex k_decl(R"(\s*[-\w]+\s*:\s*[^:;]*;?)");
const std::regex k_prop(R"(([-\w]+)\s*:\s*([^:;]*))");
const std::regex k_value(
    R"(^(#[0-9a-f]+|rgb\(\d+%?,\d*%?,?\d*%?\)?|\d{0,2}\.?\d{0,2}(cm|em|ex|in|mm|pc|pt|px|%|,|\))?)$)");

std::vector<std::pair<std::string, std::string>> reference_declarations(const std::string& s) {
    std::vector<std::pair<std::string, std::string>> out;
    for (auto it = std::sregex_iterator(s.begin(), s.end(), k_prop); it != std::sregex_iterator();
         ++it) {
        out.emplace_back((*it)[1], (*it)[2]);
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> declarations(const std::string& s) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& d : css::declarations(s)) {
        out.emplace_back(std::string(d.property), std::string(d.value));
    }
    return out;
}

// Every scan of `s` against its pattern.
void check_all(const std::string& s) {
    INFO("style: [" << s << "]");
    REQUIRE(css::replace_urls(s) == std::regex_replace(s, k_url, " "));
    REQUIRE(css::passes_gauntlet(s) == std::regex_match(s, k_gauntlet));
    REQUIRE(css::strip_declarations(s) == std::regex_replace(s, k_decl, ""));
    REQUIRE(declarations(s) == reference_declarations(s));
    REQUIRE(css::is_plain_value(s) == std::regex_match(s, k_value));
}

} // namespace

TEST_CASE("CSS scans of typical style values", "[feed][sanitize][css]") {
    CHECK(css::replace_urls("background: url( 'a.png' ) no-repeat") ==
          "background:  no-repeat");
    CHECK(css::replace_urls("background:url(a b)") == "background:url(a b)"); // a space inside
    CHECK(css::passes_gauntlet("color: red; font-family: 'Times New Roman', serif"));
    CHECK(css::passes_gauntlet("margin: 0 auto; border-top-width: 1px"));
    CHECK_FALSE(css::passes_gauntlet("width: expression(alert(1))"));
    CHECK_FALSE(css::passes_gauntlet("a-b-c: 1")); // `b` cannot serve two dashes
    CHECK(css::strip_declarations("color: red; font-size:12px").empty());
    CHECK(css::strip_declarations("color red; x") == "color red; x");
    const auto decls = declarations("color : red;font-size:  12px ; x");
    REQUIRE(decls.size() == 2);
    CHECK(decls[0] == std::pair<std::string, std::string>{"color", "red"});
    CHECK(decls[1] == std::pair<std::string, std::string>{"font-size", "12px "});
    for (const char* yes : {"#fff", "rgb(1,2,3)", "rgb(10%,20%,30%)", "12px", "1.5em", ".5",
                            "100%", "0", ""}) {
        CHECK(css::is_plain_value(yes));
    }
    for (const char* no : {"#FFF", "123px5", "12.345", "rgb(1)", "auto", "1.5.5"}) {
        CHECK_FALSE(css::is_plain_value(no));
    }
    for (const char* s : {"background: url( 'a.png' ) no-repeat", "a-b-c: 1",
                          "color : red;font-size:  12px ; x", "rgb(1%,%,%)"}) {
        check_all(s);
    }
}

TEST_CASE("CSS scans agree with the regular expressions they replace", "[feed][sanitize][css]") {
    // Values made of the pieces the patterns tell apart.
    const std::vector<std::string> pieces{
        "url", "url(", "(", ")", "'", "\"", ":", ";", ",", "#", "%", ".", "!", "-", "_", " ",
        "\t", "\n", "\v", "a", "f", "F", "z", "0", "5", "12", "px", "em", "%", "rgb(", "color",
        "font-size", "a.png", "\xe4\xb8\xad", "\xc2\xa0", "/", "*", "&", "\\", "expression"};
    std::mt19937 rng(1130);
    std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
    std::uniform_int_distribution<int> length(0, 9);
    int gauntlet = 0;
    int urls = 0;
    int plain = 0;
    int decls = 0;
    for (int i = 0; i < 30000; ++i) {
        std::string s;
        for (int n = length(rng); n > 0; --n) {
            s += pieces[pick(rng)];
        }
        check_all(s);
        gauntlet += css::passes_gauntlet(s) ? 1 : 0;
        urls += css::replace_urls(s) != s ? 1 : 0;
        plain += css::is_plain_value(s) ? 1 : 0;
        decls += css::declarations(s).empty() ? 0 : 1;
    }
    // Both outcomes of every scan occur.
    CHECK(gauntlet > 1000);
    CHECK(urls > 100);
    CHECK(plain > 100);
    CHECK(decls > 1000);
}
