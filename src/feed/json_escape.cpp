// SPDX-License-Identifier: MIT
#include "json_escape.hpp"

#include "archiver/core/cpu.hpp"
#include "swar.hpp"
#include "text/utf8_block.hpp"

#include <array>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

namespace archiver::feed::detail {
namespace {

// 1 for the bytes that cannot be copied as they are: C0 controls, '"', '\\', non-ASCII.
constexpr std::array<std::uint8_t, 256> k_special = [] {
    std::array<std::uint8_t, 256> t{};
    for (int c = 0; c < 256; ++c) {
        t[static_cast<std::size_t>(c)] = (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) ? 1 : 0;
    }
    return t;
}();

#if defined(__SSE2__)
// How many of the 16 bytes at `p` can be copied as they are, counted from the first:
// ASCII other than controls, '"' and '\\', and whole well-formed two- and three-byte
// sequences with the common lead bytes (C2..DF; E1..EC and EE..EF, which take any two
// continuation bytes: Latin accents, CJK). A sequence cut by the end of the 16 counts whole
// when the `avail` bytes from `p` hold its continuation bytes (the count is then 17 or 18),
// else it is left out; any other byte (E0, ED, four-byte leads, stray continuation bytes)
// ends the count, for the byte-by-byte path to decide.
inline std::size_t plain_prefix16(const char* p, std::size_t avail) noexcept {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const auto bits = [](__m128i m) { return static_cast<unsigned>(_mm_movemask_epi8(m)); };
    const auto at_least = [&](int b) {
        return _mm_cmpgt_epi8(v, _mm_set1_epi8(static_cast<char>(b - 1)));
    };
    const auto below = [&](int b) {
        return _mm_cmplt_epi8(v, _mm_set1_epi8(static_cast<char>(b)));
    };
    // Signed bytes: ASCII is 0..127, 0x80..0xFF are negative.
    const unsigned special =
        bits(_mm_or_si128(_mm_and_si128(at_least(0), below(0x20)),
                          _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                       _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')))));
    const unsigned high = bits(v);
    if ((special | high) == 0) {
        return 16;
    }
    const unsigned cont = bits(below(0xC0 - 256));                        // 80..BF
    const unsigned lead2 = bits(_mm_and_si128(at_least(0xC2 - 256), below(0xE0 - 256)));
    const unsigned lead3 = bits(_mm_and_si128(at_least(0xE1 - 256), below(0xF0 - 256))) &
                           ~bits(_mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xED))));
    const unsigned leads = lead2 | lead3;
    const unsigned expected = (leads << 1) | (lead3 << 2); // where continuation bytes must be
    const unsigned bad = special | (high & ~(cont | leads)) | ((cont ^ expected) & 0xFFFFu);
    unsigned n = bad == 0 ? 16u : static_cast<unsigned>(__builtin_ctz(bad));
    // Every sequence before the last lead is whole; that one may run past n.
    if (const unsigned before = leads & ((1u << n) - 1u); before != 0) {
        const unsigned last = 31u - static_cast<unsigned>(__builtin_clz(before));
        const unsigned len = ((lead3 >> last) & 1u) != 0 ? 3u : 2u;
        if (last + len > n) {
            // Past the end of the block (and nothing wrong in it): whole when the bytes it
            // needs beyond are there and are continuation bytes.
            const auto continues = [p](std::size_t k) {
                return (static_cast<unsigned char>(p[k]) & 0xC0u) == 0x80u;
            };
            if (n == 16 && last + len <= avail && continues(16) && (last + len == 17 || continues(17))) {
                return last + len;
            }
            n = last;
        }
    }
    return n;
}
#endif

// Copies `len` bytes (sizeof(Word) <= len <= 2 * sizeof(Word)) from `p` to `buf` as two
// overlapping words, the first and the last of the range.
template <typename Word> inline void copy_ends(char* buf, const char* p, std::size_t len) noexcept {
    Word first = 0;
    Word last = 0;
    std::memcpy(&first, p, sizeof(Word));
    std::memcpy(&last, p + len - sizeof(Word), sizeof(Word));
    std::memcpy(buf, &first, sizeof(Word));
    std::memcpy(buf + len - sizeof(Word), &last, sizeof(Word));
}

// True when s[i] starts a three-byte sequence with lead E1..EC or EE..EF and two
// continuation bytes: always well-formed (CJK text).
inline bool is_plain_3byte(std::string_view s, std::size_t i) noexcept {
    if (i + 2 >= s.size()) {
        return false;
    }
    const auto c = static_cast<unsigned char>(s[i]);
    return ((c >= 0xE1 && c <= 0xEC) || c >= 0xEE) && c <= 0xEF &&
           (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80 &&
           (static_cast<unsigned char>(s[i + 2]) & 0xC0) == 0x80;
}

constexpr std::string_view k_replacement = "\xEF\xBF\xBD";

// The length of the well-formed UTF-8 sequence at s[i] (lead byte >= 0x80), or 0 with
// `consumed` set to how many bytes form the maximal invalid subpart to replace.
std::size_t utf8_sequence(std::string_view s, std::size_t i, std::size_t& consumed) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    std::size_t n = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        lo = c == 0xE0 ? 0xA0 : 0x80;
        hi = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;
    } else {
        consumed = 1; // not a lead byte
        return 0;
    }
    for (std::size_t k = 1; k < n; ++k) {
        if (i + k >= s.size()) {
            consumed = s.size() - i; // truncated at the end: one replacement for the rest
            return 0;
        }
        const unsigned char t = b(i + k);
        if (t < (k == 1 ? lo : 0x80) || t > (k == 1 ? hi : 0xBF)) {
            consumed = k; // the offending byte starts over
            return 0;
        }
    }
    return n;
}

// Appends the escape of `c` (a C0 control, '"' or '\\').
void append_escape(std::string& out, unsigned char c) {
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\b': out += "\\b"; break;
    case '\t': out += "\\t"; break;
    case '\n': out += "\\n"; break;
    case '\f': out += "\\f"; break;
    case '\r': out += "\\r"; break;
    default: {
        static constexpr char k_hex[] = "0123456789abcdef";
        const char esc[6] = {'\\', 'u', '0', '0', k_hex[c >> 4], k_hex[c & 0xF]};
        out.append(esc, sizeof esc);
    }
    }
}

#if defined(__SSE2__)
struct SseBlock {
    static constexpr std::size_t width = 16;
    static std::size_t prefix(const char* p, std::size_t avail) noexcept { return plain_prefix16(p, avail); }
};
#else
struct SseBlock {
    static constexpr std::size_t width = 0;
    static std::size_t prefix(const char*, std::size_t) noexcept { return 0; }
};
#endif

template <typename Block> inline void append_json_impl(std::string& out, std::string_view s) {
    out += '"';
    std::size_t run = 0; // start of the bytes not yet copied
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        // A block (16 bytes) at a time while it is plain (ASCII, Latin and CJK text); else
        // straight to the first byte that is not.
        if constexpr (Block::width != 0) {
            if (i + Block::width <= n) {
                const std::size_t plain = Block::prefix(s.data() + i, n - i);
                i += plain;
                if (plain >= Block::width) {
                    continue;
                }
            }
        }
        // Eight plain ASCII bytes (no control, quote or backslash) at a time.
        if (i + 8 <= n) {
            const std::uint64_t w = swar::load(s.data() + i);
            if ((w & swar::k_high) == 0 && !swar::has_less(w, 0x20) && !swar::has_byte(w, '"') &&
                !swar::has_byte(w, '\\')) {
                i += 8;
                continue;
            }
        }
        const auto c = static_cast<unsigned char>(s[i]);
        if (k_special[c] == 0) {
            ++i;
            continue;
        }
        // E1..EC and EE..EF with two continuation bytes: a well-formed sequence (CJK text).
        if (is_plain_3byte(s, i)) {
            // CJK comes in runs: stay here while it lasts.
            do {
                i += 3;
            } while (is_plain_3byte(s, i));
            continue;
        }
        if (c >= 0x80) {
            std::size_t consumed = 0;
            if (const std::size_t len = utf8_sequence(s, i, consumed)) {
                i += len;
                continue;
            }
            out.append(s.substr(run, i - run));
            out += k_replacement;
            i += consumed;
            run = i;
            continue;
        }
        out.append(s.substr(run, i - run));
        append_escape(out, c);
        ++i;
        run = i;
    }
    out.append(s.substr(run));
    out += '"';
}

#if defined(ARCHIVER_UTF8_BLOCK_AVX2)
#define ARCHIVER_JSON_AVX2 1
namespace block = text::detail::utf8_block;

// The constants of escapes().
struct EscapeConstants {
    block::Bytes32 quote = block::splat('"');
    block::Bytes32 backslash = block::splat('\\');
    block::Bytes32 c0_max = block::splat(0x1F);
    block::Bytes32 blank = block::splat(' ');
};
constexpr EscapeConstants k_escape_constants{};

// Bit k set where byte k of `v` is escaped: a C0 control, '"' or '\\'.
[[gnu::target("avx2"), gnu::always_inline]] inline std::uint32_t escapes(__m256i v,
                                                                         const EscapeConstants& k) {
    const __m256i c0 = _mm256_cmpeq_epi8(_mm256_min_epu8(v, block::load(k.c0_max)), v);
    const __m256i quote = _mm256_cmpeq_epi8(v, block::load(k.quote));
    const __m256i backslash = _mm256_cmpeq_epi8(v, block::load(k.backslash));
    return static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_or_si256(c0, _mm256_or_si256(quote, backslash))));
}

// Copies the `len` (< 32) bytes at `p` to `buf` without a call or a loop: two overlapping
// copies of the largest power of two not above `len`.
[[gnu::always_inline]] inline void copy_short(char* buf, const char* p, std::size_t len) {
    if (len >= 16) {
        _mm_storeu_si128(reinterpret_cast<__m128i*>(buf), _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(buf + len - 16),
                         _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + len - 16)));
    } else if (len >= 8) {
        copy_ends<std::uint64_t>(buf, p, len);
    } else if (len >= 4) {
        copy_ends<std::uint32_t>(buf, p, len);
    } else if (len > 0) {
        buf[0] = p[0];
        buf[len / 2] = p[len / 2];
        buf[len - 1] = p[len - 1];
    }
}

// The longest string append_json_short takes: with its quotes, one block.
constexpr std::size_t k_short_max = 30;

// A string of at most k_short_max bytes (most titles, links and dates) with its quotes in
// one block: appended at once when it is valid UTF-8 and needs no escape (true), else
// nothing written (false).
__attribute__((target("avx2"))) inline bool append_json_short(std::string& out, std::string_view s,
                                                              const EscapeConstants& k) {
    alignas(32) char buf[32];
    _mm256_store_si256(reinterpret_cast<__m256i*>(buf), block::load(k.blank));
    const std::size_t n = s.size();
    buf[0] = '"';
    copy_short(buf + 1, s.data(), n);
    buf[n + 1] = '"';
    const __m256i v = _mm256_load_si256(reinterpret_cast<const __m256i*>(buf));
    block::Validator check;
    check.add(v); // a sequence cut by the end of `s` is an error before the closing quote
    if (!check.valid() || ((escapes(v, k) >> 1) & ((std::uint32_t{1} << n) - 1)) != 0) {
        return false;
    }
    out.append(buf, n + 2);
    return true;
}

// append_json_impl for valid UTF-8, in one pass of 32-byte blocks: each block checked by
// utf8_block::Validator and its escapes found with three compares; the runs between escapes
// copied whole. False (with `out` partly written) when `s` is not valid UTF-8.
__attribute__((target("avx2"))) inline bool append_json_valid(std::string& out, std::string_view s) {
    const EscapeConstants* k = &k_escape_constants;
    __asm__("" : "+r"(k)); // kept in memory (see utf8_block::constants)
    const char* p = s.data();
    const std::size_t n = s.size();
    if (n <= k_short_max && append_json_short(out, s, *k)) {
        return true;
    }
    out += '"';
    block::Validator check;
    std::size_t run = 0; // start of the bytes not yet copied
    const auto block_escapes = [&](std::size_t at, std::uint32_t m) {
        while (m != 0) {
            const std::size_t i = at + static_cast<std::size_t>(__builtin_ctz(m));
            out.append(p + run, i - run);
            append_escape(out, static_cast<unsigned char>(p[i]));
            run = i + 1;
            m &= m - 1;
        }
    };
    std::size_t at = 0;
    for (; at + 32 <= n; at += 32) {
        const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + at));
        check.add(v);
        block_escapes(at, escapes(v, *k));
    }
    if (at < n) {
        // The last bytes, with blanks after them: a sequence they cut is an error there.
        alignas(32) char buf[32];
        _mm256_store_si256(reinterpret_cast<__m256i*>(buf), block::load(k->blank));
        copy_short(buf, p + at, n - at);
        const __m256i v = _mm256_load_si256(reinterpret_cast<const __m256i*>(buf));
        check.add(v);
        if (!check.valid()) {
            return false;
        }
        block_escapes(at, escapes(v, *k));
    } else if (!check.valid_to_end()) {
        return false;
    }
    out.append(p + run, n - run);
    out += '"';
    return true;
}

// The 16-byte path, not inlined: with AVX2 only for strings that are not valid UTF-8.
[[gnu::noinline]] void append_json_sse2(std::string& out, std::string_view s) {
    append_json_impl<SseBlock>(out, s);
}

// Valid UTF-8 (nearly every string) through append_json_valid; any other string again
// from the start, byte by byte where it needs to be.
__attribute__((target("avx2"), flatten)) void append_json_avx2(std::string& out, std::string_view s) {
    const std::size_t start = out.size();
    if (!append_json_valid(out, s)) {
        out.resize(start);
        append_json_sse2(out, s);
    }
}
#endif

} // namespace

bool json_escape_avx2_available() noexcept {
#if defined(ARCHIVER_JSON_AVX2)
    return cpu::has_avx2();
#else
    return false;
#endif
}

void append_json_string(std::string& out, std::string_view s, JsonSimd simd) {
#if defined(ARCHIVER_JSON_AVX2)
    if (simd == JsonSimd::avx2 && json_escape_avx2_available()) {
        append_json_avx2(out, s);
        return;
    }
#endif
    static_cast<void>(simd);
    append_json_impl<SseBlock>(out, s);
}

void append_json_string(std::string& out, std::string_view s) {
#if defined(ARCHIVER_JSON_AVX2)
    if (json_escape_avx2_available()) {
        append_json_avx2(out, s);
        return;
    }
#endif
    append_json_impl<SseBlock>(out, s);
}

} // namespace archiver::feed::detail
