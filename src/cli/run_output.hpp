// SPDX-License-Identifier: MIT
#pragma once

#include <archiver/archive/run.hpp>

namespace archiver::cli {

// Prints a run's status lines and summary on stderr (SPEC §2): off a TTY, one line per
// failed source (source, URL, stage, reason) and one summary line; `-v` adds a line per
// source; `--quiet` prints only failures.
void print_run_report(const archive::RunReport& report, int verbose, bool quiet);

} // namespace archiver::cli
