// SPDX-License-Identifier: MIT
// Candidate lookup for near duplicates that SimHash bands cannot reach: copies with
// boilerplate added, cut short or edited lie far apart in SimHash (docs/archive-format.md),
// yet share most of their character shingles. Each article keeps a bottom-k sketch (the k
// smallest hashes of its 4-character shingles); a copy shares some of them.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace archiver::store::detail {

inline constexpr std::size_t k_sketch_size = 8;
// A sketch hash shared by more articles than this stops being evidence (a stock phrase);
// the lookup reads at most this many articles per hash, so it stays bounded at any size.
inline constexpr int k_sketch_bucket_cap = 64;

// The bottom-`k_sketch_size` distinct hashes of the letter-only, case-folded 4-character
// shingles of `text` (fewer for a short text), as stored integers.
std::vector<std::int64_t> text_sketch(std::string_view text);

} // namespace archiver::store::detail
