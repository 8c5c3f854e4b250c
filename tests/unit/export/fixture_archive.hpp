// SPDX-License-Identifier: MIT
#pragma once

#include "support/temp_dir.hpp"

#include <archiver/export/reindex.hpp>
#include <archiver/store/store.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace archiver::testing {

// A copy of tests/data/store/archive (five articles: Chinese and English, a kept
// duplicate, a revision, a page bundle) indexed in a fresh database.
struct FixtureArchive {
    TempDir dir;
    std::filesystem::path root = dir.path() / "archive";
    store::Store store;

    FixtureArchive() : store(open_indexed(dir.path(), root)) {}

    static store::Store open_indexed(const std::filesystem::path& home,
                                     const std::filesystem::path& root) {
        std::filesystem::copy(data_path("store/archive"), root,
                              std::filesystem::copy_options::recursive);
        auto s = store::Store::open(home / "archiver.db");
        exporter::ReindexOptions options;
        options.archive_root = root;
        const auto report = exporter::reindex(s, options);
        REQUIRE(report.skipped.empty());
        REQUIRE(report.articles == 5);
        return s;
    }
};

// Runs a shell command; its exit status.
inline int shell(const std::string& command) {
    const int rc = std::system(command.c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

inline std::string quoted(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

} // namespace archiver::testing
