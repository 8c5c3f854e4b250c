// SPDX-License-Identifier: MIT
// Times the fetcher against N feeds served on 127.0.0.1: a cold pass (200s), a warm pass
// (conditional requests, all 304), and one curl process fetching the same URLs with
// --parallel --parallel-max J for comparison. Usage: fetch_bench [N] [J] [BYTES]
#include "support/loopback_server.hpp"
#include "support/temp_dir.hpp"

#include <archiver/fetch/fetcher.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <string>
#include <vector>

using namespace archiver;

namespace {

double thread_cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

struct Pass {
    double wall = 0, cpu = 0;
    int ok = 0, not_modified = 0, failed = 0;
    std::int64_t bytes = 0;
};

Pass run_pass(const fetch::Options& options, std::vector<fetch::Request>& requests) {
    fetch::Fetcher fetcher(options);
    Pass pass;
    auto start = std::chrono::steady_clock::now();
    double cpu0 = thread_cpu_seconds();
    for (auto& request : requests) {
        fetch::Request* slot = &request;
        fetcher.submit(request, [&pass, slot](Result<fetch::Response> r) {
            if (!r) {
                ++pass.failed;
                std::fprintf(stderr, "%s\n", r.error().message.c_str());
                return;
            }
            r->not_modified ? ++pass.not_modified : ++pass.ok;
            slot->etag = r->etag;
            slot->last_modified = r->last_modified;
        });
    }
    fetcher.run();
    pass.cpu = thread_cpu_seconds() - cpu0;
    pass.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    pass.bytes = fetcher.bytes_received();
    return pass;
}

// Feed-like text of about `size` bytes, different for each `i`.
std::string feed_body(int i, std::size_t size) {
    std::string body = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>feed " +
                       std::to_string(i) + "</title>";
    for (int item = 0; body.size() < size; ++item) {
        body += "<item><title>item " + std::to_string(item) + " of feed " + std::to_string(i) +
                "</title><link>http://example.org/" + std::to_string(i) + "/" +
                std::to_string(item) + "</link><description>Some words of summary text, " +
                std::to_string(item * 7919 % 1000) + "</description></item>";
    }
    return body + "</channel></rss>";
}

} // namespace

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::atoi(argv[1]) : 500;
    const int jobs = argc > 2 ? std::atoi(argv[2]) : 8;
    const std::size_t size = argc > 3 ? std::strtoul(argv[3], nullptr, 10) : 20'000;

    testing::TempDir dir;
    testing::LoopbackServer server;
    server.serve_directory("/", dir.path().string());
    std::vector<fetch::Request> requests;
    std::ofstream curl_config(dir.path() / "curl.cfg");
    for (int i = 0; i < n; ++i) {
        std::string name = "feed" + std::to_string(i) + ".xml";
        testing::write_file(dir.path() / name, feed_body(i, size));
        fetch::Request request;
        request.url = server.url("/" + name);
        curl_config << "url = \"" << request.url << "\"\noutput = \"/dev/null\"\n";
        requests.push_back(request);
    }
    curl_config.close();

    fetch::Options options;
    options.max_total = jobs;
    options.max_per_host = jobs; // one host here; curl --parallel has no per-host limit
    Pass cold = run_pass(options, requests);
    Pass warm = run_pass(options, requests);

    std::string command =
        "curl --silent --show-error --no-progress-meter --compressed --parallel --parallel-max " +
        std::to_string(jobs) + " -K " + (dir.path() / "curl.cfg").string();
    auto start = std::chrono::steady_clock::now();
    int rc = std::system(command.c_str());
    double curl_wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    std::printf("feeds %d, body %zu bytes, %d parallel\n", n, size, jobs);
    std::printf("| pass | wall s | fetcher CPU s | 200 | 304 | failed | bytes received |\n");
    std::printf("|---|---|---|---|---|---|---|\n");
    std::printf("| cold | %.3f | %.3f | %d | %d | %d | %lld |\n",
                cold.wall,
                cold.cpu,
                cold.ok,
                cold.not_modified,
                cold.failed,
                static_cast<long long>(cold.bytes));
    std::printf("| warm | %.3f | %.3f | %d | %d | %d | %lld |\n",
                warm.wall,
                warm.cpu,
                warm.ok,
                warm.not_modified,
                warm.failed,
                static_cast<long long>(warm.bytes));
    std::printf("| curl --parallel | %.3f | - | exit %d | | | |\n", curl_wall, rc);
    std::printf("cold wall / curl wall = %.2f\n", curl_wall > 0 ? cold.wall / curl_wall : 0.0);
    return cold.failed + warm.failed > 0 ? 1 : 0;
}
