// SPDX-License-Identifier: MIT
#pragma once

#include <archiver/core/model.hpp>
#include <archiver/core/result.hpp>
#include <archiver/core/time.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace archiver::extract {

struct Options {
    std::string url;          // the page URL: relative URLs resolve against it
    ExtractRules rules;       // per-source selectors; empty fields use the generic extractor
    TimeZone zone;            // dates that state no zone are read in it
    std::optional<std::int64_t> now; // for relative dates ("23分钟前"); none: not parsed
};

// Extracts metadata and the main body of an HTML page given as UTF-8 (decode first with
// text::to_utf8). Fails with Stage::extract when no body text can be found. Pure.
Result<Article> extract_article(std::string_view html, const Options& options);

} // namespace archiver::extract
