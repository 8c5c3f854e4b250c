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

TEST_CASE("BatchWriter takes a new batch after each commit (one writer for a whole run)",
          "[archive]") {
    archiver::testing::TempDir dir;
    auto count_files = [&] {
        int files = 0;
        for (const auto& e : std::filesystem::recursive_directory_iterator(dir.path())) {
            files += e.is_regular_file() ? 1 : 0;
        }
        return files;
    };
    {
        archive::BatchWriter writer(dir.path());
        writer.stage("a/2026/10/one.md", "one");
        writer.stage("b/2026/11/two.md", "two");
        CHECK(writer.targets() == std::vector<std::string>{"a/2026/10/one.md", "b/2026/11/two.md"});
        writer.commit();
        CHECK(writer.size() == 0);
        CHECK(writer.targets().empty());
        // The same file again in the next group: a second version, renamed over the first.
        writer.stage("a/2026/10/one.md", "one, updated");
        writer.stage("a/2026/10/three.md", "three");
        CHECK(writer.targets() == std::vector<std::string>{"a/2026/10/one.md", "a/2026/10/three.md"});
        writer.commit();
        // A group left uncommitted when the writer goes away leaves nothing behind.
        writer.stage("a/2026/10/four.md", "four");
        CHECK(count_files() == 4); // three files and the temporary of four.md
    }
    CHECK(archiver::testing::read_file(dir.path() / "a/2026/10/one.md") == "one, updated");
    CHECK(archiver::testing::read_file(dir.path() / "b/2026/11/two.md") == "two");
    CHECK(archiver::testing::read_file(dir.path() / "a/2026/10/three.md") == "three");
    CHECK_FALSE(std::filesystem::exists(dir.path() / "a/2026/10/four.md"));
    CHECK(count_files() == 3);
}
