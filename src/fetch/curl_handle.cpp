// SPDX-License-Identifier: MIT
#include "fetch/curl_handle.hpp"

#include <archiver/fetch/fetcher.hpp>

#include <mutex>
#include <new>

namespace archiver::fetch::detail {

void ensure_curl_global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

} // namespace archiver::fetch::detail

namespace archiver::fetch {

Preload::Preload() : m_thread([] { detail::ensure_curl_global_init(); }) {}

Preload::~Preload() { m_thread.join(); }

} // namespace archiver::fetch

namespace archiver::fetch::detail {

CurlHandle::CurlHandle() {
    ensure_curl_global_init();
    m_handle.reset(curl_easy_init());
    if (!m_handle) {
        throw std::bad_alloc();
    }
}

CurlShare::CurlShare() {
    ensure_curl_global_init();
    m_handle.reset(curl_share_init());
    if (!m_handle) {
        throw std::bad_alloc();
    }
    curl_share_setopt(m_handle.get(), CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    curl_share_setopt(m_handle.get(), CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
}

CurlMulti::CurlMulti(long max_host_connections) {
    ensure_curl_global_init();
    m_handle.reset(curl_multi_init());
    if (!m_handle) {
        throw std::bad_alloc();
    }
    curl_multi_setopt(m_handle.get(), CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
    if (max_host_connections > 0) {
        curl_multi_setopt(m_handle.get(), CURLMOPT_MAX_HOST_CONNECTIONS, max_host_connections);
    }
}

void CurlHeaders::append(const char* line) {
    curl_slist* grown = curl_slist_append(m_list.get(), line);
    if (!grown) {
        throw std::bad_alloc();
    }
    // curl_slist_append returns the same head once the list exists.
    (void)m_list.release();
    m_list.reset(grown);
}

} // namespace archiver::fetch::detail
