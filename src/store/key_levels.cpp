// SPDX-License-Identifier: MIT
#include "key_levels.hpp"

#include <SQLiteCpp/Statement.h>

#include <string>

namespace archiver::store::detail {
namespace {

std::int64_t count_rows(SQLite::Database& db, const char* table) {
    SQLite::Statement count(db, std::string("SELECT count(*) FROM ") + table);
    count.executeStep();
    return count.getColumn(0).getInt64();
}

// Levels 0..`into` merged into a new table, which replaces level `into`; the levels above
// it are emptied. All are read in key order and merged (no sort); the rows are appended in
// key order, so each page of the new table is filled before the next is begun.
void merge_into(SQLite::Database& db, const KeyLevels& levels, std::size_t into) {
    const std::string lower = levels[into];
    const std::string merged = lower + "_merged";
    db.exec("DROP TABLE IF EXISTS " + merged);
    db.exec(create_level_sql(merged));
    std::string select;
    for (std::size_t level = 0; level <= into; ++level) {
        select += std::string(level == 0 ? "" : " UNION ALL ") +
                  "SELECT hash, article_id, simhash FROM " + levels[level];
    }
    db.exec("INSERT OR IGNORE INTO " + merged + " " + select + " ORDER BY hash, article_id");
    db.exec("DROP TABLE " + lower);
    db.exec("ALTER TABLE " + merged + " RENAME TO " + lower);
    for (std::size_t level = 0; level < into; ++level) {
        db.exec(std::string("DELETE FROM ") + levels[level]);
    }
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
    std::int64_t rows = count_rows(db, levels[0]);
    if (rows <= level0_rows) {
        return 0;
    }
    // Level 0 and those below it, down to the first level whose bound holds them all (the
    // bottom holds any), are merged into that level at once: one rewrite where a merge into
    // each level in turn would rewrite every one of them.
    std::size_t into = 1;
    std::int64_t bound = level0_rows;
    bool below_empty = true; // every level from 1 to `into`
    for (; into + 1 < levels.size(); ++into) {
        bound *= k_level_ratio;
        const std::int64_t level_rows = count_rows(db, levels[into]);
        below_empty = below_empty && level_rows == 0;
        rows += level_rows;
        if (rows <= bound) {
            break;
        }
    }
    if (into + 1 == levels.size()) {
        below_empty = below_empty && !db.execAndGet(std::string("SELECT EXISTS (SELECT 1 FROM ") +
                                                    levels[into] + ")")
                                          .getInt();
    }
    if (below_empty) {
        // Nothing to merge with (a new archive's first run, a reindex): level 0 becomes
        // level `into` as it is.
        db.exec(std::string("DROP TABLE ") + levels[into]);
        db.exec(std::string("ALTER TABLE ") + levels[0] + " RENAME TO " + levels[into]);
        db.exec(create_level_sql(levels[0]));
    } else {
        merge_into(db, levels, into);
    }
    return static_cast<int>(into);
}

} // namespace archiver::store::detail
