// SPDX-License-Identifier: MIT
#include "support/loopback_server.hpp"
#include "unit/fetch/fetch_test_util.hpp"

#include <archiver/fetch/fetcher.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

using namespace archiver;
using archiver::testing::LoopbackServer;
using archiver::testing::request_for;
using archiver::testing::test_options;

TEST_CASE("Fetcher runs posted work on its own thread and waits for every expected post",
          "[fetch]") {
    LoopbackServer server;
    server.add_route("/page", "<p>page</p>");
    server.add_route("/next", "next");
    fetch::Fetcher fetcher(test_options());
    const auto run_thread = std::this_thread::get_id();
    std::vector<std::string> events;
    std::jthread worker;

    fetcher.submit(request_for(server.url("/page")), [&](Result<fetch::Response> r) {
        REQUIRE(r);
        events.push_back("fetched " + r->body);
        // CPU work elsewhere; its result comes back later, after the transfers are done.
        fetcher.expect_post();
        worker = std::jthread([&fetcher, &events, &server, run_thread, body = r->body] {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            const std::string result = "processed " + body;
            fetcher.post([&fetcher, &events, &server, run_thread, result] {
                CHECK(std::this_thread::get_id() == run_thread);
                events.push_back(result);
                // Posted work may submit more requests; run() carries on with them.
                fetcher.submit(request_for(server.url("/next")),
                               [&events](Result<fetch::Response> n) {
                                   REQUIRE(n);
                                   events.push_back("fetched " + n->body);
                               });
            });
        });
    });
    fetcher.run();
    REQUIRE(events.size() == 3);
    CHECK(events[0] == "fetched <p>page</p>");
    CHECK(events[1] == "processed <p>page</p>");
    CHECK(events[2] == "fetched next");
    CHECK(server.hits("/next") == 1);
}

TEST_CASE("Fetcher delivers posts in the order they were posted", "[fetch]") {
    fetch::Fetcher fetcher(test_options());
    std::vector<int> order;
    for (int i = 0; i < 3; ++i) {
        fetcher.expect_post();
    }
    std::jthread worker([&fetcher, &order] {
        for (int i = 0; i < 3; ++i) {
            fetcher.post([&order, i] { order.push_back(i); });
        }
    });
    fetcher.run(); // nothing to fetch: returns once the three posts ran
    CHECK(order == std::vector<int>{0, 1, 2});
}

TEST_CASE("Transfers go on while a stream of posted work keeps the run thread busy", "[fetch]") {
    LoopbackServer server;
    server.add_route("/page", "page");
    fetch::Fetcher fetcher(test_options());
    bool fetched = false;
    int tasks_run = 0;
    constexpr int k_give_up = 5'000;
    // Each posted task takes a millisecond and posts the next one until the page has
    // arrived: the queue of posted work is never empty while the transfer is outstanding,
    // as when every stored article frees a slot for the next page.
    std::function<void()> task;
    task = [&] {
        ++tasks_run;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        if (!fetched && tasks_run < k_give_up) {
            fetcher.expect_post();
            fetcher.post(task);
        }
    };
    fetcher.expect_post();
    fetcher.post(task);
    fetcher.submit(request_for(server.url("/page")), [&](Result<fetch::Response> r) {
        REQUIRE(r);
        fetched = true;
    });
    fetcher.run();
    CHECK(fetched);
    CHECK(tasks_run < k_give_up);
}
