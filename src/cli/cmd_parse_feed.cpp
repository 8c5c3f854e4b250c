// SPDX-License-Identifier: MIT
// `archiver parse-feed [FILE|-] [--url U] [--content-type CT] [--tz ZONE] [--format json|tsv]`:
// a pure transform, feed bytes in, normalized entries out (SPEC §2).
#include "app.hpp"

#include <archiver/core/error.hpp>
#include <archiver/feed/parse.hpp>

#include <cstdio>
#include <iostream>
#include <memory>
#include <sys/stat.h>

namespace archiver::cli {
namespace {

struct ParseFeedOptions {
    std::string file = "-";
    std::string url;
    std::string content_type;
    std::string tz = "UTC";
    std::string format = "json";
};

// The options bound at setup, read when the command runs.
std::shared_ptr<ParseFeedOptions>& s_options() {
    static std::shared_ptr<ParseFeedOptions> options = std::make_shared<ParseFeedOptions>();
    return options;
}

// Reads FILE or stdin ("-") whole, in large blocks (feeds can be tens of MB).
bool read_all(const std::string& path, std::string& out) {
    std::FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
    if (!f) {
        return false;
    }
    // A regular file (named, or redirected to stdin) is read into one buffer of its size.
    struct stat st {};
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        out.reserve(static_cast<std::size_t>(st.st_size));
    }
    char buf[1 << 16];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
        out.append(buf, n);
    }
    const bool ok = !std::ferror(f);
    if (f != stdin) {
        std::fclose(f);
    }
    return ok;
}

int run_parse_feed(const ParseFeedOptions& opts) {
    auto zone = TimeZone::from_name(opts.tz);
    if (!zone) {
        std::cerr << "parse-feed: unknown time zone '" << opts.tz << "'\n";
        return exit_code::k_usage;
    }
    std::string bytes;
    if (!read_all(opts.file, bytes)) {
        std::cerr << "parse-feed: cannot read " << opts.file << "\n";
        return exit_code::k_partial;
    }
    feed::ParseOptions po;
    po.base_url = opts.url;
    po.content_type = opts.content_type;
    po.zone = *zone;
    auto doc = feed::parse_feed(bytes, po);
    if (!doc) {
        std::cerr << "parse-feed: " << doc.error().message << "\n";
        if (opts.format == "json") {
            // Still one JSON object, so pipelines can tell "no feed" from a crash.
            FeedDoc empty;
            empty.bozo = true;
            empty.bozo_reason = doc.error().message;
            std::cout << feed::to_json(empty);
        }
        return exit_code::k_partial;
    }
    std::cout << (opts.format == "tsv" ? feed::to_tsv(*doc) : feed::to_json(*doc));
    return exit_code::k_ok;
}

const bool k_registered = register_command(Command{
    "parse-feed",
    "Parse a feed (RSS, Atom, JSON Feed) and print its normalized entries",
    40,
    [](CLI::App& app) {
        auto opts = std::make_shared<ParseFeedOptions>();
        app.add_option("file", opts->file, "Feed file, or - for stdin")->capture_default_str();
        app.add_option("--url", opts->url, "The feed's URL: relative links resolve against it");
        app.add_option("--content-type", opts->content_type,
                       "The HTTP Content-Type it was served with (charset is honoured)");
        app.add_option("--tz", opts->tz, "Zone for dates that state none (IANA name or offset)")
            ->capture_default_str();
        app.add_option("--format", opts->format, "Output format")
            ->check(CLI::IsMember({"json", "tsv"}))
            ->capture_default_str();
        s_options() = opts;
    },
    [](const GlobalOptions&) { return run_parse_feed(*s_options()); },
});

} // namespace
} // namespace archiver::cli
