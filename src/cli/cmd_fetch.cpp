// SPDX-License-Identifier: MIT
// `archiver fetch URL...`: archive ad-hoc article or feed URLs, no source config needed.
#include "app.hpp"
#include "context.hpp"
#include "run_output.hpp"

#include <archiver/archive/lock.hpp>
#include <archiver/archive/run.hpp>
#include <archiver/fetch/fetcher.hpp>

#include <cstdio>
#include <iostream>

namespace archiver::cli {
namespace {

struct FetchCommandOptions {
    std::vector<std::string> urls;
    bool json = false;
    bool dry_run = false;
    bool wait = false;
};

FetchCommandOptions g_opts;

void setup(CLI::App& cmd) {
    cmd.add_option("URL", g_opts.urls, "Article or feed URLs; '-' reads them from stdin, one a line")
        ->required();
    cmd.add_flag("--json", g_opts.json, "Print archived items as JSON lines on stdout");
    cmd.add_flag("-n,--dry-run", g_opts.dry_run, "Fetch and extract, but change no state");
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
    std::vector<std::string> urls;
    for (const auto& u : g_opts.urls) {
        if (u != "-") {
            urls.push_back(u);
            continue;
        }
        for (std::string line; std::getline(std::cin, line);) {
            const auto b = line.find_first_not_of(" \t\r");
            const auto e = line.find_last_not_of(" \t\r");
            if (b != std::string::npos) {
                urls.push_back(line.substr(b, e - b + 1));
            }
        }
    }
    archive::RunOptions options;
    options.dry_run = g_opts.dry_run ? archive::DryRun::yes : archive::DryRun::no;
    if (g_opts.json) {
        options.on_item = [](const std::string& line) {
            std::fwrite(line.data(), 1, line.size(), stdout);
            std::fputc('\n', stdout);
        };
    }
    std::optional<archive::ArchiveLock> lock;
    if (!g_opts.dry_run) {
        long holder = 0;
        lock = archive::ArchiveLock::acquire(
            ctx.paths.lock_file, g_opts.wait ? archive::LockWait::yes : archive::LockWait::no,
            &holder);
        if (!lock) {
            std::cerr << "archiver: the archive is locked by another run (pid " << holder << ")\n";
            return exit_code::k_locked;
        }
    }
    const archive::RunReport report = archive::fetch_urls(ctx, urls, options);
    print_run_report(report, global.verbose, global.quiet);
    return report.exit_code();
}

const bool k_registered = register_command(Command{
    "fetch", "Archive ad-hoc article or feed URLs (also from stdin with -)", 20, setup,
    run_command});

} // namespace
} // namespace archiver::cli
