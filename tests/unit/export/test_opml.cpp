// SPDX-License-Identifier: MIT
#include "support/temp_dir.hpp"

#include <archiver/config/config.hpp>
#include <archiver/export/export.hpp>

#include <catch2/catch.hpp>

using archiver::exporter::parse_opml;
using archiver::exporter::source_file_text;
using archiver::testing::data_path;
using archiver::testing::read_file;

TEST_CASE("OPML from newsboat and miniflux yields every feed with its folders", "[export][opml]") {
    const auto newsboat = parse_opml(read_file(data_path("export/opml/newsboat.opml")));
    REQUIRE(newsboat);
    REQUIRE(newsboat->size() == 2);
    CHECK((*newsboat)[1].title == "人民网 时政");
    CHECK((*newsboat)[1].categories.empty());

    const auto miniflux = parse_opml(read_file(data_path("export/opml/miniflux.opml")));
    REQUIRE(miniflux);
    REQUIRE(miniflux->size() == 4);
    CHECK((*miniflux)[0].title == "Ars & \"Technica\"");
    CHECK((*miniflux)[0].categories == std::vector<std::string>{"Tech"});
    CHECK((*miniflux)[2].xml_url == "https://www.iyiou.com/rss");
    CHECK((*miniflux)[2].categories == std::vector<std::string>{"News", "China"});
}

TEST_CASE("Malformed OPML is an error, not a crash", "[export][opml]") {
    CHECK_FALSE(parse_opml("<opml><body><outline"));
    CHECK_FALSE(parse_opml("<html/>"));
    // No entity expansion: a billion-laughs document stays small and fails or is empty.
    const auto bomb = parse_opml(
        "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
        "\"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><opml><body><outline text=\"&b;\" "
        "xmlUrl=\"https://x.example/&b;\"/></body></opml>");
    if (bomb) {
        for (const auto& f : *bomb) {
            CHECK(f.xml_url.size() < 100);
        }
    }
}

TEST_CASE("An imported feed becomes a source file the config loader accepts", "[export][opml]") {
    archiver::exporter::OpmlFeed feed{"Ars & \"Technica\"\n\\", "https://feeds.arstechnica.com/a",
                                      "https://arstechnica.com", {"Tech", "新闻"}};
    const std::string text = source_file_text(feed);
    const auto source = archiver::config::parse_source(text, "ars.toml", "ars", archiver::Source{});
    REQUIRE(source);
    CHECK(source->name == "ars");
    CHECK(source->title == feed.title);
    CHECK(source->url == feed.xml_url);
    CHECK(source->type == archiver::SourceType::feed);
    CHECK(source->categories == feed.categories);
}
