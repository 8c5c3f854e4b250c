// SPDX-License-Identifier: MIT
// Every shipped definition in feeds.d/ run over its fixtures through the real modules:
// the loader, the list parsers and the extractor.
#include "helpers.hpp"

#include <archiver/feed/parse.hpp>
#include <archiver/listing/listing.hpp>
#include <catch2/catch.hpp>
#include <string>

using namespace archiver;
using archiver::testing::body_text;
using archiver::testing::data_path;
using archiver::testing::ends_with_trimmed;
using archiver::testing::extract_with;
using archiver::testing::read_file;
using archiver::testing::shipped_source;
using archiver::testing::starts_with;
using archiver::testing::zone_of;

namespace {

std::string fixture(const std::string& relative) {
    return read_file(data_path("sources/" + relative));
}

void check_people_2024(const Source& source, const std::string& bytes) {
    auto article = extract_with(
        source, bytes, "http://politics.people.com.cn/n1/2024/0424/c1001-40223222.html");
    REQUIRE(article);
    CHECK(article->title == "促进航天技术更好惠及人民――习近平主席向首届“中国－拉美和加勒比国家航天"
                            "合作论坛”致贺信为中拉深化航天合作指明方向");
    CHECK(article->provenance["title"] == "selector");
    REQUIRE(article->date);
    CHECK(format_rfc3339(*article->date) == "2024-04-24T23:52:00+08:00");
    CHECK(article->provenance["date"] == "selector");
    const std::string text = body_text(*article);
    CAPTURE(text);
    CHECK(text.find("新华社北京4月24日电") < 20);
    CHECK(text.find("造福全人类。") != std::string::npos);
    CHECK(text.find("在会场内外引发热烈反响") != std::string::npos);
    for (const char* boilerplate : {"责编",
                                    "分享让更多人看到",
                                    "客户端下载",
                                    "小字号",
                                    "人民网+",
                                    "举报专区",
                                    "领导留言板"}) {
        CHECK(text.find(boilerplate) == std::string::npos);
    }
}

void check_people_2019(const Source& source, const std::string& bytes) {
    auto article = extract_with(
        source, bytes, "http://culture.people.com.cn/n1/2019/0615/c1013-31153719.html");
    REQUIRE(article);
    CHECK(article->title == "女儿出嫁，郑板桥画了几笔兰花当嫁妆");
    REQUIRE(article->date);
    CHECK(format_rfc3339(*article->date) == "2019-06-15T08:18:00+08:00");
    const std::string text = body_text(*article);
    CAPTURE(text);
    CHECK(text.find("父亲的教诲像一盏灯") != std::string::npos);
    CHECK(ends_with_trimmed(text, "字里行间都是对儿子的爱。"));
    for (const char* boilerplate : {"责编", "【1】", "【2】", "分享到", "站内检索", "点击进入"}) {
        CHECK(text.find(boilerplate) == std::string::npos);
    }
}

} // namespace

TEST_CASE("iyiou: the JSON endpoint fixture lists articles with +08:00 dates", "[sources][iyiou]") {
    const Source source = shipped_source("iyiou");
    CHECK(source.type == SourceType::json);
    CHECK(source.timezone == "Asia/Shanghai");
    CHECK(source.lang == "zh-CN");
    listing::ListOptions options;
    options.zone = zone_of(source);
    options.page = 1;
    options.base_url = listing::page_url(source.url, 1);
    auto page = listing::parse_json_list(
        fixture("iyiou/skill-info-page1.json"), source.json, source.url, options);
    REQUIRE(page);
    REQUIRE(page->entries.size() == 3);
    CHECK(*page->entries[0].link == "https://www.iyiou.com/news/202502071089688");
    CHECK(*page->entries[0].title == "人民日报专访李开复：期待中国AI-First应用崛起之年");
    CHECK(format_rfc3339(*page->entries[0].published) == "2025-02-07T12:20:46+08:00");
    CHECK(page->next_url == "https://api.iyiou.com/skill/info?page=2&pageSize=10");

    auto last = listing::parse_json_list(
        fixture("iyiou/skill-info-last.json"), source.json, source.url, options);
    REQUIRE(last);
    CHECK(last->entries.empty());
}

TEST_CASE("iyiou: the article template gives title, date and a clean body", "[sources][iyiou]") {
    const Source source = shipped_source("iyiou");
    auto article = extract_with(source,
                                fixture("iyiou/article-202502071089688.html"),
                                "https://www.iyiou.com/news/202502071089688");
    REQUIRE(article);
    CHECK(article->title == "人民日报专访李开复：期待中国AI-First应用崛起之年");
    REQUIRE(article->date);
    CHECK(format_rfc3339(*article->date) == "2025-02-07T12:20:46+08:00");
    CHECK(article->author == "李开复");
    const std::string text = body_text(*article);
    CAPTURE(text);
    CHECK(starts_with(text, "分享我与《人民日报》英文客户端的深度对谈。"));
    CHECK(ends_with_trimmed(text, "https://peoplesdaily.pdnews.cn/tech/er/30048032628"));
    for (const char* boilerplate :
         {"分享到", "版权归原作者所有", "扫码关注", "相关文章", "京ICP备"}) {
        CHECK(text.find(boilerplate) == std::string::npos);
    }
}

TEST_CASE("People's Daily: channel definitions load with the channel feed URLs",
          "[sources][people]") {
    for (const std::string channel : {"politics", "finance", "culture"}) {
        const Source source = shipped_source("peoples-daily-" + channel);
        CHECK(source.url == "http://www.people.com.cn/rss/" + channel + ".xml");
        CHECK(source.type == SourceType::feed);
        CHECK(source.full_text == FullText::always);
        CHECK(source.timezone == "Asia/Shanghai");
        CHECK(source.front_matter.size() == 10);
    }
}

TEST_CASE("People's Daily: channel feeds without guids and with date-only dates",
          "[sources][people]") {
    for (const std::string channel : {"politics", "finance", "culture"}) {
        const Source source = shipped_source("peoples-daily-" + channel);
        feed::ParseOptions options;
        options.base_url = source.url;
        options.zone = zone_of(source);
        auto doc = feed::parse_feed(fixture("people/" + channel + "-feed.xml"), options);
        REQUIRE(doc);
        REQUIRE(doc->entries.size() == 5);
        for (const Entry& e : doc->entries) {
            REQUIRE(e.link);
            CHECK(starts_with(*e.link, "http://" + channel + ".people.com.cn/n1/"));
            REQUIRE(e.published);
            // "2022-03-30": midnight in the source's zone.
            CHECK(format_rfc3339(*e.published).substr(10) == "T00:00:00+08:00");
            CHECK(e.title);
        }
    }
    const Source politics = shipped_source("peoples-daily-politics");
    feed::ParseOptions options;
    options.base_url = politics.url;
    options.zone = zone_of(politics);
    auto doc = feed::parse_feed(fixture("people/politics-feed.xml"), options);
    REQUIRE(doc);
    CHECK(*doc->entries[0].title == "时政微视频丨树木·树人");
    CHECK(format_rfc3339(*doc->entries[0].published) == "2022-03-30T00:00:00+08:00");
    // No guid in the feed: the id is stable across parses and differs between items.
    auto again = feed::parse_feed(fixture("people/politics-feed.xml"), options);
    REQUIRE(again);
    CHECK(doc->entries[0].id == again->entries[0].id);
    CHECK(doc->entries[0].id != doc->entries[1].id);
}

TEST_CASE("People's Daily: the 2024 article template, UTF-8 and GBK bytes", "[sources][people]") {
    const Source source = shipped_source("peoples-daily-politics");
    SECTION("UTF-8 bytes that declare GB2312") {
        check_people_2024(source, fixture("people/article-2024.html"));
    }
    SECTION("GBK bytes") {
        check_people_2024(source, fixture("people/article-2024.gbk.html"));
    }
}

TEST_CASE("People's Daily: the 2019 article template, UTF-8 and GBK bytes", "[sources][people]") {
    const Source source = shipped_source("peoples-daily-culture");
    SECTION("UTF-8 bytes that declare GB2312") {
        check_people_2019(source, fixture("people/article-2019.html"));
    }
    SECTION("GBK bytes") {
        check_people_2019(source, fixture("people/article-2019.gbk.html"));
    }
}

TEST_CASE("en.people.cn: the front page lists /n3/ articles, the template extracts cleanly",
          "[sources][en-people]") {
    const Source source = shipped_source("en-people");
    listing::ListOptions options;
    options.base_url = source.url;
    options.zone = zone_of(source);
    auto page = listing::parse_html_list(fixture("en-people/index.html"), source.list, options);
    REQUIRE(page);
    REQUIRE(page->entries.size() == 3);
    CHECK(*page->entries[0].link == "http://en.people.cn/n3/2024/0425/c90000-20161189.html");
    CHECK(*page->entries[1].title ==
          "Chinese, Latin American experts hail space cooperation forum");

    auto article = extract_with(source,
                                fixture("en-people/article.html"),
                                "http://en.people.cn/n3/2024/0425/c90000-20161190.html");
    REQUIRE(article);
    CHECK(article->title == "Chinese, Latin American experts hail space cooperation forum");
    REQUIRE(article->date);
    // The byline states "10:12, April 25, 2024": the time is written before the date.
    CHECK(format_rfc3339(*article->date) == "2024-04-25T10:12:00+08:00");
    CHECK(article->date->offset == 8 * 3600);
    const std::string text = body_text(*article);
    CAPTURE(text);
    CHECK(starts_with(text, "BEIJING, April 24 (Xinhua) -- Experts from China"));
    CHECK(ends_with_trimmed(text, "young space professionals in the years ahead."));
    for (const char* boilerplate : {"Web editor", "Share:", "Related Stories", "Copyright"}) {
        CHECK(text.find(boilerplate) == std::string::npos);
    }
}

TEST_CASE("pdnews: the front page lists /er/ articles, the template extracts cleanly",
          "[sources][pdnews]") {
    const Source source = shipped_source("pdnews");
    listing::ListOptions options;
    options.base_url = source.url;
    options.zone = zone_of(source);
    auto page = listing::parse_html_list(fixture("pdnews/index.html"), source.list, options);
    REQUIRE(page);
    REQUIRE(page->entries.size() == 3);
    CHECK(*page->entries[0].link == "https://peoplesdaily.pdnews.cn/tech/er/30048032628");
    CHECK(*page->entries[0].title == "Kai-Fu Lee: 2025 will be the year of AI-first applications");
    CHECK(format_rfc3339(*page->entries[0].published) == "2025-02-06T18:00:00+08:00");

    auto article = extract_with(source,
                                fixture("pdnews/article.html"),
                                "https://peoplesdaily.pdnews.cn/tech/er/30048032628");
    REQUIRE(article);
    CHECK(article->title == "Kai-Fu Lee: 2025 will be the year of AI-first applications");
    REQUIRE(article->date);
    CHECK(format_rfc3339(*article->date) == "2025-02-06T18:00:00+08:00");
    const std::string text = body_text(*article);
    CAPTURE(text);
    CHECK(starts_with(text, "Generative AI, represented by large models"));
    CHECK(ends_with_trimmed(text, "the wisdom to figure out what to do."));
    for (const char* boilerplate :
         {"Share to", "Download the People's Daily app", "Recommended", "Harbin"}) {
        CHECK(text.find(boilerplate) == std::string::npos);
    }
}
