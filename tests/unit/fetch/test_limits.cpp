// SPDX-License-Identifier: MIT
#include "support/http_testing.hpp"
#include "support/loopback_server.hpp"
#include "support/raw_server.hpp"
#include "unit/fetch/fetch_test_util.hpp"

#include <archiver/fetch/fetcher.hpp>
#include <catch2/catch.hpp>

using namespace archiver;
using archiver::testing::gzip;
using archiver::testing::LoopbackServer;
using archiver::testing::RawConnection;
using archiver::testing::RawServer;
using archiver::testing::Reply;
using archiver::testing::request_for;
using archiver::testing::test_options;

namespace {

constexpr std::int64_t k_cap = 256 * 1024;

fetch::Options capped_options() {
    auto options = test_options();
    options.max_body_bytes = k_cap;
    return options;
}

std::string too_large_message(const std::string& url) {
    return url + ": body larger than the limit of " + std::to_string(k_cap) +
           " bytes (decompressed); transfer aborted";
}

// A reply whose body is already gzip-encoded (the server sends it as is).
Reply gzipped(std::string encoded) {
    return Reply{200,
                 {{"Content-Type", "application/rss+xml"}, {"Content-Encoding", "gzip"}},
                 std::move(encoded),
                 {}};
}

} // namespace

TEST_CASE("A body at the cap is accepted, one byte more is refused", "[fetch][limits]") {
    LoopbackServer server;
    server.add_route("/exact",
                     Reply{200, {{"Content-Type", "image/png"}}, std::string(k_cap, 'x'), {}});
    server.add_route("/over",
                     Reply{200, {{"Content-Type", "image/png"}}, std::string(k_cap + 1, 'x'), {}});
    fetch::Fetcher fetcher(capped_options());
    auto exact = fetcher.get(request_for(server.url("/exact")));
    REQUIRE(exact);
    CHECK(exact->body.size() == static_cast<std::size_t>(k_cap));
    auto over = fetcher.get(request_for(server.url("/over")));
    REQUIRE_FALSE(over);
    CHECK(over.error().message == too_large_message(server.url("/over")));
}

TEST_CASE("An endless body is cut off at the cap; others in the run succeed", "[fetch][limits]") {
    RawServer raw([](RawConnection& c) {
        if (!c.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")) {
            return;
        }
        const std::string chunk = "1000\r\n" + std::string(0x1000, 'a') + "\r\n";
        while (c.send(chunk)) {
        }
    });
    LoopbackServer good;
    good.add_route("/good", "good");
    fetch::Fetcher fetcher(capped_options());
    std::optional<Result<fetch::Response>> endless;
    bool good_ok = false;
    fetcher.submit(request_for(raw.url("/endless")),
                   [&](Result<fetch::Response> r) { endless.emplace(r); });
    fetcher.submit(request_for(good.url("/good")),
                   [&](Result<fetch::Response> r) { good_ok = r && r->body == "good"; });
    fetcher.run();
    CHECK(good_ok);
    REQUIRE(endless);
    REQUIRE_FALSE(*endless);
    CHECK(endless->error().message == too_large_message(raw.url("/endless")));
}

TEST_CASE("A gzip body is decoded", "[fetch][limits]") {
    LoopbackServer server;
    const std::string feed = "<rss>" + std::string(10'000, 'z') + "</rss>";
    server.add_route("/feed.gz", gzipped(gzip(feed)));
    fetch::Fetcher fetcher(capped_options());
    auto r = fetcher.get(request_for(server.url("/feed.gz")));
    REQUIRE(r);
    CHECK(r->body == feed);
    CHECK(fetcher.bytes_received() < 1000);
}

TEST_CASE("A gzip bomb is stopped at the decompressed cap", "[fetch][limits]") {
    LoopbackServer server;
    // 16 MiB of zeros compress to about 16 KiB; the cap is 256 KiB decoded.
    const std::string bomb = gzip(std::string(16u << 20, '\0'));
    REQUIRE(bomb.size() < static_cast<std::size_t>(k_cap));
    server.add_route("/bomb", gzipped(bomb));
    server.add_route("/good", "good");
    fetch::Fetcher fetcher(capped_options());
    auto r = fetcher.get(request_for(server.url("/bomb")));
    REQUIRE_FALSE(r);
    CHECK(r.error().message == too_large_message(server.url("/bomb")));
    // The fetcher is still usable afterwards.
    auto good = fetcher.get(request_for(server.url("/good")));
    REQUIRE(good);
    CHECK(good->body == "good");
}

TEST_CASE("A truncated gzip body is an error, not a short document", "[fetch][limits]") {
    LoopbackServer server;
    std::string whole =
        gzip("<rss><item>one</item><item>two</item></rss>" + std::string(4000, 'q'));
    server.add_route("/cut.gz", gzipped(whole.substr(0, whole.size() / 2)));
    auto options = capped_options();
    options.max_retries = 0;
    fetch::Fetcher fetcher(options);
    auto r = fetcher.get(request_for(server.url("/cut.gz")));
    REQUIRE_FALSE(r);
    CHECK(r.error().message == server.url("/cut.gz") +
                                   ": cannot decode the body: truncated gzip body: the "
                                   "compressed stream ends before its end marker");
}

TEST_CASE("A body that is not gzip but claims to be is an error", "[fetch][limits]") {
    LoopbackServer server;
    server.add_route("/liar.gz", gzipped("this is plain text"));
    fetch::Fetcher fetcher(capped_options());
    auto r = fetcher.get(request_for(server.url("/liar.gz")));
    REQUIRE_FALSE(r);
    CHECK(r.error().message ==
          server.url("/liar.gz") + ": cannot decode the body: gzip: incorrect header check");
}

TEST_CASE("The body of an error reply is not decoded or kept", "[fetch][limits]") {
    LoopbackServer server;
    server.add_route("/missing", Reply{404, {{"Content-Encoding", "gzip"}}, "not gzip at all", {}});
    fetch::Fetcher fetcher(capped_options());
    auto r = fetcher.get(request_for(server.url("/missing")));
    REQUIRE_FALSE(r);
    CHECK(r.error().message == server.url("/missing") + ": HTTP 404 Not Found");
}

namespace {

fetch::Request decoded_by_caller(std::string url) {
    auto request = request_for(std::move(url));
    request.decoding = fetch::BodyDecoding::caller;
    return request;
}

} // namespace

TEST_CASE("A body left to the caller arrives encoded and decode_body decodes it",
          "[fetch][limits]") {
    LoopbackServer server;
    const std::string feed = "<rss>" + std::string(10'000, 'z') + "</rss>";
    const std::string encoded = gzip(feed);
    server.add_route("/feed.gz", gzipped(encoded));
    server.add_route("/plain", "plain");
    fetch::Fetcher fetcher(capped_options());
    auto r = fetcher.get(decoded_by_caller(server.url("/feed.gz")));
    REQUIRE(r);
    CHECK(r->content_encoding == "gzip");
    CHECK(r->body == encoded);
    REQUIRE(fetch::decode_body(*r, k_cap));
    CHECK(r->body == feed);
    CHECK(r->content_encoding.empty());
    // Decoding again, or a body that was never encoded, changes nothing.
    REQUIRE(fetch::decode_body(*r, k_cap));
    CHECK(r->body == feed);
    auto plain = fetcher.get(decoded_by_caller(server.url("/plain")));
    REQUIRE(plain);
    CHECK(plain->content_encoding.empty());
    REQUIRE(fetch::decode_body(*plain, k_cap));
    CHECK(plain->body == "plain");
}

TEST_CASE("decode_body refuses a gzip bomb, a truncated stream and an unknown encoding",
          "[fetch][limits]") {
    LoopbackServer server;
    server.add_route("/bomb", gzipped(gzip(std::string(16u << 20, '\0'))));
    const std::string whole = gzip("<rss><item>one</item></rss>" + std::string(4000, 'q'));
    server.add_route("/cut.gz", gzipped(whole.substr(0, whole.size() / 2)));
    server.add_route("/odd", Reply{200, {{"Content-Encoding", "zstd"}}, "????", {}});
    fetch::Fetcher fetcher(capped_options());

    auto bomb = fetcher.get(decoded_by_caller(server.url("/bomb")));
    REQUIRE(bomb); // small on the wire
    auto decoded = fetch::decode_body(*bomb, k_cap);
    REQUIRE_FALSE(decoded);
    CHECK(decoded.error().stage == Stage::fetch);
    CHECK(decoded.error().message == server.url("/bomb") + ": body larger than the limit of " +
                                         std::to_string(k_cap) + " bytes (decompressed)");

    auto cut = fetcher.get(decoded_by_caller(server.url("/cut.gz")));
    REQUIRE(cut);
    decoded = fetch::decode_body(*cut, k_cap);
    REQUIRE_FALSE(decoded);
    CHECK(decoded.error().message == server.url("/cut.gz") +
                                         ": cannot decode the body: truncated gzip body: the "
                                         "compressed stream ends before its end marker");

    auto odd = fetcher.get(decoded_by_caller(server.url("/odd")));
    REQUIRE(odd);
    decoded = fetch::decode_body(*odd, k_cap);
    REQUIRE_FALSE(decoded);
    CHECK(decoded.error().message ==
          server.url("/odd") + ": cannot decode the body: unsupported Content-Encoding \"zstd\"");
}
