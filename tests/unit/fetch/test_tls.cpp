// SPDX-License-Identifier: MIT
#include "support/loopback_server.hpp"
#include "support/temp_dir.hpp"
#include "unit/fetch/fetch_test_util.hpp"

#include <archiver/fetch/fetcher.hpp>
#include <catch2/catch.hpp>

using namespace archiver;
using archiver::testing::LoopbackServer;
using archiver::testing::request_for;
using archiver::testing::test_options;

namespace {

LoopbackServer::Tls self_signed() {
    return {testing::data_path("fetch/self-signed-cert.pem").string(),
            testing::data_path("fetch/self-signed-key.pem").string()};
}

} // namespace

TEST_CASE("TLS certificates are verified by default", "[fetch][tls]") {
    LoopbackServer server(self_signed());
    server.add_route("/feed", "secret feed");
    fetch::Fetcher fetcher(test_options());
    auto r = fetcher.get(request_for(server.url("/feed")));
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message,
               Catch::StartsWith(server.url("/feed") + ": SSL certificate problem"));
    CHECK(server.hits("/feed") == 0);
}

TEST_CASE("TLS verification can be turned off explicitly", "[fetch][tls]") {
    LoopbackServer server(self_signed());
    server.add_route("/feed", "secret feed");
    auto options = test_options();
    options.verify_tls = false;
    fetch::Fetcher fetcher(options);
    auto r = fetcher.get(request_for(server.url("/feed")));
    REQUIRE(r);
    CHECK(r->body == "secret feed");
    CHECK(r->url == server.url("/feed"));
}
