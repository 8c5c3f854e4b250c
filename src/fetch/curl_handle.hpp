// SPDX-License-Identifier: MIT
#pragma once

#include <curl/curl.h>
#include <memory>

namespace archiver::fetch::detail {

// Initialises libcurl once per process (thread-safe, idempotent).
void ensure_curl_global_init();

struct EasyDeleter {
    void operator()(CURL* h) const noexcept { curl_easy_cleanup(h); }
};
struct MultiDeleter {
    void operator()(CURLM* h) const noexcept { curl_multi_cleanup(h); }
};
struct ShareDeleter {
    void operator()(CURLSH* h) const noexcept { curl_share_cleanup(h); }
};
struct SlistDeleter {
    void operator()(curl_slist* l) const noexcept { curl_slist_free_all(l); }
};

// One easy handle (move-only). Throws std::bad_alloc when libcurl cannot create one.
class CurlHandle {
  public:
    CurlHandle();
    CURL* get() const noexcept { return m_handle.get(); }
    // Forgets every option so the handle can serve another transfer (keeps its caches).
    void reset_options() noexcept { curl_easy_reset(m_handle.get()); }

  private:
    std::unique_ptr<CURL, EasyDeleter> m_handle;
};

// A DNS and TLS-session cache shared by the easy handles of one fetcher (move-only). Used
// from one thread only, so it needs no lock callbacks.
class CurlShare {
  public:
    CurlShare();
    CURLSH* get() const noexcept { return m_handle.get(); }

  private:
    std::unique_ptr<CURLSH, ShareDeleter> m_handle;
};

// A multi handle (move-only): connection pool, HTTP/2 multiplexing, per-host limits.
class CurlMulti {
  public:
    explicit CurlMulti(long max_host_connections);
    CURLM* get() const noexcept { return m_handle.get(); }

  private:
    std::unique_ptr<CURLM, MultiDeleter> m_handle;
};

// A header list for CURLOPT_HTTPHEADER (move-only).
class CurlHeaders {
  public:
    void append(const char* line);
    curl_slist* get() const noexcept { return m_list.get(); }

  private:
    std::unique_ptr<curl_slist, SlistDeleter> m_list;
};

} // namespace archiver::fetch::detail
