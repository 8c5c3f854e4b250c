// SPDX-License-Identifier: MIT
#pragma once

#include <archiver/core/result.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace archiver::fetch {

// Settings shared by every transfer (archiver.toml).
struct Options {
    std::string user_agent = "archiver/0.1 (+https://github.com/archiver/archiver)";
    int max_total = 8;          // concurrent transfers (--jobs)
    int max_per_host = 2;       // concurrent transfers per host
    long per_host_delay_ms = 0; // pause between starts on one host
    long connect_timeout_ms = 10'000;
    long total_timeout_ms = 60'000;
    long low_speed_limit = 100;             // bytes/s ...
    long low_speed_time_s = 20;             // ... for this long aborts
    std::int64_t max_body_bytes = 20 << 20; // after decompression
    int max_redirects = 8;
    int max_retries = 2;          // transient failures (reset, 5xx, 429)
    long retry_base_ms = 500;     // first retry pause (doubles, with jitter)
    long retry_max_ms = 30'000;   // cap on one retry pause
    long max_retry_after_s = 120; // longer Retry-After: give up for this run
    bool verify_tls = true;
};

// Who turns a compressed body (Content-Encoding gzip, deflate, br) into plain bytes.
enum class BodyDecoding {
    fetcher, // while it arrives, on the thread of `run()`: `Response::body` is plain
    caller,  // later, with `decode_body` (on a worker thread): the body stays encoded
};

// One request. `etag`/`last_modified` make it conditional.
struct Request {
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string cookies;
    std::string user_agent; // empty: Options::user_agent
    std::string etag;
    std::string last_modified;
    BodyDecoding decoding = BodyDecoding::fetcher;
};

// A completed transfer. A 304 is `not_modified`, not an error.
struct Response {
    std::string url; // the final URL after redirects
    long status = 0;
    std::string body;             // decompressed, unless `content_encoding` is set
    std::string content_encoding; // BodyDecoding::caller: the body's encoding until
                                  // `decode_body` (empty: the body is plain)
    std::string content_type;     // as sent
    std::string charset;      // from Content-Type, lower-case; empty when absent
    std::string etag;
    std::string last_modified;
    bool not_modified = false;
    std::string permanent_redirect; // the target when the first hop was a 301/308
    int attempts = 1;
    double seconds = 0;
};

using Callback = std::function<void(Result<Response>)>;

// Decodes the body of a response fetched with BodyDecoding::caller in place (a no-op when it
// is plain), under the same cap on the decoded size as the fetcher's own decoding
// (`max_body_bytes`). Fails (Stage::fetch, naming the URL) as the fetcher would have: an
// unsupported encoding, a corrupt or truncated compressed stream, a body over the cap.
// Thread-safe for distinct responses.
Result<void> decode_body(Response& response, std::int64_t max_body_bytes);

// Opens libcurl (it is loaded on first use) and runs its global initialization on a thread
// of its own while the caller does other start-up work; a Fetcher made meanwhile waits for
// it. The thread is joined when the returned object is destroyed.
class Preload {
  public:
    Preload();
    ~Preload();
    Preload(const Preload&) = delete;
    Preload& operator=(const Preload&) = delete;

  private:
    std::thread m_thread;
};

// Runs many transfers concurrently on one libcurl multi handle with per-host limits.
// Callbacks run on the thread that calls `run()` and may submit more requests; CPU work
// done on other threads hands its results back with `expect_post()`/`post()`.
// Errors (Stage::fetch) name the URL and the reason: transport failure, HTTP >= 400,
// body too large, disallowed scheme.
class Fetcher {
  public:
    explicit Fetcher(Options options);
    ~Fetcher();
    Fetcher(Fetcher&&) noexcept;
    Fetcher& operator=(Fetcher&&) noexcept;
    Fetcher(const Fetcher&) = delete;
    Fetcher& operator=(const Fetcher&) = delete;

    // Queues `request`; `done` is called once with its outcome.
    void submit(Request request, Callback done);
    // Drives transfers until the queue is empty or `stop()` is called.
    void run();
    // Stops starting new transfers (in-flight ones are aborted with an error). Thread-safe.
    void stop();
    // Total bytes received so far.
    std::int64_t bytes_received() const;

    // Announces work running on another thread that will end with one `post()`: `run()`
    // does not return before that post has been delivered. Call on the thread of `run()`
    // (or before it), once per expected post.
    void expect_post();
    // Thread-safe: queues `task` to run on the thread inside `run()` (waking it from its
    // poll) and counts off one `expect_post()`. Tasks run in the order they were posted and
    // may submit requests or announce more posts.
    void post(std::function<void()> task);

    // Convenience: fetches one URL synchronously.
    Result<Response> get(Request request);

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace archiver::fetch
