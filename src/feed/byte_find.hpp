// SPDX-License-Identifier: MIT
// Finding the first of a few bytes in feed text, 16 bytes at a time (private to src/feed).
#pragma once

#include <cstddef>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace archiver::feed::detail {

// The position of the first of the bytes `a`, `b`, `c` and `d` at or after `i` in `v`, or
// v.size(). Inline: called with constants, the compares are set up once.
inline std::size_t find_any_of4(std::string_view v, std::size_t i, char a, char b, char c,
                                char d) noexcept {
    const std::size_t n = v.size();
#if defined(__SSE2__)
    const __m128i va = _mm_set1_epi8(a);
    const __m128i vb = _mm_set1_epi8(b);
    const __m128i vc = _mm_set1_epi8(c);
    const __m128i vd = _mm_set1_epi8(d);
    while (i + 16 <= n) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(v.data() + i));
        const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb)),
                                         _mm_or_si128(_mm_cmpeq_epi8(x, vc), _mm_cmpeq_epi8(x, vd)));
        if (const auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit)); mask != 0) {
            return i + static_cast<std::size_t>(__builtin_ctz(mask));
        }
        i += 16;
    }
#endif
    while (i < n && v[i] != a && v[i] != b && v[i] != c && v[i] != d) {
        ++i;
    }
    return i;
}

} // namespace archiver::feed::detail
