// SPDX-License-Identifier: MIT
#include "support/loopback_server.hpp"
#include "unit/fetch/fetch_test_util.hpp"

#include <archiver/fetch/fetcher.hpp>
#include <catch2/catch.hpp>

using namespace archiver;
using archiver::testing::LoopbackServer;
using archiver::testing::Reply;
using archiver::testing::request_for;
using archiver::testing::test_options;

namespace {

Reply redirect(int status, std::string location) {
    return Reply{status, {{"Location", std::move(location)}}, "", {}};
}

} // namespace

TEST_CASE("Fetcher follows a redirect chain to the final URL", "[fetch][redirect]") {
    LoopbackServer server;
    server.add_route("/old", redirect(302, "/middle"));
    server.add_route("/middle", redirect(307, server.url("/new")));
    server.add_route("/new", "final");
    fetch::Fetcher fetcher(test_options());
    auto r = fetcher.get(request_for(server.url("/old")));
    REQUIRE(r);
    CHECK(r->body == "final");
    CHECK(r->url == server.url("/new"));
    // Temporary redirects are not to be remembered.
    CHECK(r->permanent_redirect.empty());
    CHECK(server.hits("/old") == 1);
    CHECK(server.hits("/middle") == 1);
    CHECK(server.hits("/new") == 1);
}

TEST_CASE("Fetcher reports a permanent redirect so the new URL can be stored",
          "[fetch][redirect]") {
    LoopbackServer server;
    server.add_route("/moved", redirect(301, "/moved-again"));
    server.add_route("/moved-again", redirect(308, "/home"));
    server.add_route("/home", "here");
    server.add_route("/perm-then-temp", redirect(301, "/temp"));
    server.add_route("/temp", redirect(302, "/home"));
    server.add_route("/temp-then-perm", redirect(302, "/moved"));
    fetch::Fetcher fetcher(test_options());

    SECTION("a run of permanent hops reports the last of them") {
        auto r = fetcher.get(request_for(server.url("/moved")));
        REQUIRE(r);
        CHECK(r->permanent_redirect == server.url("/home"));
    }
    SECTION("a temporary hop ends the permanent part") {
        auto r = fetcher.get(request_for(server.url("/perm-then-temp")));
        REQUIRE(r);
        CHECK(r->permanent_redirect == server.url("/temp"));
        CHECK(r->url == server.url("/home"));
    }
    SECTION("a permanent hop after a temporary one is not reported") {
        auto r = fetcher.get(request_for(server.url("/temp-then-perm")));
        REQUIRE(r);
        CHECK(r->permanent_redirect.empty());
        CHECK(r->body == "here");
    }
}

TEST_CASE("Fetcher forwards conditional headers along a redirect", "[fetch][redirect]") {
    LoopbackServer server;
    server.add_route("/feed", redirect(302, "/real-feed"));
    server.add_route("/real-feed", Reply{304, {}, "", {}});
    fetch::Fetcher fetcher(test_options());
    auto request = request_for(server.url("/feed"));
    request.etag = "\"abc\"";
    auto r = fetcher.get(request);
    REQUIRE(r);
    CHECK(r->not_modified);
    CHECK(server.requests("/real-feed").at(0).header("If-None-Match") == "\"abc\"");
}

TEST_CASE("Fetcher detects redirect loops", "[fetch][redirect]") {
    LoopbackServer server;
    server.add_route("/a", redirect(302, "/b"));
    server.add_route("/b", redirect(302, "/a"));
    server.add_route("/self", redirect(301, "/self"));
    fetch::Fetcher fetcher(test_options());

    auto loop = fetcher.get(request_for(server.url("/a")));
    REQUIRE_FALSE(loop);
    CHECK(loop.error().message == server.url("/a") + ": redirect loop: " + server.url("/a") +
                                      " -> " + server.url("/b") + " -> " + server.url("/a") +
                                      " (at " + server.url("/b") + " after redirects)");
    CHECK(server.hits("/a") == 1);
    CHECK(server.hits("/b") == 1);

    auto self = fetcher.get(request_for(server.url("/self")));
    REQUIRE_FALSE(self);
    CHECK_THAT(self.error().message, Catch::Contains("redirect loop"));
}

TEST_CASE("Fetcher stops after the redirect cap", "[fetch][redirect]") {
    LoopbackServer server;
    for (int i = 0; i < 10; ++i) {
        server.add_route("/r" + std::to_string(i), redirect(302, "/r" + std::to_string(i + 1)));
    }
    server.add_route("/r10", "end");
    auto options = test_options();
    options.max_redirects = 3;
    fetch::Fetcher fetcher(options);
    auto r = fetcher.get(request_for(server.url("/r0")));
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message, Catch::Contains("more than 3 redirects"));
    CHECK(server.hits("/r3") == 1);
    CHECK(server.hits("/r4") == 0);

    options.max_redirects = 10;
    fetch::Fetcher generous(options);
    auto ok = generous.get(request_for(server.url("/r0")));
    REQUIRE(ok);
    CHECK(ok->body == "end");
}

TEST_CASE("Fetcher never follows a redirect to file:// or other schemes", "[fetch][redirect]") {
    LoopbackServer server;
    server.add_route("/to-file", redirect(302, "file:///etc/passwd"));
    server.add_route("/to-ftp", redirect(301, "ftp://127.0.0.1/x"));
    server.add_route("/fine", "fine");
    fetch::Fetcher fetcher(test_options());
    std::vector<std::string> errors;
    std::string fine;
    for (std::string path : {"/to-file", "/to-ftp"}) {
        fetcher.submit(request_for(server.url(path)), [&errors](Result<fetch::Response> r) {
            REQUIRE_FALSE(r);
            errors.push_back(r.error().message);
        });
    }
    fetcher.submit(request_for(server.url("/fine")), [&fine](Result<fetch::Response> r) {
        REQUIRE(r);
        fine = r->body;
    });
    fetcher.run();
    REQUIRE(errors.size() == 2);
    CHECK_THAT(errors,
               Catch::VectorContains(server.url("/to-file") +
                                     ": redirect to a URL that is not http or https refused: "
                                     "file:///etc/passwd"));
    CHECK_THAT(errors,
               Catch::VectorContains(server.url("/to-ftp") +
                                     ": redirect to a URL that is not http or https refused: "
                                     "ftp://127.0.0.1/x"));
    CHECK(fine == "fine");
}

TEST_CASE("A redirect without a Location is an error", "[fetch][redirect]") {
    LoopbackServer server;
    server.add_route("/nowhere", Reply{302, {}, "", {}});
    fetch::Fetcher fetcher(test_options());
    auto r = fetcher.get(request_for(server.url("/nowhere")));
    REQUIRE_FALSE(r);
    CHECK(r.error().message ==
          server.url("/nowhere") + ": HTTP 302 Found without a Location header");
}
