// SPDX-License-Identifier: MIT
// The near-duplicate keys (SimHash bands, sketch hashes) written inside a transaction, held
// in memory and written to `simhash_bands` and `text_sketch` in key order when the
// transaction commits (or the buffer fills). Inserting an article's twelve keys into two
// B-trees at random places, and then seeking those growing trees twelve times for the next
// article's candidates, was most of the store's work per item of a run; now the trees are
// searched only for what was there before the run's buffered rows, and the buffer answers
// for the rest.
#pragma once

#include <cstdint>
#include <vector>

namespace archiver::store::detail {

enum class KeyTable : std::uint8_t { bands = 0, sketch = 1 };

struct KeyRow {
    std::int64_t key = 0;
    std::int64_t article_id = 0;
    std::int64_t simhash = 0;
    std::uint32_t next = 0;   // index + 1 of the previous row of the same bucket; 0: none
    KeyTable table = KeyTable::bands;
};

class NearKeyBuffer {
public:
    void add(KeyTable table, std::int64_t key, std::int64_t article_id, std::int64_t simhash);
    // Calls `visit(row)` for each buffered row of the bucket (`table`, `key`), latest added
    // first.
    template <typename Visit>
    void for_each(KeyTable table, std::int64_t key, Visit&& visit) const {
        if (m_heads.empty()) {
            return;
        }
        for (std::uint32_t i = m_heads[slot(table, key)]; i != 0; i = m_rows[i - 1].next) {
            const KeyRow& row = m_rows[i - 1];
            if (row.key == key && row.table == table) {
                visit(row);
            }
        }
    }
    // Forgets the rows of `article_id` (an insert that failed part-way).
    void remove_article(std::int64_t article_id);
    std::size_t size() const { return m_rows.size(); }
    bool empty() const { return m_rows.empty(); }
    // Sorts the rows by table, key and article id (in place: no copy of a full buffer) and
    // returns them; the buckets still answer as before.
    const std::vector<KeyRow>& sort();
    void clear();

private:
    std::size_t slot(KeyTable table, std::int64_t key) const;
    void rehash(std::size_t buckets);

    std::vector<KeyRow> m_rows;
    std::vector<std::uint32_t> m_heads; // per hash slot: index + 1 of its latest row
};

} // namespace archiver::store::detail
