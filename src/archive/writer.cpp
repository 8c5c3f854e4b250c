// SPDX-License-Identifier: MIT
#include <archiver/archive/writer.hpp>
#include <archiver/core/error.hpp>

#include "crash_point.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <set>
#include <unistd.h>

namespace archiver::archive {
namespace {

constexpr const char* k_temp_marker = ".tmp-archiver-";

[[noreturn]] void io_fail(const std::string& what, const std::filesystem::path& path, int err) {
    throw Fatal(what + " " + path.string() + ": " + std::strerror(err));
}

void sync_dir(const std::filesystem::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        io_fail("cannot open folder", dir, errno);
    }
    if (::fsync(fd) != 0 && errno != EINVAL) {
        const int err = errno;
        ::close(fd);
        io_fail("cannot sync folder", dir, err);
    }
    ::close(fd);
}

} // namespace

BatchWriter::BatchWriter(std::filesystem::path root)
    : m_root(std::move(root)), m_temp_suffix(k_temp_marker + std::to_string(::getpid())) {}

BatchWriter::~BatchWriter() {
    for (const auto& item : m_items) {
        std::error_code ec;
        std::filesystem::remove(item.temp, ec);
    }
}

std::vector<std::string> BatchWriter::targets() const {
    std::vector<std::string> out;
    for (const auto& item : m_items) {
        out.push_back(item.relative);
    }
    return out;
}

bool is_temp_name(const std::string& filename) {
    return !filename.empty() && filename.front() == '.' &&
           filename.find(k_temp_marker) != std::string::npos;
}

void BatchWriter::stage(const std::string& relative_path, const std::string& content) {
    const std::filesystem::path target = m_root / relative_path;
    if (m_folders_made.count(target.parent_path().native()) == 0) {
        std::error_code ec;
        std::filesystem::create_directories(target.parent_path(), ec);
        if (ec) {
            throw Fatal("cannot create folder " + target.parent_path().string() + ": " +
                        ec.message());
        }
        m_folders_made.insert(target.parent_path().native());
    }
    const std::filesystem::path temp =
        target.parent_path() /
        ("." + target.filename().string() + m_temp_suffix);
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        io_fail("cannot write", temp, errno);
    }
    // The same file staged twice in one batch (an article archived and then updated in the
    // same run) shares one temporary: the newer content replaces it, and it is renamed once.
    if (m_staged.insert(target.native()).second) {
        m_items.push_back({temp, target, relative_path});
    }
    crash_point("temporary created");
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            const int err = errno;
            ::close(fd);
            io_fail("cannot write", temp, err);
        }
        done += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) {
        io_fail("cannot write", temp, errno);
    }
    crash_point("temporary written");
}

void BatchWriter::commit() {
    if (m_items.empty()) {
        return;
    }
    // One sync for the whole batch: syncfs flushes every temporary of this filesystem.
    const int rootfd = ::open(m_root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (rootfd < 0) {
        io_fail("cannot open folder", m_root, errno);
    }
    if (::syncfs(rootfd) != 0) {
        const int err = errno;
        ::close(rootfd);
        io_fail("cannot sync", m_root, err);
    }
    ::close(rootfd);
    crash_point("batch synced");
    std::set<std::filesystem::path> dirs;
    for (const auto& item : m_items) {
        if (::rename(item.temp.c_str(), item.target.c_str()) != 0) {
            io_fail("cannot rename into place", item.target, errno);
        }
        dirs.insert(item.target.parent_path());
        crash_point("file renamed into place");
    }
    m_items.clear();
    m_staged.clear();
    for (const auto& dir : dirs) {
        sync_dir(dir);
    }
    crash_point("folders synced");
}

int remove_leftover_temp_files(const std::filesystem::path& root) {
    int removed = 0;
    std::error_code ec;
    if (!std::filesystem::is_directory(root, ec)) {
        return 0;
    }
    std::vector<std::filesystem::path> doomed;
    for (auto it = std::filesystem::recursive_directory_iterator(root, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && is_temp_name(it->path().filename().string())) {
            doomed.push_back(it->path());
        }
    }
    for (const auto& p : doomed) {
        if (std::filesystem::remove(p, ec)) {
            ++removed;
        }
    }
    return removed;
}

} // namespace archiver::archive
