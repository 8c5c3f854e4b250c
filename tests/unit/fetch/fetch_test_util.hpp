// SPDX-License-Identifier: MIT
#pragma once

#include <archiver/fetch/fetcher.hpp>
#include <string>

namespace archiver::testing {

// A plain GET of `url`.
inline fetch::Request request_for(std::string url) {
    fetch::Request request;
    request.url = std::move(url);
    return request;
}

// Options for tests: short timeouts and retry pauses so failures resolve quickly, while a
// loaded machine still has ample time for the transfers that should succeed.
inline fetch::Options test_options() {
    fetch::Options options;
    options.connect_timeout_ms = 5'000;
    options.total_timeout_ms = 10'000;
    options.retry_base_ms = 5;
    options.retry_max_ms = 20;
    options.max_retries = 2;
    return options;
}

} // namespace archiver::testing
