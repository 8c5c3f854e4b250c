// SPDX-License-Identifier: MIT
#include "connection.hpp"

#include <string>

namespace archiver::store::detail {

void configure_writer(SQLite::Database& db) {
    db.exec("PRAGMA journal_mode = WAL");
    // FULL: a commit is on disk when it returns. A run removes its journal of committed
    // files right after the index commits; with NORMAL the commit reached the disk only at
    // the checkpoint, so a power loss in between left archived files without their rows
    // and no journal to re-index them. A run commits the index once, so this is one sync
    // of the log, which the checkpoint then finds already synced.
    db.exec("PRAGMA synchronous = FULL");
    db.exec("PRAGMA cache_size = -" + std::to_string(k_write_cache_kib));
    // Statement journals and the savepoint journal of an update stay in memory instead of
    // a temporary file (~65 pwrite calls per archived item before schema 7 removed the
    // per-insert savepoint).
    db.exec("PRAGMA temp_store = MEMORY");
    // Debian's SQLite is compiled with SQLITE_SECURE_DELETE: every page freed (the inputs
    // of each full-text merge, replaced overflow pages) was read, zeroed and written
    // through the log and again at the checkpoint. FAST still clears deleted content on
    // pages that are written anyway, and costs no extra I/O: a 600-item run does about
    // 550 fewer pwrite calls at 10k archived articles and 1,500 fewer at 1M.
    db.exec("PRAGMA secure_delete = FAST");
}

} // namespace archiver::store::detail
