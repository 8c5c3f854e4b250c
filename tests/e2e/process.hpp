// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace archiver::testing {

// The outcome of a child process.
struct ProcessResult {
    int exit_code = -1;
    std::string out, err;
};

// Runs `argv` with extra environment variables and `input` on stdin; waits for it.
ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::vector<std::pair<std::string, std::string>>& env = {},
                          const std::string& input = {});

} // namespace archiver::testing
