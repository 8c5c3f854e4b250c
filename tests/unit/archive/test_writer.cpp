// SPDX-License-Identifier: MIT
#include <archiver/archive/writer.hpp>

#include <support/temp_dir.hpp>

#include <catch2/catch.hpp>

using namespace archiver;

TEST_CASE("BatchWriter renames a file staged twice in one batch once, with the newer content",
          "[archive]") {
    archiver::testing::TempDir dir;
    archive::BatchWriter writer(dir.path());
    writer.stage("src/2026/10/a.md", "first");
    writer.stage("src/2026/10/a.md", "second");
    CHECK(writer.size() == 1);
    writer.commit();
    CHECK(archiver::testing::read_file(dir.path() / "src/2026/10/a.md") == "second");
    int files = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir.path())) {
        files += e.is_regular_file() ? 1 : 0;
    }
    CHECK(files == 1);
}
