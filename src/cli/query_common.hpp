// SPDX-License-Identifier: MIT
// Shared by the commands that read the archive (`list`, `show`, `search`, `stats`,
// `export`): opening the index read-only (never waiting for a run's lock), the filter
// options, and output helpers.
#pragma once

#include "app.hpp"
#include "context.hpp"

#include <archiver/core/log.hpp>
#include <archiver/core/time.hpp>
#include <archiver/store/store.hpp>

#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

namespace archiver::cli {

// `--source`, `--since`, `--until`, `--format` as every read command takes them.
struct FilterOptions {
    std::string source;
    std::string since, until;
    std::string format = "table";
};

inline void add_filter_options(CLI::App& app, FilterOptions& opts, bool with_format = true) {
    app.add_option("--source", opts.source, "Only articles of this source");
    app.add_option("--since", opts.since,
                   "Only articles dated at or after this time (RFC 3339, a date, or epoch)");
    app.add_option("--until", opts.until, "Only articles dated at or before this time");
    if (with_format) {
        app.add_option("--format", opts.format, "Output format")
            ->check(CLI::IsMember({"table", "tsv", "json"}));
    }
}

// The store query of `opts`; throws UsageError for an unreadable time.
inline store::ListQuery to_query(const FilterOptions& opts) {
    store::ListQuery q;
    q.source = opts.source;
    if (!opts.since.empty()) {
        q.since = parse_time_option(opts.since, "--since");
    }
    if (!opts.until.empty()) {
        q.until = parse_time_option(opts.until, "--until");
        // A bare date means the whole day.
        if (opts.until.size() == 10 && opts.until[4] == '-') {
            *q.until += 86'399;
        }
    }
    return q;
}

// The configuration and the index opened read-only. `store` is empty when no index exists
// yet (an empty archive, said once on stderr).
struct ReadContext {
    archive::RunContext ctx;
    std::optional<store::Store> store;
};

inline ReadContext open_for_reading(const GlobalOptions& options) {
    ReadContext rc;
    rc.ctx = load_context(options);
    if (std::filesystem::exists(rc.ctx.paths.database)) {
        rc.store.emplace(store::Store::open(rc.ctx.paths.database, store::OpenMode::read_only));
    } else {
        log::info("no archive index yet at " + rc.ctx.paths.database.string());
    }
    return rc;
}

// "2025-02-07 12:20" in the article's own offset; "-" when undated.
inline std::string short_date(const std::optional<DateTime>& date) {
    return date ? format_pattern(*date, "%Y-%m-%d %H:%M") : std::string("-");
}

// A field for TSV output: tabs and line breaks become spaces.
inline std::string tsv_field(std::string s) {
    for (char& c : s) {
        if (c == '\t' || c == '\n' || c == '\r') {
            c = ' ';
        }
    }
    return s;
}

// `text` padded with spaces to `width` display columns (CJK characters count two).
inline std::string pad(const std::string& text, std::size_t width) {
    std::size_t columns = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto b = static_cast<unsigned char>(text[i]);
        if ((b & 0xC0) == 0x80) {
            continue;
        }
        columns += b >= 0xE1 ? 2 : 1; // U+1100 and up: wide in the common CJK ranges
    }
    return columns >= width ? text + " " : text + std::string(width - columns, ' ');
}

// Runs a read command body, mapping configuration errors to exit code 2.
template <typename F> int guarded_command(F&& body) {
    try {
        return body();
    } catch (const UsageError& e) {
        std::cerr << "archiver: " << e.what() << "\n";
        return exit_code::k_usage;
    }
}

} // namespace archiver::cli
