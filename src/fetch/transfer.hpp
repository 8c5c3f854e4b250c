// SPDX-License-Identifier: MIT
#pragma once

#include "fetch/curl_handle.hpp"
#include "fetch/decoder.hpp"

#include <archiver/fetch/fetcher.hpp>
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace archiver::fetch::detail {

// Whether a hop may carry the request's cookies (only to the host they were given for).
enum class Cookies { send, withhold };

// One HTTP exchange on one easy handle: the handle configured for a URL, and the response
// head and body collected by libcurl's callbacks. Move-only (the handle points back at it,
// so it lives behind a unique_ptr while in flight).
class Transfer {
  public:
    Transfer(CurlHandle handle, const Options& options, const std::atomic<bool>& stopping);
    Transfer(const Transfer&) = delete;
    Transfer& operator=(const Transfer&) = delete;

    // Sets every option for a GET of `url` with the settings of `request`.
    void configure(const Request& request, const std::string& url, CURLSH* share, Cookies cookies);

    CURL* easy() const noexcept { return m_handle.get(); }
    // Gives the handle back for reuse.
    CurlHandle release_handle() { return std::move(m_handle); }

    const std::string& body() const noexcept { return m_body; }
    std::string take_body() { return std::move(m_body); }
    // Who decodes the body: with BodyDecoding::caller it is kept as it came (still capped).
    BodyDecoding decoding() const noexcept { return m_decoding; }
    // The first value of header `name` (lower-case) of the last response; empty if absent.
    std::string header(std::string_view name) const;
    // True when the body or the download passed Options::max_body_bytes (transfer aborted).
    bool too_large() const noexcept { return m_too_large; }
    // After a complete transfer: checks that a compressed body was whole; false (with
    // `decode_error()` set) when it was cut short.
    bool finish_body();
    // Why the body could not be decoded (corrupt or truncated); empty when it could.
    const std::string& decode_error() const noexcept { return m_decode_error; }
    // libcurl's detailed message for the last failure (may be empty).
    std::string error_detail() const { return m_errbuf; }

  private:
    static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* self);
    static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* self);
    static int on_progress(
        void* self, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow);

    CurlHandle m_handle;
    const Options& m_options;
    const std::atomic<bool>& m_stopping;
    CurlHeaders m_request_headers;
    std::string m_user_agent;
    std::string m_cookies;
    std::string m_url;
    BodyDecoding m_decoding = BodyDecoding::fetcher;
    std::string m_body;
    std::vector<std::pair<std::string, std::string>> m_headers;
    std::unique_ptr<ContentDecoder> m_decoder; // created with the first body bytes
    std::string m_decode_error;
    bool m_too_large = false;
    char m_errbuf[CURL_ERROR_SIZE] = {};
};

} // namespace archiver::fetch::detail
