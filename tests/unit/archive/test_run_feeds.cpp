// SPDX-License-Identifier: MIT
// `archive::run` over feeds served by a real HTTP server on 127.0.0.1, entries archived from
// the feeds themselves (full_text = never), with a real index and archive in a temp folder.
#include <archiver/archive/run.hpp>
#include <archiver/store/store.hpp>

#include <support/loopback_server.hpp>
#include <support/temp_dir.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

using namespace archiver;

namespace {

struct Item {
    std::string guid, link, text;
};

// An RSS 2.0 feed of `items`, each with a title and its text as the description.
std::string rss(const std::vector<Item>& items) {
    std::string xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>"
                      "<title>t</title><link>http://example.com/</link>";
    int n = 0;
    for (const auto& it : items) {
        xml += "<item><title>Item " + std::to_string(++n) + " " + it.guid + "</title><link>" +
               it.link + "</link><guid isPermaLink=\"false\">" + it.guid +
               "</guid><pubDate>Mon, 02 Feb 2026 10:00:00 +0000</pubDate><description>" +
               it.text + "</description></item>";
    }
    return xml + "</channel></rss>";
}

// A body of its own for `key` (40 words drawn from a vocabulary by a generator seeded with
// the key), unrelated to any other key's: long enough for the hash and near-duplicate rules.
std::string text_of(const std::string& key) {
    static const char* const k_words[] = {
        "harbour", "library", "budget",  "council", "bridge",  "river",   "school",  "market",
        "railway", "garden",  "museum",  "theatre", "stadium", "airport", "hospital", "forest",
        "village", "castle",  "tower",   "canal",   "island",  "valley",  "factory", "orchard",
        "meadow",  "chapel",  "quarry",  "harvest", "festival", "election", "weather", "tunnel",
        "ferry",   "lighthouse", "mill",  "square",  "avenue",  "station", "pier",    "beacon"};
    std::uint64_t state = 1469598103934665603ull;
    for (const char c : key) {
        state = (state ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    }
    std::string text = "Report " + key + ":";
    for (int i = 0; i < 40; ++i) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        text += ' ';
        text += k_words[(state >> 33) % (sizeof k_words / sizeof k_words[0])];
    }
    return text + ".";
}

Source feed_source(const std::string& name, const std::string& url) {
    Source s;
    s.name = name;
    s.url = url;
    s.type = SourceType::feed;
    s.full_text = FullText::never;
    s.timezone = "UTC";
    return s;
}

archive::RunContext context(const archiver::testing::TempDir& dir) {
    archive::RunContext ctx;
    ctx.paths.config_dir = dir.path();
    ctx.paths.data_dir = dir.path();
    ctx.paths.archive_dir = dir.path() / "archive";
    ctx.paths.database = dir.path() / "archiver.db";
    ctx.paths.lock_file = dir.path() / "archiver.lock";
    ctx.global.jobs = 2;
    ctx.global.per_host = 2;
    return ctx;
}

int markdown_files(const std::filesystem::path& root) {
    int n = 0;
    if (!std::filesystem::exists(root)) {
        return 0;
    }
    for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
        n += e.is_regular_file() && e.path().extension() == ".md" ? 1 : 0;
    }
    return n;
}

const archive::SourceReport& report_of(const archive::RunReport& r, const std::string& name) {
    for (const auto& s : r.sources) {
        if (s.name == name) {
            return s;
        }
    }
    FAIL("no report for " << name);
    throw std::logic_error("unreachable");
}

} // namespace

TEST_CASE("A run over many more feeds than it reads at once archives every entry once",
          "[archive][run]") {
    archiver::testing::LoopbackServer server;
    archiver::testing::TempDir dir;
    auto ctx = context(dir);
    constexpr int k_feeds = 40; // several times the sources a run reads at once
    constexpr int k_items = 6;
    for (int f = 0; f < k_feeds; ++f) {
        std::vector<Item> items;
        for (int i = 0; i < k_items; ++i) {
            const std::string key = "f" + std::to_string(f) + "i" + std::to_string(i);
            items.push_back({key, server.url("/a/" + key), text_of(key)});
        }
        const std::string path = "/feed" + std::to_string(f) + ".xml";
        server.add_route(path, archiver::testing::Reply{
                                   200, {{"Content-Type", "application/rss+xml"}}, rss(items), {}});
        ctx.sources.push_back(feed_source("feed" + std::to_string(f), server.url(path)));
    }
    archive::RunOptions options;
    const auto first = archive::run(ctx, options);
    CHECK(first.exit_code() == 0);
    CHECK(first.added() == k_feeds * k_items);
    CHECK(first.duplicates() == 0);
    CHECK(markdown_files(ctx.paths.archive_dir) == k_feeds * k_items);
    for (int f = 0; f < k_feeds; ++f) {
        const auto& r = report_of(first, "feed" + std::to_string(f));
        CHECK(r.ok);
        CHECK(r.added == k_items);
    }
    {
        auto store = store::Store::open(ctx.paths.database, store::OpenMode::read_only);
        CHECK(store.list({}).size() == static_cast<std::size_t>(k_feeds * k_items));
        CHECK(store.has_articles("feed0"));
        CHECK_FALSE(store.has_articles("feed-none"));
    }
    // Again: every entry is known, nothing is added or written.
    options.force = archive::Force::yes;
    const auto second = archive::run(ctx, options);
    CHECK(second.added() == 0);
    CHECK(second.duplicates() == 0);
    CHECK(markdown_files(ctx.paths.archive_dir) == k_feeds * k_items);
}

TEST_CASE("A new source skips an item an earlier run judged a duplicate, and dedupes the rest",
          "[archive][run]") {
    archiver::testing::LoopbackServer server;
    archiver::testing::TempDir dir;
    auto ctx = context(dir);
    auto serve = [&](const std::string& path, const std::vector<Item>& items) {
        server.add_route(path, archiver::testing::Reply{
                                   200, {{"Content-Type", "application/rss+xml"}}, rss(items), {}});
    };
    const Item original{"a-1", server.url("/a/1"), text_of("harbour")};
    const Item copy{"b-1", server.url("/b/1"), text_of("harbour")}; // same text, own URL
    serve("/a.xml", {original});
    serve("/b.xml", {copy});
    archive::RunOptions options;
    options.force = archive::Force::yes;

    ctx.sources = {feed_source("a", server.url("/a.xml"))};
    CHECK(archive::run(ctx, options).added() == 1);
    ctx.sources.push_back(feed_source("b", server.url("/b.xml")));
    const auto second = archive::run(ctx, options);
    CHECK(report_of(second, "b").duplicates == 1); // skipped (dedupe = skip), decision kept
    CHECK(markdown_files(ctx.paths.archive_dir) == 1);

    // A source the index has no article of: the skipped copy's URL is not taken again, the
    // original's URL is a duplicate by URL, a new item is added.
    serve("/c.xml", {{"c-1", copy.link, text_of("harbour")},
                     {"c-2", original.link, text_of("quay")},
                     {"c-3", server.url("/c/3"), text_of("market")}});
    ctx.sources.push_back(feed_source("c", server.url("/c.xml")));
    const auto third = archive::run(ctx, options);
    const auto& c = report_of(third, "c");
    CHECK(c.ok);
    CHECK(c.items_seen == 3);
    CHECK(c.unchanged == 1);
    CHECK(c.duplicates == 1);
    CHECK(c.added == 1);
    CHECK(markdown_files(ctx.paths.archive_dir) == 2);
}
