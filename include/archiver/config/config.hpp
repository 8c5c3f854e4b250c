// SPDX-License-Identifier: MIT
#pragma once

#include <archiver/core/error.hpp>
#include <archiver/core/model.hpp>
#include <archiver/core/result.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace archiver::config {

// Where everything lives (SPEC §3).
struct Paths {
    std::filesystem::path config_dir;  // holds archiver.toml and feeds.d/
    std::filesystem::path config_file; // archiver.toml (may not exist)
    std::filesystem::path feeds_dir;   // feeds.d/
    std::filesystem::path data_dir;    // holds the archive, index and lock by default
    std::filesystem::path archive_dir;
    std::filesystem::path database;
    std::filesystem::path lock_file;
};

// Resolves the folders: `config_dir` (--config or ARCHIVER_HOME) when not empty, else
// $XDG_CONFIG_HOME/archiver and $XDG_DATA_HOME/archiver (with the usual ~/.config and
// ~/.local/share fallbacks). archive_dir/database from archiver.toml are applied by
// `load_global`.
Paths default_paths(std::string_view config_dir);

// The global settings (archiver.toml) with their defaults.
struct GlobalConfig {
    std::string user_agent = "archiver/0.1 (+https://github.com/archiver/archiver)";
    int jobs = 8;
    int per_host = 2;
    std::int64_t per_host_delay_ms = 0;
    std::int64_t connect_timeout_ms = 10'000;
    std::int64_t timeout_ms = 60'000;
    std::int64_t max_body_bytes = 20 << 20;
    int max_redirects = 8;
    int retries = 2;
    std::string date_format = "%Y-%m-%d %H:%M:%S";
    Source defaults; // `[defaults]`: any source key, applied before each source file
};

// Reads `paths.config_file` when it exists (else defaults), applying `archive_dir` and
// `database` to `paths` (relative to the file's folder). Errors (Stage::config) name the
// file, the line and the key; unknown keys are errors.
Result<GlobalConfig> load_global(Paths& paths);

// Parses one source file's text. `name` is the file stem unless the file sets `name`.
Result<Source> parse_source(std::string_view text,
                            const std::string& file,
                            const std::string& stem,
                            const Source& defaults);

// All sources of `feeds_dir/*.toml` in name order; invalid files are reported in `errors`
// and skipped.
struct LoadedSources {
    std::vector<Source> sources;
    std::vector<Error> errors;
};
LoadedSources load_sources(const std::filesystem::path& feeds_dir, const GlobalConfig& global);

// A source for ad-hoc URLs (`fetch`, `extract` without `--source`): named `name`, zone
// +08:00 for Chinese pages or .cn hosts, else UTC (SPEC §3).
Source adhoc_source(const std::string& name, const std::string& url);

} // namespace archiver::config
