// SPDX-License-Identifier: MIT
#include "key_levels.hpp"

#include <SQLiteCpp/Statement.h>

#include <string>

namespace archiver::store::detail {
namespace {

// Level `from` merged with level `from + 1` into a new table, which replaces it; level
// `from` is emptied. Both are read in key order and merged (no sort); the rows are appended
// in key order, so each page of the new table is filled before the next is begun. Returns
// the rows of the new level.
std::int64_t merge_down(SQLite::Database& db, const KeyLevels& levels, std::size_t from) {
    const std::string upper = levels[from];
    const std::string lower = levels[from + 1];
    const std::string merged = lower + "_merged";
    db.exec("DROP TABLE IF EXISTS " + merged);
    db.exec(create_level_sql(merged));
    const int rows = db.exec("INSERT OR IGNORE INTO " + merged +
                             " SELECT hash, article_id, simhash FROM " + upper +
                             " UNION ALL SELECT hash, article_id, simhash FROM " + lower +
                             " ORDER BY hash, article_id");
    db.exec("DROP TABLE " + lower);
    db.exec("ALTER TABLE " + merged + " RENAME TO " + lower);
    db.exec("DELETE FROM " + upper);
    return rows;
}

} // namespace

std::string create_level_sql(std::string_view table) {
    return "CREATE TABLE " + std::string(table) +
           " (hash INTEGER NOT NULL, article_id INTEGER NOT NULL, simhash INTEGER NOT NULL, "
           "PRIMARY KEY (hash, article_id)) WITHOUT ROWID";
}

std::int64_t content_key(std::string_view content_hash) {
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (const char c : content_hash) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ull;
    }
    return static_cast<std::int64_t>(h);
}

int merge_key_levels(SQLite::Database& db, const KeyLevels& levels, std::int64_t level0_rows) {
    // Only a merge adds rows to a level below 0, so a level can pass its bound only right
    // after one: the top level is counted, the others are known from the merge.
    SQLite::Statement count(db, std::string("SELECT count(*) FROM ") + levels[0]);
    count.executeStep();
    std::int64_t rows = count.getColumn(0).getInt64();
    count.reset();
    int merges = 0;
    std::int64_t bound = level0_rows;
    for (std::size_t level = 0; level + 1 < levels.size() && rows > bound; ++level) {
        rows = merge_down(db, levels, level);
        ++merges;
        bound *= k_level_ratio;
    }
    return merges;
}

} // namespace archiver::store::detail
