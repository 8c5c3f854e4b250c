// SPDX-License-Identifier: MIT
// Hashing and UTF-8 helpers private to src/normalize.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace archiver::normalize::detail {

// Lower-case hex SHA-256 of `data` (OpenSSL libcrypto).
std::string sha256_hex(std::string_view data);

// Decodes one code point at `i` and advances; an invalid byte is U+FFFD and one byte.
char32_t next_code_point(std::string_view s, std::size_t& i) noexcept;

// Appends `cp` as UTF-8.
void append_utf8(std::string& out, char32_t cp);

// 64-bit SimHash of `fingerprint` (already passed through fingerprint_text) over shingles
// of `shingle` code points. Exposed for the threshold measurements.
std::uint64_t simhash_fingerprint(std::string_view fingerprint, std::size_t shingle);

// The distinct shingle hashes of `fingerprint`, sorted.
std::vector<std::uint64_t> shingle_set(std::string_view fingerprint, std::size_t shingle);

// |A ∩ B| of two sorted sets.
std::size_t intersection_size(const std::vector<std::uint64_t>& a,
                              const std::vector<std::uint64_t>& b) noexcept;

} // namespace archiver::normalize::detail
