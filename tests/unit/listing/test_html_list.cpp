// SPDX-License-Identifier: MIT
#include <archiver/core/time.hpp>
#include <archiver/listing/listing.hpp>
#include <catch2/catch.hpp>
#include <support/temp_dir.hpp>

using archiver::ListRules;
using archiver::Stage;
using archiver::TimeZone;
using archiver::listing::ListOptions;
using archiver::listing::parse_html_list;

namespace {

// 2025-02-07 12:00:00 +08:00
constexpr std::int64_t k_now = 1738900800;

ListOptions shanghai(std::string base) {
    ListOptions o;
    o.base_url = std::move(base);
    o.zone = *TimeZone::from_name("Asia/Shanghai");
    o.now = k_now;
    return o;
}

std::string provenance_of(const archiver::listing::ListPage& page, const std::string& field) {
    for (const auto& [f, rule] : page.provenance) {
        if (f == field) {
            return rule;
        }
    }
    return {};
}

} // namespace

TEST_CASE("An HTML list yields absolute links, titles and list dates", "[listing]") {
    const std::string html = R"html(<html><body>
<ul class="news">
  <li class="item"><a class="t" href="/news/202502071089688">人民日报专访李开复</a>
      <span class="time">23分钟前</span></li>
  <li class="item"><a class="t" href="https://www.iyiou.com/news/202502061089001"> 第二篇 </a>
      <span class="time">昨天 21:29</span></li>
  <li class="item"><a class="t" href="/news/202502031088000">第三篇</a>
      <span class="time">2025-02-03 08:05</span></li>
  <li class="item"><a class="t" href="javascript:void(0)">not an article</a></li>
  <li class="item"><a class="t" href="/news/202502071089688">duplicate</a></li>
</ul>
<a class="next" href="?page=2">下一页</a>
</body></html>)html";
    ListRules rules;
    rules.item = "li.item";
    rules.link = "a.t";
    rules.date = ".time";
    rules.next = "a.next";
    auto page = parse_html_list(html, rules, shanghai("https://www.iyiou.com/news"));
    REQUIRE(page);
    REQUIRE(page->entries.size() == 3);
    CHECK(*page->entries[0].link == "https://www.iyiou.com/news/202502071089688");
    CHECK(*page->entries[0].title == "人民日报专访李开复");
    CHECK(*page->entries[1].title == "第二篇");
    REQUIRE(page->entries[0].published);
    CHECK(page->entries[0].published->epoch == k_now - 23 * 60);
    REQUIRE(page->entries[1].published);
    CHECK(archiver::format_rfc3339(*page->entries[1].published) == "2025-02-06T21:29:00+08:00");
    REQUIRE(page->entries[2].published);
    CHECK(archiver::format_rfc3339(*page->entries[2].published) == "2025-02-03T08:05:00+08:00");
    CHECK(page->next_url == "https://www.iyiou.com/news?page=2");
    CHECK(provenance_of(*page, "link") == "[list] link: a.t");
    CHECK(provenance_of(*page, "title") == "link text");
    CHECK(provenance_of(*page, "date") == "[list] date: .time");
    CHECK(provenance_of(*page, "next") == "[list] next: a.next");
}

TEST_CASE("An HTML list reads titles by selector and machine dates from attributes", "[listing]") {
    const std::string html = R"html(<div class="card"><a href="a1.html"><img src="x.png"></a>
  <h3>First title</h3><time datetime="2024-04-24T23:52:00+08:00">4月24日</time></div>
<div class="card"><a href="a2.html"><img src="y.png"></a><h3>Second</h3></div>)html";
    ListRules rules;
    rules.item = "div.card";
    rules.title = "h3";
    rules.date = "time";
    auto page = parse_html_list(html, rules, shanghai("http://example.cn/list/index.html"));
    REQUIRE(page);
    REQUIRE(page->entries.size() == 2);
    CHECK(*page->entries[0].link == "http://example.cn/list/a1.html");
    CHECK(*page->entries[0].title == "First title");
    CHECK(archiver::format_rfc3339(*page->entries[0].published) == "2024-04-24T23:52:00+08:00");
    CHECK_FALSE(page->entries[1].published);
    CHECK(page->next_url.empty());
    CHECK(provenance_of(*page, "link") == "[list] item: div.card (first a[href])");
    CHECK(provenance_of(*page, "title") == "[list] title: h3");
}

TEST_CASE("An HTML list without an item rule takes every link the link rule matches", "[listing]") {
    const std::string html = R"html(<a class="x" href="/1">one</a><a href="/2">skip</a>
<a class="x" href="/3">three</a>)html";
    ListRules rules;
    rules.link = "a.x";
    auto page = parse_html_list(html, rules, shanghai("https://h.example/"));
    REQUIRE(page);
    REQUIRE(page->entries.size() == 2);
    CHECK(*page->entries[1].link == "https://h.example/3");
    CHECK(*page->entries[1].title == "three");
}

TEST_CASE("An HTML list fails on a selector that matches nothing or does not parse", "[listing]") {
    ListRules rules;
    rules.item = "li.missing";
    auto none = parse_html_list("<ul><li>x</li></ul>", rules, shanghai("https://h.example/"));
    REQUIRE_FALSE(none);
    CHECK(none.error().stage == Stage::parse);
    CHECK(none.error().message.find("li.missing") != std::string::npos);

    rules.item = "li[";
    auto bad = parse_html_list("<ul><li>x</li></ul>", rules, shanghai("https://h.example/"));
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.find("[list] item") != std::string::npos);
}

TEST_CASE("A next link pointing back at the same page ends the list", "[listing]") {
    ListRules rules;
    rules.item = "li";
    rules.next = "a.next";
    auto page = parse_html_list(R"html(<ul><li><a href="/a">a</a></li></ul>
<a class="next" href="/list#top">next</a>)html",
                                rules,
                                shanghai("https://h.example/list"));
    REQUIRE(page);
    CHECK(page->next_url.empty());
}

TEST_CASE("The hand-made iyiou list page fixture parses with relative dates", "[listing]") {
    const std::string html =
        archiver::testing::read_file(archiver::testing::data_path("listing/iyiou-news.html"));
    ListRules rules;
    rules.item = ".news-list .news-item";
    rules.link = "a.news-title";
    rules.date = ".news-time";
    rules.next = ".pagination a.next";
    auto page = parse_html_list(html, rules, shanghai("https://www.iyiou.com/news"));
    REQUIRE(page);
    REQUIRE(page->entries.size() == 5);
    CHECK(*page->entries[0].link == "https://www.iyiou.com/news/202502071089688");
    CHECK(*page->entries[0].title == "人民日报专访李开复：期待中国AI-First应用崛起之年");
    CHECK(page->entries[0].published->epoch == k_now - 23 * 60);
    CHECK(archiver::format_rfc3339(*page->entries[2].published) == "2025-02-06T21:29:00+08:00");
    CHECK(page->next_url == "https://www.iyiou.com/news?page=2");
}
