// SPDX-License-Identifier: MIT
#include <archiver/archive/writer.hpp>
#include <archiver/core/error.hpp>

#include "crash_point.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <set>
#include <string_view>
#include <unistd.h>

namespace archiver::archive {
namespace {

constexpr const char* k_temp_marker = ".tmp-archiver-";
// Files per task handed to the executor.
constexpr std::size_t k_write_group = 32;

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

BatchWriter::BatchWriter(std::filesystem::path root, Executor executor)
    : m_root(std::move(root)), m_root_prefix(m_root.empty() ? "./" : m_root.native() + "/"),
      m_executor(std::move(executor)),
      m_temp_suffix(k_temp_marker + std::to_string(::getpid())) {}

BatchWriter::~BatchWriter() {
    {
        // The executor's writes end before their temporaries are removed.
        std::unique_lock lock(m_mutex);
        m_done.wait(lock, [this] { return m_in_flight == 0; });
    }
    for (const auto& item : m_items) {
        ::unlink(item.temp.c_str());
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

namespace {

// Writes `content` to `temp` (created or truncated). Safe on any thread.
void write_temp(const std::string& temp, std::string_view content) {
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        io_fail("cannot write", temp, errno);
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

} // namespace

std::string BatchWriter::reserve(const std::string& relative_path) {
    throw_failure();
    // Plain strings: std::filesystem::path splits every path it is built from into its
    // components, several times per file.
    const std::size_t slash = relative_path.rfind('/');
    const std::size_t name_at = slash == std::string::npos ? 0 : slash + 1;
    std::string target = m_root_prefix + relative_path;
    const std::size_t dir_size = m_root_prefix.size() + (name_at == 0 ? 0 : name_at - 1);
    std::string dir = target.substr(0, dir_size);
    if (m_folders_made.count(dir) == 0) {
        std::error_code ec;
        std::filesystem::create_directories(dir, ec);
        if (ec) {
            throw Fatal("cannot create folder " + dir + ": " + ec.message());
        }
        m_folders_made.insert(dir);
    }
    std::string temp = std::move(dir);
    temp += "/.";
    temp.append(relative_path, name_at);
    temp += m_temp_suffix;
    // The same file staged twice in one batch (an article archived and then updated in the
    // same run) shares one temporary: the newer content replaces it, and it is renamed once.
    if (m_staged.insert(target).second) {
        m_items.push_back({temp, std::move(target), relative_path, dir_size});
    } else {
        wait();
    }
    return temp;
}

void BatchWriter::stage(const std::string& relative_path, const std::string& content) {
    write_temp(reserve(relative_path), content);
}

void BatchWriter::stage_with(const std::string& relative_path,
                             std::function<std::string()> make) {
    std::string temp = reserve(relative_path);
    if (!m_executor) {
        write_temp(temp, make());
        return;
    }
    m_pending.push_back({std::move(temp), std::move(make)});
    if (m_pending.size() >= k_write_group) {
        submit_pending();
    }
}

void BatchWriter::submit_pending() {
    if (m_pending.empty()) {
        return;
    }
    {
        std::lock_guard lock(m_mutex);
        ++m_in_flight;
    }
    m_executor([this, writes = std::make_shared<std::vector<Write>>(std::move(m_pending))]() {
        std::optional<std::string> failure;
        for (auto& w : *writes) {
            try {
                write_temp(w.temp, w.make());
            } catch (const std::exception& e) {
                failure = e.what();
                break;
            }
            w.make = nullptr; // frees what the content was made of
        }
        std::lock_guard lock(m_mutex);
        if (failure && !m_failure) {
            m_failure = std::move(failure);
        }
        if (--m_in_flight == 0) {
            m_done.notify_all();
        }
    });
    m_pending.clear();
}

void BatchWriter::throw_failure() {
    std::lock_guard lock(m_mutex);
    if (m_failure) {
        throw Fatal(*m_failure);
    }
}

void BatchWriter::wait() {
    submit_pending();
    {
        std::unique_lock lock(m_mutex);
        m_done.wait(lock, [this] { return m_in_flight == 0; });
    }
    throw_failure();
}

void BatchWriter::commit() {
    wait();
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
    // Folder by folder, each opened once: a rename by name inside an open folder spares the
    // kernel walking both full paths for every file (a temporary lies beside its target).
    std::vector<const Item*> order;
    order.reserve(m_items.size());
    for (const auto& item : m_items) {
        order.push_back(&item);
    }
    auto dir_of = [](const Item* item) {
        return std::string_view(item->target).substr(0, item->dir_size);
    };
    std::stable_sort(order.begin(), order.end(),
                     [&](const Item* a, const Item* b) { return dir_of(a) < dir_of(b); });
    auto base_name = [](const std::string& path) {
        return path.c_str() + path.rfind('/') + 1;
    };
    std::set<std::string> dirs;
    int dirfd = -1;
    for (std::size_t i = 0; i < order.size(); ++i) {
        const Item& item = *order[i];
        if (i == 0 || dir_of(order[i - 1]) != dir_of(&item)) {
            if (dirfd >= 0) {
                ::close(dirfd);
            }
            const std::string dir(dir_of(&item));
            dirfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            if (dirfd < 0) {
                io_fail("cannot open folder", dir, errno);
            }
            dirs.insert(dir);
        }
        if (::renameat(dirfd, base_name(item.temp), dirfd, base_name(item.target)) != 0) {
            const int err = errno;
            ::close(dirfd);
            io_fail("cannot rename into place", item.target, err);
        }
        crash_point("file renamed into place");
    }
    if (dirfd >= 0) {
        ::close(dirfd);
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
