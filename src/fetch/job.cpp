// SPDX-License-Identifier: MIT
#include "fetch/job.hpp"

#include "fetch/http_util.hpp"

#include <archiver/core/url.hpp>

namespace archiver::fetch::detail {

std::string host_key(const std::string& text) {
    auto parts = url::parse(text);
    if (!parts) {
        return {};
    }
    std::string port = parts->port;
    if (port.empty()) {
        port = ascii_lower(parts->scheme) == "https" ? "443" : "80";
    }
    return ascii_lower(parts->host) + ":" + port;
}

Error fetch_error(const Job& job, const std::string& reason) {
    std::string message = job.request.url + ": " + reason;
    if (job.url != job.request.url) {
        message += " (at " + job.url + " after redirects)";
    }
    return Error{Stage::fetch, std::move(message)};
}

bool is_transient_curl(CURLcode code) noexcept {
    switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        return true;
    default:
        return false;
    }
}

std::string status_text(long status) {
    const char* phrase = nullptr;
    switch (status) {
    case 301:
        phrase = "Moved Permanently";
        break;
    case 302:
        phrase = "Found";
        break;
    case 303:
        phrase = "See Other";
        break;
    case 307:
        phrase = "Temporary Redirect";
        break;
    case 308:
        phrase = "Permanent Redirect";
        break;
    case 400:
        phrase = "Bad Request";
        break;
    case 401:
        phrase = "Unauthorized";
        break;
    case 403:
        phrase = "Forbidden";
        break;
    case 404:
        phrase = "Not Found";
        break;
    case 408:
        phrase = "Request Timeout";
        break;
    case 410:
        phrase = "Gone";
        break;
    case 425:
        phrase = "Too Early";
        break;
    case 429:
        phrase = "Too Many Requests";
        break;
    case 500:
        phrase = "Internal Server Error";
        break;
    case 502:
        phrase = "Bad Gateway";
        break;
    case 503:
        phrase = "Service Unavailable";
        break;
    case 504:
        phrase = "Gateway Timeout";
        break;
    default:
        break;
    }
    std::string text = "HTTP " + std::to_string(status);
    if (phrase) {
        text += ' ';
        text += phrase;
    }
    return text;
}

} // namespace archiver::fetch::detail
