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
std::uint64_t mix64(std::uint64_t h) {
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return h;
}

std::uint64_t hash64(std::string_view bytes) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (char c : bytes) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    return mix64(h);
}

// What an ASCII byte becomes in the fingerprint: letters lower-cased, digits kept, 0 for
// whitespace, punctuation and controls (dropped).
constexpr std::array<char, 128> k_ascii_fold = [] {
    std::array<char, 128> t{};
    for (int c = 0; c < 128; ++c) {
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) {
            t[static_cast<std::size_t>(c)] = static_cast<char>(c);
        } else if (c >= 'A' && c <= 'Z') {
            t[static_cast<std::size_t>(c)] = static_cast<char>(c - 'A' + 'a');
        }
    }
    return t;
}();

// Writes fingerprint_text(body_text) to `out` (room for body_text.size() bytes: the
// fingerprint is never longer) and returns its length. A kept non-ASCII code point is
// copied as it was (decode_utf8 accepted it, so those bytes are its encoding) unless folded.
std::size_t fingerprint_into(std::string_view body_text, char* out) {
    char* o = out;
    const std::size_t n = body_text.size();
    std::size_t i = 0;
    while (i < n) {
        const auto b = static_cast<unsigned char>(body_text[i]);
        if (b < 0x80) {
            const char c = k_ascii_fold[b];
            *o = c;
            o += c != 0 ? 1 : 0;
            ++i;
            continue;
        }
        if (b >= 0xE1 && b <= 0xEC && i + 2 < n &&
            (static_cast<unsigned char>(body_text[i + 1]) & 0xC0) == 0x80 &&
            (static_cast<unsigned char>(body_text[i + 2]) & 0xC0) == 0x80) {
            // U+1000..U+CFFF, most CJK text: valid, never folded, punctuation only in
            // U+2010..U+2E7F and U+3001..U+303D.
            const char32_t c = (static_cast<char32_t>(b & 0x0F) << 12) |
                               (static_cast<char32_t>(body_text[i + 1] & 0x3F) << 6) |
                               static_cast<char32_t>(body_text[i + 2] & 0x3F);
            if (!is_space_or_format(c) && !is_punctuation(c)) {
                o[0] = body_text[i];
                o[1] = body_text[i + 1];
                o[2] = body_text[i + 2];
                o += 3;
            }
            i += 3;
            continue;
        }
        const std::size_t from = i;
        const char32_t c = decode_utf8(body_text, i);
        if (is_space_or_format(c) || is_punctuation(c)) {
            continue;
        }
        if (const char32_t f = fold(c); f != c) {
            *o++ = static_cast<char>(f); // folds only ever reach ASCII
            continue;
        }
        for (std::size_t k = from; k < i; ++k) {
            *o++ = body_text[k];
        }
    }
    return static_cast<std::size_t>(o - out);
}

// Calls `f(hash)` for the hash of every shingle of `width` code points of `fingerprint`
// (valid UTF-8), in text order; one shingle, the whole text, when it is shorter than
// `width`; nothing for an empty text. The starts of the last code points are kept in a
// ring, so nothing is allocated.
template <class F>
void for_each_shingle(std::string_view fingerprint, std::size_t width, F&& f) {
    const std::size_t n = fingerprint.size();
    if (n == 0) {
        return;
    }
    constexpr std::size_t k_ring = 64;
    if (width == 0 || width >= k_ring) { // not a width in use: the plain way
        std::vector<std::size_t> starts;
        for (std::size_t i = 0; i < n; ++i) {
            if ((static_cast<unsigned char>(fingerprint[i]) & 0xC0) != 0x80) {
                starts.push_back(i);
            }
        }
        starts.push_back(n);
        const std::size_t points = starts.size() - 1;
        width = std::min(width, points);
        for (std::size_t k = 0; k + width <= points; ++k) {
            f(hash64(fingerprint.substr(starts[k], starts[k + width] - starts[k])));
        }
        return;
    }
    std::array<std::size_t, k_ring> ring{};
    std::size_t points = 0;
    for (std::size_t i = 0; i <= n; ++i) {
        if (i < n && (static_cast<unsigned char>(fingerprint[i]) & 0xC0) == 0x80) {
            continue; // inside a code point
        }
        // A code point boundary: the shingle of the `width` code points before it ends here.
        if (points >= width) {
            const std::size_t start = ring[(points - width) % k_ring];
            f(hash64(fingerprint.substr(start, i - start)));
        }
        if (i < n) {
            ring[points % k_ring] = i;
            ++points;
        }
    }
    if (points < width) {
        f(hash64(fingerprint));
    }
}

// k_spread[b] holds bit k of b in its byte k: adding it to a 64-bit word counts 8 bits at
// once in 8 byte-wide counters.
constexpr std::array<std::uint64_t, 256> k_spread = [] {
    std::array<std::uint64_t, 256> t{};
    for (std::size_t b = 0; b < 256; ++b) {
        for (std::size_t k = 0; k < 8; ++k) {
            t[b] |= static_cast<std::uint64_t>((b >> k) & 1U) << (8 * k);
        }
    }
    return t;
}();

// SimHash's vote: bit b of the result is set when more of the added hashes have it set
// than not. Counts in byte-wide lanes (8 table additions per hash instead of 64), moved
// to full counters before a lane can overflow.
class BitVote {
public:
    void add(std::uint64_t h) noexcept {
        for (std::size_t j = 0; j < 8; ++j) {
            m_lanes[j] += k_spread[(h >> (8 * j)) & 0xFF];
        }
        ++m_count;
        if (++m_pending == 255) {
            flush();
        }
    }
    std::uint64_t result() noexcept {
        flush();
        std::uint64_t out = 0;
        for (std::size_t bit = 0; bit < 64; ++bit) {
            if (2 * static_cast<std::size_t>(m_ones[bit]) > m_count) {
                out |= std::uint64_t{1} << bit;
            }
        }
        return out;
    }

private:
    void flush() noexcept {
        for (std::size_t j = 0; j < 8; ++j) {
            for (std::size_t k = 0; k < 8; ++k) {
                m_ones[8 * j + k] += static_cast<std::uint32_t>((m_lanes[j] >> (8 * k)) & 0xFF);
            }
            m_lanes[j] = 0;
        }
        m_pending = 0;
    }
    std::array<std::uint64_t, 8> m_lanes{};
    std::array<std::uint32_t, 64> m_ones{};
    std::size_t m_pending = 0;
    std::size_t m_count = 0;
};

} // namespace

std::string fingerprint_text(std::string_view body_text) {
    std::string out(body_text.size(), '\0');
    out.resize(fingerprint_into(body_text, out.data()));
    return out;
}

std::string sha256_hex(std::string_view bytes) { return detail::sha256_hex(bytes); }

std::string content_hash(std::string_view body_text) {
    return "sha256:" + detail::sha256_hex(fingerprint_text(body_text));
}

namespace detail {

std::vector<std::uint64_t> shingle_hashes(std::string_view fingerprint, std::size_t width) {
    std::vector<std::uint64_t> out;
    out.reserve(fingerprint.size());
    for_each_shingle(fingerprint, width, [&out](std::uint64_t h) { out.push_back(h); });
    return out;
}

std::vector<std::uint64_t> shingle_set(std::string_view fingerprint, std::size_t shingle) {
    auto out = detail::shingle_hashes(fingerprint, shingle);
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
    // Bit b is set when more shingle hashes have it set than not (each hash votes +1 or -1
    // per bit); no shingle at all gives 0.
    BitVote vote;
    for_each_shingle(fingerprint, shingle, [&vote](std::uint64_t h) { vote.add(h); });
    return vote.result();
}

} // namespace detail

std::uint64_t simhash(std::string_view body_text) {
    return detail::simhash_fingerprint(fingerprint_text(body_text), k_shingle_code_points);
}

BodyPrints body_prints(std::string_view body_text) {
    const std::string fingerprint = fingerprint_text(body_text);
    return BodyPrints{"sha256:" + detail::sha256_hex(fingerprint),
                      detail::simhash_fingerprint(fingerprint, k_shingle_code_points)};
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

} // namespace archiver::normalize
