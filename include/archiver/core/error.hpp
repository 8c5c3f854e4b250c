// SPDX-License-Identifier: MIT
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace archiver {

// The pipeline stage an error happened in; printed in status lines (`FAIL (fetch)`).
enum class Stage { config, fetch, parse, extract, render, store, write };

// The lower-case name of `stage`, as printed in status lines.
std::string_view stage_name(Stage stage) noexcept;

// An expected, per-item failure: a transport error, HTTP >= 400, malformed input, nothing
// extractable. The run reports it and goes on with the rest.
struct Error {
    Stage stage = Stage::config;
    std::string message;
};

// An unrecoverable failure (store unusable, disk full, archive unwritable): the run stops
// with exit code 4.
class Fatal : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Exit codes of every command (SPEC §2).
namespace exit_code {
inline constexpr int k_ok = 0;
inline constexpr int k_partial = 1;
inline constexpr int k_usage = 2;
inline constexpr int k_locked = 3;
inline constexpr int k_fatal = 4;
inline constexpr int k_sigint = 130;
inline constexpr int k_sigterm = 143;
} // namespace exit_code

} // namespace archiver
