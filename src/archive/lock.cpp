// SPDX-License-Identifier: MIT
#include <archiver/archive/lock.hpp>
#include <archiver/core/error.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/file.h>
#include <unistd.h>

namespace archiver::archive {

std::optional<ArchiveLock> ArchiveLock::acquire(const std::filesystem::path& path,
                                                LockWait wait,
                                                long* holder_pid) {
    std::error_code ec;
    if (path.has_parent_path()) {
        std::filesystem::create_directories(path.parent_path(), ec);
    }
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        throw Fatal("cannot open lock file " + path.string() + ": " + std::strerror(errno));
    }
    int rc = ::flock(fd, LOCK_EX | (wait == LockWait::yes ? 0 : LOCK_NB));
    while (rc != 0 && errno == EINTR && wait == LockWait::yes) {
        rc = ::flock(fd, LOCK_EX);
    }
    if (rc != 0) {
        if (holder_pid != nullptr) {
            char buf[32] = {};
            const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
            *holder_pid = n > 0 ? std::strtol(buf, nullptr, 10) : 0;
        }
        ::close(fd);
        return std::nullopt;
    }
    // The lock is ours (a dead holder's flock is released by the kernel): record our pid.
    const std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd, 0) == 0) {
        [[maybe_unused]] auto n = ::pwrite(fd, pid.data(), pid.size(), 0);
    }
    return ArchiveLock(fd);
}

ArchiveLock::~ArchiveLock() {
    if (m_fd >= 0) {
        [[maybe_unused]] auto rc = ::ftruncate(m_fd, 0);
        ::flock(m_fd, LOCK_UN);
        ::close(m_fd);
    }
}

ArchiveLock::ArchiveLock(ArchiveLock&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }

ArchiveLock& ArchiveLock::operator=(ArchiveLock&& other) noexcept {
    if (this != &other) {
        if (m_fd >= 0) {
            ::flock(m_fd, LOCK_UN);
            ::close(m_fd);
        }
        m_fd = other.m_fd;
        other.m_fd = -1;
    }
    return *this;
}

} // namespace archiver::archive
