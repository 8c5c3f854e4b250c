// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace archiver::archive {

enum class LockWait { no, yes };

// The archive lock: one changing command at a time. An advisory `flock` on the lock file,
// so a lock whose holder died is free again; the holder's pid is written into the file.
class ArchiveLock {
public:
    // Takes the lock, or returns nullopt with `holder_pid` set when another live process
    // holds it and `wait` is no. Throws `Fatal` when the lock file cannot be created.
    static std::optional<ArchiveLock> acquire(const std::filesystem::path& path,
                                              LockWait wait,
                                              long* holder_pid = nullptr);
    ~ArchiveLock();
    ArchiveLock(ArchiveLock&& other) noexcept;
    ArchiveLock& operator=(ArchiveLock&& other) noexcept;
    ArchiveLock(const ArchiveLock&) = delete;
    ArchiveLock& operator=(const ArchiveLock&) = delete;

private:
    explicit ArchiveLock(int fd) : m_fd(fd) {}
    int m_fd = -1;
};

} // namespace archiver::archive
