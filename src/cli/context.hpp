// SPDX-License-Identifier: MIT
#pragma once

#include "app.hpp"

#include <archiver/archive/run.hpp>

#include <stdexcept>

namespace archiver::cli {

// An invalid global config or usage: exit code 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Resolves paths, reads archiver.toml and feeds.d/ (SPEC §3). Invalid source files are kept
// in `config_errors` (the run goes on without them); an invalid archiver.toml throws
// UsageError.
archive::RunContext load_context(const GlobalOptions& options);

// Parses a time given on the command line (`--since`, `--now`): RFC 3339, a date, or epoch
// seconds; throws UsageError naming `option`.
std::int64_t parse_time_option(const std::string& text, const std::string& option);

} // namespace archiver::cli
