// SPDX-License-Identifier: MIT
// Candidate lookup for near duplicates: copies with boilerplate added, cut short or edited
// lie far apart in SimHash (docs/archive-format.md), yet share most of their character
// shingles; copies within a few SimHash bits share nearly all of them. Each article keeps a bottom-k sketch (the k
// smallest hashes of its `k_sketch_shingle`-letter shingles); a copy shares some of them.
// Since schema 7 the shingles are 8 letters long: 4-letter shingles are stock phrases
// ("的一个人", "tion") shared by a large part of any archive, so their buckets filled with
// unrelated articles and hid the copy behind the bucket cap.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace archiver::store::detail {

// Hashes kept per article. 4 since the run-thread work of 2026-11-30 (8 before): each is an
// index row written and a bucket searched for every archived item, and the dedupe corpus
// (precision 1, recall 1) and the store benchmark (497 of 500 syndicated copies at 10,000
// articles) find the same copies with 4 (bench/README.md).
inline constexpr std::size_t k_sketch_size = 4;
// Hashes an article archived before that may have in the index: removing an article's keys
// removes this many, so none is left behind.
inline constexpr std::size_t k_max_stored_sketch_size = 8;
// Letters per sketch shingle (schema 7; schema 5 used 4).
inline constexpr std::size_t k_sketch_shingle = 8;
// A sketch hash shared by more articles than this stops being evidence (a stock phrase);
// the lookup reads at most this many articles per hash, so it stays bounded at any size.
inline constexpr int k_sketch_bucket_cap = 64;

// The bottom-`count` distinct hashes of the letter-only, case-folded shingles of `width`
// letters of `text` (fewer for a short text; a text shorter than `width` letters has one
// shingle, itself), as stored integers.
std::vector<std::int64_t> text_sketch(std::string_view text,
                                      std::size_t width = k_sketch_shingle,
                                      std::size_t count = k_sketch_size);

} // namespace archiver::store::detail
