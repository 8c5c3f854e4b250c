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

#include <algorithm>
#include <chrono>

namespace archiver::cli {
namespace {

long long now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

std::string human_bytes(double bytes) {
    const char* units[] = {"B", "KB", "MB", "GB"};
    int u = 0;
    while (bytes >= 1024 && u < 3) {
        bytes /= 1024;
        ++u;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", bytes, units[u]);
    return buf;
}

} // namespace

void ProgressLine::update(const archive::Progress& p) {
    const long long now = now_ms();
    if (m_start_ms == 0) {
        m_start_ms = now;
    }
    if (now - m_last_ms < 100 && p.sources_done < p.sources_total) {
        return;
    }
    m_last_ms = now;
    const double secs = std::max(0.001, static_cast<double>(now - m_start_ms) / 1000.0);
    std::ostringstream line;
    line << "\r[" << p.sources_done << "/" << p.sources_total << " sources] " << p.added
         << " new, " << p.updated << " updated, " << p.duplicates << " dup, " << p.failed
         << " failed  " << human_bytes(static_cast<double>(p.bytes)) << " ("
         << human_bytes(static_cast<double>(p.bytes) / secs) << "/s)  " << p.current << "\x1b[K";
    std::cerr << line.str() << std::flush;
    m_drawn = true;
}

void ProgressLine::finish() {
    if (m_drawn) {
        std::cerr << "\r\x1b[K" << std::flush;
        m_drawn = false;
    }
}

void print_run_table(const archive::RunReport& report) {
    std::ostringstream out;
    std::size_t width = 6;
    for (const auto& s : report.sources) {
        width = std::max(width, s.name.size());
    }
    char row[512];
    std::snprintf(row, sizeof row, "%-*s %6s %8s %6s %7s  %s\n", static_cast<int>(width), "source",
                  "new", "updated", "dup", "failed", "status");
    out << row;
    int quiet_ok = 0;
    for (const auto& s : report.sources) {
        if (s.ok && !s.skipped && s.added == 0 && s.updated == 0 && s.duplicates == 0 &&
            s.failed_items == 0) {
            ++quiet_ok;
            continue;
        }
        std::string status = s.skipped ? "not due" : s.ok ? "ok" : "FAIL (" + s.stage + ") " + s.reason;
        if (!s.ok && s.consecutive_failures > 1) {
            status += " [" + std::to_string(s.consecutive_failures) + " failures since " +
                      format_utc(DateTime{s.failing_since, 0}) + "]";
        }
        if (s.skipped) {
            continue;
        }
        std::snprintf(row, sizeof row, "%-*s %6d %8d %6d %7d  %s\n", static_cast<int>(width),
                      s.name.c_str(), s.added, s.updated, s.duplicates, s.failed_items,
                      status.c_str());
        out << row;
    }
    if (quiet_ok > 0) {
        out << "(" << quiet_ok << " more sources: ok, nothing new)\n";
    }
    for (const auto& s : report.sources) {
        for (const auto& e : s.item_errors) {
            out << "[" << s.name << "] FAIL (item) " << e << "\n";
        }
    }
    for (const auto& e : report.config_errors) {
        out << "[config] FAIL (config) " << e.message << "\n";
    }
    char total[256];
    std::snprintf(total, sizeof total,
                  "total: %d new, %d updated, %d duplicates, %d failed sources, %d failed items, "
                  "%s in %.1fs%s\n",
                  report.added(), report.updated(), report.duplicates(), report.failed_sources(),
                  report.failed_items(), human_bytes(static_cast<double>(report.bytes)).c_str(),
                  report.seconds, report.interrupted_by ? " (interrupted)" : "");
    out << total;
    std::cerr << out.str() << std::flush;
}

} // namespace archiver::cli
