// SPDX-License-Identifier: MIT
#include "fetch/http_util.hpp"

#include <algorithm>
#include <cctype>
#include <curl/curl.h>

namespace archiver::fetch::detail {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() &&
           (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
        s.remove_suffix(1);
    }
    return s;
}

} // namespace

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
        return static_cast<char>(std::tolower(c));
    });
    return out;
}

std::string charset_from_content_type(std::string_view content_type) {
    std::size_t pos = content_type.find(';');
    while (pos != std::string_view::npos) {
        std::string_view rest = content_type.substr(pos + 1);
        std::size_t end = rest.find(';');
        std::string_view param = trim(rest.substr(0, end));
        std::size_t eq = param.find('=');
        if (eq != std::string_view::npos && ascii_lower(trim(param.substr(0, eq))) == "charset") {
            std::string_view value = trim(param.substr(eq + 1));
            if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
                value = value.substr(1, value.size() - 2);
            }
            return ascii_lower(trim(value));
        }
        pos = end == std::string_view::npos ? end : pos + 1 + end;
    }
    return {};
}

std::optional<std::int64_t> parse_retry_after(std::string_view value, std::int64_t now) {
    value = trim(value);
    if (value.empty()) {
        return std::nullopt;
    }
    if (std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); })) {
        if (value.size() > 9) {
            return std::int64_t{999'999'999};
        }
        return std::stoll(std::string(value));
    }
    // curl_getdate reads the three HTTP-date forms of RFC 9110.
    std::string text(value);
    time_t at = curl_getdate(text.c_str(), nullptr);
    if (at < 0) {
        return std::nullopt;
    }
    return std::max<std::int64_t>(0, static_cast<std::int64_t>(at) - now);
}

bool is_transient_status(long status) noexcept {
    switch (status) {
    case 408:
    case 425:
    case 429:
    case 500:
    case 502:
    case 503:
    case 504:
        return true;
    default:
        return false;
    }
}

bool split_header(std::string_view line, std::string& name, std::string& value) {
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0 || line.rfind("HTTP/", 0) == 0) {
        return false;
    }
    name = ascii_lower(trim(line.substr(0, colon)));
    value = std::string(trim(line.substr(colon + 1)));
    return true;
}

} // namespace archiver::fetch::detail
