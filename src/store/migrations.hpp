// SPDX-License-Identifier: MIT
// The index schema as an ordered list of migration steps (newsboat's idea): step N brings a
// database from `PRAGMA user_version` N-1 to N, in its own transaction.
#pragma once

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <utility>
#include <vector>

namespace archiver::store::detail {

using MigrationStep = void (*)(SQLite::Database&);

// The persistent FTS5 options schema 10 sets on the full-text index (option, value):
// segments are merged once 16 of a level exist (FTS5's default: 4), and a level is merged
// at once only past 64 (default 16) so merges stay incremental.
inline constexpr std::pair<const char*, int> k_fulltext_options[] = {{"automerge", 16},
                                                                     {"crisismerge", 64}};

// Every step, in order; the schema version is the size of this list.
const std::vector<MigrationStep>& migration_steps();
int latest_schema_version();

// Applies the steps from the database's user_version up to `target` (default: all).
// Throws SQLite::Exception on failure; a failed step leaves the previous version intact.
void migrate(SQLite::Database& db, int target = -1);

// The four 16-bit band keys of a SimHash: band b is stored as (b << 16) | bits.
std::vector<std::int64_t> simhash_band_keys(std::uint64_t simhash);

} // namespace archiver::store::detail
