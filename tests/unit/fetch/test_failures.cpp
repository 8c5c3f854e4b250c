// SPDX-License-Identifier: MIT
#include "support/http_testing.hpp"
#include "support/loopback_server.hpp"
#include "support/raw_server.hpp"
#include "unit/fetch/fetch_test_util.hpp"

#include <archiver/fetch/fetcher.hpp>
#include <atomic>
#include <catch2/catch.hpp>

using namespace archiver;
using namespace std::chrono_literals;
using archiver::testing::LoopbackServer;
using archiver::testing::RawConnection;
using archiver::testing::RawServer;
using archiver::testing::RecordedRequest;
using archiver::testing::Reply;
using archiver::testing::request_for;
using archiver::testing::test_options;

namespace {

// Answers `failure` for the first `failures` requests, then 200 "ok".
testing::ReplyHandler failing_first(int failures, Reply failure) {
    auto count = std::make_shared<std::atomic<int>>(0);
    return [=](const RecordedRequest&) {
        if (++*count <= failures) {
            return failure;
        }
        return Reply{200, {{"Content-Type", "text/xml"}}, "ok", {}};
    };
}

// Fetches `bad` and a good URL in one run; returns the outcome for `bad` after checking
// that the good one succeeded.
Result<fetch::Response>
fetch_beside_good(fetch::Fetcher& fetcher, const std::string& bad, LoopbackServer& good_server) {
    good_server.add_route("/good", "good");
    std::optional<Result<fetch::Response>> outcome;
    bool good = false;
    fetcher.submit(request_for(bad), [&](Result<fetch::Response> r) { outcome.emplace(r); });
    fetcher.submit(request_for(good_server.url("/good")),
                   [&](Result<fetch::Response> r) { good = r && r->body == "good"; });
    fetcher.run();
    CHECK(good);
    REQUIRE(outcome);
    return *outcome;
}

} // namespace

TEST_CASE("A 503 is retried and the retry's response returned", "[fetch][retry]") {
    LoopbackServer server;
    server.add_handler("/flaky", failing_first(1, Reply{503, {{"Retry-After", "0"}}, "", {}}));
    fetch::Fetcher fetcher(test_options());
    auto r = fetcher.get(request_for(server.url("/flaky")));
    REQUIRE(r);
    CHECK(r->body == "ok");
    CHECK(r->attempts == 2);
    CHECK(server.hits("/flaky") == 2);
}

TEST_CASE("A persistent 500 fails after the configured retries", "[fetch][retry]") {
    LoopbackServer server;
    server.add_route("/broken", Reply{500, {}, "oops", {}});
    auto options = test_options();
    options.max_retries = 2;
    fetch::Fetcher fetcher(options);
    auto r = fetch_beside_good(fetcher, server.url("/broken"), server);
    REQUIRE_FALSE(r);
    CHECK(r.error().message ==
          server.url("/broken") + ": HTTP 500 Internal Server Error (gave up after 3 attempts)");
    CHECK(server.hits("/broken") == 3);
}

TEST_CASE("A 429 is retried no sooner than its Retry-After seconds", "[fetch][retry]") {
    LoopbackServer server;
    server.add_handler("/limited", failing_first(1, Reply{429, {{"Retry-After", "1"}}, "", {}}));
    fetch::Fetcher fetcher(test_options());
    auto r = fetcher.get(request_for(server.url("/limited")));
    REQUIRE(r);
    CHECK(r->attempts == 2);
    auto seen = server.requests("/limited");
    REQUIRE(seen.size() == 2);
    // A lower bound only: a loaded machine can make the wait longer, never shorter.
    CHECK(seen[1].received - seen[0].received >= 1s);
}

TEST_CASE("Retry-After as an HTTP date is honoured", "[fetch][retry]") {
    LoopbackServer server;
    server.add_handler(
        "/dated",
        failing_first(1, Reply{503, {{"Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"}}, "", {}}));
    fetch::Fetcher fetcher(test_options());
    // A date in the past means "now".
    auto r = fetcher.get(request_for(server.url("/dated")));
    REQUIRE(r);
    CHECK(r->attempts == 2);
}

TEST_CASE("A Retry-After beyond the limit for one run is not waited for", "[fetch][retry]") {
    LoopbackServer server;
    server.add_route("/later", Reply{429, {{"Retry-After", "3600"}}, "", {}});
    auto options = test_options();
    options.max_retry_after_s = 120;
    fetch::Fetcher fetcher(options);
    auto r = fetch_beside_good(fetcher, server.url("/later"), server);
    REQUIRE_FALSE(r);
    CHECK(r.error().message == server.url("/later") +
                                   ": HTTP 429 Too Many Requests with Retry-After 3600 s, over "
                                   "the limit of 120 s for one run");
    CHECK(server.hits("/later") == 1);
}

TEST_CASE("A connection reset is retried", "[fetch][retry]") {
    std::atomic<int> count{0};
    RawServer raw([&count](RawConnection& c) {
        if (++count == 1) {
            c.reset();
            return;
        }
        c.send("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
    });
    fetch::Fetcher fetcher(test_options());
    auto r = fetcher.get(request_for(raw.url("/feed")));
    REQUIRE(r);
    CHECK(r->body == "ok");
    CHECK(r->attempts == 2);
    CHECK(raw.connections() == 2);
}

TEST_CASE("A server that always resets fails with the reason", "[fetch][retry]") {
    RawServer raw([](RawConnection& c) { c.reset(); });
    LoopbackServer good;
    auto options = test_options();
    options.max_retries = 1;
    fetch::Fetcher fetcher(options);
    auto r = fetch_beside_good(fetcher, raw.url("/feed"), good);
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message,
               Catch::StartsWith(raw.url("/feed") + ": ") &&
                   Catch::Contains("Connection reset by peer") &&
                   Catch::EndsWith("(gave up after 2 attempts)"));
    CHECK(raw.connections() == 2);
}

TEST_CASE("A server that closes without answering fails", "[fetch][retry]") {
    RawServer raw([](RawConnection&) {});
    auto options = test_options();
    options.max_retries = 0;
    fetch::Fetcher fetcher(options);
    auto r = fetcher.get(request_for(raw.url("/")));
    REQUIRE_FALSE(r);
    CHECK(r.error().message ==
          raw.url("/") + ": Empty reply from server (gave up after 1 attempt)");
}

TEST_CASE("A response that stalls mid-body times out; others in the run succeed",
          "[fetch][timeout]") {
    RawServer raw([](RawConnection& c) {
        c.send("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n<rss>partial");
        c.wait_for_close();
    });
    LoopbackServer good;
    auto options = test_options();
    // Below 1000 bytes/s for a second: the partial body arrived at once, then nothing.
    options.low_speed_limit = 1000;
    options.low_speed_time_s = 1;
    options.max_retries = 0;
    fetch::Fetcher fetcher(options);
    auto r = fetch_beside_good(fetcher, raw.url("/stall"), good);
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message,
               Catch::StartsWith(raw.url("/stall") + ": Operation too slow. Less than 1000 "
                                                     "bytes/sec transferred"));
}

TEST_CASE("A server that never answers hits the total timeout", "[fetch][timeout]") {
    RawServer raw([](RawConnection& c) { c.wait_for_close(); });
    LoopbackServer good;
    auto options = test_options();
    options.total_timeout_ms = 1000;
    options.max_retries = 1;
    fetch::Fetcher fetcher(options);
    auto r = fetch_beside_good(fetcher, raw.url("/slow"), good);
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message,
               Catch::StartsWith(raw.url("/slow") + ": Operation timed out after") &&
                   Catch::EndsWith("(gave up after 2 attempts)"));
    CHECK(raw.connections() == 2);
}

TEST_CASE("A body shorter than its Content-Length is a failed transfer", "[fetch]") {
    RawServer raw([](RawConnection& c) {
        c.send("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly fifty bytes of the promised "
               "hundred......");
    });
    LoopbackServer good;
    auto options = test_options();
    options.max_retries = 1;
    fetch::Fetcher fetcher(options);
    auto r = fetch_beside_good(fetcher, raw.url("/short"), good);
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message,
               Catch::StartsWith(raw.url("/short") + ": transfer closed with 54 bytes remaining") &&
                   Catch::EndsWith("(gave up after 2 attempts)"));
}

TEST_CASE("A body longer than its Content-Length is cut at the declared length", "[fetch]") {
    RawServer raw([](RawConnection& c) {
        c.send("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello, and more");
    });
    fetch::Fetcher fetcher(test_options());
    auto r = fetcher.get(request_for(raw.url("/long")));
    REQUIRE(r);
    CHECK(r->body == "hello");
}

TEST_CASE("A refused connection fails at once without retries", "[fetch]") {
    int port = 0;
    {
        RawServer closed([](RawConnection&) {});
        port = closed.port();
    }
    fetch::Fetcher fetcher(test_options());
    std::string target = "http://127.0.0.1:" + std::to_string(port) + "/";
    auto r = fetcher.get(request_for(target));
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message,
               Catch::StartsWith(target + ": Failed to connect to 127.0.0.1") &&
                   Catch::EndsWith("Couldn't connect to server"));
    CHECK(r.error().message.find("gave up") == std::string::npos);
}

TEST_CASE("Proxies come from the environment", "[fetch][proxy]") {
    LoopbackServer proxy;
    proxy.add_route("/feed.xml", "<rss>via proxy</rss>", "application/rss+xml");
    testing::EnvGuard http_proxy("http_proxy", proxy.url("").c_str());
    testing::EnvGuard no_proxy("no_proxy", nullptr);
    testing::EnvGuard no_proxy_upper("NO_PROXY", nullptr);
    fetch::Fetcher fetcher(test_options());
    auto r = fetcher.get(request_for("http://feeds.example.invalid/feed.xml"));
    REQUIRE(r);
    CHECK(r->body == "<rss>via proxy</rss>");
    auto seen = proxy.requests("/feed.xml").at(0);
    CHECK(seen.target == "http://feeds.example.invalid/feed.xml");
    CHECK(seen.header("Host") == "feeds.example.invalid");
}
