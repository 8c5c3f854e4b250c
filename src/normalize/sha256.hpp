// SPDX-License-Identifier: MIT
// Hashing helpers private to src/normalize.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace archiver::normalize::detail {

// Lower-case hex SHA-256 of `data` (OpenSSL libcrypto).
std::string sha256_hex(std::string_view data);

// 64-bit SimHash of `fingerprint` (already passed through fingerprint_text) over shingles
// of `shingle` code points. Exposed for the threshold measurements.
std::uint64_t simhash_fingerprint(std::string_view fingerprint, std::size_t shingle);

// The hash of every shingle of `shingle` code points of `fingerprint`, in text order (one
// shingle, the whole text, when it is shorter).
std::vector<std::uint64_t> shingle_hashes(std::string_view fingerprint, std::size_t shingle);

// The distinct shingle hashes of `fingerprint`, sorted.
std::vector<std::uint64_t> shingle_set(std::string_view fingerprint, std::size_t shingle);

// |A ∩ B| of two sorted sets.
std::size_t intersection_size(const std::vector<std::uint64_t>& a,
                              const std::vector<std::uint64_t>& b) noexcept;

} // namespace archiver::normalize::detail
