// SPDX-License-Identifier: MIT
// The per-connection settings of the index (`PRAGMA`s), and why each has its value
// (measured with bench/run/archive_size.sh, bench/README.md).
#pragma once

#include <SQLiteCpp/Database.h>

namespace archiver::store::detail {

// The page cache of a read-write connection, in KiB. It holds the B-trees' inner pages and
// the pages a run is writing; beyond that it only grows. A run's new items land on random
// leaves of the dedupe indexes (sketch hashes, content hash): with a large archive each
// lookup and each key written touches a leaf of its own, used once. With 16 MB the cache
// filled with those leaves as the archive grew (peak RSS of a 600-item run 27 MB at 10k
// archived articles, 39 MB at 1M; 3,200 more page faults, 0.07 s more system time); with
// 4 MB it stays at 28 MB at every size, for about 5,000 more pread calls of pages the OS
// holds anyway (bench/README.md, "`run` time against archive size"). 8 MB: 33 MB at 1M.
inline constexpr int k_write_cache_kib = 4 * 1024;

// Applies the settings of a read-write connection (before any migration): write-ahead
// log with NORMAL sync, a page cache of `k_write_cache_kib`, temporary journals in memory,
// and `secure_delete = FAST` (this SQLite is built with secure delete on: freed pages were
// zeroed and written through the log, a few hundred pages a run). Throws what SQLiteCpp
// throws.
void configure_writer(SQLite::Database& db);

} // namespace archiver::store::detail
