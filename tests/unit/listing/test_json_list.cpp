// SPDX-License-Identifier: MIT
#include <archiver/core/time.hpp>
#include <archiver/listing/listing.hpp>
#include <catch2/catch.hpp>
#include <support/temp_dir.hpp>

using archiver::JsonRules;
using archiver::Stage;
using archiver::TimeZone;
using archiver::listing::ListOptions;
using archiver::listing::parse_json_list;

namespace {

const std::string k_template = "https://api.iyiou.com/skill/info?page={page}&pageSize=10";

JsonRules iyiou_rules() {
    JsonRules r;
    r.items = "data.posts[]";
    r.id = "id";
    r.title = "postTitle";
    r.link_template = "https://www.iyiou.com/news/{id}";
    r.date = "createdAt";
    r.summary = "brief";
    return r;
}

ListOptions shanghai(int page) {
    ListOptions o;
    o.zone = *TimeZone::from_name("Asia/Shanghai");
    o.page = page;
    return o;
}

std::string fixture(const std::string& name) {
    return archiver::testing::read_file(archiver::testing::data_path("sources/iyiou/" + name));
}

} // namespace

TEST_CASE("A JSON list maps fields by path and builds links from the id template", "[listing]") {
    auto page =
        parse_json_list(fixture("skill-info-page1.json"), iyiou_rules(), k_template, shanghai(1));
    REQUIRE(page);
    REQUIRE(page->entries.size() == 3); // the item without an id has no URL
    const auto& first = page->entries[0];
    CHECK(*first.link == "https://www.iyiou.com/news/202502071089688");
    CHECK(*first.id == "202502071089688");
    CHECK(*first.title == "人民日报专访李开复：期待中国AI-First应用崛起之年");
    REQUIRE(first.published);
    CHECK(archiver::format_rfc3339(*first.published) == "2025-02-07T12:20:46+08:00");
    CHECK(first.summary->rfind("分享我与", 0) == 0);
    // Plain text from JSON becomes a valid HTML string.
    CHECK(page->entries[1].summary->find("&lt;1 亿元 &amp; 以上") != std::string::npos);
    CHECK(page->next_url == "https://api.iyiou.com/skill/info?page=2&pageSize=10");
    REQUIRE(page->provenance.size() >= 4);
    CHECK(page->provenance[0] ==
          std::pair<std::string, std::string>{
              "link", "[json] link_template: https://www.iyiou.com/news/{id}"});
}

TEST_CASE("An empty items array is the last page, a missing one an error", "[listing]") {
    auto last =
        parse_json_list(fixture("skill-info-last.json"), iyiou_rules(), k_template, shanghai(3));
    REQUIRE(last);
    CHECK(last->entries.empty());
    CHECK(last->next_url.empty());

    auto missing =
        parse_json_list(R"({"code":500,"message":"busy"})", iyiou_rules(), k_template, shanghai(1));
    REQUIRE_FALSE(missing);
    CHECK(missing.error().stage == Stage::parse);
    CHECK(missing.error().message.find("data.posts[]") != std::string::npos);

    auto invalid = parse_json_list("{\"data\": [", iyiou_rules(), k_template, shanghai(1));
    REQUIRE_FALSE(invalid);
    CHECK(invalid.error().stage == Stage::parse);
}

TEST_CASE("A JSON list reads link paths, nested fields, indexes and Unix times", "[listing]") {
    const std::string json = R"([
      {"url": "/a/1", "meta": {"headline": "One", "by": ["Ann", "Bob"]}, "ts": 1714000000},
      {"url": "https://other.example/2", "meta": {"headline": "Two"}, "ts": 1714000000123},
      {"url": "ftp://nope/3", "meta": {"headline": "Three"}}
    ])";
    JsonRules r;
    r.items = "";
    r.link = "url";
    r.title = "meta.headline";
    r.author = "meta.by[0]";
    r.date = "ts";
    ListOptions o = shanghai(1);
    o.base_url = "https://site.example/api/list";
    auto page = parse_json_list(json, r, "https://site.example/api/list", o);
    REQUIRE(page);
    REQUIRE(page->entries.size() == 2);
    CHECK(*page->entries[0].link == "https://site.example/a/1");
    CHECK(*page->entries[0].id == "https://site.example/a/1");
    CHECK(*page->entries[0].author == "Ann");
    CHECK(archiver::format_rfc3339(*page->entries[0].published) == "2024-04-25T07:06:40+08:00");
    CHECK(page->entries[1].published->epoch == 1714000000);
    CHECK_FALSE(page->entries[1].author);
    CHECK(page->next_url.empty()); // no {page} in the URL: one page only
}

TEST_CASE("A JSON list reports bad paths and missing link rules", "[listing]") {
    JsonRules r = iyiou_rules();
    r.title = "a..b";
    auto bad = parse_json_list("{}", r, k_template, shanghai(1));
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.find("[json] title") != std::string::npos);

    JsonRules no_link;
    no_link.items = "data.posts[]";
    auto missing = parse_json_list("{}", no_link, k_template, shanghai(1));
    REQUIRE_FALSE(missing);
    CHECK(missing.error().message.find("link_template") != std::string::npos);
}

TEST_CASE("page_url fills every {page} placeholder", "[listing]") {
    using archiver::listing::page_url;
    CHECK(page_url(k_template, 7) == "https://api.iyiou.com/skill/info?page=7&pageSize=10");
    CHECK(page_url("https://x.example/{page}/{page}", 2) == "https://x.example/2/2");
    CHECK(page_url("https://x.example/list", 2) == "https://x.example/list");
}
