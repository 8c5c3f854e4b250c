// SPDX-License-Identifier: MIT
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace archiver::testing {

// The action a raw connection takes after reading the request head: write bytes, pause,
// or end the connection in one of several ways.
class RawConnection {
  public:
    explicit RawConnection(int fd, const std::atomic<bool>& stopping);
    // Writes all of `data`; false when the peer has gone.
    bool send(std::string_view data);
    // Waits `duration` or until the server stops or the peer closes; false if either ended.
    bool pause(std::chrono::milliseconds duration);
    // Waits until the peer closes the connection or the server stops.
    void wait_for_close();
    // Closes with a TCP reset (RST) instead of an orderly shutdown.
    void reset();
    // Closes the connection in order (FIN); done anyway when the script returns.
    void close();
    // The request head as received (request line and headers).
    const std::string& request_head() const { return m_head; }
    void set_request_head(std::string head) { m_head = std::move(head); }

  private:
    int m_fd;
    const std::atomic<bool>& m_stopping;
    std::string m_head;
};

// A bare TCP server on 127.0.0.1 for misbehaviour cpp-httplib cannot produce: stalling
// mid-body, resetting the connection, lying about Content-Length, endless bodies. Each
// accepted connection reads the request head, then runs `script` on its own thread; the
// connection is closed when the script returns (unless it reset it). The destructor
// stops every script (pauses and waits return early) and joins the threads.
class RawServer {
  public:
    using Script = std::function<void(RawConnection&)>;
    explicit RawServer(Script script);
    ~RawServer();
    RawServer(const RawServer&) = delete;
    RawServer& operator=(const RawServer&) = delete;

    int port() const;
    std::string url(std::string_view path = "/") const;
    // Connections accepted so far.
    int connections() const;
    // Request heads received so far.
    std::vector<std::string> request_heads() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace archiver::testing
