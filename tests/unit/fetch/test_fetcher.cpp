// SPDX-License-Identifier: MIT
#include "support/loopback_server.hpp"
#include "unit/fetch/fetch_test_util.hpp"

#include <archiver/fetch/fetcher.hpp>
#include <catch2/catch.hpp>
#include <map>

using namespace archiver;
using archiver::testing::LoopbackServer;
using archiver::testing::Reply;
using archiver::testing::request_for;
using archiver::testing::test_options;

TEST_CASE("Fetcher returns the body, type and charset of a 200", "[fetch]") {
    LoopbackServer server;
    server.add_route("/feed.xml", "<rss/>", "application/rss+xml; charset=\"GBK\"");
    fetch::Fetcher fetcher(test_options());
    auto r = fetcher.get(request_for(server.url("/feed.xml")));
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(r->body == "<rss/>");
    CHECK(r->content_type == "application/rss+xml; charset=\"GBK\"");
    CHECK(r->charset == "gbk");
    CHECK(r->url == server.url("/feed.xml"));
    CHECK_FALSE(r->not_modified);
    CHECK(r->permanent_redirect.empty());
    CHECK(r->attempts == 1);
    CHECK(fetcher.bytes_received() == 6);
    CHECK(server.hits("/feed.xml") == 1);
}

TEST_CASE("Fetcher sends the User-Agent, extra headers, cookies and Accept-Encoding", "[fetch]") {
    LoopbackServer server;
    server.add_route("/a", "ok");
    auto options = test_options();
    options.user_agent = "archiver-test/1.0 (+mailto:ops@example.org)";
    fetch::Fetcher fetcher(options);

    SECTION("the configured User-Agent by default") {
        auto request = request_for(server.url("/a"));
        request.headers = {{"Accept-Language", "zh-CN"}, {"X-Token", "s3cret"}};
        request.cookies = "session=abc; lang=zh";
        REQUIRE(fetcher.get(request));
        auto seen = server.requests("/a").at(0);
        CHECK(seen.method == "GET");
        CHECK(seen.header("User-Agent") == "archiver-test/1.0 (+mailto:ops@example.org)");
        CHECK(seen.header("Accept-Language") == "zh-CN");
        CHECK(seen.header("X-Token") == "s3cret");
        CHECK(seen.header("Cookie") == "session=abc; lang=zh");
        auto encodings = seen.header("Accept-Encoding");
        CHECK_THAT(encodings,
                   Catch::Contains("gzip") && Catch::Contains("deflate") && Catch::Contains("br"));
        CHECK_FALSE(seen.has_header("If-None-Match"));
        CHECK_FALSE(seen.has_header("If-Modified-Since"));
    }
    SECTION("a per-request User-Agent overrides it") {
        auto request = request_for(server.url("/a"));
        request.user_agent = "special/2";
        REQUIRE(fetcher.get(request));
        CHECK(server.requests("/a").at(0).header("User-Agent") == "special/2");
    }
}

TEST_CASE("Fetcher sends If-None-Match and If-Modified-Since when validators are stored",
          "[fetch]") {
    LoopbackServer server;
    server.add_handler("/feed", [](const testing::RecordedRequest& req) {
        if (req.header("If-None-Match") == "\"v1\"") {
            return Reply{304, {}, "", {}};
        }
        return Reply{200,
                     {{"Content-Type", "application/xml"},
                      {"ETag", "\"v1\""},
                      {"Last-Modified", "Sat, 01 Feb 2025 10:00:00 GMT"}},
                     "<feed/>",
                     {}};
    });
    fetch::Fetcher fetcher(test_options());

    auto first = fetcher.get(request_for(server.url("/feed")));
    REQUIRE(first);
    CHECK(first->status == 200);
    CHECK(first->etag == "\"v1\"");
    CHECK(first->last_modified == "Sat, 01 Feb 2025 10:00:00 GMT");

    auto again = request_for(server.url("/feed"));
    again.etag = first->etag;
    again.last_modified = first->last_modified;
    auto second = fetcher.get(again);
    REQUIRE(second);
    CHECK(second->not_modified);
    CHECK(second->status == 304);
    CHECK(second->body.empty());
    // The validators are handed back even though the 304 did not repeat them.
    CHECK(second->etag == "\"v1\"");
    CHECK(second->last_modified == "Sat, 01 Feb 2025 10:00:00 GMT");

    auto seen = server.requests("/feed").at(1);
    CHECK(seen.header("If-None-Match") == "\"v1\"");
    CHECK(seen.header("If-Modified-Since") == "Sat, 01 Feb 2025 10:00:00 GMT");
}

TEST_CASE("Fetcher reports HTTP errors as errors naming the URL and status", "[fetch]") {
    LoopbackServer server;
    server.add_route("/gone", Reply{410, {}, "gone", {}});
    fetch::Fetcher fetcher(test_options());
    auto r = fetcher.get(request_for(server.url("/gone")));
    REQUIRE_FALSE(r);
    CHECK(r.error().stage == Stage::fetch);
    CHECK(r.error().message == server.url("/gone") + ": HTTP 410 Gone");
    // A client error is not retried.
    CHECK(server.hits("/gone") == 1);
}

TEST_CASE("Fetcher refuses URLs that are not http or https", "[fetch]") {
    fetch::Fetcher fetcher(test_options());
    for (std::string bad : {"file:///etc/passwd", "ftp://example.org/x", "gopher://h/", "/rel"}) {
        auto r = fetcher.get(request_for(bad));
        REQUIRE_FALSE(r);
        CHECK(r.error().message == bad + ": not an http or https URL; refused");
    }
}

TEST_CASE("Fetcher runs many transfers and calls back once for each", "[fetch]") {
    LoopbackServer server;
    for (int i = 0; i < 20; ++i) {
        server.add_route("/item/" + std::to_string(i), "body " + std::to_string(i));
    }
    server.add_route("/missing", Reply{404, {}, "", {}});
    fetch::Fetcher fetcher(test_options());
    std::map<std::string, std::string> bodies;
    int failures = 0;
    for (int i = 0; i < 20; ++i) {
        fetcher.submit(request_for(server.url("/item/" + std::to_string(i))),
                       [&bodies](Result<fetch::Response> r) {
                           REQUIRE(r);
                           bodies[r->url] = r->body;
                       });
    }
    fetcher.submit(request_for(server.url("/missing")), [&failures](Result<fetch::Response> r) {
        CHECK_FALSE(r);
        ++failures;
    });
    fetcher.run();
    REQUIRE(bodies.size() == 20);
    for (int i = 0; i < 20; ++i) {
        CHECK(bodies[server.url("/item/" + std::to_string(i))] == "body " + std::to_string(i));
    }
    CHECK(failures == 1);
}

TEST_CASE("Callbacks may submit further requests during run", "[fetch]") {
    LoopbackServer server;
    server.add_route("/list", "/article");
    server.add_route("/article", "text");
    fetch::Fetcher fetcher(test_options());
    std::string article;
    fetcher.submit(request_for(server.url("/list")), [&](Result<fetch::Response> list) {
        REQUIRE(list);
        fetcher.submit(request_for(server.url(list->body)), [&](Result<fetch::Response> r) {
            REQUIRE(r);
            article = r->body;
        });
    });
    fetcher.run();
    CHECK(article == "text");
}

TEST_CASE("Fetcher keeps to the per-host connection limit", "[fetch]") {
    LoopbackServer server;
    for (int i = 0; i < 12; ++i) {
        server.add_route("/slow/" + std::to_string(i),
                         Reply{200, {}, "x", std::chrono::milliseconds(30)});
    }
    auto options = test_options();
    options.max_total = 8;
    options.max_per_host = 3;
    fetch::Fetcher fetcher(options);
    int ok = 0;
    for (int i = 0; i < 12; ++i) {
        fetcher.submit(request_for(server.url("/slow/" + std::to_string(i))),
                       [&ok](Result<fetch::Response> r) { ok += r ? 1 : 0; });
    }
    fetcher.run();
    CHECK(ok == 12);
    CHECK(server.max_concurrent() <= 3);
    CHECK(server.max_concurrent() >= 1);
}

TEST_CASE("Fetcher stops on request and fails what was still queued", "[fetch]") {
    LoopbackServer server;
    server.add_route("/a", "a");
    server.add_route("/b", "b");
    auto options = test_options();
    options.max_per_host = 1; // so /b waits in the queue while /a runs
    fetch::Fetcher fetcher(options);
    std::string b_error;
    fetcher.submit(request_for(server.url("/a")), [&](Result<fetch::Response> r) {
        REQUIRE(r);
        fetcher.stop();
    });
    fetcher.submit(request_for(server.url("/b")), [&](Result<fetch::Response> r) {
        REQUIRE_FALSE(r);
        b_error = r.error().message;
    });
    fetcher.run();
    CHECK(b_error == server.url("/b") + ": stopped before the transfer started");
    CHECK(server.hits("/b") == 0);
}

TEST_CASE("Fetcher spaces the starts on one host by the per-host delay", "[fetch]") {
    LoopbackServer server;
    server.add_route("/x", "x");
    auto options = test_options();
    options.max_per_host = 4;
    options.per_host_delay_ms = 150;
    fetch::Fetcher fetcher(options);
    int ok = 0;
    for (int i = 0; i < 4; ++i) {
        fetcher.submit(request_for(server.url("/x")),
                       [&ok](Result<fetch::Response> r) { ok += r ? 1 : 0; });
    }
    fetcher.run();
    CHECK(ok == 4);
    auto seen = server.requests("/x");
    REQUIRE(seen.size() == 4);
    // Starts are at least 3 x 150 ms apart from first to last; arrival can only lag a start,
    // so allowing the first request 150 ms of delivery keeps this a pure lower bound.
    CHECK(seen.back().received - seen.front().received >= std::chrono::milliseconds(300));
}

TEST_CASE("Fetchers made while libcurl is opened on another thread wait for it", "[fetch]") {
    LoopbackServer server;
    server.add_route("/a", "ok");
    for (int i = 0; i < 3; ++i) {
        const fetch::Preload preload;
        fetch::Fetcher fetcher(test_options());
        auto r = fetcher.get(request_for(server.url("/a")));
        REQUIRE(r);
        CHECK(r->body == "ok");
    }
    CHECK(server.hits("/a") == 3);
}
