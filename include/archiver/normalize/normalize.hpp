// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace archiver::normalize {

// The text used for hashing: Unicode whitespace and punctuation removed, ASCII lower-cased.
std::string fingerprint_text(std::string_view body_text);

// Hex SHA-256 of `fingerprint_text(body_text)` ("sha256:..." prefixed).
std::string content_hash(std::string_view body_text);

// 64-bit SimHash over character 4-gram shingles of `fingerprint_text(body_text)`.
std::uint64_t simhash(std::string_view body_text);

// Hamming distance of two SimHashes.
int hamming(std::uint64_t a, std::uint64_t b) noexcept;

// Largest distance still judged a near duplicate (documented in archiver-archive(5)).
inline constexpr int k_near_duplicate_distance = 3;

// The file-name slug of an article: the URL's own numeric/id segment when it has one
// (`/news/202502071089688` -> `202502071089688`), else the title transliterated to ASCII
// words, else a short hash. Only [a-z0-9-], never empty, at most `max_bytes` bytes.
std::string make_slug(std::string_view url, std::string_view title, std::size_t max_bytes = 80);

// A safe path component from untrusted text: [A-Za-z0-9._-], no leading dot, not empty.
std::string safe_component(std::string_view text, std::size_t max_bytes = 100);

// A GUID for an entry that has none: a stable hash of its link, title and date.
std::string synthesize_guid(std::string_view link, std::string_view title, std::string_view date);

} // namespace archiver::normalize
