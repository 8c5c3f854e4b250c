// SPDX-License-Identifier: MIT
// Regressions found by the hostile end-to-end test in the crash-safe batch writer.
#include <archiver/archive/writer.hpp>

#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace archiver;

TEST_CASE("A file staged twice in one batch is renamed once with the last content",
          "[hostile][archive]") {
    // An entry added and then updated by a later entry of the same feed used to stage the
    // same temporary twice; the second rename failed (ENOENT) and the run died with exit 4.
    testing::TempDir dir;
    {
        archive::BatchWriter writer(dir.path());
        writer.stage("src/2025/02/a.md", "first\n");
        writer.stage("src/2025/02/a.md", "second\n");
        CHECK(writer.size() == 1);
        REQUIRE_NOTHROW(writer.commit());
    }
    CHECK(testing::read_file(dir.path() / "src/2025/02/a.md") == "second\n");
    CHECK(archive::remove_leftover_temp_files(dir.path()) == 0);
}
