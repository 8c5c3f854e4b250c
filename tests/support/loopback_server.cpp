// SPDX-License-Identifier: MIT
#include "support/loopback_server.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <functional>
#include <httplib.h>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <sys/socket.h>
#include <thread>

namespace archiver::testing {
namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

// The path of a request target: origin form "/a?b" or absolute form "http://h/a?b".
std::string path_of(std::string_view target) {
    if (auto scheme = target.find("://"); scheme != std::string_view::npos && target[0] != '/') {
        auto slash = target.find('/', scheme + 3);
        target = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
    }
    return std::string(target.substr(0, target.find('?')));
}

std::string mime_for(const std::filesystem::path& file) {
    static const std::map<std::string, std::string> k_types = {
        {".xml", "application/xml"},
        {".rss", "application/rss+xml"},
        {".atom", "application/atom+xml"},
        {".json", "application/json"},
        {".html", "text/html"},
        {".htm", "text/html"},
        {".txt", "text/plain"},
        {".jpg", "image/jpeg"},
        {".jpeg", "image/jpeg"},
        {".png", "image/png"},
        {".gif", "image/gif"},
        {".svg", "image/svg+xml"},
        {".webp", "image/webp"},
    };
    auto it = k_types.find(file.extension().string());
    return it == k_types.end() ? "application/octet-stream" : it->second;
}

std::optional<std::string> slurp(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// Serves `rel` under `root` with validators; nullopt when there is no such file.
std::optional<Reply>
file_reply(const std::string& root, const std::string& rel, const RecordedRequest& request) {
    std::filesystem::path relative(rel);
    for (const auto& part : relative) {
        if (part == "..") {
            return std::nullopt;
        }
    }
    auto file = std::filesystem::path(root) / relative.relative_path();
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec)) {
        file /= "index.html";
    }
    auto body = slurp(file);
    if (!body || !std::filesystem::is_regular_file(file, ec)) {
        return std::nullopt;
    }
    std::string etag = "\"" + std::to_string(std::hash<std::string>{}(*body)) + "\"";
    const std::string last_modified = "Sat, 01 Feb 2025 00:00:00 GMT";
    Reply reply;
    reply.headers = {{"ETag", etag}, {"Last-Modified", last_modified}};
    if (request.header("If-None-Match") == etag ||
        (!request.has_header("If-None-Match") &&
         request.header("If-Modified-Since") == last_modified)) {
        reply.status = 304;
        return reply;
    }
    reply.headers.emplace_back("Content-Type", mime_for(file));
    reply.body = std::move(*body);
    return reply;
}

// httplib listens with a backlog of 5: a burst of connections beyond it waits for a SYN
// retransmission (1 s). Linux lets listen() be called again to widen the queue.
template <typename Base> class WideBacklog : public Base {
  public:
    using Base::Base;
    void widen_backlog() { ::listen(this->svr_sock_, 256); }
};

} // namespace

std::string RecordedRequest::header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (iequals(key, name)) {
            return value;
        }
    }
    return {};
}

bool RecordedRequest::has_header(std::string_view name) const {
    return std::any_of(
        headers.begin(), headers.end(), [&](const auto& h) { return iequals(h.first, name); });
}

struct LoopbackServer::Impl {
    std::unique_ptr<httplib::Server> owned;
    httplib::Server& server;
    std::string scheme = "http";
    std::thread thread;
    int port = 0;

    mutable std::mutex mutex;
    std::map<std::string, ReplyHandler> routes;
    std::vector<std::pair<std::string, std::string>> mounts; // mount, root
    std::vector<RecordedRequest> log;
    int active = 0;
    int peak = 0;

    std::optional<Reply> reply_for(const RecordedRequest& request) {
        ReplyHandler handler;
        std::vector<std::pair<std::string, std::string>> dirs;
        {
            std::lock_guard lock(mutex);
            if (auto it = routes.find(request.path); it != routes.end()) {
                handler = it->second;
            }
            dirs = mounts;
        }
        if (handler) {
            return handler(request);
        }
        for (const auto& [mount, root] : dirs) {
            if (request.path.rfind(mount, 0) == 0) {
                if (auto reply = file_reply(root, request.path.substr(mount.size()), request)) {
                    return reply;
                }
            }
        }
        return std::nullopt;
    }

    Impl(std::unique_ptr<httplib::Server> s, std::function<void()> widen_backlog)
        : owned(std::move(s)), server(*owned), widen(std::move(widen_backlog)) {}

    std::function<void()> widen;

    void start() {
        // Enough workers for tests that hold many connections open at once.
        server.new_task_queue = [] { return new httplib::ThreadPool(32); };
        server.set_keep_alive_timeout(1);
        server.set_tcp_nodelay(true);
        server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
            return handle(req, res);
        });
        port = server.bind_to_any_port("127.0.0.1");
        if (port <= 0) {
            throw std::runtime_error("loopback server: cannot bind 127.0.0.1");
        }
        widen();
        // The socket already listens after bind_to_any_port: early connections wait in the
        // backlog until the accept loop runs.
        thread = std::thread([this] { server.listen_after_bind(); });
    }

    httplib::Server::HandlerResponse handle(const httplib::Request& req, httplib::Response& res) {
        RecordedRequest recorded;
        recorded.method = req.method;
        recorded.target = req.target;
        recorded.path = path_of(req.target);
        for (const auto& [key, value] : req.headers) {
            // httplib adds these itself; they were not sent by the client.
            if (key == "REMOTE_ADDR" || key == "REMOTE_PORT" || key == "LOCAL_ADDR" ||
                key == "LOCAL_PORT") {
                continue;
            }
            recorded.headers.emplace_back(key, value);
        }
        recorded.body = req.body;
        // httplib would otherwise compress text replies itself (br at its slowest setting)
        // whenever the client accepts it: replies are sent exactly as the route gives them.
        // The request object is httplib's own mutable one, handed over as const.
        const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");
        recorded.received = std::chrono::steady_clock::now();
        {
            std::lock_guard lock(mutex);
            log.push_back(recorded);
            peak = std::max(peak, ++active);
        }
        auto reply = reply_for(recorded);
        if (!reply) {
            reply = Reply{404, {{"Content-Type", "text/plain"}}, "not found\n", {}};
        }
        if (reply->delay.count() > 0) {
            std::this_thread::sleep_for(reply->delay);
        }
        {
            std::lock_guard lock(mutex);
            --active;
        }
        res.status = reply->status;
        std::string content_type;
        for (const auto& [key, value] : reply->headers) {
            if (iequals(key, "Content-Type")) {
                content_type = value;
            } else {
                res.headers.emplace(key, value);
            }
        }
        // Always framed (Content-Length, even 0) except where HTTP forbids a body, so a
        // client never waits for the connection to close to find the end of a reply.
        if (reply->status != 304 && reply->status != 204 && reply->status >= 200) {
            res.set_content(reply->body, content_type.c_str());
        } else if (!content_type.empty()) {
            res.set_header("Content-Type", content_type);
        }
        return httplib::Server::HandlerResponse::Handled;
    }
};

LoopbackServer::LoopbackServer() {
    auto server = std::make_unique<WideBacklog<httplib::Server>>();
    auto* raw = server.get();
    m_impl = std::make_unique<Impl>(std::move(server), [raw] { raw->widen_backlog(); });
    m_impl->start();
}

LoopbackServer::LoopbackServer(const Tls& tls) {
    auto server = std::make_unique<WideBacklog<httplib::SSLServer>>(tls.cert_pem.c_str(),
                                                                    tls.key_pem.c_str());
    auto* raw = server.get();
    m_impl = std::make_unique<Impl>(std::move(server), [raw] { raw->widen_backlog(); });
    if (!m_impl->server.is_valid()) {
        throw std::runtime_error("loopback server: cannot load " + tls.cert_pem);
    }
    m_impl->scheme = "https";
    m_impl->start();
}

LoopbackServer::~LoopbackServer() {
    m_impl->server.stop();
    if (m_impl->thread.joinable()) {
        m_impl->thread.join();
    }
}

int LoopbackServer::port() const {
    return m_impl->port;
}

std::string LoopbackServer::url(std::string_view path) const {
    return m_impl->scheme + "://127.0.0.1:" + std::to_string(m_impl->port) + std::string(path);
}

void LoopbackServer::add_route(const std::string& path, Reply reply) {
    add_handler(path, [reply = std::move(reply)](const RecordedRequest&) { return reply; });
}

void LoopbackServer::add_route(const std::string& path,
                               std::string body,
                               std::string content_type) {
    add_route(path, Reply{200, {{"Content-Type", std::move(content_type)}}, std::move(body), {}});
}

void LoopbackServer::add_handler(const std::string& path, ReplyHandler handler) {
    std::lock_guard lock(m_impl->mutex);
    m_impl->routes[path] = std::move(handler);
}

void LoopbackServer::serve_directory(const std::string& mount, const std::string& root) {
    std::lock_guard lock(m_impl->mutex);
    std::string prefix = mount;
    if (!prefix.empty() && prefix.back() == '/') {
        prefix.pop_back();
    }
    m_impl->mounts.emplace_back(prefix, root);
}

int LoopbackServer::hits(std::string_view path) const {
    std::lock_guard lock(m_impl->mutex);
    if (path.empty()) {
        return static_cast<int>(m_impl->log.size());
    }
    return static_cast<int>(std::count_if(
        m_impl->log.begin(), m_impl->log.end(), [&](const auto& r) { return r.path == path; }));
}

std::vector<RecordedRequest> LoopbackServer::requests(std::string_view path) const {
    std::lock_guard lock(m_impl->mutex);
    std::vector<RecordedRequest> out;
    for (const auto& r : m_impl->log) {
        if (path.empty() || r.path == path) {
            out.push_back(r);
        }
    }
    return out;
}

int LoopbackServer::max_concurrent() const {
    std::lock_guard lock(m_impl->mutex);
    return m_impl->peak;
}

void LoopbackServer::clear_log() {
    std::lock_guard lock(m_impl->mutex);
    m_impl->log.clear();
    m_impl->peak = m_impl->active;
}

} // namespace archiver::testing
