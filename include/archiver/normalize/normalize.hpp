// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace archiver::normalize {

// The text used for hashing: Unicode whitespace and punctuation removed, ASCII lower-cased.
std::string fingerprint_text(std::string_view body_text);

// Lower-case hex SHA-256 of raw `bytes` (image file names, body change detection).
std::string sha256_hex(std::string_view bytes);

// Hex SHA-256 of `fingerprint_text(body_text)` ("sha256:..." prefixed).
std::string content_hash(std::string_view body_text);

// Shingle width of `simhash`, in code points (chosen on tests/data/normalize, see
// docs/archive-format.md).
inline constexpr std::size_t k_shingle_code_points = 4;

// 64-bit SimHash over character shingles of `k_shingle_code_points` code points of
// `fingerprint_text(body_text)` (whitespace-free, so CJK and English work alike); 0 for a
// text with no letters.
std::uint64_t simhash(std::string_view body_text);

// `content_hash(body_text)` and `simhash(body_text)` from one fingerprint_text pass.
struct BodyPrints {
    std::string content_hash;
    std::uint64_t simhash = 0;
};
BodyPrints body_prints(std::string_view body_text);

// Hamming distance of two SimHashes.
int hamming(std::uint64_t a, std::uint64_t b) noexcept;

// Largest SimHash distance of a near-duplicate candidate. Measured on tests/data/normalize
// (docs/archive-format.md): syndicated copies lie at 0..17, different articles at 17 and
// more; SimHash alone cannot separate them at archive scale, so candidates are confirmed
// with `shingle_containment` (see `is_near_duplicate`).
inline constexpr int k_near_duplicate_distance = 18;

// Smallest `shingle_containment` of a confirmed near duplicate (copies measured >= 0.77,
// different articles <= 0.49).
inline constexpr double k_near_duplicate_containment = 0.65;

// The share (0..1) of the shorter text's distinct shingles that the other text also holds,
// over `fingerprint_text` of both: 1 for a copy with boilerplate added or cut short, low
// for different articles even on the same topic. 0 when either text has no letters.
double shingle_containment(std::string_view a_text, std::string_view b_text);

// The dedupe rule of SPEC §4 for two body texts: SimHash distance within
// `k_near_duplicate_distance` and containment at least `k_near_duplicate_containment`.
// `a_simhash`/`b_simhash` are `simhash` of the texts (stored, so not recomputed).
bool is_near_duplicate(std::uint64_t a_simhash,
                       std::string_view a_text,
                       std::uint64_t b_simhash,
                       std::string_view b_text);

// The distinct shingle hashes of `fingerprint_text(body_text)`, sorted: a text's side of
// `shingle_containment`, computed once when the text is checked against several others.
struct ShingleSet {
    std::vector<std::uint64_t> hashes;
};
ShingleSet shingle_set(std::string_view body_text);

// `shingle_containment` of two texts from their shingle sets (same result).
double shingle_containment(const ShingleSet& a, const ShingleSet& b) noexcept;

// `is_near_duplicate` with the first text's shingle set precomputed (same result); the
// second text is shingled only when the SimHash distance allows a match.
bool is_near_duplicate(std::uint64_t a_simhash,
                       const ShingleSet& a_shingles,
                       std::uint64_t b_simhash,
                       std::string_view b_text);

// A text's distinct shingle hashes in an open-addressing table, for checking that one text
// against many others: each other text is shingled in one pass (no set is sorted), and the
// check stops as soon as its answer is certain. `is_near_duplicate` gives exactly the answer
// of the two-text overload.
class ShingleProbe {
public:
    explicit ShingleProbe(std::string_view body_text);
    // Distinct shingles of the text.
    std::size_t size() const noexcept { return m_size; }
    // `is_near_duplicate(a_simhash, <this text>, b_simhash, b_text)`.
    bool is_near_duplicate(std::uint64_t a_simhash, std::uint64_t b_simhash, std::string_view b_text);

private:
    std::vector<std::uint64_t> m_slots; // hash + 1 (0: empty); a hash of ~0 kept aside
    std::vector<std::uint32_t> m_seen;  // per slot: the check that last counted it
    std::uint32_t m_check = 0;
    bool m_has_max = false;
    std::uint32_t m_max_seen = 0;
    std::size_t m_size = 0;
};

// The file-name slug of an article: the URL's own id when it has one (the last path
// segment that looks like an id: `/news/202502071089688` -> `202502071089688`,
// `c1001-40414562.html` -> `c1001-40414562`, a headline slug; or an `?id=` value), else the
// title in ASCII words (Latin diacritics spelled out), else — for a title in another
// script — the first 12 hex digits of its SHA-256. Only [a-z0-9-], never empty, at most
// `max_bytes` bytes (clamped to 16..200).
std::string make_slug(std::string_view url, std::string_view title, std::size_t max_bytes = 80);

// A safe path component from untrusted text: only [A-Za-z0-9._-], never `..`, no leading
// or trailing dot or dash, no Windows device name (`con`, `nul.md`, `lpt1` get a leading
// `_`), at most `max_bytes` bytes (clamped to 16..200). Text with nothing usable becomes
// `_` and a short hash of it, so distinct names stay distinct.
std::string safe_component(std::string_view text, std::size_t max_bytes = 100);

// A GUID for an entry that has none: `urn:archiver:` and a stable hash of its link, title
// and date.
std::string synthesize_guid(std::string_view link, std::string_view title, std::string_view date);

} // namespace archiver::normalize
