// SPDX-License-Identifier: MIT
// ShingleProbe: one text's shingles in a hash table, checked against many others.
#include <archiver/normalize/normalize.hpp>

#include "normalize/sha256.hpp"

#include <algorithm>
#include <bit>
#include <vector>

namespace archiver::normalize {

namespace {

// Open addressing, linear probing: shingle hashes are splitmix64-finalized, so their low
// bits index the table directly. Slots hold hash + 1 (0 marks an empty slot).
std::size_t table_size(std::size_t n) { return std::bit_ceil(std::max<std::size_t>(16, 2 * n)); }

// The slot of `h` in `slots`: where it is, or the empty slot where it would go.
std::size_t find_slot(const std::vector<std::uint64_t>& slots, std::uint64_t h) noexcept {
    const std::size_t mask = slots.size() - 1;
    std::size_t i = static_cast<std::size_t>(h) & mask;
    while (slots[i] != 0 && slots[i] != h + 1) {
        i = (i + 1) & mask;
    }
    return i;
}

} // namespace

ShingleProbe::ShingleProbe(std::string_view body_text) {
    const auto hashes = detail::shingle_hashes(fingerprint_text(body_text), k_shingle_code_points);
    m_slots.assign(table_size(hashes.size()), 0);
    for (const std::uint64_t h : hashes) {
        if (h == ~std::uint64_t{0}) {
            m_size += m_has_max ? 0 : 1;
            m_has_max = true;
            continue;
        }
        const std::size_t i = find_slot(m_slots, h);
        if (m_slots[i] == 0) {
            m_slots[i] = h + 1;
            ++m_size;
        }
    }
    m_seen.assign(m_slots.size(), 0);
}

bool ShingleProbe::is_near_duplicate(std::uint64_t a_simhash,
                                     std::uint64_t b_simhash,
                                     std::string_view b_text) {
    if (hamming(a_simhash, b_simhash) > k_near_duplicate_distance || m_size == 0) {
        return false;
    }
    const auto hashes = detail::shingle_hashes(fingerprint_text(b_text), k_shingle_code_points);
    if (hashes.empty()) {
        return false;
    }
    if (++m_check == 0) { // wrapped: forget every earlier check
        std::fill(m_seen.begin(), m_seen.end(), 0);
        m_max_seen = 0;
        m_check = 1;
    }
    // `shared`: distinct shingles of b in this text; `b_only`: distinct ones that are not.
    // The containment is shared / min(size, shared + b_only) once every shingle of b is
    // read. Before that it is bounded: at most `remaining` more shared shingles, and b has
    // at least the distinct shingles read so far. Double division is monotonic in both
    // arguments, so each early answer is the one the full count gives.
    std::vector<std::uint64_t> others(table_size(hashes.size()), 0);
    bool other_max = false;
    std::size_t shared = 0, b_only = 0;
    const auto k = k_near_duplicate_containment;
    const auto a_size = static_cast<double>(m_size);
    for (std::size_t n = 0; n < hashes.size(); ++n) {
        const std::uint64_t h = hashes[n];
        if (h == ~std::uint64_t{0}) {
            if (m_has_max) {
                shared += m_max_seen == m_check ? 0 : 1;
                m_max_seen = m_check;
            } else {
                b_only += other_max ? 0 : 1;
                other_max = true;
            }
        } else if (const std::size_t i = find_slot(m_slots, h); m_slots[i] != 0) {
            if (m_seen[i] != m_check) {
                m_seen[i] = m_check;
                ++shared;
            }
        } else if (const std::size_t j = find_slot(others, h); others[j] == 0) {
            others[j] = h + 1;
            ++b_only;
        }
        if ((n & 255) == 255) {
            if (static_cast<double>(shared) / a_size >= k) {
                return true; // min(size, |b|) <= size
            }
            const std::size_t remaining = hashes.size() - 1 - n;
            const auto least = static_cast<double>(std::min(m_size, shared + b_only));
            if (static_cast<double>(shared + remaining) / least < k) {
                return false;
            }
        }
    }
    const auto smaller = static_cast<double>(std::min(m_size, shared + b_only));
    return static_cast<double>(shared) / smaller >= k;
}

} // namespace archiver::normalize
