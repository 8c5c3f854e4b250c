// SPDX-License-Identifier: MIT
#include "fetch/transfer.hpp"

#include "fetch/http_util.hpp"

namespace archiver::fetch::detail {

Transfer::Transfer(CurlHandle handle, const Options& options, const std::atomic<bool>& stopping)
    : m_handle(std::move(handle)), m_options(options), m_stopping(stopping) {}

void Transfer::configure(const Request& request,
                         const std::string& url,
                         CURLSH* share,
                         Cookies cookies) {
    CURL* h = m_handle.get();
    m_handle.reset_options();
    m_url = url;
    m_decoding = request.decoding;
    m_user_agent = request.user_agent.empty() ? m_options.user_agent : request.user_agent;
    m_request_headers = CurlHeaders{};
    for (const auto& [name, value] : request.headers) {
        m_request_headers.append((name + ": " + value).c_str());
    }
    if (!request.etag.empty()) {
        m_request_headers.append(("If-None-Match: " + request.etag).c_str());
    }
    if (!request.last_modified.empty()) {
        m_request_headers.append(("If-Modified-Since: " + request.last_modified).c_str());
    }
    bool has_accept_encoding = false;
    for (const auto& header : request.headers) {
        has_accept_encoding = has_accept_encoding || ascii_lower(header.first) == "accept-encoding";
    }
    if (!has_accept_encoding) {
        m_request_headers.append("Accept-Encoding: gzip, deflate, br");
    }
    m_cookies = cookies == Cookies::send ? request.cookies : std::string();

    curl_easy_setopt(h, CURLOPT_URL, m_url.c_str());
    curl_easy_setopt(h, CURLOPT_SHARE, share);
    curl_easy_setopt(h, CURLOPT_PRIVATE, this);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, m_errbuf);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    // Only the web: never file://, ftp:// or anything else, even if asked to.
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    // Redirects are followed by the fetcher itself (scheme check, loop detection, 301s).
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
    curl_easy_setopt(h, CURLOPT_PIPEWAIT, 1L);
    // Bodies are decoded by ContentDecoder (size cap, truncation check), not by libcurl.
    curl_easy_setopt(h, CURLOPT_HTTP_CONTENT_DECODING, 0L);
    curl_easy_setopt(h, CURLOPT_USERAGENT, m_user_agent.c_str());
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, m_request_headers.get());
    if (!m_cookies.empty()) {
        curl_easy_setopt(h, CURLOPT_COOKIE, m_cookies.c_str());
    }
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, m_options.connect_timeout_ms);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, m_options.total_timeout_ms);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, m_options.low_speed_limit);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, m_options.low_speed_time_s);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, m_options.verify_tls ? 1L : 0L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, m_options.verify_tls ? 2L : 0L);
    // Rejects a declared Content-Length over the cap before any byte of the body arrives.
    curl_easy_setopt(
        h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(m_options.max_body_bytes));
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &Transfer::on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, this);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &Transfer::on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, this);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, &Transfer::on_progress);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, this);
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    // Proxies come from the environment (http_proxy, https_proxy, no_proxy): libcurl reads
    // them when CURLOPT_PROXY is not set, so it is deliberately left alone.
}

std::string Transfer::header(std::string_view name) const {
    for (const auto& [key, value] : m_headers) {
        if (key == name) {
            return value;
        }
    }
    return {};
}

std::size_t Transfer::on_body(char* data, std::size_t size, std::size_t count, void* self) {
    auto* t = static_cast<Transfer*>(self);
    std::size_t n = size * count;
    long status = 0;
    curl_easy_getinfo(t->m_handle.get(), CURLINFO_RESPONSE_CODE, &status);
    if (status < 200 || status >= 300) {
        return n; // the body of an error page or a redirect is never used: not kept
    }
    if (!t->m_decoder) {
        // Left to the caller: kept as it came (the cap then bounds the encoded bytes here,
        // and decode_body applies it again to the decoded ones).
        t->m_decoder = std::make_unique<ContentDecoder>(
            t->m_decoding == BodyDecoding::caller ? std::string() : t->header("content-encoding"));
    }
    // The cap applies to the decoded bytes: a small gzip bomb is stopped here.
    switch (t->m_decoder->feed({data, n}, t->m_body, t->m_options.max_body_bytes)) {
    case ContentDecoder::Status::ok:
        return n;
    case ContentDecoder::Status::too_large:
        t->m_too_large = true;
        return 0;
    case ContentDecoder::Status::corrupt:
        t->m_decode_error = t->m_decoder->error();
        return 0;
    }
    return 0;
}

bool Transfer::finish_body() {
    if (m_decoder && m_decoder->finish() != ContentDecoder::Status::ok) {
        m_decode_error = m_decoder->error();
        return false;
    }
    return true;
}

std::size_t Transfer::on_header(char* data, std::size_t size, std::size_t count, void* self) {
    auto* t = static_cast<Transfer*>(self);
    std::string_view line(data, size * count);
    if (line.rfind("HTTP/", 0) == 0) {
        // A new response head (after 1xx or a proxy's CONNECT reply): forget the previous one.
        t->m_headers.clear();
        return line.size();
    }
    std::string name, value;
    if (split_header(line, name, value)) {
        t->m_headers.emplace_back(std::move(name), std::move(value));
    }
    return line.size();
}

int Transfer::on_progress(void* self, curl_off_t, curl_off_t dlnow, curl_off_t, curl_off_t) {
    auto* t = static_cast<Transfer*>(self);
    if (t->m_stopping) {
        return 1;
    }
    // The cap also bounds the bytes on the wire (a chunked body has no Content-Length).
    if (static_cast<std::int64_t>(dlnow) > t->m_options.max_body_bytes) {
        t->m_too_large = true;
        return 1;
    }
    return 0;
}

} // namespace archiver::fetch::detail
