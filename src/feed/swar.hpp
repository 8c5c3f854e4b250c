// SPDX-License-Identifier: MIT
// Eight-bytes-at-a-time tests for the scanners of feed text (private to src/feed).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace archiver::feed::detail::swar {

inline constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
inline constexpr std::uint64_t k_high = 0x8080808080808080ULL;

// Eight bytes at `p` (any alignment).
inline std::uint64_t load(const char* p) noexcept {
    std::uint64_t w = 0;
    std::memcpy(&w, p, sizeof w);
    return w;
}

// True when some byte of `w` is zero.
inline bool has_zero(std::uint64_t w) noexcept { return ((w - k_ones) & ~w & k_high) != 0; }

// True when some byte of `w` equals `c`.
inline bool has_byte(std::uint64_t w, unsigned char c) noexcept { return has_zero(w ^ (k_ones * c)); }

// True when some byte of `w`, all of whose bytes are ASCII, is below `n` (n <= 128).
inline bool has_less(std::uint64_t w, unsigned char n) noexcept {
    return ((w - k_ones * n) & ~w & k_high) != 0;
}

// `w` with the ASCII capitals 'A'..'Z' lower-cased; every other byte (non-ASCII too) kept.
inline std::uint64_t lower(std::uint64_t w) noexcept {
    const std::uint64_t seven = w & (k_ones * 0x7F);
    const std::uint64_t from_a = seven + k_ones * (0x80 - 'A');     // high bit: >= 'A'
    const std::uint64_t past_z = seven + k_ones * (0x80 - 'Z' - 1); // high bit: > 'Z'
    return w | ((from_a & ~past_z & ~w & k_high) >> 2);
}

// Copies the `n` bytes at `src` to `dst` (the same place, or not overlapping) lower-cased
// as by lower() ('A'..'Z' only).
inline void copy_lower(char* dst, const char* src, std::size_t n) noexcept {
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const std::uint64_t w = lower(load(src + i));
        std::memcpy(dst + i, &w, sizeof w);
    }
    for (; i < n; ++i) {
        const char c = src[i];
        dst[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
    }
}

// Appends `s` to `out` lower-cased as by lower() (ASCII letters only, as in the element and
// attribute names of feeds and markup).
inline void append_lower(std::string& out, std::string_view s) {
    const std::size_t at = out.size();
    out.append(s);
    copy_lower(out.data() + at, out.data() + at, s.size()); // in place
}

} // namespace archiver::feed::detail::swar
