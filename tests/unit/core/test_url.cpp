// SPDX-License-Identifier: MIT
#include <archiver/core/url.hpp>

#include <catch2/catch.hpp>

using namespace archiver;

TEST_CASE("Relative references resolve as RFC 3986 section 5.4 says", "[core][url]") {
    const std::string base = "http://a/b/c/d;p?q";
    CHECK(url::resolve(base, "g") == "http://a/b/c/g");
    CHECK(url::resolve(base, "./g") == "http://a/b/c/g");
    CHECK(url::resolve(base, "g/") == "http://a/b/c/g/");
    CHECK(url::resolve(base, "/g") == "http://a/g");
    CHECK(url::resolve(base, "//g") == "http://g/");
    CHECK(url::resolve(base, "?y") == "http://a/b/c/d;p?y");
    CHECK(url::resolve(base, "g?y") == "http://a/b/c/g?y");
    CHECK(url::resolve(base, "#s") == "http://a/b/c/d;p?q#s");
    CHECK(url::resolve(base, "") == "http://a/b/c/d;p?q");
    CHECK(url::resolve(base, "..") == "http://a/b/");
    CHECK(url::resolve(base, "../g") == "http://a/b/g");
    CHECK(url::resolve(base, "../../g") == "http://a/g");
    CHECK(url::resolve(base, "../../../g") == "http://a/g");
    CHECK(url::resolve(base, " https://x.org/a ") == "https://x.org/a");
}

TEST_CASE("Canonical URLs drop what does not identify an article", "[core][url]") {
    CHECK(url::canonicalize("HTTP://WWW.Example.COM:80/a/./b/../c?utm_source=x&id=3#frag") ==
          "http://www.example.com/a/c?id=3");
    CHECK(url::canonicalize("https://example.com:443") == "https://example.com/");
    CHECK(url::canonicalize("https://example.com/x?utm_medium=a&fbclid=b") ==
          "https://example.com/x");
    CHECK(url::canonicalize("https://example.com:8443/x") == "https://example.com:8443/x");
}

TEST_CASE("Only http and https URLs count as fetchable", "[core][url]") {
    CHECK(url::is_http("https://example.com/"));
    CHECK(url::is_http("HTTP://example.com/"));
    CHECK_FALSE(url::is_http("file:///etc/passwd"));
    CHECK_FALSE(url::is_http("ftp://example.com/"));
    CHECK_FALSE(url::is_http("javascript:alert(1)"));
    CHECK_FALSE(url::is_http("/relative"));
}

TEST_CASE("A URL without authority is written so that it reads back the same", "[core][url]") {
    auto u = url::parse("file:P://Example.COM:80//b");
    REQUIRE(u);
    CHECK(u->host.empty());
    const std::string s = url::to_string(*u);
    CHECK(s == "file:///P://Example.COM:80//b");
    auto again = url::parse(s);
    REQUIRE(again);
    CHECK(again->host.empty());
    CHECK(url::to_string(*again) == s);
}
