// SPDX-License-Identifier: MIT
// Internal: the run journal and opening the store with start-up reconciliation.
#pragma once

#include <archiver/archive/run.hpp>
#include <archiver/store/store.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace archiver::archive {

// Lists the files a run renamed into place before its index transaction committed. Its
// presence at start-up means the last run did not finish: those files are indexed from
// their front matter and leftover temporaries are removed.
class Journal {
public:
    Journal() = default;
    explicit Journal(std::filesystem::path path) : m_path(std::move(path)) {}
    // Appends `paths` and syncs, before they are renamed into place.
    void append(const std::vector<std::string>& paths);
    // Removes the journal after the index committed (kept on a dry run: never created).
    void finish(DryRun dry_run);
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

// The store of a run, reconciled with the archive, and its journal.
struct OpenArchive {
    store::Store store;
    Journal journal;
    std::filesystem::path temp_dir; // dry run without an index: a throw-away copy
    OpenArchive(store::Store s, Journal j, std::filesystem::path t)
        : store(std::move(s)), journal(std::move(j)), temp_dir(std::move(t)) {}
    ~OpenArchive();
    OpenArchive(const OpenArchive&) = delete;
    OpenArchive& operator=(const OpenArchive&) = delete;
};

// Opens (creating) the archive folder and index of `ctx`, reconciling them after an
// interrupted run. Throws `Fatal` when the store cannot be used.
OpenArchive open_archive(const RunContext& ctx, DryRun dry_run);

// Indexes the journaled files of an interrupted run; returns how many rows changed.
int reconcile(store::Store& store, const RunContext& ctx, const std::filesystem::path& journal);

} // namespace archiver::archive
