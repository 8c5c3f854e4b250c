// SPDX-License-Identifier: MIT
// The near-duplicate keys (sketch hashes) written inside a transaction, held in memory and
// written to the top level of `text_sketch` in key order when the transaction commits (or
// the buffer fills); the content-hash keys are held the same way. Inserting an article's keys into a B-tree at random places, and then seeking that
// growing tree for the next article's candidates, was most of the store's work per item of
// a run; now the tree is searched only for what was there before the run's buffered rows,
// and the buffer answers for the rest.
#pragma once

#include <cstdint>
#include <vector>

namespace archiver::store::detail {

struct KeyRow {
    std::int64_t key = 0;
    std::int64_t article_id = 0;
    std::int64_t simhash = 0;
    std::uint32_t next = 0; // index + 1 of the previous row of the same bucket; 0: none
};

class NearKeyBuffer {
public:
    void add(std::int64_t key, std::int64_t article_id, std::int64_t simhash);
    // Calls `visit(row)` for each buffered row of the bucket `key`, latest added first.
    template <typename Visit>
    void for_each(std::int64_t key, Visit&& visit) const {
        if (m_heads.empty()) {
            return;
        }
        for (std::uint32_t i = m_heads[slot(key)]; i != 0; i = m_rows[i - 1].next) {
            const KeyRow& row = m_rows[i - 1];
            if (row.key == key) {
                visit(row);
            }
        }
    }
    // Forgets the rows of `article_id` (an insert that failed part-way).
    void remove_article(std::int64_t article_id);
    std::size_t size() const { return m_rows.size(); }
    bool empty() const { return m_rows.empty(); }
    // Sorts the rows by key and article id (in place: no copy of a full buffer) and
    // returns them; the buckets still answer as before.
    const std::vector<KeyRow>& sort();
    void clear();

private:
    std::size_t slot(std::int64_t key) const;
    void rehash(std::size_t buckets);

    std::vector<KeyRow> m_rows;
    std::vector<std::uint32_t> m_heads; // per hash slot: index + 1 of its latest row
};

} // namespace archiver::store::detail
