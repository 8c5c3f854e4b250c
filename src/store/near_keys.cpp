// SPDX-License-Identifier: MIT
#include "near_keys.hpp"

#include <algorithm>
#include <tuple>

namespace archiver::store::detail {

std::size_t NearKeyBuffer::slot(std::int64_t key) const {
    // Mixed again: the stored keys are the smallest hashes of their articles, so their
    // high bits are mostly zero.
    auto h = static_cast<std::uint64_t>(key);
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return static_cast<std::size_t>(h & (m_heads.size() - 1));
}

void NearKeyBuffer::rehash(std::size_t buckets) {
    m_heads.assign(buckets, 0);
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        auto& head = m_heads[slot(m_rows[i].key)];
        m_rows[i].next = head;
        head = static_cast<std::uint32_t>(i + 1);
    }
}

void NearKeyBuffer::add(std::int64_t key, std::int64_t article_id, std::int64_t simhash) {
    if (m_rows.size() + 1 > m_heads.size() / 2) {
        rehash(std::max<std::size_t>(2048, m_heads.size() * 2));
    }
    auto& head = m_heads[slot(key)];
    m_rows.push_back(KeyRow{key, article_id, simhash, head});
    head = static_cast<std::uint32_t>(m_rows.size());
}

void NearKeyBuffer::remove_article(std::int64_t article_id) {
    const auto kept = std::remove_if(m_rows.begin(), m_rows.end(), [&](const KeyRow& row) {
        return row.article_id == article_id;
    });
    if (kept == m_rows.end()) {
        return;
    }
    m_rows.erase(kept, m_rows.end());
    rehash(m_heads.size());
}

const std::vector<KeyRow>& NearKeyBuffer::sort() {
    std::sort(m_rows.begin(), m_rows.end(), [](const KeyRow& a, const KeyRow& b) {
        return std::tie(a.key, a.article_id) < std::tie(b.key, b.article_id);
    });
    // Chained again: within a bucket the rows now lie in id order, so the latest added
    // (the largest id, as ids are handed out in order) is again the head.
    rehash(m_heads.size());
    return m_rows;
}

void NearKeyBuffer::clear() {
    m_rows.clear();
    m_heads.clear();
}

} // namespace archiver::store::detail
