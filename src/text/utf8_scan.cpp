// SPDX-License-Identifier: MIT
#include "utf8_scan.hpp"

#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace archiver::text::detail {
namespace {

// A C0 control other than tab, newline and CR.
bool bad_control(unsigned char c) noexcept {
    return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

// E1..EC and EE..EF followed by two continuation bytes: a valid three-byte sequence (no
// overlong or surrogate form starts with these), the common case of CJK text.
bool plain_three_bytes(const unsigned char* p, std::size_t avail) noexcept {
    const unsigned char c = p[0];
    return ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) && avail >= 3 &&
           (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80;
}

} // namespace

std::size_t utf8_seq_len(const unsigned char* p, std::size_t avail) noexcept {
    const unsigned char c = p[0];
    if (c < 0x80) {
        return 1;
    }
    std::size_t n = 0;
    std::uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (avail < n) {
        return 0;
    }
    for (std::size_t i = 1; i < n; ++i) {
        if ((p[i] & 0xC0) != 0x80) {
            return 0;
        }
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
        return 0;
    }
    return n;
}

Utf8Scan scan_utf8_bytewise(std::string_view text) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    bool dirty = false;
    std::size_t i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            dirty = dirty || bad_control(c);
            ++i;
            continue;
        }
        const std::size_t len = utf8_seq_len(p + i, n - i);
        if (len == 0) {
            return Utf8Scan::invalid;
        }
        dirty = dirty || (c == 0xC2 && p[i + 1] <= 0x9F);
        i += len;
    }
    return dirty ? Utf8Scan::needs_cleanup : Utf8Scan::clean;
}

#if defined(__SSE2__)
namespace {

// One 16-byte block of a scan, classified with SSE2: bit k of each mask is byte k.
struct Block {
    unsigned high = 0;   // 0x80..0xFF
    unsigned cont = 0;   // continuation bytes 0x80..0xBF
    unsigned lead2 = 0;  // 0xC0..0xDF
    unsigned lead3 = 0;  // 0xE0..0xEF
    unsigned rare = 0;   // leads the block rules below do not cover: C0, C1, E0, ED, F0..FF
    unsigned c2 = 0;     // 0xC2 (with 0x80..0x9F after it: a C1 control)
    unsigned c1cont = 0; // 0x80..0x9F
    unsigned controls = 0; // C0 controls other than tab, newline and CR
};

Block classify(const unsigned char* p) noexcept {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    auto mask = [](__m128i m) { return static_cast<unsigned>(_mm_movemask_epi8(m)); };
    auto below = [&](int bound) { return mask(_mm_cmplt_epi8(v, _mm_set1_epi8(static_cast<char>(bound)))); };
    auto equal = [&](int c) { return mask(_mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(c)))); };
    Block b;
    b.high = mask(v);
    // Signed compares: 0x80..0xFF are -128..-1, below every ASCII byte.
    b.controls = below(0x20) & ~b.high;
    if (b.controls != 0) {
        b.controls &= ~(equal('\t') | equal('\n') | equal('\r'));
    }
    if (b.high == 0) {
        return b;
    }
    b.cont = below(0xC0) & b.high;
    b.c1cont = below(0xA0) & b.high;
    const unsigned to_df = below(0xE0) & b.high;
    const unsigned to_ef = below(0xF0) & b.high;
    b.lead2 = to_df & ~b.cont;
    b.lead3 = to_ef & ~to_df;
    const unsigned c0_c1 =
        mask(_mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8(static_cast<char>(0xFE))),
                            _mm_set1_epi8(static_cast<char>(0xC0))));
    b.rare = (b.high & ~to_ef) | c0_c1 | equal(0xE0) | equal(0xED);
    b.c2 = equal(0xC2);
    return b;
}

} // namespace
#endif

Utf8Scan scan_utf8(std::string_view text) noexcept {
#if defined(__SSE2__)
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    bool dirty = false;
    std::size_t i = 0; // always at the start of a character
    while (i + 16 <= n) {
        const Block b = classify(p + i);
        // An ASCII byte is a character of its own wherever it lies: the block's controls
        // count even when it also holds longer sequences (bytes seen twice, as the next
        // block may overlap this one, are judged the same twice).
        dirty = dirty || b.controls != 0;
        if (b.high == 0) {
            i += 16;
            continue;
        }
        if (b.rare == 0) {
            // Two- and three-byte sequences: every continuation byte is where a lead byte
            // puts one, and nowhere else. A sequence that runs past the block is left to
            // the next block, which starts at its lead byte (the first such lead: a lead
            // before it that runs into it is then caught here).
            const unsigned crossing = (b.lead2 & 0x8000U) | (b.lead3 & 0xC000U);
            const unsigned stop = crossing != 0 ? static_cast<unsigned>(__builtin_ctz(crossing)) : 16U;
            const unsigned before = (1U << stop) - 1U;
            const unsigned l2 = b.lead2 & before;
            const unsigned l3 = b.lead3 & before;
            const unsigned expected = (l2 << 1) | (l3 << 1) | (l3 << 2);
            if (expected != (b.cont & before)) {
                return Utf8Scan::invalid;
            }
            dirty = dirty || (((b.c2 & before) << 1) & b.c1cont) != 0;
            i += stop;
            continue;
        }
        // Rarer leads (four-byte sequences, E0, ED, invalid C0/C1/F5..): one sequence at a
        // time to the end of the block.
        const std::size_t end = i + 16;
        while (i < end) {
            if (p[i] < 0x80) {
                ++i;
                continue;
            }
            if (plain_three_bytes(p + i, n - i)) {
                i += 3;
                continue;
            }
            const std::size_t len = utf8_seq_len(p + i, n - i);
            if (len == 0) {
                return Utf8Scan::invalid;
            }
            dirty = dirty || (p[i] == 0xC2 && p[i + 1] <= 0x9F);
            i += len;
        }
    }
    // The last few bytes.
    const Utf8Scan tail = scan_utf8_bytewise(text.substr(i));
    if (tail == Utf8Scan::invalid) {
        return tail;
    }
    return dirty ? Utf8Scan::needs_cleanup : tail;
#else
    return scan_utf8_bytewise(text);
#endif
}

} // namespace archiver::text::detail
