// SPDX-License-Identifier: MIT
#include "support/temp_dir.hpp"

#include <archiver/config/config.hpp>

#include <catch2/catch.hpp>

using namespace archiver;
using archiver::testing::TempDir;
using archiver::testing::write_file;

namespace {

Result<Source> parse(const std::string& text) {
    return config::parse_source(text, "feeds.d/demo.toml", "demo", Source{});
}

} // namespace

TEST_CASE("A source file sets every key of SPEC section 3", "[config]") {
    auto s = parse(R"(
title = "亿欧"
url = "https://www.iyiou.com/news"
type = "html"
lang = "zh-CN"
timezone = "Asia/Shanghai"
categories = ["iyiou"]
tags = ["iyiou", "tech"]
interval = "30m"
full_text = true
max_items = 20
encoding = "gbk"
cookies = "a=b"
user_agent = "test-agent"
images = "local"
dedupe = "keep"
enabled = false
[headers]
Referer = "https://www.iyiou.com/"
[extract]
title = "h1.title"
body = "div.article-content"
remove = [".share", ".related"]
date_format = ["%Y-%m-%d %H:%M:%S"]
[list]
item = "ul.news li"
link = "a.title"
next = "a.next"
max_pages = 3
[front_matter]
menu = ""
comments = false
widgets = ["search", "recent"]
pager = true
)");
    REQUIRE(s);
    CHECK(s->name == "demo");
    CHECK(s->title == "亿欧");
    CHECK(s->type == SourceType::html);
    CHECK(s->timezone == "Asia/Shanghai");
    CHECK(s->tags == std::vector<std::string>{"iyiou", "tech"});
    CHECK(s->interval_seconds == 1800);
    CHECK(s->full_text == FullText::always);
    CHECK(s->max_items == 20);
    CHECK(s->images == ImageMode::local);
    CHECK(s->dedupe == DedupePolicy::keep);
    CHECK_FALSE(s->enabled);
    REQUIRE(s->headers.size() == 1);
    CHECK(s->headers[0].first == "Referer");
    CHECK(s->extract.remove.size() == 2);
    CHECK(s->list.max_pages == 3);
    // Front matter keeps the file's order, not the table's.
    REQUIRE(s->front_matter.size() == 4);
    CHECK(s->front_matter[0].first == "menu");
    CHECK(s->front_matter[1].first == "comments");
    CHECK(s->front_matter[2].first == "widgets");
    CHECK(s->front_matter[3].first == "pager");
    CHECK(std::get<bool>(s->front_matter[1].second) == false);
}

TEST_CASE("Config errors name the file, the line and the key", "[config]") {
    SECTION("unknown key") {
        auto s = parse("url = \"https://example.com/feed\"\nintervall = \"1h\"\n");
        REQUIRE_FALSE(s);
        CHECK(s.error().stage == Stage::config);
        CHECK(s.error().message.find("feeds.d/demo.toml:2") != std::string::npos);
        CHECK(s.error().message.find("intervall") != std::string::npos);
    }
    SECTION("unknown key in a table") {
        auto s = parse("url = \"https://example.com/feed\"\n[extract]\nbodyy = \"x\"\n");
        REQUIRE_FALSE(s);
        CHECK(s.error().message.find("extract.bodyy") != std::string::npos);
        CHECK(s.error().message.find(":3") != std::string::npos);
    }
    SECTION("wrong type") {
        auto s = parse("url = \"https://example.com/feed\"\nmax_items = \"ten\"\n");
        REQUIRE_FALSE(s);
        CHECK(s.error().message.find("max_items") != std::string::npos);
    }
    SECTION("bad enum value") {
        auto s = parse("url = \"https://example.com/feed\"\ntype = \"rss\"\n");
        REQUIRE_FALSE(s);
        CHECK(s.error().message.find("feed, html, json") != std::string::npos);
    }
    SECTION("syntax error") {
        auto s = parse("url = \"https://example.com/feed\n");
        REQUIRE_FALSE(s);
        CHECK(s.error().message.find("feeds.d/demo.toml:1") != std::string::npos);
    }
    SECTION("missing url") {
        auto s = parse("title = \"x\"\n");
        REQUIRE_FALSE(s);
        CHECK(s.error().message.find("url") != std::string::npos);
    }
    SECTION("only http and https") {
        auto s = parse("url = \"file:///etc/passwd\"\n");
        REQUIRE_FALSE(s);
        CHECK(s.error().message.find("http") != std::string::npos);
    }
    SECTION("unknown time zone") {
        auto s = parse("url = \"https://example.com/\"\ntimezone = \"Mars/Olympus\"\n");
        REQUIRE_FALSE(s);
        CHECK(s.error().message.find("Mars/Olympus") != std::string::npos);
    }
}

TEST_CASE("Source names that could escape the archive are refused", "[config]") {
    for (const char* name : {"../evil", "a/b", ".hidden", "", "con sole"}) {
        auto s = config::parse_source("name = \"" + std::string(name) + "\"\nurl = \"https://e.com/\"\n",
                                      "f.toml", "f", Source{});
        CHECK_FALSE(s);
    }
}

TEST_CASE("feeds.d is read in name order; invalid files are reported and skipped", "[config]") {
    TempDir home;
    write_file(home.path() / "feeds.d/b.toml", "url = \"https://b.example/feed\"\n");
    write_file(home.path() / "feeds.d/a.toml", "url = \"https://a.example/feed\"\ninterval = \"6h\"\n");
    write_file(home.path() / "feeds.d/bad.toml", "url = 3\n");
    write_file(home.path() / "feeds.d/notes.txt", "ignored");
    write_file(home.path() / "archiver.toml",
               "jobs = 4\ndate_format = \"%Y-%m-%dT%H:%M:%S%Ez\"\narchive_dir = \"store/md\"\n"
               "[defaults]\ntimezone = \"+08:00\"\ninterval = \"1h\"\n");
    auto paths = config::default_paths(home.path().string());
    auto global = config::load_global(paths);
    REQUIRE(global);
    CHECK(global->jobs == 4);
    CHECK(paths.archive_dir == home.path() / "store/md");
    auto loaded = config::load_sources(paths.feeds_dir, *global);
    REQUIRE(loaded.sources.size() == 2);
    CHECK(loaded.sources[0].name == "a");
    CHECK(loaded.sources[0].interval_seconds == 21600);
    CHECK(loaded.sources[1].interval_seconds == 3600); // from [defaults]
    CHECK(loaded.sources[1].timezone == "+08:00");
    REQUIRE(loaded.errors.size() == 1);
    CHECK(loaded.errors[0].message.find("bad.toml:1") != std::string::npos);
}

TEST_CASE("An invalid archiver.toml is an error naming the key", "[config]") {
    TempDir home;
    write_file(home.path() / "archiver.toml", "jobs = 0\n");
    auto paths = config::default_paths(home.path().string());
    auto global = config::load_global(paths);
    REQUIRE_FALSE(global);
    CHECK(global.error().message.find("jobs") != std::string::npos);
}

TEST_CASE("Without --config the XDG folders are used", "[config]") {
    setenv("XDG_CONFIG_HOME", "/tmp/xdg-config", 1);
    setenv("XDG_DATA_HOME", "/tmp/xdg-data", 1);
    auto p = config::default_paths("");
    CHECK(p.config_file == "/tmp/xdg-config/archiver/archiver.toml");
    CHECK(p.feeds_dir == "/tmp/xdg-config/archiver/feeds.d");
    CHECK(p.archive_dir == "/tmp/xdg-data/archiver/archive");
    CHECK(p.database == "/tmp/xdg-data/archiver/archiver.db");
    unsetenv("XDG_CONFIG_HOME");
    unsetenv("XDG_DATA_HOME");
}
