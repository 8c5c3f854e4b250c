// SPDX-License-Identifier: MIT
#pragma once

#include <archiver/core/error.hpp>
#include <archiver/fetch/fetcher.hpp>
#include <chrono>
#include <curl/curl.h>
#include <string>
#include <vector>

namespace archiver::fetch::detail {

using Clock = std::chrono::steady_clock;

// One submitted request on its way through redirects and retries.
struct Job {
    Request request;
    Callback done;
    std::string url;                // the hop being fetched
    std::string host;               // host_key(url): the unit of the per-host limits
    std::string origin_host;        // host the request's cookies were given for
    std::vector<std::string> chain; // URLs visited so far, the request's first
    std::string permanent;          // target of the leading run of 301/308 hops
    bool only_permanent = true;     // no temporary redirect seen yet
    int attempts = 0;               // attempts on the current hop
    int total_attempts = 0;
    Clock::time_point not_before; // retry backoff: not started before this
    Clock::time_point started;
};

// "host:port" in lower case, the scheme's default port filled in; empty when unparsable.
std::string host_key(const std::string& url);

// An Error{Stage::fetch} naming the requested URL (and the hop, after redirects) and `reason`.
Error fetch_error(const Job& job, const std::string& reason);

// Transport failures worth retrying within a run: resets, timeouts, truncated replies.
bool is_transient_curl(CURLcode code) noexcept;

// "HTTP 503 Service Unavailable" (the reason phrase when the status is a common one).
std::string status_text(long status);

} // namespace archiver::fetch::detail
