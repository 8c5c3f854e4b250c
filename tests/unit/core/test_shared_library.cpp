// SPDX-License-Identifier: MIT
// Libraries opened at run time: the first loadable name wins, symbols bind to callable
// functions, and a library that is missing is reported on stderr, not thrown.
#include <archiver/core/shared_library.hpp>

#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include <fcntl.h>
#include <unistd.h>

namespace {

// What `fn` writes to the process's stderr (file descriptor 2).
template <typename Fn> std::string captured_stderr(Fn&& fn) {
    archiver::testing::TempDir dir;
    const std::string path = (dir.path() / "stderr.txt").string();
    std::fflush(stderr);
    const int saved = dup(2);
    const int file = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    REQUIRE(saved >= 0);
    REQUIRE(file >= 0);
    dup2(file, 2);
    close(file);
    fn();
    std::fflush(stderr);
    dup2(saved, 2);
    close(saved);
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

} // namespace

TEST_CASE("A run-time library opens under its first loadable name and its functions run",
          "[core][shared_library]") {
    // zlib is on every Debian system (zlib1g is required).
    void* lib = nullptr;
    const std::string err = captured_stderr([&] {
        lib = archiver::open_shared_library({"libarchiver-no-such-library.so.7", "libz.so.1"},
                                            "zlib");
    });
    REQUIRE(lib != nullptr);
    CHECK(err.empty()); // a name that fails before one that loads is not an error
    const char* (*zlib_version)() = nullptr;
    REQUIRE(archiver::bind_symbol(lib, "zlibVersion", zlib_version));
    REQUIRE(zlib_version != nullptr);
    CHECK(std::string(zlib_version()).rfind("1.", 0) == 0);

    int (*missing)(int) = nullptr;
    CHECK_FALSE(archiver::bind_symbol(lib, "archiver_no_such_function", missing));
    CHECK(missing == nullptr);
    CHECK(archiver::find_symbol(lib, "archiver_no_such_function") == nullptr);
    archiver::close_shared_library(lib);
}

TEST_CASE("A library that cannot be loaded is reported with its name and the reason",
          "[core][shared_library]") {
    void* lib = reinterpret_cast<void*>(1);
    const std::string err = captured_stderr([&] {
        lib = archiver::open_shared_library(
            {"libarchiver-no-such-library.so.7", "libarchiver-no-such-library.so"},
            "the test library");
    });
    CHECK(lib == nullptr);
    CHECK(err.rfind("archiver: cannot load the test library: ", 0) == 0);
    // The reason is the dynamic loader's, naming the last file it tried.
    CHECK(err.find("libarchiver-no-such-library.so") != std::string::npos);
    CHECK(err.back() == '\n');
}
