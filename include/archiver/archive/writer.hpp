// SPDX-License-Identifier: MIT
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace archiver::archive {

// Writes a batch of archive files crash-safely: each file is first written as a hidden
// temporary beside its target, all of them are synced at once, then renamed into place and
// their folders synced. Until the batch is committed, nothing is visible; the destructor
// removes the temporaries of an uncommitted batch. I/O failures (disk full, read-only folder)
// throw `Fatal` after cleaning up, leaving the archive as it was. After a commit the writer
// takes the next batch, so one writer can serve a whole run (group commit).
//
// With an executor, `stage_with` makes and writes a file's content on the executor's
// threads, and `commit_in_background` commits a batch there too, once its temporaries are
// written; the writer's own calls (stage, wait, commit, targets) stay on one thread.
// Batches are committed one at a time, in the order they were sealed, each in the same
// steps: every temporary written, `before_rename` (the run journals the targets), one sync,
// the renames, the folder syncs.
class BatchWriter {
public:
    // Runs a task on another thread; tasks never throw.
    using Executor = std::function<void(std::function<void()>)>;
    // Called with a batch's targets (relative to the root) once every temporary of it is
    // written and before any is renamed; may throw `Fatal` (the batch is then not renamed).
    using BeforeRename = std::function<void(const std::vector<std::string>& targets)>;

    explicit BatchWriter(std::filesystem::path root,
                         Executor executor = {},
                         BeforeRename before_rename = {});
    ~BatchWriter();
    BatchWriter(const BatchWriter&) = delete;
    BatchWriter& operator=(const BatchWriter&) = delete;

    // Writes `content` to a temporary for `relative_path` ('/'-separated, already safe).
    void stage(const std::string& relative_path, const std::string& content);
    // Stages `relative_path` with the content `make` returns, made and written on the
    // executor (here without one). A failure (of `make` or the write) throws `Fatal` from
    // the next `stage`, `stage_with`, `wait` or `commit`.
    void stage_with(const std::string& relative_path, std::function<std::string()> make);
    // Waits until every temporary of the open batch is written; throws `Fatal` for the
    // first failure.
    void wait();
    // Commits the open batch and waits until every batch is committed (syncs, renames,
    // folder syncs); then the writer is empty again. Throws `Fatal` for the first failure.
    void commit();
    // Seals the open batch and returns: it is committed on the executor once its
    // temporaries are written, after the batches sealed before it; a failure throws `Fatal`
    // from the next call. Without an executor, the same as `commit`.
    void commit_in_background();
    // Files in the open batch.
    std::size_t size() const { return m_open->items.size(); }
    // The open batch's targets, relative to the root.
    std::vector<std::string> targets() const;

private:
    struct Item {
        std::string relative; // the target, relative to the root
        std::size_t name_at;  // where its file name starts in `relative`
    };
    // A batch: its files and how many of its write tasks are not done.
    struct Group {
        std::deque<Item> items; // a deque: a write task holds its item's address
        std::string temp_suffix; // marker, pid and batch number: unique to the batch
        std::size_t writes_left = 0; // guarded by m_mutex
        bool sealed = false;         // guarded by m_mutex
    };
    struct Write {
        const Item* item;
        std::function<std::string()> make;
    };

    // Registers `relative_path` in the open batch and returns its item; a target already
    // staged first waits for its earlier write, so the newer content wins.
    const Item& reserve(const std::string& relative_path);
    std::string temp_path(const Item& item, const std::string& suffix) const;
    void throw_failure();
    void fail(std::string message);
    // Hands the gathered writes to the executor as one task.
    void submit_pending();
    // Seals the open batch and starts a new one; a batch ready at once is committed here,
    // or with `background` on the executor.
    void seal(bool background);
    // Commits the sealed batches that are ready, in order; one thread at a time.
    void drain();
    void commit_group(const Group& group);
    std::shared_ptr<Group> new_group();

    std::filesystem::path m_root;
    std::string m_root_prefix; // the root and a '/'
    Executor m_executor;
    BeforeRename m_before_rename;
    std::string m_temp_suffix; // marker + pid, computed once (getpid is a system call)
    std::uint64_t m_groups = 0;
    std::shared_ptr<Group> m_open;                  // the batch being staged
    std::unordered_map<std::string_view, const Item*> m_staged; // the items of m_open
    std::vector<Write> m_pending; // writes gathered for the executor, handed over in groups
    // Shared with the executor's threads.
    std::mutex m_mutex;
    std::condition_variable m_done;
    std::size_t m_in_flight = 0; // tasks running or queued
    std::optional<std::string> m_failure;
    std::deque<std::shared_ptr<Group>> m_sealed; // not yet committed, in order
    bool m_draining = false;
};

// True for the name of a temporary file left by an interrupted batch.
bool is_temp_name(const std::string& filename);

// Removes temporaries left by an interrupted run under `root`; returns how many.
int remove_leftover_temp_files(const std::filesystem::path& root);

} // namespace archiver::archive
