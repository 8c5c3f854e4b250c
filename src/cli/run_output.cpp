// SPDX-License-Identifier: MIT
#include "run_output.hpp"

#include <archiver/core/time.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <sys/ioctl.h>
#include <unistd.h>
#include <vector>

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
            std::string_view reason = s.reason;
            if (reason.rfind(s.url + ": ", 0) == 0) {
                reason.remove_prefix(s.url.size() + 2); // the URL is already on the line
            }
            out << "[" << s.name << "] FAIL (" << s.stage << ") " << s.url << ": " << reason;
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

TerminalSize terminal_size() {
    TerminalSize size;
    winsize ws{};
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0) {
        size.rows = ws.ws_row;
        size.cols = ws.ws_col;
    }
    return size;
}

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
    line << "[" << p.sources_done << "/" << p.sources_total << " sources] " << p.added
         << " new, " << p.updated << " updated, " << p.duplicates << " dup, " << p.failed
         << " failed  " << human_bytes(static_cast<double>(p.bytes)) << " ("
         << human_bytes(static_cast<double>(p.bytes) / secs) << "/s)  " << p.current;
    // One line that never wraps, or \r could not redraw it.
    std::string text = line.str();
    const auto cols = static_cast<std::size_t>(std::max(terminal_size().cols - 1, 20));
    if (text.size() > cols) {
        std::size_t cut = cols;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
            --cut; // not inside a UTF-8 sequence
        }
        text.resize(cut);
    }
    std::cerr << "\r" << text << "\x1b[K" << std::flush;
    m_drawn = true;
}

void ProgressLine::finish() {
    if (m_drawn) {
        std::cerr << "\r\x1b[K" << std::flush;
        m_drawn = false;
    }
}

void print_run_table(const archive::RunReport& report, int screen_rows) {
    std::ostringstream out;
    // Rows: failed sources first (all of them: that is what to fix), then the sources that
    // brought the most; the rest are summed on one line so the table fits on one screen.
    std::vector<const archive::SourceReport*> rows;
    int quiet_ok = 0;
    for (const auto& s : report.sources) {
        if (s.skipped) {
            continue;
        }
        if (s.ok && s.added == 0 && s.updated == 0 && s.duplicates == 0 && s.failed_items == 0) {
            ++quiet_ok;
            continue;
        }
        rows.push_back(&s);
    }
    std::stable_sort(rows.begin(), rows.end(), [](const auto* a, const auto* b) {
        if (a->ok != b->ok) {
            return !a->ok;
        }
        return a->added + a->updated > b->added + b->updated;
    });
    std::size_t item_errors = 0;
    for (const auto& s : report.sources) {
        item_errors += s.item_errors.size();
    }
    // Header, totals, the summed line, item errors and the prompt after the run.
    const long room = static_cast<long>(screen_rows) - 4 - static_cast<long>(item_errors) -
                      static_cast<long>(report.config_errors.size());
    std::size_t shown = rows.size();
    if (static_cast<long>(rows.size()) > std::max(room, 1L)) {
        shown = static_cast<std::size_t>(std::max(room - 1, 1L));
    }
    std::size_t width = 6;
    for (std::size_t i = 0; i < shown && i < rows.size(); ++i) {
        width = std::max(width, rows[i]->name.size());
    }
    char row[512];
    std::snprintf(row, sizeof row, "%-*s %6s %8s %6s %7s  %s\n", static_cast<int>(width), "source",
                  "new", "updated", "dup", "failed", "status");
    out << row;
    int more = 0, more_new = 0, more_updated = 0, more_dup = 0, more_failed = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& s = *rows[i];
        if (i >= shown && s.ok) {
            ++more;
            more_new += s.added;
            more_updated += s.updated;
            more_dup += s.duplicates;
            more_failed += s.failed_items;
            continue;
        }
        std::string status = s.ok ? "ok" : "FAIL (" + s.stage + ") " + s.reason;
        if (!s.ok && s.consecutive_failures > 1) {
            status += " [" + std::to_string(s.consecutive_failures) + " failures since " +
                      format_utc(DateTime{s.failing_since, 0}) + "]";
        }
        std::snprintf(row, sizeof row, "%-*s %6d %8d %6d %7d  %s\n", static_cast<int>(width),
                      s.name.c_str(), s.added, s.updated, s.duplicates, s.failed_items,
                      status.c_str());
        out << row;
    }
    if (more > 0) {
        std::snprintf(row, sizeof row, "(%d more sources: %d new, %d updated, %d dup, %d failed)\n",
                      more, more_new, more_updated, more_dup, more_failed);
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
