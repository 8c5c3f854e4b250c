// SPDX-License-Identifier: MIT
// `archiver sources add URL`: finds the site's feed (the URL itself, what the page
// advertises, links that look like feeds, then common paths) and writes feeds.d/NAME.toml.
#include "sources_cmd.hpp"

#include <archiver/config/config.hpp>
#include <archiver/core/error.hpp>
#include <archiver/core/url.hpp>
#include <archiver/feed/parse.hpp>
#include <archiver/listing/listing.hpp>
#include <archiver/text/charset.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace archiver::cli::sources {
namespace {

// A safe source name from the host: "www.people.com.cn" -> "people-com-cn".
std::string name_from_url(const std::string& page_url) {
    auto parts = url::parse(page_url);
    std::string host = parts ? parts->host : std::string("source");
    if (host.rfind("www.", 0) == 0) {
        host = host.substr(4);
    }
    std::string out;
    for (const char c : host) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        out += ok ? c : (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : '-';
    }
    return out.empty() ? "source" : out;
}

// TOML basic string.
std::string quoted(const std::string& text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out + "\"";
}

struct Found {
    std::string url;
    FeedDoc doc;
    std::string how;
};

// Fetches `candidate` and keeps it when it parses as a feed with entries or a title.
std::optional<Found> try_feed(fetch::Fetcher& fetcher,
                              const Source& probe,
                              const std::string& candidate,
                              const std::string& how) {
    auto response = fetcher.get(make_request(probe, candidate));
    if (!response || !feed::looks_like_feed(response->body, response->content_type)) {
        return std::nullopt;
    }
    feed::ParseOptions po;
    po.base_url = response->url;
    po.content_type = response->content_type;
    auto doc = feed::parse_feed(response->body, po);
    if (!doc) {
        return std::nullopt;
    }
    return Found{response->url.empty() ? candidate : response->url, std::move(*doc), how};
}

bool chinese(const FeedDoc& doc, const std::string& feed_url) {
    const std::string lang = doc.feed.language.value_or("");
    auto parts = url::parse(feed_url);
    const std::string host = parts ? parts->host : "";
    return lang.rfind("zh", 0) == 0 || lang.rfind("ZH", 0) == 0 ||
           (host.size() > 3 && host.compare(host.size() - 3, 3, ".cn") == 0);
}

} // namespace

int run_add(const archive::RunContext& ctx, const AddOptions& options) {
    if (!url::is_http(options.url)) {
        std::cerr << "archiver: sources add needs an http(s) URL\n";
        return exit_code::k_usage;
    }
    const std::string name = options.name.empty() ? name_from_url(options.url) : options.name;
    const std::filesystem::path file = ctx.paths.feeds_dir / (name + ".toml");
    if (std::filesystem::exists(file) && !options.force) {
        std::cerr << "archiver: " << file.string() << " exists (use --force to replace it)\n";
        return exit_code::k_usage;
    }
    Source probe;
    fetch::Fetcher fetcher = make_fetcher(ctx);
    auto page = fetcher.get(make_request(probe, options.url));
    if (!page) {
        std::cerr << "archiver: FAIL (" << stage_name(page.error().stage) << ") "
                  << page.error().message << "\n";
        return exit_code::k_partial;
    }
    std::optional<Found> found;
    if (feed::looks_like_feed(page->body, page->content_type)) {
        found = try_feed(fetcher, probe, options.url, "the URL is a feed");
    } else {
        const text::Decoded decoded = text::to_utf8(page->body, page->charset, text::DocKind::html);
        const std::string base = page->url.empty() ? options.url : page->url;
        for (const auto& candidate : listing::discover_feeds(decoded.text, base)) {
            if ((found = try_feed(fetcher, probe, candidate, "advertised by the page"))) {
                break;
            }
        }
        for (const auto& candidate :
             found ? std::vector<std::string>{} : listing::common_feed_urls(base)) {
            if ((found = try_feed(fetcher, probe, candidate, "common path"))) {
                break;
            }
        }
    }
    if (!found) {
        std::cerr
            << "archiver: no feed found at " << options.url << "; write feeds.d/" << name
            << ".toml by hand with type = \"html\" and a [list] table (see docs/sources.md)\n";
        return exit_code::k_partial;
    }
    const bool zh = chinese(found->doc, found->url);
    std::ostringstream toml;
    toml << "# Added by `archiver sources add " << options.url << "` (" << found->how << ").\n"
         << "# Check it with `archiver sources check " << name << "`.\n"
         << "title = " << quoted(found->doc.feed.title.value_or(name)) << "\n"
         << "url = " << quoted(found->url) << "\n"
         << "type = \"feed\"\n";
    if (found->doc.feed.language) {
        toml << "lang = " << quoted(*found->doc.feed.language) << "\n";
    }
    toml << "timezone = " << quoted(zh ? "Asia/Shanghai" : "UTC") << "\n";
    const std::string text = toml.str();
    auto parsed = config::parse_source(text, file.string(), name, ctx.global.defaults);
    if (!parsed) {
        std::cerr << "archiver: " << parsed.error().message << "\n";
        return exit_code::k_fatal;
    }
    std::filesystem::create_directories(ctx.paths.feeds_dir);
    const std::filesystem::path tmp = file.string() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << text;
        if (!out.flush()) {
            std::cerr << "archiver: cannot write " << tmp.string() << "\n";
            return exit_code::k_fatal;
        }
    }
    std::filesystem::rename(tmp, file);
    std::cout << file.string() << "\n" << text;
    std::cerr << "[" << name << "] OK " << found->url << " (" << found->doc.entries.size()
              << " entries, " << found->how << ")\n";
    return exit_code::k_ok;
}

} // namespace archiver::cli::sources
