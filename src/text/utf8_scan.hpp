// SPDX-License-Identifier: MIT
// UTF-8 validity and cleanliness scans (private to src/text; tests compare the two scans).
#pragma once

#include <cstddef>
#include <string_view>

namespace archiver::text::detail {

// What a scan found: invalid UTF-8; valid but holding C0 controls other than tab, newline
// and CR, or C1 controls (U+0080..U+009F, which demoronize() maps); or clean.
enum class Utf8Scan { clean, needs_cleanup, invalid };

// Length of the valid UTF-8 sequence at `p` (of `avail` bytes, avail >= 1), 0 when invalid
// (overlong forms, surrogates and code points past U+10FFFF are invalid).
std::size_t utf8_seq_len(const unsigned char* p, std::size_t avail) noexcept;

// The scan of a feed's whole text, 32 bytes at a time (SSE2): ASCII, and two- and
// three-byte sequences (Latin, Cyrillic, CJK, ...) are checked a block at a time, rarer
// lead bytes (four-byte sequences, E0, ED, invalid ones) sequence by sequence.
// When the CPU has AVX2: 32 bytes at a time through utf8_block::Validator (utf8_block.hpp),
// every block the same few instructions whatever it holds.
Utf8Scan scan_utf8(std::string_view text) noexcept;

// The vector paths of scan_utf8, named for tests (each finds the same).
enum class ScanSimd { sse2, avx2 };

// True when the CPU running this has AVX2 (checked once).
bool scan_avx2_available() noexcept;

// scan_utf8 through the path given (AVX2 falls back to SSE2 without the CPU's support).
Utf8Scan scan_utf8(std::string_view text, ScanSimd simd) noexcept;

// The same scan, one character at a time: the reference scan_utf8 is tested against.
Utf8Scan scan_utf8_bytewise(std::string_view text) noexcept;

} // namespace archiver::text::detail
