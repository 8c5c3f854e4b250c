// SPDX-License-Identifier: MIT
#include "crash_point.hpp"

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace archiver::archive {
namespace {

long kill_after() noexcept {
    static const long n = [] {
        const char* v = std::getenv("ARCHIVER_TEST_KILL_AFTER");
        return v == nullptr ? 0L : std::strtol(v, nullptr, 10);
    }();
    return n;
}

std::atomic<long> g_reached{0};

} // namespace

void crash_point(const char* where) noexcept {
    const long n = kill_after();
    if (n <= 0 || ++g_reached != n) {
        return;
    }
    const char prefix[] = "archiver: test hook: SIGKILL at ";
    [[maybe_unused]] auto a = ::write(STDERR_FILENO, prefix, sizeof prefix - 1);
    [[maybe_unused]] auto b = ::write(STDERR_FILENO, where, std::strlen(where));
    [[maybe_unused]] auto c = ::write(STDERR_FILENO, "\n", 1);
    std::raise(SIGKILL);
}

} // namespace archiver::archive
