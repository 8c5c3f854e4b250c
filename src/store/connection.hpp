// SPDX-License-Identifier: MIT
// The per-connection settings of the index (`PRAGMA`s), and why each has its value
// (measured with bench/run/archive_size.sh, bench/README.md).
#pragma once

#include <SQLiteCpp/Database.h>

namespace archiver::store::detail {

// The page cache of a read-write connection, in KiB. A run's batch at 1M archived
// articles dirties about 12 random B-tree pages per new item; a cache that holds them all
// (32 MB for 600 items) spares ~4,400 re-reads of the lookups' leaves at the commit but
// adds 15 MB to the peak RSS of a large run and 10 MB to a cold one, for no CPU gain
// measured (bench/README.md, "`run` time against archive size").
inline constexpr int k_write_cache_kib = 16 * 1024;

// Applies the settings of a read-write connection (before any migration): write-ahead
// log with NORMAL sync, a page cache of `k_write_cache_kib`, temporary journals in memory,
// and `secure_delete = FAST` (this SQLite is built with secure delete on: freed pages were
// zeroed and written through the log, a few hundred pages a run). Throws what SQLiteCpp
// throws.
void configure_writer(SQLite::Database& db);

} // namespace archiver::store::detail
