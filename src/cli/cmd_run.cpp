// SPDX-License-Identifier: MIT
// `archiver run [SOURCE...]`: the main job.
#include "app.hpp"
#include "context.hpp"
#include "run_output.hpp"

#include <archiver/archive/lock.hpp>
#include <archiver/archive/run.hpp>
#include <archiver/core/time.hpp>
#include <archiver/fetch/fetcher.hpp>

#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace archiver::cli {
namespace {

struct RunCommandOptions {
    std::vector<std::string> sources;
    int jobs = 0;
    bool force = false;
    bool dry_run = false;
    bool json = false;
    bool wait = false;
    std::string max_time;
};

RunCommandOptions g_opts;

void setup(CLI::App& cmd) {
    cmd.add_option("SOURCE", g_opts.sources, "Only these sources (by name); default: every due source");
    cmd.add_option("-j,--jobs", g_opts.jobs, "Concurrent transfers (default: archiver.toml's jobs, 8)")
        ->check(CLI::Range(1, 256));
    cmd.add_flag("-f,--force", g_opts.force, "Ignore schedule and error backoff");
    cmd.add_flag("-n,--dry-run", g_opts.dry_run, "Fetch and extract, but change no state at all");
    cmd.add_flag("--json", g_opts.json, "Print new and updated items as JSON lines on stdout");
    cmd.add_option("--max-time", g_opts.max_time, "Stop starting new work after DURATION (e.g. 10m)");
    cmd.add_flag("--wait", g_opts.wait, "Wait for another run's lock instead of exiting with 3");
}

int run_command(const GlobalOptions& global) {
    // libcurl is opened while the configuration and the index are read.
    const fetch::Preload curl_preload;
    archive::RunContext ctx;
    try {
        ctx = load_context(global);
    } catch (const UsageError& e) {
        std::cerr << "archiver: " << e.what() << "\n";
        return exit_code::k_usage;
    }
    archive::RunOptions options;
    options.only_sources = g_opts.sources;
    options.jobs = g_opts.jobs;
    options.force = g_opts.force ? archive::Force::yes : archive::Force::no;
    options.dry_run = g_opts.dry_run ? archive::DryRun::yes : archive::DryRun::no;
    if (!g_opts.max_time.empty()) {
        auto d = parse_duration(g_opts.max_time);
        if (!d) {
            std::cerr << "archiver: --max-time: expected a duration such as 10m, got \""
                      << g_opts.max_time << "\"\n";
            return exit_code::k_usage;
        }
        options.max_seconds = *d;
    }
    if (g_opts.json) {
        options.on_item = [](const std::string& line) {
            std::fwrite(line.data(), 1, line.size(), stdout);
            std::fputc('\n', stdout);
            std::fflush(stdout);
        };
    }
    std::optional<archive::ArchiveLock> lock;
    if (!g_opts.dry_run) {
        long holder = 0;
        lock = archive::ArchiveLock::acquire(
            ctx.paths.lock_file, g_opts.wait ? archive::LockWait::yes : archive::LockWait::no,
            &holder);
        if (!lock) {
            std::cerr << "archiver: the archive is locked by another run (pid " << holder
                      << "): " << ctx.paths.lock_file.string() << "\n";
            return exit_code::k_locked;
        }
    }
    // Progress only on a terminal; cron and pipes get status lines (SPEC §2).
    const bool tty = isatty(STDERR_FILENO) != 0 && !global.quiet;
    ProgressLine progress;
    if (tty) {
        options.on_progress = [&progress](const archive::Progress& p) { progress.update(p); };
    }
    const archive::RunReport report = archive::run(ctx, options);
    if (tty) {
        progress.finish();
        print_run_table(report, terminal_size().rows);
    } else {
        print_run_report(report, global.verbose, global.quiet);
    }
    return report.exit_code();
}

const bool k_registered = register_command(Command{
    "run", "Fetch every due source (or the named ones) and archive new articles", 10, setup,
    run_command});

} // namespace
} // namespace archiver::cli
