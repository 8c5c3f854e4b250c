// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>
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
class BatchWriter {
public:
    explicit BatchWriter(std::filesystem::path root);
    ~BatchWriter();
    BatchWriter(const BatchWriter&) = delete;
    BatchWriter& operator=(const BatchWriter&) = delete;

    // Writes `content` to a temporary for `relative_path` ('/'-separated, already safe).
    void stage(const std::string& relative_path, const std::string& content);
    // Syncs, renames every staged file into place, syncs the folders; then the writer is
    // empty again.
    void commit();
    std::size_t size() const { return m_items.size(); }
    // The staged targets, relative to the root.
    std::vector<std::string> targets() const;

private:
    struct Item {
        std::filesystem::path temp, target;
        std::string relative; // target, relative to the root
    };
    std::filesystem::path m_root;
    std::string m_temp_suffix; // marker + pid, computed once (getpid is a system call)
    std::vector<Item> m_items;
    std::unordered_set<std::string> m_staged;       // targets of m_items
    std::unordered_set<std::string> m_folders_made; // folders known to exist
};

// True for the name of a temporary file left by an interrupted batch.
bool is_temp_name(const std::string& filename);

// Removes temporaries left by an interrupted run under `root`; returns how many.
int remove_leftover_temp_files(const std::filesystem::path& root);

} // namespace archiver::archive
