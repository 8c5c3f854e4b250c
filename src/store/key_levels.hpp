// SPDX-License-Identifier: MIT
// The dedupe keys looked up at random places (near-duplicate sketch hashes, content hashes)
// in levels of tables (schema 11), so that what a run writes does not depend on how much is
// archived. Each family has `k_key_levels` tables of rows (hash, article id, simhash),
// keyed by (hash, article id): level 0 takes the new rows; when a level holds more than its
// bound (`k_level0_rows`), it is merged with the levels below it, down to the first whose
// bound (`k_level_ratio` times more at each level) holds them all, into a new table written
// in key order (its pages filled one after another), which replaces that level; the levels
// above are emptied (when the levels below level 0 are empty, it is renamed into place).
// The last level (the archive's bulk) has no bound. A lookup
// reads every level. Inserting at random keys into one large B-tree changed a page per row
// once the archive outgrew the batch (bench/README.md, "What grows with the archive").
#pragma once

#include <SQLiteCpp/Database.h>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace archiver::store::detail {

inline constexpr std::size_t k_key_levels = 4;
// Rows level 0 may hold before it is merged into level 1; level i may hold
// k_level0_rows * k_level_ratio^i.
inline constexpr std::int64_t k_level0_rows = 8192;
inline constexpr std::int64_t k_level_ratio = 10;

using KeyLevels = std::array<const char*, k_key_levels>;

// The near-duplicate keys: the bottom level is schema 5's `text_sketch`.
inline constexpr KeyLevels k_sketch_levels = {"text_sketch_0", "text_sketch_1",
                                              "text_sketch_2", "text_sketch"};
// The content hashes of the archived articles (`content_key`), one row per article with a
// non-empty content hash; simhash 0.
inline constexpr KeyLevels k_content_levels = {"content_keys_0", "content_keys_1",
                                               "content_keys_2", "content_keys"};

// CREATE TABLE statement of one level.
std::string create_level_sql(std::string_view table);

// The 64-bit key of a content hash (FNV-1a of its text; stored, so it must never change).
std::int64_t content_key(std::string_view content_hash);

// When level 0 of `levels` holds more rows than `level0_rows`, merges it and the levels
// below it, down to the first whose bound holds them all, into that level, inside the
// caller's transaction. Returns that level (0: no merge).
int merge_key_levels(SQLite::Database& db, const KeyLevels& levels,
                     std::int64_t level0_rows = k_level0_rows);

} // namespace archiver::store::detail
