// SPDX-License-Identifier: MIT
#include "feed/url_join.hpp"

#include <archiver/core/url.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using archiver::feed::detail::resolve_url;

TEST_CASE("Feed URLs resolve exactly as url::resolve does", "[feed][url]") {
    const std::vector<std::string> bases = {
        "https://example.com/", "https://example.com", "http://example.com/a/b.html",
        "https://Example.COM/dir/", "HTTPS://example.com/", "https://example.com?q=1",
        "https://example.com#frag", "https://user@example.com/", "https://example.com:8080/x",
        "https://[::1]/", " https://example.com/", "https://example.com/ ", "ftp://example.com/",
        "urn:bench", "", "/relative/base", "https://", "https://ex ample.com/", "http://.x/y",
        "https://例子.cn/路径/", "file:///tmp/x"};
    const std::vector<std::string> refs = {
        "/news/1.html", "/news/1.html?a=1&b=2", "/a/./b", "/a/../b", "/a/.", "/.hidden/x",
        "/x?y=/./z", "/x#f?q", "/", "//other.org/p", "//other.org", "news/1.html", "../up",
        "?q", "#f", "", " /pad ", "/tab\there", "https://other.org/p", "https://other.org",
        "https://other.org?q", "https://other.org#f", "http://other.org/a/../b",
        "HTTPS://other.org/", "https://user@other.org/", "https://other.org:81/",
        "mailto:a@b.c", "javascript:alert(1)", "/a:b", "urn:bench:1", "/ünïcode/路径",
        "https://other.org/./x", "https://.other/x", "/%2e%2e/x", "/a//b/", "/a/..",
        "https://other.org/a?x#y"};
    for (const auto& b : bases) {
        for (const auto& r : refs) {
            INFO("base '" << b << "' ref '" << r << "'");
            CHECK(resolve_url(b, r) == archiver::url::resolve(b, r));
        }
    }
}
