// SPDX-License-Identifier: MIT
#include "support/raw_server.hpp"

#include <arpa/inet.h>
#include <cerrno>
#include <list>
#include <mutex>
#include <netinet/in.h>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace archiver::testing {
namespace {

constexpr int k_poll_slice_ms = 20;

// Reads until the end of the request head (blank line); empty if the peer went away.
std::string read_head(int fd, const std::atomic<bool>& stopping) {
    std::string head;
    char buf[4096];
    while (!stopping && head.find("\r\n\r\n") == std::string::npos && head.size() < 65536) {
        pollfd p{fd, POLLIN, 0};
        int ready = ::poll(&p, 1, k_poll_slice_ms);
        if (ready < 0 && errno != EINTR) {
            break;
        }
        if (ready <= 0) {
            continue;
        }
        ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) {
            break;
        }
        head.append(buf, static_cast<std::size_t>(n));
    }
    return head;
}

} // namespace

RawConnection::RawConnection(int fd, const std::atomic<bool>& stopping)
    : m_fd(fd), m_stopping(stopping) {}

bool RawConnection::send(std::string_view data) {
    while (!data.empty()) {
        if (m_fd < 0 || m_stopping) {
            return false;
        }
        pollfd p{m_fd, POLLOUT, 0};
        int ready = ::poll(&p, 1, k_poll_slice_ms);
        if (ready < 0 && errno != EINTR) {
            return false;
        }
        if (ready <= 0) {
            continue;
        }
        ssize_t n = ::send(m_fd, data.data(), data.size(), MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) {
                continue;
            }
            return false;
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

bool RawConnection::pause(std::chrono::milliseconds duration) {
    auto until = std::chrono::steady_clock::now() + duration;
    while (std::chrono::steady_clock::now() < until) {
        if (m_fd < 0 || m_stopping) {
            return false;
        }
        pollfd p{m_fd, POLLIN, 0};
        if (::poll(&p, 1, k_poll_slice_ms) > 0) {
            char c;
            // Data or end of stream from the client: a closed peer ends the pause.
            if (::recv(m_fd, &c, 1, MSG_PEEK) <= 0) {
                return false;
            }
            // A pipelined request: not expected; keep pausing without spinning.
            std::this_thread::sleep_for(std::chrono::milliseconds(k_poll_slice_ms));
        }
    }
    return true;
}

void RawConnection::wait_for_close() {
    while (pause(std::chrono::milliseconds(1000))) {
    }
}

void RawConnection::reset() {
    if (m_fd < 0) {
        return;
    }
    linger lg{1, 0};
    ::setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
    ::close(m_fd);
    m_fd = -1;
}

void RawConnection::close() {
    if (m_fd < 0) {
        return;
    }
    ::shutdown(m_fd, SHUT_RDWR);
    ::close(m_fd);
    m_fd = -1;
}

struct RawServer::Impl {
    Script script;
    int listen_fd = -1;
    int port = 0;
    std::atomic<bool> stopping{false};
    std::thread acceptor;
    mutable std::mutex mutex;
    std::list<std::thread> workers;
    std::vector<std::string> heads;
    int accepted = 0;

    void serve(int fd) {
        RawConnection conn(fd, stopping);
        conn.set_request_head(read_head(fd, stopping));
        {
            std::lock_guard lock(mutex);
            heads.push_back(conn.request_head());
        }
        if (!conn.request_head().empty()) {
            script(conn);
        }
        conn.close();
    }

    void accept_loop() {
        while (!stopping) {
            pollfd p{listen_fd, POLLIN, 0};
            if (::poll(&p, 1, k_poll_slice_ms) <= 0) {
                continue;
            }
            int fd = ::accept(listen_fd, nullptr, nullptr);
            if (fd < 0) {
                continue;
            }
            std::lock_guard lock(mutex);
            ++accepted;
            workers.emplace_back([this, fd] { serve(fd); });
        }
    }
};

RawServer::RawServer(Script script) : m_impl(std::make_unique<Impl>()) {
    m_impl->script = std::move(script);
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        throw std::runtime_error("raw server: socket() failed");
    }
    int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    // The sockets API takes the generic address type.
    auto* generic = reinterpret_cast<sockaddr*>(&addr);
    if (::bind(fd, generic, sizeof addr) != 0 || ::listen(fd, 64) != 0 ||
        ::getsockname(fd, generic, &len) != 0) {
        ::close(fd);
        throw std::runtime_error("raw server: cannot listen on 127.0.0.1");
    }
    m_impl->listen_fd = fd;
    m_impl->port = ntohs(addr.sin_port);
    m_impl->acceptor = std::thread([impl = m_impl.get()] { impl->accept_loop(); });
}

RawServer::~RawServer() {
    m_impl->stopping = true;
    if (m_impl->acceptor.joinable()) {
        m_impl->acceptor.join();
    }
    for (auto& worker : m_impl->workers) {
        if (worker.joinable()) {
            worker.join();
        }
    }
    ::close(m_impl->listen_fd);
}

int RawServer::port() const {
    return m_impl->port;
}

std::string RawServer::url(std::string_view path) const {
    return "http://127.0.0.1:" + std::to_string(m_impl->port) + std::string(path);
}

int RawServer::connections() const {
    std::lock_guard lock(m_impl->mutex);
    return m_impl->accepted;
}

std::vector<std::string> RawServer::request_heads() const {
    std::lock_guard lock(m_impl->mutex);
    return m_impl->heads;
}

} // namespace archiver::testing
