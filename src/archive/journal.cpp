// SPDX-License-Identifier: MIT
#include "journal.hpp"

#include "crash_point.hpp"

#include <archiver/archive/record.hpp>
#include <archiver/archive/writer.hpp>
#include <archiver/core/log.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <set>
#include <unistd.h>

namespace archiver::archive {

void Journal::append(const std::vector<std::string>& paths) {
    if (m_path.empty()) {
        return;
    }
    std::string data;
    for (const auto& p : paths) {
        data += p + "\n";
    }
    const int fd = ::open(m_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) {
        throw Fatal("cannot write " + m_path.string() + ": " + std::strerror(errno));
    }
    const ssize_t n = ::write(fd, data.data(), data.size());
    const int err = errno;
    if (n != static_cast<ssize_t>(data.size()) || ::fsync(fd) != 0) {
        ::close(fd);
        throw Fatal("cannot write " + m_path.string() + ": " + std::strerror(n < 0 ? err : ENOSPC));
    }
    ::close(fd);
    crash_point("journal appended");
}

void Journal::finish(DryRun dry_run) {
    if (dry_run == DryRun::no && !m_path.empty()) {
        std::error_code ec;
        crash_point("before journal removed");
        std::filesystem::remove(m_path, ec);
        crash_point("journal removed");
    }
}

OpenArchive::~OpenArchive() {
    if (!temp_dir.empty()) {
        std::error_code ec;
        std::filesystem::remove_all(temp_dir, ec);
    }
}

int reconcile(store::Store& store, const RunContext& ctx, const std::filesystem::path& journal) {
    std::ifstream in(journal);
    std::set<std::string> paths;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) {
            paths.insert(line);
        }
    }
    int changed = 0;
    store::Store::Transaction tx(store);
    for (const auto& rel : paths) {
        const auto file = ctx.paths.archive_dir / rel;
        std::error_code ec;
        if (!std::filesystem::exists(file, ec)) {
            continue;
        }
        auto doc = read_document(file);
        if (!doc) {
            log::warn("archiver: reconcile: " + doc.error().message);
            continue;
        }
        const std::string source = doc->get_string("source");
        TimeZone zone;
        for (const auto& s : ctx.sources) {
            if (s.name == source) {
                if (auto z = TimeZone::from_name(s.timezone)) {
                    zone = *z;
                }
            }
        }
        auto record = record_from_document(*doc, rel, zone);
        if (!record) {
            log::warn("archiver: reconcile: " + record.error().message);
            continue;
        }
        auto existing = store.get_article(record->id);
        if (existing && existing->content_hash == record->content_hash &&
            existing->path == record->path) {
            continue;
        }
        Result<void> r = existing ? store.update_article(*record, existing->content_hash,
                                                         record->fetched)
                                  : store.insert_article_with_id(*record);
        if (!r) {
            log::warn("archiver: reconcile: " + rel + ": " + r.error().message);
            continue;
        }
        ++changed;
    }
    tx.commit();
    return changed;
}

OpenArchive open_archive(const RunContext& ctx, DryRun dry_run) {
    std::error_code ec;
    std::filesystem::path temp_dir;
    std::filesystem::path db = ctx.paths.database;
    if (dry_run == DryRun::yes) {
        if (!std::filesystem::exists(db, ec)) {
            std::string tmpl = (std::filesystem::temp_directory_path() / "archiver-dry-XXXXXX").string();
            if (::mkdtemp(tmpl.data()) == nullptr) {
                throw Fatal("cannot create a temporary folder for the dry run");
            }
            temp_dir = tmpl;
            db = temp_dir / "archiver.db";
        }
        return OpenArchive(store::Store::open(db), Journal(), temp_dir);
    }
    std::filesystem::create_directories(ctx.paths.archive_dir, ec);
    if (ec) {
        throw Fatal("cannot create the archive folder " + ctx.paths.archive_dir.string() + ": " +
                    ec.message());
    }
    std::filesystem::create_directories(db.parent_path(), ec);
    store::Store store = store::Store::open(db);
    const std::filesystem::path journal_path = db.string() + ".journal";
    if (std::filesystem::exists(journal_path, ec)) {
        const int temps = remove_leftover_temp_files(ctx.paths.archive_dir);
        crash_point("recovery: temporaries removed");
        const int rows = reconcile(store, ctx, journal_path);
        crash_point("recovery: files indexed");
        log::info("archiver: recovered from an interrupted run: " + std::to_string(rows) +
                  " files indexed, " + std::to_string(temps) + " temporary files removed");
        std::filesystem::remove(journal_path, ec);
    }
    // An empty journal marks a run in progress: if this run dies before it finishes, the
    // next start cleans up after it.
    Journal journal(journal_path);
    journal.append({});
    return OpenArchive(std::move(store), std::move(journal), {});
}

} // namespace archiver::archive
