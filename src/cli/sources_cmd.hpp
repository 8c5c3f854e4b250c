// SPDX-License-Identifier: MIT
// `archiver sources`: shared pieces of its subcommands (cmd_sources*.cpp).
#pragma once

#include "app.hpp"

#include <archiver/archive/run.hpp>
#include <archiver/core/model.hpp>
#include <archiver/core/result.hpp>
#include <archiver/fetch/fetcher.hpp>
#include <string>

namespace archiver::cli::sources {

struct CheckOptions {
    std::string name;
    std::string from;    // FILE or URL of the list/feed; empty: the source's URL
    std::string article; // FILE: the first item's page, instead of fetching it
    int items = 1;       // items to extract
    std::string now;     // pins "now" for relative dates
};

struct AddOptions {
    std::string url;
    std::string name;
    bool force = false;
};

// `sources check`: runs one source without storing anything.
int run_check(const archive::RunContext& ctx, const CheckOptions& options);
// `sources add`: discovers a feed and writes feeds.d/NAME.toml.
int run_add(const archive::RunContext& ctx, const AddOptions& options);

// A Fetcher configured from archiver.toml.
fetch::Fetcher make_fetcher(const archive::RunContext& ctx);
// One request for `url` with the source's headers, cookies and user agent.
fetch::Request make_request(const Source& source, const std::string& url);

// Text of a file, or of an http(s) URL fetched with `source`'s settings; `content_type`
// receives the HTTP Content-Type (empty for files), `final_url` the URL after redirects.
Result<std::string> read_file_or_url(const archive::RunContext& ctx,
                                     const Source& source,
                                     const std::string& where,
                                     std::string& content_type,
                                     std::string& final_url);

// "feed", "html", "json", "auto".
std::string type_name(SourceType type);

} // namespace archiver::cli::sources
