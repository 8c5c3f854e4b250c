// SPDX-License-Identifier: MIT
#pragma once

#include <condition_variable>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

namespace archiver::archive {

// Writes a batch of archive files crash-safely: each file is first written as a hidden
// temporary beside its target, all of them are synced at once, then renamed into place and
// their folders synced. Until `commit()`, nothing is visible; the destructor removes the
// temporaries of an uncommitted batch. I/O failures (disk full, read-only folder) throw
// `Fatal` after cleaning up, leaving the archive as it was. After a commit the writer is
// empty and takes the next batch, so one writer can serve a whole run (group commit).
//
// With an executor, `stage_with` makes and writes a file's content on the executor's
// threads; the writer's own calls (stage, wait, commit, targets) stay on one thread, and
// `wait` (which `commit` calls first) returns once every staged temporary is written.
class BatchWriter {
public:
    // Runs a task on another thread; tasks never throw.
    using Executor = std::function<void(std::function<void()>)>;

    explicit BatchWriter(std::filesystem::path root, Executor executor = {});
    ~BatchWriter();
    BatchWriter(const BatchWriter&) = delete;
    BatchWriter& operator=(const BatchWriter&) = delete;

    // Writes `content` to a temporary for `relative_path` ('/'-separated, already safe).
    void stage(const std::string& relative_path, const std::string& content);
    // Stages `relative_path` with the content `make` returns, made and written on the
    // executor (here without one). A failure (of `make` or the write) throws `Fatal` from
    // the next `stage`, `stage_with`, `wait` or `commit`.
    void stage_with(const std::string& relative_path, std::function<std::string()> make);
    // Waits until every staged temporary is written; throws `Fatal` for the first failure.
    void wait();
    // Waits, syncs, renames every staged file into place, syncs the folders; then the
    // writer is empty again.
    void commit();
    std::size_t size() const { return m_items.size(); }
    // The staged targets, relative to the root.
    std::vector<std::string> targets() const;

private:
    struct Item {
        std::string temp, target; // absolute (the root and the relative path)
        std::string relative;     // target, relative to the root
        std::size_t dir_size;     // target.substr(0, dir_size) is its folder
    };
    // Registers `relative_path` (creating its folder) and returns its temporary; a target
    // already staged first waits for its earlier write, so the newer content wins.
    std::string reserve(const std::string& relative_path);
    void throw_failure();
    // Hands the gathered writes to the executor as one task.
    void submit_pending();

    std::filesystem::path m_root;
    std::string m_root_prefix; // the root and a '/'
    Executor m_executor;
    std::string m_temp_suffix; // marker + pid, computed once (getpid is a system call)
    std::vector<Item> m_items;
    std::unordered_set<std::string> m_staged;       // targets of m_items
    std::unordered_set<std::string> m_folders_made; // folders known to exist
    // Writes on the executor: how many are running or queued, and the first failure.
    std::mutex m_mutex;
    std::condition_variable m_done;
    std::size_t m_in_flight = 0;
    std::optional<std::string> m_failure;
    // Writes gathered for the executor, handed over in groups: one task (and one thread
    // wake-up) per group instead of per file.
    struct Write {
        std::string temp;
        std::function<std::string()> make;
    };
    std::vector<Write> m_pending;
};

// True for the name of a temporary file left by an interrupted batch.
bool is_temp_name(const std::string& filename);

// Removes temporaries left by an interrupted run under `root`; returns how many.
int remove_leftover_temp_files(const std::filesystem::path& root);

} // namespace archiver::archive
