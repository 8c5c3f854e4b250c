// SPDX-License-Identifier: MIT
// UTF-8 validation 32 bytes at a time with AVX2, no branch on where sequences start or end
// (only one on whether a block is all ASCII): each byte is judged with the three bytes
// before it through three 16-entry tables (the high and low nibbles of the byte before,
// the high nibble of the byte itself) and a test of where continuation bytes must be. Used by the text scan (src/text/utf8_scan.cpp) and the JSON
// escaper (src/feed/json_escape.cpp); callers are compiled for AVX2 and check the CPU.
#pragma once

#if defined(__x86_64__) && defined(__GNUC__)
#define ARCHIVER_UTF8_BLOCK_AVX2 1
#include <immintrin.h>

namespace archiver::text::detail::utf8_block {

#define ARCHIVER_UTF8_BLOCK_FN [[gnu::target("avx2"), gnu::always_inline]] inline

// The error bits. A pair of bytes (the byte before, the byte) is wrong in one of these
// ways when its bit is set in all three tables; each way is a set of high nibbles of the
// byte before, times a set of its low nibbles, times a set of high nibbles of the byte.
enum : unsigned char {
    k_short = 1 << 0,      // a lead byte (C0..FF) not followed by a continuation byte
    k_long = 1 << 1,       // an ASCII byte followed by a continuation byte
    k_overlong3 = 1 << 2,  // E0 followed by 80..9F
    k_too_large = 1 << 3,  // F4 followed by 90..BF, F5..FF followed by 90..BF
    k_surrogate = 1 << 4,  // ED followed by A0..BF
    k_overlong2 = 1 << 5,  // C0 or C1 followed by a continuation byte
    k_overlong4 = 1 << 6,  // F0 followed by 80..8F; also F5..FF followed by 80..8F
    k_two_conts = 1 << 7,  // two continuation bytes: right only in a 3- or 4-byte sequence
};

// A vector constant in memory: the vector instructions take it as an operand.
struct alignas(32) Bytes32 {
    unsigned char b[32];
};
// 32 copies of `c`.
constexpr Bytes32 splat(unsigned char c) noexcept {
    Bytes32 r{};
    for (unsigned char& x : r.b) {
        x = c;
    }
    return r;
}
// A 16-entry table (for vpshufb, which looks up within each 128-bit lane) in both lanes.
constexpr Bytes32 table(const unsigned char (&t)[16]) noexcept {
    Bytes32 r{};
    for (int k = 0; k < 32; ++k) {
        r.b[k] = t[k % 16];
    }
    return r;
}

// The constants of errors() and cut_at_end(), described there.
struct Constants {
    Bytes32 by_prev_high, by_prev_low, by_high, low_nibble, third, fourth, top_bit, cut_max;
};
constexpr Constants make_constants() noexcept {
    constexpr unsigned char carry = k_short | k_long | k_two_conts; // whatever the low nibble
    constexpr unsigned char big = carry | k_too_large | k_overlong4;
    constexpr unsigned char cont = k_long | k_two_conts | k_overlong2;
    Constants c{};
    c.by_prev_high = table({k_long, k_long, k_long, k_long, k_long, k_long, k_long, k_long, // 0..7
                            k_two_conts, k_two_conts, k_two_conts, k_two_conts,             // 8..B
                            k_short | k_overlong2,                                          // C
                            k_short,                                                        // D
                            k_short | k_overlong3 | k_surrogate,                            // E
                            k_short | k_too_large | k_overlong4});                          // F
    c.by_prev_low = table({carry | k_overlong2 | k_overlong3 | k_overlong4,                 // x0
                           carry | k_overlong2,                                             // x1
                           carry, carry,                                                    // x2, x3
                           carry | k_too_large,                                             // x4
                           big, big, big, big, big, big, big, big,                          // x5..xC
                           big | k_surrogate,                                               // xD
                           big, big});                                                      // xE, xF
    c.by_high = table({k_short, k_short, k_short, k_short, k_short, k_short, k_short, k_short, // 0..7
                       cont | k_overlong3 | k_overlong4,                                    // 8
                       cont | k_overlong3 | k_too_large,                                    // 9
                       cont | k_surrogate | k_too_large, cont | k_surrogate | k_too_large,  // A, B
                       k_short, k_short, k_short, k_short});                                // C..F
    c.low_nibble = splat(0x0F);
    c.third = splat(0xE0 - 0x80);
    c.fourth = splat(0xF0 - 0x80);
    c.top_bit = splat(0x80);
    // Above these maxima: a lead of 2+ bytes last, of 3+ next to last, of 4 before that.
    c.cut_max = splat(0xFF);
    c.cut_max.b[29] = 0xEF;
    c.cut_max.b[30] = 0xDF;
    c.cut_max.b[31] = 0xBF;
    return c;
}
inline constexpr Constants k_constants = make_constants();

// The constants, reached through an empty asm: not knowing their bytes, the compiler
// keeps them in memory as operands rather than making each again from an immediate in
// the loop (three instructions) when registers run short.
[[gnu::always_inline]] inline const Constants* constants() noexcept {
    const Constants* c = &k_constants;
    __asm__("" : "+r"(c));
    return c;
}

ARCHIVER_UTF8_BLOCK_FN __m256i load(const Bytes32& c) noexcept {
    return _mm256_load_si256(reinterpret_cast<const __m256i*>(c.b));
}

// The high nibble of each byte.
ARCHIVER_UTF8_BLOCK_FN __m256i high_nibbles(__m256i v, __m256i low_nibble) noexcept {
    return _mm256_and_si256(_mm256_srli_epi16(v, 4), low_nibble);
}

// The block `v` shifted by `n` (1..3) bytes towards its end, the last `n` bytes of `prev`
// (the block before) coming in at its start: byte k is the byte n before byte k of `v`.
template <int n> ARCHIVER_UTF8_BLOCK_FN __m256i before(__m256i v, __m256i prev) noexcept {
    // The high lane of prev and the low lane of v: the 16 bytes before each lane of v.
    const __m256i lanes_before = _mm256_permute2x128_si256(prev, v, 0x21);
    return _mm256_alignr_epi8(v, lanes_before, 16 - n);
}

// Nonzero bytes where the block `v` (after the block `prev`) breaks UTF-8, as far as the
// bytes up to the end of `v` show: a sequence cut by the end of `v` is not an error here.
ARCHIVER_UTF8_BLOCK_FN __m256i errors(__m256i v, __m256i prev, const Constants& k) noexcept {
    const __m256i low = load(k.low_nibble);
    const __m256i prev1 = before<1>(v, prev);
    const __m256i by_prev_high = _mm256_shuffle_epi8(load(k.by_prev_high), high_nibbles(prev1, low));
    const __m256i by_prev_low = _mm256_shuffle_epi8(load(k.by_prev_low), _mm256_and_si256(prev1, low));
    const __m256i by_high = _mm256_shuffle_epi8(load(k.by_high), high_nibbles(v, low));
    const __m256i pairs = _mm256_and_si256(_mm256_and_si256(by_prev_high, by_prev_low), by_high);
    // The third and fourth bytes of a sequence: two or three bytes after E0..EF or F0..FF.
    // There (and only there) k_two_conts must be set.
    const __m256i third = _mm256_subs_epu8(before<2>(v, prev), load(k.third));
    const __m256i fourth = _mm256_subs_epu8(before<3>(v, prev), load(k.fourth));
    const __m256i must_follow = _mm256_and_si256(_mm256_or_si256(third, fourth), load(k.top_bit));
    return _mm256_xor_si256(pairs, must_follow);
}

// Nonzero bytes where `v` ends with the start of a sequence it cuts: one of its last three
// bytes a lead byte whose sequence runs past its end (the next block must continue it).
ARCHIVER_UTF8_BLOCK_FN __m256i cut_at_end(__m256i v, const Constants& k) noexcept {
    return _mm256_subs_epu8(v, load(k.cut_max));
}

// A run of blocks checked one after the other; the errors are gathered, for one test when
// the caller wants it.
struct Validator {
    __m256i prev;  // the block before (zeros at the start)
    __m256i error; // the errors so far, OR-ed
    __m256i cut;   // cut_at_end of the block before, when it was not all ASCII
    const Constants* k;

    [[gnu::target("avx2")]] Validator() noexcept
        : prev(_mm256_setzero_si256()), error(_mm256_setzero_si256()), cut(_mm256_setzero_si256()),
          k(constants()) {}

    // Checks the next block. An all-ASCII block only ends whatever the block before cut.
    ARCHIVER_UTF8_BLOCK_FN void add(__m256i v) noexcept {
        if (_mm256_movemask_epi8(v) == 0) {
            error = _mm256_or_si256(error, cut);
            cut = _mm256_setzero_si256();
        } else {
            error = _mm256_or_si256(error, errors(v, prev, *k));
            cut = cut_at_end(v, *k);
        }
        prev = v;
    }
    // True when no block so far broke UTF-8 (a sequence cut by the end of the last block
    // is not counted: the caller checks it, with `cut` or from the bytes).
    ARCHIVER_UTF8_BLOCK_FN bool valid() const noexcept { return _mm256_testz_si256(error, error) != 0; }
    // valid() and the last block cut no sequence.
    ARCHIVER_UTF8_BLOCK_FN bool valid_to_end() const noexcept {
        const __m256i all = _mm256_or_si256(error, cut);
        return _mm256_testz_si256(all, all) != 0;
    }
};

#undef ARCHIVER_UTF8_BLOCK_FN

} // namespace archiver::text::detail::utf8_block
#endif
