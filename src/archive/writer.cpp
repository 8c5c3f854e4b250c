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

void sync_dir(const std::string& dir) {
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

// The archive folders a run of writes goes into, the last one kept open: a file created by
// name inside an open folder spares the kernel walking its whole path (and the folder is
// created here, by the first write into it).
class FolderCursor {
public:
    explicit FolderCursor(const std::string& root_prefix) : m_root_prefix(root_prefix) {}
    ~FolderCursor() {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    FolderCursor(const FolderCursor&) = delete;
    FolderCursor& operator=(const FolderCursor&) = delete;

    // The folder `dir` (relative to the root, '/'-terminated, or empty for the root).
    int open(std::string_view dir) {
        if (m_fd >= 0 && dir == m_dir) {
            return m_fd;
        }
        if (m_fd >= 0) {
            ::close(m_fd);
            m_fd = -1;
        }
        std::string path = m_root_prefix;
        path += dir;
        if (path.size() > 1) {
            path.pop_back(); // the '/'
        }
        constexpr int k_flags = O_PATH | O_DIRECTORY | O_CLOEXEC;
        int fd = ::open(path.c_str(), k_flags);
        if (fd < 0 && (errno == ENOENT || errno == ENOTDIR)) {
            std::error_code ec;
            std::filesystem::create_directories(path, ec);
            if (ec) {
                throw Fatal("cannot create folder " + path + ": " + ec.message());
            }
            fd = ::open(path.c_str(), k_flags);
        }
        if (fd < 0) {
            io_fail("cannot open folder", path, errno);
        }
        m_fd = fd;
        m_dir = dir;
        return fd;
    }
    // The full path of `name` in the open folder, for messages.
    std::string path_of(std::string_view name) const {
        return m_root_prefix + m_dir + std::string(name);
    }

private:
    const std::string& m_root_prefix;
    std::string m_dir;
    int m_fd = -1;
};

// Writes `content` to the temporary of `relative` (a file name starting at `name_at`) with
// `suffix`, created or truncated in its folder. Safe on any thread.
void write_temp(FolderCursor& folders,
                const std::string& relative,
                std::size_t name_at,
                const std::string& suffix,
                std::string_view content) {
    const int dirfd = folders.open(std::string_view(relative).substr(0, name_at));
    std::string name = ".";
    name.append(relative, name_at);
    name += suffix;
    const int fd = ::openat(dirfd, name.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        io_fail("cannot write", folders.path_of(name), errno);
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
            io_fail("cannot write", folders.path_of(name), err);
        }
        done += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) {
        io_fail("cannot write", folders.path_of(name), errno);
    }
    crash_point("temporary written");
}

} // namespace

BatchWriter::BatchWriter(std::filesystem::path root, Executor executor, BeforeRename before_rename)
    : m_root(std::move(root)), m_root_prefix(m_root.empty() ? "./" : m_root.native() + "/"),
      m_executor(std::move(executor)), m_before_rename(std::move(before_rename)),
      m_temp_suffix(k_temp_marker + std::to_string(::getpid())), m_open(new_group()) {}

BatchWriter::~BatchWriter() {
    {
        // The executor's writes and commits end before their temporaries are removed.
        std::unique_lock lock(m_mutex);
        m_done.wait(lock, [this] { return m_in_flight == 0; });
    }
    auto remove = [this](const Group& group) {
        for (const auto& item : group.items) {
            ::unlink(temp_path(item, group.temp_suffix).c_str());
        }
    };
    for (const auto& group : m_sealed) {
        remove(*group); // a batch that failed, or was never ready
    }
    remove(*m_open);
}

std::shared_ptr<BatchWriter::Group> BatchWriter::new_group() {
    auto group = std::make_shared<Group>();
    group->temp_suffix = m_temp_suffix + "-" + std::to_string(++m_groups);
    return group;
}

std::string BatchWriter::temp_path(const Item& item, const std::string& suffix) const {
    std::string temp;
    temp.reserve(m_root_prefix.size() + item.relative.size() + 1 + suffix.size());
    temp += m_root_prefix;
    temp.append(item.relative, 0, item.name_at);
    temp += '.';
    temp.append(item.relative, item.name_at);
    temp += suffix;
    return temp;
}

std::vector<std::string> BatchWriter::targets() const {
    std::vector<std::string> out;
    out.reserve(m_open->items.size());
    for (const auto& item : m_open->items) {
        out.push_back(item.relative);
    }
    return out;
}

bool is_temp_name(const std::string& filename) {
    return !filename.empty() && filename.front() == '.' &&
           filename.find(k_temp_marker) != std::string::npos;
}

const BatchWriter::Item& BatchWriter::reserve(const std::string& relative_path) {
    throw_failure();
    // The same file staged twice in one batch (an article archived and then updated in the
    // same run) shares one temporary: the newer content replaces it, and it is renamed once.
    if (const auto it = m_staged.find(std::string_view(relative_path)); it != m_staged.end()) {
        wait();
        return *it->second;
    }
    // Plain strings: std::filesystem::path splits every path it is built from into its
    // components. The folder is created by the first write into it, on the executor.
    const std::size_t slash = relative_path.rfind('/');
    Item& item = m_open->items.emplace_back(
        Item{relative_path, slash == std::string::npos ? 0 : slash + 1});
    m_staged.emplace(item.relative, &item);
    return item;
}

void BatchWriter::stage(const std::string& relative_path, const std::string& content) {
    const Item& item = reserve(relative_path);
    FolderCursor folders(m_root_prefix);
    write_temp(folders, item.relative, item.name_at, m_open->temp_suffix, content);
}

void BatchWriter::stage_with(const std::string& relative_path,
                             std::function<std::string()> make) {
    const Item& item = reserve(relative_path);
    if (!m_executor) {
        FolderCursor folders(m_root_prefix);
        write_temp(folders, item.relative, item.name_at, m_open->temp_suffix, make());
        return;
    }
    m_pending.push_back({&item, std::move(make)});
    if (m_pending.size() >= k_write_group) {
        submit_pending();
    }
}

void BatchWriter::submit_pending() {
    if (m_pending.empty()) {
        return;
    }
    std::shared_ptr<Group> group = m_open;
    {
        std::lock_guard lock(m_mutex);
        ++m_in_flight;
        ++group->writes_left;
    }
    m_executor([this, group, writes = std::make_shared<std::vector<Write>>(std::move(m_pending))]() {
        std::optional<std::string> failure;
        try {
            FolderCursor folders(m_root_prefix); // a group's files mostly share a folder
            for (auto& w : *writes) {
                write_temp(folders, w.item->relative, w.item->name_at, group->temp_suffix,
                           w.make());
                w.make = nullptr; // frees what the content was made of
            }
        } catch (const std::exception& e) {
            failure = e.what();
        }
        bool ready = false;
        {
            std::lock_guard lock(m_mutex);
            if (failure && !m_failure) {
                m_failure = std::move(failure);
            }
            ready = --group->writes_left == 0 && group->sealed;
            m_done.notify_all();
        }
        if (ready) {
            drain(); // the batch's last write: commit it here
        }
        std::lock_guard lock(m_mutex);
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
        m_done.wait(lock, [this] { return m_open->writes_left == 0 || m_failure; });
    }
    throw_failure();
}

void BatchWriter::seal(bool background) {
    submit_pending();
    std::shared_ptr<Group> group = std::move(m_open);
    m_open = new_group();
    m_staged.clear();
    if (group->items.empty()) {
        return;
    }
    bool ready = false;
    {
        std::lock_guard lock(m_mutex);
        group->sealed = true;
        ready = group->writes_left == 0;
        m_sealed.push_back(std::move(group));
    }
    if (!ready) {
        return; // its last write task commits it
    }
    if (!background || !m_executor) {
        drain();
        return;
    }
    {
        std::lock_guard lock(m_mutex);
        ++m_in_flight;
    }
    m_executor([this] {
        drain();
        std::lock_guard lock(m_mutex);
        if (--m_in_flight == 0) {
            m_done.notify_all();
        }
    });
}

void BatchWriter::commit() {
    seal(false);
    {
        std::unique_lock lock(m_mutex);
        m_done.wait(lock, [this] { return m_sealed.empty() || m_failure; });
    }
    throw_failure();
}

void BatchWriter::commit_in_background() {
    throw_failure();
    seal(true);
}

void BatchWriter::drain() {
    {
        std::lock_guard lock(m_mutex);
        if (m_draining) {
            return; // the thread draining finds this batch ready when it looks next
        }
        m_draining = true;
    }
    while (true) {
        std::shared_ptr<Group> group;
        {
            std::lock_guard lock(m_mutex);
            if (m_failure || m_sealed.empty() || m_sealed.front()->writes_left > 0) {
                m_draining = false;
                m_done.notify_all();
                return;
            }
            group = m_sealed.front();
        }
        std::optional<std::string> failure;
        try {
            commit_group(*group);
        } catch (const std::exception& e) {
            failure = e.what();
        }
        std::lock_guard lock(m_mutex);
        if (failure) {
            if (!m_failure) {
                m_failure = std::move(failure); // the batch stays, so its temporaries go
            }
        } else {
            m_sealed.pop_front();
        }
        m_done.notify_all();
    }
}

void BatchWriter::commit_group(const Group& group) {
    // Every temporary of the batch is written: the run journals the names before any
    // of them becomes visible.
    if (m_before_rename) {
        std::vector<std::string> targets;
        targets.reserve(group.items.size());
        for (const auto& item : group.items) {
            targets.push_back(item.relative);
        }
        m_before_rename(targets);
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
    order.reserve(group.items.size());
    for (const auto& item : group.items) {
        order.push_back(&item);
    }
    auto dir_of = [](const Item* item) {
        return std::string_view(item->relative).substr(0, item->name_at);
    };
    std::stable_sort(order.begin(), order.end(),
                     [&](const Item* a, const Item* b) { return dir_of(a) < dir_of(b); });
    std::vector<std::string> dirs;
    std::string temp_name;
    int dirfd = -1;
    for (std::size_t i = 0; i < order.size(); ++i) {
        const Item& item = *order[i];
        if (i == 0 || dir_of(order[i - 1]) != dir_of(&item)) {
            if (dirfd >= 0) {
                ::close(dirfd);
            }
            std::string dir = m_root_prefix;
            dir += dir_of(&item);
            dirfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            if (dirfd < 0) {
                io_fail("cannot open folder", dir, errno);
            }
            dirs.push_back(std::move(dir));
        }
        const char* name = item.relative.c_str() + item.name_at;
        temp_name = '.';
        temp_name += name;
        temp_name += group.temp_suffix;
        if (::renameat(dirfd, temp_name.c_str(), dirfd, name) != 0) {
            const int err = errno;
            ::close(dirfd);
            io_fail("cannot rename into place", m_root_prefix + item.relative, err);
        }
        crash_point("file renamed into place");
    }
    if (dirfd >= 0) {
        ::close(dirfd);
    }
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
