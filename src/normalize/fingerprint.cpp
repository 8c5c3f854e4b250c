// SPDX-License-Identifier: MIT
#include <archiver/normalize/normalize.hpp>

#include <archiver/core/utf8.hpp>

#include "normalize/sha256.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <vector>

namespace archiver::normalize {

namespace {

bool is_space_or_format(char32_t c) {
    return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200F) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
           c == 0x205F || c == 0x2060 || c == 0x3000 || c == 0xFEFF;
}

// Punctuation and symbols of the scripts news comes in: ASCII, Latin-1, General and
// Supplemental Punctuation, CJK Symbols and Punctuation (not 々〆〇), CJK compatibility and
// small forms, full-width ASCII punctuation, and U+FFFD from broken bytes. Markdown markup
// characters fall in the ASCII range, so Markdown and plain text fingerprint alike.
bool is_punctuation(char32_t c) {
    if (c < 0x80) {
        return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) ||
               (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E) || c < 0x20 || c == 0x7F;
    }
    return (c >= 0x80 && c <= 0xBF) || c == 0xD7 || c == 0xF7 || (c >= 0x2010 && c <= 0x2027) ||
           (c >= 0x2030 && c <= 0x205E) || (c >= 0x2E00 && c <= 0x2E7F) ||
           (c >= 0x3001 && c <= 0x3004) || (c >= 0x3008 && c <= 0x3020) || c == 0x3030 ||
           c == 0x303D || (c >= 0xFE10 && c <= 0xFE1F) || (c >= 0xFE30 && c <= 0xFE6F) ||
           (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
           (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) || c == 0xFFFD;
}

// Full-width ASCII letters and digits fold to ASCII; ASCII letters to lower case.
char32_t fold(char32_t c) {
    if ((c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
        (c >= 0xFF41 && c <= 0xFF5A)) {
        c -= 0xFEE0;
    }
    if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
    }
    return c;
}

// FNV-1a then the splitmix64 finalizer: FNV alone spreads short inputs poorly over the
// high bits, and SimHash needs every bit to be a fair coin.
std::uint64_t hash64(std::string_view bytes) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (char c : bytes) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return h;
}

// The hash of every shingle of `width` code points, in text order (one shingle, the whole
// text, when it is shorter than `width`).
std::vector<std::uint64_t> shingle_hashes(std::string_view fingerprint, std::size_t width) {
    // Byte offsets of each code point, so a shingle is a substring.
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < fingerprint.size();) {
        starts.push_back(i);
        decode_utf8(fingerprint, i);
    }
    std::vector<std::uint64_t> out;
    if (starts.empty()) {
        return out;
    }
    starts.push_back(fingerprint.size());
    const std::size_t points = starts.size() - 1;
    width = std::min(width, points);
    for (std::size_t k = 0; k + width <= points; ++k) {
        out.push_back(hash64(fingerprint.substr(starts[k], starts[k + width] - starts[k])));
    }
    return out;
}

} // namespace

std::string fingerprint_text(std::string_view body_text) {
    std::string out;
    out.reserve(body_text.size());
    std::size_t i = 0;
    while (i < body_text.size()) {
        const char32_t c = decode_utf8(body_text, i);
        if (is_space_or_format(c) || is_punctuation(c)) {
            continue;
        }
        append_utf8(out, fold(c));
    }
    return out;
}

std::string sha256_hex(std::string_view bytes) { return detail::sha256_hex(bytes); }

std::string content_hash(std::string_view body_text) {
    return "sha256:" + detail::sha256_hex(fingerprint_text(body_text));
}

namespace detail {

std::vector<std::uint64_t> shingle_set(std::string_view fingerprint, std::size_t shingle) {
    auto out = shingle_hashes(fingerprint, shingle);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::size_t intersection_size(const std::vector<std::uint64_t>& a,
                              const std::vector<std::uint64_t>& b) noexcept {
    std::size_t n = 0;
    for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
        if (a[i] < b[j]) {
            ++i;
        } else if (b[j] < a[i]) {
            ++j;
        } else {
            ++n, ++i, ++j;
        }
    }
    return n;
}

std::uint64_t simhash_fingerprint(std::string_view fingerprint, std::size_t shingle) {
    const auto hashes = shingle_hashes(fingerprint, shingle);
    if (hashes.empty()) {
        return 0;
    }
    // Bit b is set when more shingle hashes have it set than not (each hash votes +1 or -1
    // per bit). Counting the ones per bit is the same vote, in a loop the compiler
    // vectorizes.
    std::array<std::uint32_t, 64> ones{};
    for (const std::uint64_t h : hashes) {
        for (std::size_t bit = 0; bit < 64; ++bit) {
            ones[bit] += static_cast<std::uint32_t>((h >> bit) & 1U);
        }
    }
    const std::size_t n = hashes.size();
    std::uint64_t result = 0;
    for (std::size_t bit = 0; bit < 64; ++bit) {
        if (2 * static_cast<std::size_t>(ones[bit]) > n) {
            result |= std::uint64_t{1} << bit;
        }
    }
    return result;
}

} // namespace detail

std::uint64_t simhash(std::string_view body_text) {
    return detail::simhash_fingerprint(fingerprint_text(body_text), k_shingle_code_points);
}

int hamming(std::uint64_t a, std::uint64_t b) noexcept { return std::popcount(a ^ b); }

ShingleSet shingle_set(std::string_view body_text) {
    return ShingleSet{detail::shingle_set(fingerprint_text(body_text), k_shingle_code_points)};
}

double shingle_containment(const ShingleSet& a, const ShingleSet& b) noexcept {
    if (a.hashes.empty() || b.hashes.empty()) {
        return 0.0;
    }
    return static_cast<double>(detail::intersection_size(a.hashes, b.hashes)) /
           static_cast<double>(std::min(a.hashes.size(), b.hashes.size()));
}

double shingle_containment(std::string_view a_text, std::string_view b_text) {
    return shingle_containment(shingle_set(a_text), shingle_set(b_text));
}

bool is_near_duplicate(std::uint64_t a_simhash,
                       const ShingleSet& a_shingles,
                       std::uint64_t b_simhash,
                       std::string_view b_text) {
    return hamming(a_simhash, b_simhash) <= k_near_duplicate_distance &&
           shingle_containment(a_shingles, shingle_set(b_text)) >= k_near_duplicate_containment;
}

bool is_near_duplicate(std::uint64_t a_simhash,
                       std::string_view a_text,
                       std::uint64_t b_simhash,
                       std::string_view b_text) {
    return hamming(a_simhash, b_simhash) <= k_near_duplicate_distance &&
           shingle_containment(a_text, b_text) >= k_near_duplicate_containment;
}

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
    const auto hashes = shingle_hashes(fingerprint_text(body_text), k_shingle_code_points);
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
    const auto hashes = shingle_hashes(fingerprint_text(b_text), k_shingle_code_points);
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
