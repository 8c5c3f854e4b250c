// SPDX-License-Identifier: MIT
#pragma once

#include <archiver/archive/run.hpp>

namespace archiver::cli {

// Prints a run's status lines and summary on stderr (SPEC §2): off a TTY, one line per
// failed source (source, URL, stage, reason) and one summary line; `-v` adds a line per
// source; `--quiet` prints only failures.
void print_run_report(const archive::RunReport& report, int verbose, bool quiet);

} // namespace archiver::cli

namespace archiver::cli {

// A live progress line on a terminal's stderr, redrawn at most ten times a second and
// cleared by `finish()`.
class ProgressLine {
public:
    void update(const archive::Progress& progress);
    void finish();

private:
    long long m_last_ms = 0;
    long long m_start_ms = 0;
    bool m_drawn = false;
};

// The end-of-run table on a terminal: one row per source that did something or failed,
// then the totals.
void print_run_table(const archive::RunReport& report);

} // namespace archiver::cli
