// SPDX-License-Identifier: MIT
// An archiver home folder for end-to-end tests: source files in feeds.d, the real binary run
// against it with no proxy, and the archive checked by check_archive.py (PyYAML, cmark-gfm).
#pragma once

#include "process.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace archiver::testing {

// `s` with every `from` replaced by `to`.
inline std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) {
        s.replace(pos, from.size(), to);
    }
    return s;
}

struct ArchiverHome {
    TempDir home;

    void add_source(const std::string& name, const std::string& body) {
        write_file(home.path() / "feeds.d" / (name + ".toml"), body);
    }

    // Runs the binary with ARCHIVER_HOME set to the temporary home.
    ProcessResult archiver(std::vector<std::string> args) {
        args.insert(args.begin(), ARCHIVER_BIN);
        return run_process(args, {{"ARCHIVER_HOME", home.path().string()},
                                  {"no_proxy", "*"}, {"http_proxy", ""}});
    }

    // check_archive.py's report: {"files": [{"path", "front_matter", "body_text"}...], "errors"}.
    nlohmann::json check_archive() {
        auto r = run_process({"python3", ARCHIVER_E2E_CHECKER, (home.path() / "archive").string()});
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        return nlohmann::json::parse(r.out);
    }
};

} // namespace archiver::testing
