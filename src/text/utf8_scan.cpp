// SPDX-License-Identifier: MIT
#include "utf8_scan.hpp"

#include "archiver/core/cpu.hpp"
#include "utf8_block.hpp"

#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
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

// The width of a block of the scan.
constexpr std::size_t k_block = 32;

// One block of a scan, classified with SSE2: bit k of each mask is byte k.
struct Block {
    std::uint32_t high = 0;     // 0x80..0xFF
    std::uint32_t controls = 0; // C0 controls other than tab, newline and CR
    std::uint32_t cont = 0;     // continuation bytes 0x80..0xBF
    std::uint32_t lead2 = 0;    // 0xC0..0xDF
    std::uint32_t lead3 = 0;    // 0xE0..0xEF
    std::uint32_t rare = 0;     // leads the block rules do not cover: C0, C1, E0, ED, F0..FF
    std::uint32_t c1 = 0;       // 0x80..0x9F right after 0xC2: a C1 control's second byte
};

// The masks of 16 bytes, the first half or the second of a block.
struct Half {
    __m128i v;
    explicit Half(const unsigned char* p) : v(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))) {}
    static std::uint32_t bits(__m128i m) { return static_cast<std::uint32_t>(_mm_movemask_epi8(m)); }
    __m128i eq(int c) const { return _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(c))); }
    // Signed compares: 0x80..0xFF are -128..-1, below every ASCII byte.
    __m128i lt(int bound) const { return _mm_cmplt_epi8(v, _mm_set1_epi8(static_cast<char>(bound))); }
    std::uint32_t high() const { return bits(v); }
    std::uint32_t controls() const {
        const __m128i allowed = _mm_or_si128(_mm_or_si128(eq('\t'), eq('\n')), eq('\r'));
        const __m128i low = _mm_andnot_si128(v, lt(0x20)); // below 0x20, high bit clear
        return bits(_mm_andnot_si128(allowed, low));
    }
    std::uint32_t below(int bound) const { return bits(lt(bound)); }
    std::uint32_t rare() const {
        const __m128i c0_c1 = _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8(static_cast<char>(0xFE))),
                                             _mm_set1_epi8(static_cast<char>(0xC0)));
        const __m128i f0_ff = _mm_andnot_si128(lt(0xF0), v); // high bit set, not below 0xF0
        return bits(_mm_or_si128(_mm_or_si128(c0_c1, f0_ff), _mm_or_si128(eq(0xE0), eq(0xED))));
    }
};

// Classifies k_block bytes at `p`; `want_controls` false skips the control check.
Block classify(const unsigned char* p, bool want_controls) noexcept {
    const Half a(p);
    const Half b(p + 16);
    auto join = [](std::uint32_t lo, std::uint32_t hi) { return lo | (hi << 16); };
    Block k;
    k.high = join(a.high(), b.high());
    if (want_controls) {
        k.controls = join(a.controls(), b.controls());
    }
    if (k.high == 0) {
        return k;
    }
    const std::uint32_t to_bf = join(a.below(0xC0), b.below(0xC0)) & k.high;
    const std::uint32_t to_df = join(a.below(0xE0), b.below(0xE0)) & k.high;
    const std::uint32_t to_ef = join(a.below(0xF0), b.below(0xF0)) & k.high;
    k.cont = to_bf;
    k.lead2 = to_df & ~to_bf;
    k.lead3 = to_ef & ~to_df;
    k.rare = join(a.rare(), b.rare());
    const std::uint32_t c2 = join(a.bits(a.eq(0xC2)), b.bits(b.eq(0xC2)));
    if (c2 != 0) {
        const std::uint32_t to_9f = join(a.below(0xA0), b.below(0xA0)) & k.high;
        k.c1 = (c2 << 1) & to_9f;
    }
    return k;
}

struct Sse2 {
    static Block classify(const unsigned char* p, bool want_controls) noexcept {
        return detail::classify(p, want_controls);
    }
};

// The block scan with the classifier `C`.
template <typename C> inline Utf8Scan scan_blocks(std::string_view text) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    bool dirty = false;
    std::size_t i = 0; // always at the start of a character
    while (i + k_block <= n) {
        const Block b = C::classify(p + i, !dirty);
        // An ASCII byte is a character of its own wherever it lies: the block's controls
        // count even when it also holds longer sequences (bytes seen twice, as the next
        // block may overlap this one, are judged the same twice).
        dirty = dirty || b.controls != 0;
        if (b.high == 0) {
            i += k_block;
            continue;
        }
        if (b.rare == 0) {
            // Two- and three-byte sequences: every continuation byte is where a lead byte
            // puts one, and nowhere else. A sequence that runs past the block is left to
            // the next block, which starts at its lead byte (the first such lead: a lead
            // before it that runs into it is then caught here).
            constexpr std::uint32_t k_last = std::uint32_t{1} << (k_block - 1);
            const std::uint32_t crossing = (b.lead2 & k_last) | (b.lead3 & (k_last | k_last >> 1));
            const unsigned stop =
                crossing != 0 ? static_cast<unsigned>(__builtin_ctz(crossing)) : unsigned{k_block};
            const std::uint64_t before = (std::uint64_t{1} << stop) - 1U;
            const std::uint64_t l2 = b.lead2 & before;
            const std::uint64_t l3 = b.lead3 & before;
            const std::uint64_t expected = (l2 << 1) | (l3 << 1) | (l3 << 2);
            if (expected != (b.cont & before)) {
                return Utf8Scan::invalid;
            }
            // A C1 control's first byte before `stop` (its second byte is then in the block).
            dirty = dirty || (b.c1 & (before << 1)) != 0;
            i += stop;
            continue;
        }
        // Rarer leads (four-byte sequences, E0, ED, invalid C0/C1/F5..): one sequence at a
        // time to the end of the block.
        const std::size_t end = i + k_block;
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
}

#if defined(ARCHIVER_UTF8_BLOCK_AVX2)
#define ARCHIVER_UTF8_AVX2 1

// The constants of the controls' tests.
struct ControlConstants {
    utf8_block::Bytes32 c0_max = utf8_block::splat(0x1F);
    // The byte itself at tab, newline and CR (vpshufb gives 0 for 0x80..0xFF).
    utf8_block::Bytes32 allowed = utf8_block::table(
        {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, '\t', '\n', 0xFF, 0xFF, '\r', 0xFF, 0xFF});
    utf8_block::Bytes32 c2 = utf8_block::splat(0xC2);
    utf8_block::Bytes32 a0 = utf8_block::splat(0xA0);
};
constexpr ControlConstants k_control_constants{};

// Nonzero bytes where `v` holds a C0 control other than tab, newline and CR.
[[gnu::target("avx2"), gnu::always_inline]] inline __m256i bad_controls(__m256i v,
                                                                        const ControlConstants& k) noexcept {
    const __m256i c0 = _mm256_cmpeq_epi8(_mm256_min_epu8(v, utf8_block::load(k.c0_max)), v);
    const __m256i allowed = _mm256_shuffle_epi8(utf8_block::load(k.allowed), v);
    return _mm256_andnot_si256(_mm256_cmpeq_epi8(allowed, v), c0);
}

// The whole scan with AVX2: blocks of 32 bytes through utf8_block::Validator, the errors
// tested once per 8 blocks; C0 and C1 controls gathered the same way. The bytes after the
// last whole block, and a sequence that block cuts, are left to the byte-wise scan.
__attribute__((target("avx2"), flatten)) Utf8Scan scan_avx2(std::string_view text) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const ControlConstants* k = &k_control_constants;
    __asm__("" : "+r"(k)); // kept in memory (see utf8_block::constants)
    const std::size_t n = text.size();
    const std::size_t blocks_end = n - n % k_block;
    utf8_block::Validator check;
    __m256i dirty = _mm256_setzero_si256();
    std::size_t i = 0;
    while (i < blocks_end) {
        const std::size_t stop = blocks_end - i > 8 * k_block ? i + 8 * k_block : blocks_end;
        for (; i < stop; i += k_block) {
            const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
            dirty = _mm256_or_si256(dirty, bad_controls(v, *k));
            if (_mm256_movemask_epi8(v) != 0) {
                // A C1 control: C2 followed by 80..9F (signed, below A0, above any ASCII).
                dirty = _mm256_or_si256(
                    dirty, _mm256_and_si256(
                               _mm256_cmpeq_epi8(utf8_block::before<1>(v, check.prev), utf8_block::load(k->c2)),
                               _mm256_cmpgt_epi8(utf8_block::load(k->a0), v)));
            }
            check.add(v);
        }
        if (!check.valid()) {
            return Utf8Scan::invalid;
        }
    }
    // Back to the start of a sequence the last block cuts (its lead is in the last three
    // bytes; the blocks were valid, so the bytes before it are whole sequences).
    if (i >= 3) {
        if (p[i - 1] >= 0xC0) {
            i -= 1;
        } else if (p[i - 2] >= 0xE0) {
            i -= 2;
        } else if (p[i - 3] >= 0xF0) {
            i -= 3;
        }
    }
    const Utf8Scan tail = scan_utf8_bytewise(text.substr(i));
    if (tail == Utf8Scan::invalid) {
        return tail;
    }
    return _mm256_testz_si256(dirty, dirty) == 0 ? Utf8Scan::needs_cleanup : tail;
}
#endif

} // namespace
#endif

bool scan_avx2_available() noexcept {
#if defined(ARCHIVER_UTF8_AVX2)
    return cpu::has_avx2();
#else
    return false;
#endif
}

Utf8Scan scan_utf8(std::string_view text, ScanSimd simd) noexcept {
#if defined(ARCHIVER_UTF8_AVX2)
    if (simd == ScanSimd::avx2 && scan_avx2_available()) {
        return scan_avx2(text);
    }
#endif
    static_cast<void>(simd);
#if defined(__SSE2__)
    return scan_blocks<Sse2>(text);
#else
    return scan_utf8_bytewise(text);
#endif
}

Utf8Scan scan_utf8(std::string_view text) noexcept {
    return scan_utf8(text, scan_avx2_available() ? ScanSimd::avx2 : ScanSimd::sse2);
}

} // namespace archiver::text::detail
