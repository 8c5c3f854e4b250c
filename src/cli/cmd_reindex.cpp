// SPDX-License-Identifier: MIT
// `archiver reindex`: rebuild the index from the Markdown archive alone (SPEC §4).
#include "app.hpp"
#include "context.hpp"

#include <archiver/archive/lock.hpp>
#include <archiver/core/log.hpp>
#include <archiver/export/reindex.hpp>

#include <iostream>
#include <map>

namespace archiver::cli {
namespace {

void setup_reindex(CLI::App&) {}

int run_reindex(const GlobalOptions& global) {
    archive::RunContext ctx;
    try {
        ctx = load_context(global);
    } catch (const UsageError& e) {
        std::cerr << "archiver: " << e.what() << "\n";
        return exit_code::k_usage;
    }
    long holder = 0;
    auto lock = archive::ArchiveLock::acquire(ctx.paths.lock_file, archive::LockWait::no, &holder);
    if (!lock) {
        std::cerr << "archiver: the archive is locked by process " << holder << "\n";
        return exit_code::k_locked;
    }
    std::map<std::string, TimeZone> zones;
    for (const auto& s : ctx.sources) {
        if (auto zone = TimeZone::from_name(s.timezone)) {
            zones.emplace(s.name, *zone);
        }
    }
    exporter::ReindexOptions options;
    options.archive_root = ctx.paths.archive_dir;
    options.zone_of = [&](const std::string& source) {
        const auto it = zones.find(source);
        return it == zones.end() ? TimeZone() : it->second;
    };
    auto store = store::Store::open(ctx.paths.database);
    const auto report = exporter::reindex(store, options);
    for (const auto& e : report.skipped) {
        std::cerr << "archiver: skipped " << e.message << "\n";
    }
    std::cerr << "archiver: reindexed " << report.articles << " articles (" << report.duplicates
              << " kept duplicates, " << report.revisions << " revisions) from "
              << ctx.paths.archive_dir.string() << "\n";
    return report.skipped.empty() ? exit_code::k_ok : exit_code::k_partial;
}

const bool k_registered = register_command(Command{
    "reindex", "Rebuild the index from the Markdown archive", 72, setup_reindex, run_reindex});

} // namespace
} // namespace archiver::cli
