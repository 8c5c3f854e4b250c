// SPDX-License-Identifier: MIT
// The command-line front end: global options and the command registry. Only src/cli knows
// CLI11.
#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace archiver::cli {

// Options every command sees (set before any command runs).
struct GlobalOptions {
    std::string config_dir; // --config / ARCHIVER_HOME
    int verbose = 0;        // -v, -vv
    bool quiet = false;
    std::string log_format = "text";
};

// One subcommand: `setup` binds its options on the CLI11 subcommand (no work is done while
// parsing); `run` executes it after parsing and returns the exit code.
struct Command {
    std::string name;
    std::string description;
    int order = 100; // position in --help
    std::function<void(CLI::App&)> setup;
    std::function<int(const GlobalOptions&)> run;
};

// Adds a command to the registry; used by each cmd_<name>.cpp through a static initializer.
bool register_command(Command command);

// Builds the whole command line on `app`: global flags and every registered command.
void configure_app(CLI::App& app, GlobalOptions& options);

// Runs the subcommand `app` parsed; 2 when none was given.
int dispatch(CLI::App& app, const GlobalOptions& options);

// Reads FILE or stdin ("-" or empty) fully; throws std::runtime_error naming the file.
std::string read_input(const std::string& path);

} // namespace archiver::cli
