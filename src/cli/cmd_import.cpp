// SPDX-License-Identifier: MIT
// `archiver import opml FILE`: subscriptions from another reader (newsboat, miniflux,
// FreshRSS exports) as feeds.d/NAME.toml files. Feeds already configured (same URL) are
// skipped; existing files are never overwritten.
#include "app.hpp"
#include "context.hpp"

#include <archiver/archive/lock.hpp>
#include <archiver/config/config.hpp>
#include <archiver/core/log.hpp>
#include <archiver/core/url.hpp>
#include <archiver/export/export.hpp>

#include <fstream>
#include <iostream>
#include <set>

namespace archiver::cli {
namespace {

namespace fs = std::filesystem;

struct ImportOptions {
    std::string kind;
    std::string file;
};

ImportOptions& options() {
    static ImportOptions opts;
    return opts;
}

void setup_import(CLI::App& app) {
    auto& o = options();
    app.add_option("kind", o.kind, "What to import: opml")
        ->required()
        ->check(CLI::IsMember({"opml"}));
    app.add_option("file", o.file, "The OPML file (- for stdin)")->required();
}

// A file stem from the feed's title (ASCII letters and digits, '-' between words), else
// from its host.
std::string stem_for(const exporter::OpmlFeed& feed) {
    auto slug = [](std::string_view text) {
        std::string out;
        for (const char c : text) {
            const auto b = static_cast<unsigned char>(c);
            if (std::isalnum(b) != 0 && b < 0x80) {
                out += static_cast<char>(std::tolower(b));
            } else if (!out.empty() && out.back() != '-') {
                out += '-';
            }
            if (out.size() >= 60) {
                break;
            }
        }
        while (!out.empty() && out.back() == '-') {
            out.pop_back();
        }
        return out;
    };
    std::string stem = slug(feed.title);
    if (stem.size() < 3) {
        const auto parsed = url::parse(feed.xml_url);
        stem = slug(parsed ? parsed->host : feed.xml_url);
    }
    return stem.empty() ? "feed" : stem;
}

int run_import(const GlobalOptions& global) {
    const auto& o = options();
    archive::RunContext ctx;
    try {
        ctx = load_context(global);
    } catch (const UsageError& e) {
        std::cerr << "archiver: " << e.what() << "\n";
        return exit_code::k_usage;
    }
    std::string text;
    try {
        text = read_input(o.file);
    } catch (const std::exception& e) {
        std::cerr << "archiver: " << e.what() << "\n";
        return exit_code::k_usage;
    }
    auto feeds = exporter::parse_opml(text);
    if (!feeds) {
        std::cerr << "archiver: " << o.file << ": " << feeds.error().message << "\n";
        return exit_code::k_usage;
    }
    long holder = 0;
    auto lock = archive::ArchiveLock::acquire(ctx.paths.lock_file, archive::LockWait::no, &holder);
    if (!lock) {
        std::cerr << "archiver: the archive is locked by process " << holder << "\n";
        return exit_code::k_locked;
    }
    std::set<std::string> known;
    for (const auto& s : ctx.sources) {
        known.insert(url::canonicalize(s.url));
    }
    fs::create_directories(ctx.paths.feeds_dir);
    int imported = 0, skipped = 0, failed = 0;
    for (const auto& feed : *feeds) {
        if (!url::is_http(feed.xml_url) || !known.insert(url::canonicalize(feed.xml_url)).second) {
            ++skipped;
            continue;
        }
        const std::string base = stem_for(feed);
        std::string stem = base;
        for (int n = 2; fs::exists(ctx.paths.feeds_dir / (stem + ".toml")); ++n) {
            stem = base + "-" + std::to_string(n);
        }
        const std::string body = exporter::source_file_text(feed);
        // The file must load exactly as `run` will read it.
        const fs::path file = ctx.paths.feeds_dir / (stem + ".toml");
        auto parsed = config::parse_source(body, file.string(), stem, ctx.global.defaults);
        if (!parsed) {
            std::cerr << "archiver: " << feed.xml_url << ": " << parsed.error().message << "\n";
            ++failed;
            continue;
        }
        std::ofstream out(file, std::ios::binary);
        out << body;
        if (!out) {
            std::cerr << "archiver: cannot write " << file.string() << "\n";
            return exit_code::k_fatal;
        }
        log::info("imported " + feed.xml_url + " as " + file.string());
        ++imported;
    }
    std::cerr << "archiver: imported " << imported << " sources into "
              << ctx.paths.feeds_dir.string() << ", skipped " << skipped
              << " already configured or not http(s)"
              << (failed ? ", " + std::to_string(failed) + " failed" : std::string()) << "\n";
    return failed > 0 ? exit_code::k_partial : exit_code::k_ok;
}

const bool k_registered = register_command(Command{
    "import", "Import sources from another reader's OPML export", 70, setup_import,
    run_import});

} // namespace
} // namespace archiver::cli
