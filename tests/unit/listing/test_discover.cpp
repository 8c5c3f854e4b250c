// SPDX-License-Identifier: MIT
#include <algorithm>
#include <archiver/listing/listing.hpp>
#include <catch2/catch.hpp>

using archiver::listing::common_feed_urls;
using archiver::listing::discover_feeds;

TEST_CASE("Feed discovery returns advertised feeds first, comment feeds last", "[listing]") {
    const std::string html = R"html(<html><head>
<link rel="alternate" type="application/rss+xml" title="Comments" href="/comments/feed/">
<link rel="alternate" type="application/rss+xml" title="Site" href="/feed/">
<link rel="alternate" type="application/atom+xml" href="https://blog.example/atom.xml">
<link rel="alternate" hreflang="en" href="https://blog.example/en/">
<link rel="stylesheet" type="text/css" href="/style.css">
<link rel="Alternate Feed" type="application/feed+json" href="feed.json">
</head><body>
<a href="/feed/">RSS</a>
<a href="http://www.people.com.cn/rss/politics.xml">时政</a>
<a href="/about.html">about</a>
<a href="javascript:void(0)" type="application/rss+xml">x</a>
</body></html>)html";
    const auto feeds = discover_feeds(html, "https://blog.example/post/1");
    REQUIRE(feeds.size() == 5);
    CHECK(feeds[0] == "https://blog.example/feed/");
    CHECK(feeds[1] == "https://blog.example/atom.xml");
    CHECK(feeds[2] == "https://blog.example/post/feed.json");
    CHECK(feeds[3] == "https://blog.example/comments/feed/");
    CHECK(feeds[4] == "http://www.people.com.cn/rss/politics.xml");
}

TEST_CASE("Feed discovery honours <base href> and finds nothing on a plain page", "[listing]") {
    const std::string html = R"html(<head><base href="https://cdn.example/site/">
<link rel="alternate" type="application/rss+xml" href="rss.xml"></head>)html";
    CHECK(discover_feeds(html, "https://www.example/") ==
          std::vector<std::string>{"https://cdn.example/site/rss.xml"});
    CHECK(discover_feeds("<p>nothing</p>", "https://www.example/").empty());
}

TEST_CASE("Common feed paths are absolute on the page's host", "[listing]") {
    const auto urls = common_feed_urls("https://www.iyiou.com/news?page=2");
    REQUIRE_FALSE(urls.empty());
    CHECK(urls.front() == "https://www.iyiou.com/feed");
    CHECK(std::find(urls.begin(), urls.end(), "https://www.iyiou.com/rss.xml") != urls.end());
    CHECK(common_feed_urls("file:///etc/passwd").empty());
}
