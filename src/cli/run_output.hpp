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
// The size of the terminal on stderr; 24 x 80 when it cannot be read.
struct TerminalSize {
    int rows = 24, cols = 80;
};
TerminalSize terminal_size();

class ProgressLine {
public:
    void update(const archive::Progress& progress);
    void finish();

private:
    long long m_last_ms = 0;
    long long m_start_ms = 0;
    bool m_drawn = false;
};

// The end-of-run table on a terminal of `screen_rows` lines: every failed source (with
// since when it fails), then the sources that brought the most, the rest summed on one
// line so that it fits on one screen; then item errors and the totals.
void print_run_table(const archive::RunReport& report, int screen_rows);

} // namespace archiver::cli
