// SPDX-License-Identifier: MIT
#include "fixture_archive.hpp"

#include <archiver/archive/record.hpp>
#include <archiver/export/reindex.hpp>

using archiver::store::ListQuery;
using archiver::testing::FixtureArchive;

namespace {

// What `list` shows of each article, and what dedupe needs, in list order.
std::vector<std::string> listing(const archiver::store::Store& store) {
    std::vector<std::string> out;
    for (const auto& r : store.list({})) {
        out.push_back(std::to_string(r.id) + "|" + r.source + "|" + r.title + "|" + r.path +
                      "|" + (r.date ? archiver::format_rfc3339(*r.date) : "") + "|" +
                      r.source_url + "|" + r.content_hash + "|" +
                      std::to_string(r.duplicate_of.value_or(0)) + "|" + r.duplicate_reason);
    }
    return out;
}

} // namespace

TEST_CASE("Reindex rebuilds articles, duplicates, revisions and search from the files",
          "[export][reindex]") {
    FixtureArchive fx;
    const auto copy = fx.store.get_article(3);
    REQUIRE(copy);
    CHECK(copy->duplicate_of == 1);
    CHECK(copy->duplicate_reason == "near:5");
    const auto decision = fx.store.decision_for_article(3);
    REQUIRE(decision);
    CHECK(decision->reason == "near:5");
    REQUIRE(fx.store.revisions(4).size() == 1);
    CHECK(fx.store.revisions(4)[0].previous_hash == "sha256:en-4-old");
    ListQuery q;
    q.text = "人工智能";
    CHECK(fx.store.search(q).size() == 2);
    // The temporary file of an interrupted write is not an article.
    CHECK_FALSE(fx.store.path_taken("en/2025/03/.2025-03-03-partial.md.tmp"));
}

TEST_CASE("Reindex gives the same listing as the index it replaces", "[export][reindex]") {
    FixtureArchive fx;
    // Operational state and an index that drifted from the files.
    fx.store.put_http_cache("https://x.example/feed", {"e", "", ""});
    auto stray = fx.store.get_article(2).value();
    stray.title = "edited in the index only";
    REQUIRE(fx.store.update_article(stray, stray.content_hash, 1));
    const auto before = listing(fx.store);

    archiver::exporter::ReindexOptions options;
    options.archive_root = fx.root;
    const auto report = archiver::exporter::reindex(fx.store, options);
    CHECK(report.articles == 5);
    CHECK(report.duplicates == 1);
    CHECK(report.revisions == 1);
    auto after = listing(fx.store);
    CHECK(after != before); // the drift is gone: the files decide
    CHECK(fx.store.get_article(2)->title == "国务院常务会议部署推进设备更新");
    CHECK_FALSE(fx.store.http_cache("https://x.example/feed"));
    // Twice in a row: identical.
    archiver::exporter::reindex(fx.store, options);
    CHECK(listing(fx.store) == after);
    // Ids stay reserved: a new article never reuses one.
    CHECK(fx.store.next_article_id() > 5);
}

TEST_CASE("Reindex reads dates in the source's time zone", "[export][reindex]") {
    FixtureArchive fx;
    archiver::exporter::ReindexOptions options;
    options.archive_root = fx.root;
    options.zone_of = [](const std::string& source) {
        return source == "iyiou" ? *archiver::TimeZone::from_name("Asia/Shanghai")
                                 : archiver::TimeZone();
    };
    archiver::exporter::reindex(fx.store, options);
    const auto a = fx.store.get_article(1);
    REQUIRE(a->date);
    CHECK(archiver::format_rfc3339(*a->date) == "2025-02-07T12:20:46+08:00");
}

TEST_CASE("Files that cannot be indexed are reported, the rest indexed", "[export][reindex]") {
    FixtureArchive fx;
    archiver::testing::write_file(fx.root / "en/2025/03/no-id.md",
                                  "---\ntitle: \"x\"\n---\n\nbody\n");
    archiver::testing::write_file(fx.root / "en/2025/03/same-id.md",
                                  "---\ntitle: \"x\"\nid: 4\n---\n\nbody\n");
    archiver::testing::write_file(fx.root / "en/2025/03/broken.md", "---\ntitle: [\n---\n");
    archiver::exporter::ReindexOptions options;
    options.archive_root = fx.root;
    const auto report = archiver::exporter::reindex(fx.store, options);
    CHECK(report.articles == 5);
    CHECK(report.skipped.size() == 3);
}
