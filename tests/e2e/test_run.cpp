// SPDX-License-Identifier: MIT
// `archiver run` end to end: the real binary, a loopback HTTP server, a real SQLite file and
// real consumers (PyYAML, cmark-gfm) checking what was written.
#define CATCH_CONFIG_MAIN
#include "archiver_home.hpp"
#include "process.hpp"
#include "support/loopback_server.hpp"
#include "support/temp_dir.hpp"

#include <archiver/archive/lock.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <set>

using namespace archiver;
using namespace archiver::testing;
namespace fs = std::filesystem;

namespace {

// Serves `file` from tests/data/e2e/site with {{BASE}} replaced by the server's URL, with
// an ETag so a second run can get a 304.
void serve_template(LoopbackServer& server, const std::string& path, const std::string& file,
                    const std::string& type) {
    const std::string body =
        replace_all(read_file(data_path("e2e/site/" + file)), "{{BASE}}", server.url(""));
    const std::string etag = "\"" + std::to_string(std::hash<std::string>{}(body)) + "\"";
    server.add_handler(path, [body, etag, type](const RecordedRequest& req) {
        if (req.header("If-None-Match") == etag) {
            return Reply{304, {{"ETag", etag}}, "", {}};
        }
        return Reply{200, {{"Content-Type", type}, {"ETag", etag}}, body, {}};
    });
}

struct Fixture : ArchiverHome {
    LoopbackServer server;

    Fixture() {
        serve_template(server, "/feed.xml", "feed.xml", "application/rss+xml; charset=utf-8");
        serve_template(server, "/atom.xml", "atom.xml", "application/atom+xml");
        server.serve_directory("/articles", data_path("e2e/site/articles").string());
    }
};

} // namespace

TEST_CASE("run archives every article of a feed and a second run adds nothing", "[e2e]") {
    Fixture f;
    f.add_source("gazette", "title = \"Loopback Gazette\"\nurl = \"" + f.server.url("/feed.xml") +
                                "\"\ntimezone = \"UTC\"\ncategories = [\"news\"]\n");
    f.add_source("science", "url = \"" + f.server.url("/atom.xml") + "\"\nfull_text = false\n");

    auto first = f.archiver({"run"});
    INFO(first.err);
    REQUIRE(first.exit_code == 0);
    CHECK(first.out.empty());
    CHECK(first.err.find("4 new") != std::string::npos);

    auto archive = f.check_archive();
    INFO(archive.dump(2));
    CHECK(archive["errors"].empty());
    REQUIRE(archive["files"].size() == 4);
    std::set<std::string> titles;
    for (const auto& file : archive["files"]) {
        const auto& fm = file["front_matter"];
        titles.insert(fm["title"].get<std::string>());
        CHECK(fm["id"].is_number_integer());
        CHECK(fm["source_url"].get<std::string>().rfind("http://127.0.0.1:", 0) == 0);
        CHECK(fm.contains("content_hash"));
        CHECK(fm.contains("fetched"));
        CHECK_FALSE(fm.contains("url")); // reserved by Hugo
    }
    CHECK(titles == std::set<std::string>{"City council approves new riverside park",
                                          "Local bakery wins national bread award",
                                          "Library extends weekend opening hours",
                                          "Telescope spots a comet with two tails"});
    const fs::path park = f.home.path() / "archive/gazette/2025/02";
    CHECK(fs::exists(park));
    bool found = false;
    for (const auto& e : fs::directory_iterator(park)) {
        const std::string name = e.path().filename().string();
        if (name.rfind("2025-02-03-", 0) == 0) {
            found = true;
            const std::string text = read_file(e.path());
            CHECK(text.find("title: \"City council approves new riverside park\"") != std::string::npos);
            CHECK(text.find("date: \"2025-02-03 09:15:00\"") != std::string::npos);
            CHECK(text.find("  - \"news\"") != std::string::npos);
            CHECK(text.find("**maintenance**") != std::string::npos);
            CHECK(text.find("*new housing*") != std::string::npos);
            CHECK(text.find("## What happens next") != std::string::npos);
            CHECK(text.find("Share on Facebook") == std::string::npos);
            CHECK(text.find("All rights reserved") == std::string::npos);
            CHECK(text.find("utm_source") == std::string::npos);
        }
    }
    CHECK(found);
    const int page_hits = f.server.hits("/articles/riverside-park.html");
    CHECK(page_hits == 1);

    f.server.clear_log();
    auto second = f.archiver({"run", "-v"});
    INFO(second.err);
    CHECK(second.exit_code == 0);
    CHECK(second.err.find("0 new") != std::string::npos);
    CHECK(f.check_archive()["files"].size() == 4);
    // Conditional requests: the feed answered 304 and no article page was fetched again.
    auto feed_requests = f.server.requests("/feed.xml");
    REQUIRE(feed_requests.size() == 1);
    CHECK_FALSE(feed_requests[0].header("If-None-Match").empty());
    CHECK(f.server.hits("/articles/riverside-park.html") == 0);
}

TEST_CASE("a failing source is reported with its URL and the others are archived", "[e2e]") {
    Fixture f;
    f.add_source("gazette", "url = \"" + f.server.url("/feed.xml") + "\"\n");
    f.add_source("broken", "url = \"" + f.server.url("/missing.xml") + "\"\n");
    auto r = f.archiver({"run"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("[broken] FAIL (fetch) " + f.server.url("/missing.xml")) != std::string::npos);
    CHECK(r.err.find("404") != std::string::npos);
    CHECK(f.check_archive()["files"].size() == 3);
}

TEST_CASE("an invalid source file is skipped with file, line and key named", "[e2e]") {
    Fixture f;
    f.add_source("gazette", "url = \"" + f.server.url("/feed.xml") + "\"\n");
    f.add_source("typo", "url = \"" + f.server.url("/atom.xml") + "\"\nintervall = \"1h\"\n");
    auto r = f.archiver({"run"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("typo.toml:2") != std::string::npos);
    CHECK(r.err.find("intervall") != std::string::npos);
    CHECK(f.check_archive()["files"].size() == 3);
}

TEST_CASE("a run exits with 3 while another holds the archive lock", "[e2e]") {
    Fixture f;
    f.add_source("gazette", "url = \"" + f.server.url("/feed.xml") + "\"\n");
    long holder = 0;
    auto lock = archive::ArchiveLock::acquire(f.home.path() / "archiver.lock",
                                              archive::LockWait::no, &holder);
    REQUIRE(lock);
    auto r = f.archiver({"run"});
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("locked") != std::string::npos);
    CHECK(f.server.hits() == 0);
}

TEST_CASE("dry-run changes nothing and json prints the items", "[e2e]") {
    Fixture f;
    f.add_source("gazette", "url = \"" + f.server.url("/feed.xml") + "\"\n");
    auto dry = f.archiver({"run", "--dry-run", "--json"});
    INFO(dry.err);
    CHECK(dry.exit_code == 0);
    CHECK_FALSE(fs::exists(f.home.path() / "archive"));
    CHECK_FALSE(fs::exists(f.home.path() / "archiver.db"));
    int lines = 0;
    for (std::size_t pos = 0, nl; (nl = dry.out.find('\n', pos)) != std::string::npos; pos = nl + 1) {
        auto item = nlohmann::json::parse(dry.out.substr(pos, nl - pos));
        CHECK(item.contains("path"));
        CHECK(item.contains("markdown"));
        CHECK(item["source"] == "gazette");
        ++lines;
    }
    CHECK(lines == 3);
    auto real = f.archiver({"run", "--json"});
    CHECK(real.exit_code == 0);
    CHECK(f.check_archive()["files"].size() == 3);
}

TEST_CASE("images = local keeps images beside the article and hugo renders them", "[e2e]") {
    Fixture f;
    f.server.serve_directory("/images", data_path("e2e/site/images").string());
    f.add_source("gazette", "url = \"" + f.server.url("/feed.xml") + "\"\nimages = \"local\"\n");
    auto r = f.archiver({"run"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(f.check_archive()["errors"].empty());
    int bundles = 0;
    for (const auto& e : fs::recursive_directory_iterator(f.home.path() / "archive")) {
        if (e.path().filename() != "index.md") {
            continue;
        }
        ++bundles;
        const std::string text = read_file(e.path());
        const auto at = text.find("![An illustration](");
        REQUIRE(at != std::string::npos);
        const auto end = text.find(')', at);
        const std::string name = text.substr(at + 19, end - at - 19);
        INFO(name);
        CHECK(name.find('/') == std::string::npos); // a file of the bundle, not a URL
        CHECK(name.size() == 20);                   // 16 hex digits + ".png"
        CHECK(fs::file_size(e.path().parent_path() / name) > 0);
    }
    CHECK(bundles == 3);
    CHECK(f.server.hits("/images/riverside-park.png") == 1);

    const fs::path site = f.home.path() / "site";
    auto exported = f.archiver({"export", "--format", "hugo", "--output", site.string()});
    INFO(exported.err);
    REQUIRE(exported.exit_code == 0);
    auto hugo = run_process({"hugo", "--source", site.string(), "--quiet"});
    INFO(hugo.out << hugo.err);
    REQUIRE(hugo.exit_code == 0);
    int rendered_images = 0;
    for (const auto& e : fs::recursive_directory_iterator(site / "public")) {
        if (e.path().extension() == ".png") {
            ++rendered_images;
            CHECK(fs::exists(e.path().parent_path() / "index.html"));
        }
    }
    CHECK(rendered_images == 3);
}
