// SPDX-License-Identifier: MIT
// `archiver export --format jsonl|csv|atom|opml|hugo [--output PATH]`: the archive for
// other tools. A file output is written whole to a temporary name and renamed into place.
#include "app.hpp"
#include "query_common.hpp"

#include <archiver/export/export.hpp>

#include <ctime>
#include <fstream>
#include <iostream>
#include <unistd.h>

namespace archiver::cli {
namespace {

namespace fs = std::filesystem;

struct ExportCommandOptions {
    FilterOptions filter;
    std::string format;
    std::string output;
};

ExportCommandOptions& options() {
    static ExportCommandOptions opts;
    return opts;
}

void setup_export(CLI::App& app) {
    auto& o = options();
    app.add_option("--format", o.format, "jsonl, csv, atom, opml (the sources) or hugo (a site)")
        ->required()
        ->check(CLI::IsMember({"jsonl", "csv", "atom", "opml", "hugo"}));
    app.add_option("-o,--output", o.output, "File (folder for hugo); stdout when absent");
    add_filter_options(app, o.filter, false);
}

// Writes what `produce` prints to `path` atomically (or to stdout when `path` is empty).
int write_output(const std::string& path, const std::function<bool(std::ostream&)>& produce) {
    if (path.empty() || path == "-") {
        const bool ok = produce(std::cout);
        std::cout.flush();
        return ok && std::cout ? exit_code::k_ok : exit_code::k_fatal;
    }
    const fs::path target(path);
    const fs::path temp = target.parent_path() /
                          ("." + target.filename().string() + ".tmp-" + std::to_string(getpid()));
    bool ok = false;
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out) {
            std::cerr << "archiver: cannot write " << path << "\n";
            return exit_code::k_fatal;
        }
        ok = produce(out);
        out.flush();
        ok = ok && static_cast<bool>(out);
    }
    std::error_code ec;
    if (!ok) {
        fs::remove(temp, ec);
        std::cerr << "archiver: cannot write " << path << "\n";
        return exit_code::k_fatal;
    }
    fs::rename(temp, target, ec);
    if (ec) {
        fs::remove(temp, ec);
        std::cerr << "archiver: cannot write " << path << ": " << ec.message() << "\n";
        return exit_code::k_fatal;
    }
    return exit_code::k_ok;
}

int report(const Result<exporter::ExportSummary>& result, const std::string& what) {
    if (!result) {
        std::cerr << "archiver: export failed: " << result.error().message << "\n";
        return exit_code::k_fatal;
    }
    log::info("exported " + std::to_string(result->articles) + " articles as " + what);
    if (result->unreadable > 0) {
        std::cerr << "archiver: " << result->unreadable
                  << " archived files could not be read and were left out\n";
        return exit_code::k_partial;
    }
    return exit_code::k_ok;
}

int run_export(const GlobalOptions& global) {
    return guarded_command([&] {
        const auto& o = options();
        auto query = to_query(o.filter);
        const std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
        if (o.format == "opml") {
            const auto ctx = load_context(global);
            std::vector<Source> sources;
            for (const auto& s : ctx.sources) {
                if (o.filter.source.empty() || s.name == o.filter.source) {
                    sources.push_back(s);
                }
            }
            return write_output(o.output, [&](std::ostream& out) {
                out << exporter::export_opml(sources, now);
                return true;
            });
        }
        auto rc = open_for_reading(global);
        if (!rc.store) {
            // Nothing archived yet: an empty index gives an empty export.
            rc.store.emplace(store::Store::open(":memory:"));
        }
        exporter::ExportOptions options{rc.ctx.paths.archive_dir, query, now};
        if (o.format == "hugo") {
            if (o.output.empty() || o.output == "-") {
                std::cerr << "archiver: export --format hugo needs --output FOLDER\n";
                return exit_code::k_usage;
            }
            return report(exporter::export_hugo(*rc.store, options, o.output), "a Hugo site");
        }
        int code = exit_code::k_ok;
        const int written = write_output(o.output, [&](std::ostream& out) {
            Result<exporter::ExportSummary> result =
                o.format == "jsonl" ? exporter::export_jsonl(*rc.store, options, out)
                : o.format == "csv" ? exporter::export_csv(*rc.store, options, out)
                                    : exporter::export_atom(*rc.store, options, out);
            code = report(result, o.format);
            return static_cast<bool>(result);
        });
        return written != exit_code::k_ok ? written : code;
    });
}

const bool k_registered = register_command(Command{
    "export", "Export the archive as jsonl, csv, atom, opml or a Hugo site", 64, setup_export,
    run_export});

} // namespace
} // namespace archiver::cli
