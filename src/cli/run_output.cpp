// SPDX-License-Identifier: MIT
#include "run_output.hpp"

#include <archiver/core/time.hpp>

#include <cstdio>
#include <iostream>
#include <sstream>

namespace archiver::cli {

void print_run_report(const archive::RunReport& report, int verbose, bool quiet) {
    std::ostringstream out;
    for (const auto& e : report.config_errors) {
        out << "[config] FAIL (config) " << e.message << "\n";
    }
    int ok = 0, failed = 0, skipped = 0, unchanged = 0;
    for (const auto& s : report.sources) {
        if (s.skipped) {
            ++skipped;
            if (verbose > 0 && !quiet) {
                out << "[" << s.name << "] SKIP not due"
                    << (s.consecutive_failures > 0
                            ? " (backing off after " + std::to_string(s.consecutive_failures) +
                                  " failures)"
                            : "")
                    << "\n";
            }
            continue;
        }
        if (!s.ok) {
            ++failed;
            out << "[" << s.name << "] FAIL (" << s.stage << ") " << s.url << ": " << s.reason;
            if (s.consecutive_failures > 1 && s.failing_since > 0) {
                out << " (failing " << s.consecutive_failures << " times since "
                    << format_utc(DateTime{s.failing_since, 0}) << ")";
            }
            out << "\n";
        } else {
            ++ok;
            if (s.not_modified) {
                ++unchanged;
            }
            if (verbose > 0 && !quiet) {
                out << "[" << s.name << "] OK " << s.added << " new";
                if (s.updated) {
                    out << ", " << s.updated << " updated";
                }
                if (s.duplicates) {
                    out << ", " << s.duplicates << " duplicates";
                }
                if (s.not_modified) {
                    out << " (not modified)";
                }
                out << "\n";
            }
        }
        for (const auto& e : s.item_errors) {
            out << "[" << s.name << "] FAIL (item) " << e << "\n";
        }
    }
    if (!quiet) {
        char secs[32];
        std::snprintf(secs, sizeof secs, "%.1f", report.seconds);
        out << "archiver: " << report.sources.size() << " sources (" << ok << " ok, " << failed
            << " failed, " << skipped << " not due), " << report.added() << " new, "
            << report.updated() << " updated, " << report.duplicates() << " duplicates, "
            << report.failed_items() << " failed items in " << secs << "s";
        if (report.interrupted_by) {
            out << " (interrupted)";
        }
        out << "\n";
    }
    std::cerr << out.str() << std::flush;
}

} // namespace archiver::cli
