// SPDX-License-Identifier: MIT
#pragma once

#include <archiver/config/config.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace archiver::archive {

enum class DryRun { no, yes };
enum class Force { no, yes };

// Live figures of a run in progress, for a progress display.
struct Progress {
    int sources_total = 0, sources_done = 0;
    int added = 0, updated = 0, duplicates = 0, failed = 0;
    std::int64_t bytes = 0;
    std::string current; // the source last heard from
};

// What `archiver run` (and `fetch`) was asked to do.
struct RunOptions {
    std::vector<std::string> only_sources; // empty: every due source
    int jobs = 0;                          // 0: archiver.toml's `jobs`
    Force force = Force::no;
    DryRun dry_run = DryRun::no;
    std::optional<std::int64_t> max_seconds;
    std::optional<std::int64_t> now; // pinned clock (tests); none: the system clock
    // Called with each new or updated article as an export item (JSON object text).
    std::function<void(const std::string&)> on_item;
    // Called (on the run's thread) whenever a source or an article completes.
    std::function<void(const Progress&)> on_progress;
};

// The outcome of one source in a run.
struct SourceReport {
    std::string name;
    std::string url;
    bool ok = true;
    bool skipped = false; // not due
    bool not_modified = false;
    std::string stage;  // failing stage
    std::string reason; // failing reason
    int consecutive_failures = 0;
    std::int64_t failing_since = 0;
    int items_seen = 0;
    int added = 0, updated = 0, duplicates = 0, unchanged = 0, failed_items = 0;
    std::vector<std::string> item_errors; // "URL: stage: reason"
};

struct RunReport {
    std::vector<SourceReport> sources;
    std::vector<Error> config_errors;
    int interrupted_by = 0; // signal number when stopped by SIGINT/SIGTERM
    std::int64_t bytes = 0;
    double seconds = 0;

    int added() const;
    int updated() const;
    int duplicates() const;
    int failed_sources() const;
    int failed_items() const;
    // Exit code per SPEC §2 (0, 1, 130, 143).
    int exit_code() const;
};

// Everything a run needs from the configuration.
struct RunContext {
    config::Paths paths;
    config::GlobalConfig global;
    std::vector<Source> sources;
    std::vector<Error> config_errors;
};

// Runs the pipeline over the due sources of `ctx` (SPEC §4): fetch, parse, fetch article
// pages, extract, dedupe, write files, index. Per-source and per-item failures are reported
// in the result; an unusable store or archive throws `Fatal`. The caller holds the lock.
RunReport run(const RunContext& ctx, const RunOptions& options);

// Ad-hoc URLs (`archiver fetch`): each is fetched, archived as an article (or, when it is a
// feed, as a source named after its host). Same report as `run`.
RunReport fetch_urls(const RunContext& ctx,
                     const std::vector<std::string>& urls,
                     const RunOptions& options);

} // namespace archiver::archive
