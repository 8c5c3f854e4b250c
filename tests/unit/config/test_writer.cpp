// SPDX-License-Identifier: MIT
#include "support/temp_dir.hpp"

#include <archiver/archive/lock.hpp>
#include <archiver/archive/writer.hpp>
#include <archiver/core/error.hpp>

#include <catch2/catch.hpp>

#include <sys/stat.h>

using namespace archiver;
using archiver::testing::read_file;
using archiver::testing::TempDir;
namespace fs = std::filesystem;

TEST_CASE("A batch is invisible until committed, then every file is in place", "[archive]") {
    TempDir dir;
    {
        archive::BatchWriter w(dir.path());
        w.stage("src/2025/02/a.md", "A");
        w.stage("src/2025/02/b.md", "B");
        CHECK_FALSE(fs::exists(dir.path() / "src/2025/02/a.md"));
        w.commit();
    }
    CHECK(read_file(dir.path() / "src/2025/02/a.md") == "A");
    CHECK(read_file(dir.path() / "src/2025/02/b.md") == "B");
    CHECK(archive::remove_leftover_temp_files(dir.path()) == 0);
}

TEST_CASE("An uncommitted batch leaves no file behind", "[archive]") {
    TempDir dir;
    {
        archive::BatchWriter w(dir.path());
        w.stage("src/x.md", "X");
    }
    CHECK_FALSE(fs::exists(dir.path() / "src/x.md"));
    for (const auto& e : fs::recursive_directory_iterator(dir.path())) {
        CHECK_FALSE(e.is_regular_file());
    }
}

TEST_CASE("Leftover temporaries of a killed run are removed", "[archive]") {
    TempDir dir;
    archiver::testing::write_file(dir.path() / "s/.a.md.tmp-archiver-123", "partial");
    archiver::testing::write_file(dir.path() / "s/a.md", "kept");
    CHECK(archive::remove_leftover_temp_files(dir.path()) == 1);
    CHECK(fs::exists(dir.path() / "s/a.md"));
}

TEST_CASE("A write into a read-only folder fails as Fatal and leaves nothing", "[archive]") {
    if (geteuid() == 0) {
        SUCCEED("root ignores folder permissions; covered by the RLIMIT_FSIZE test");
        return;
    }
    TempDir dir;
    fs::create_directories(dir.path() / "ro");
    chmod((dir.path() / "ro").c_str(), 0555);
    archive::BatchWriter w(dir.path());
    CHECK_THROWS_AS(w.stage("ro/a.md", "A"), Fatal);
    chmod((dir.path() / "ro").c_str(), 0755);
}

TEST_CASE("The archive lock is exclusive and free again once released", "[archive]") {
    TempDir dir;
    const auto path = dir.path() / "archiver.lock";
    long holder = 0;
    auto first = archive::ArchiveLock::acquire(path, archive::LockWait::no, &holder);
    REQUIRE(first);
    // flock locks belong to the open file description: a second open conflicts.
    auto second = archive::ArchiveLock::acquire(path, archive::LockWait::no, &holder);
    CHECK_FALSE(second);
    CHECK(holder == static_cast<long>(getpid()));
    first.reset();
    auto third = archive::ArchiveLock::acquire(path, archive::LockWait::no, &holder);
    CHECK(third);
}
