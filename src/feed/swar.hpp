// SPDX-License-Identifier: MIT
// Eight-bytes-at-a-time tests for the scanners of feed text (private to src/feed).
#pragma once

#include <cstdint>
#include <cstring>

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

} // namespace archiver::feed::detail::swar
