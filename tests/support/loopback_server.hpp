// SPDX-License-Identifier: MIT
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace archiver::testing {

// A header list in sending order; names compare case-insensitively in lookups.
using HeaderList = std::vector<std::pair<std::string, std::string>>;

// One request as the server received it.
struct RecordedRequest {
    std::string method;
    std::string target; // as sent on the request line (path and query, or absolute form)
    std::string path;   // path without the query
    HeaderList headers; // names as sent
    std::string body;
    std::chrono::steady_clock::time_point received;

    // The first value of header `name` (case-insensitive); empty when absent.
    std::string header(std::string_view name) const;
    bool has_header(std::string_view name) const;
};

// What a route answers: status, headers, body, and an optional pause before answering.
struct Reply {
    int status = 200;
    HeaderList headers;
    std::string body;
    std::chrono::milliseconds delay{0};
};

// Builds the reply for a request; runs on a server thread.
using ReplyHandler = std::function<Reply(const RecordedRequest&)>;

// An in-process HTTP/1.1 server on 127.0.0.1 (cpp-httplib) with a route table, started on a
// free port by the constructor and stopped by the destructor. Every request is recorded so a
// test can assert the headers it carried and how often each path was hit. Unknown paths
// answer 404. Routes can be changed while the server runs (thread-safe). Requests in the
// absolute form a proxy receives (`GET http://host/path`) are routed by their path.
class LoopbackServer {
  public:
    // Plain HTTP.
    LoopbackServer();
    // HTTPS with the certificate and key in PEM files `cert_pem` and `key_pem`.
    struct Tls {
        std::string cert_pem, key_pem;
    };
    explicit LoopbackServer(const Tls& tls);
    ~LoopbackServer();
    LoopbackServer(const LoopbackServer&) = delete;
    LoopbackServer& operator=(const LoopbackServer&) = delete;

    int port() const;
    // "http://127.0.0.1:PORT" (https for a TLS server) followed by `path` (starting with '/').
    std::string url(std::string_view path = "/") const;

    // Answers requests for `path` (exact match, query ignored) with `reply`.
    void add_route(const std::string& path, Reply reply);
    // Shorthand: 200 with `body` and a Content-Type.
    void add_route(const std::string& path,
                   std::string body,
                   std::string content_type = "text/plain; charset=utf-8");
    // Answers requests for `path` with whatever `handler` returns.
    void add_handler(const std::string& path, ReplyHandler handler);
    // Serves every file under `root` at `mount` (e.g. "/" or "/site"), Content-Type guessed
    // from the extension, with ETag and Last-Modified, answering conditional requests with 304.
    void serve_directory(const std::string& mount, const std::string& root);

    // Requests received for `path` so far (query ignored); all requests when `path` is empty.
    int hits(std::string_view path = {}) const;
    std::vector<RecordedRequest> requests(std::string_view path = {}) const;
    // The largest number of requests that were being answered at the same time.
    int max_concurrent() const;
    // Forgets recorded requests and the concurrency peak.
    void clear_log();

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace archiver::testing
