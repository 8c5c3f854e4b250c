// SPDX-License-Identifier: MIT
#include "sketch.hpp"

#include "tokenizer.hpp"

#include <algorithm>
#include <set>
#include <iterator>
#include <string>

namespace archiver::store::detail {
namespace {

// FNV-1a, then a 64-bit finalizer (splitmix64) so the smallest values are spread evenly;
// stable across platforms and versions, as the values are stored.
std::uint64_t shingle_hash(std::u32string_view chars) {
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (const char32_t c : chars) {
        for (int shift = 0; shift < 32; shift += 8) {
            h ^= (static_cast<std::uint32_t>(c) >> shift) & 0xFFu;
            h *= 0x100000001b3ull;
        }
    }
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebull;
    h ^= h >> 31;
    return h;
}

} // namespace

std::vector<std::int64_t> text_sketch(std::string_view text) {
    const std::u32string letters = folded_letters(text);
    std::set<std::uint64_t> smallest;
    const std::u32string_view view = letters;
    for (std::size_t i = 0; i + 4 <= view.size(); ++i) {
        const std::uint64_t h = shingle_hash(view.substr(i, 4));
        if (smallest.size() < k_sketch_size) {
            smallest.insert(h);
        } else if (h < *smallest.rbegin() && !smallest.contains(h)) {
            smallest.erase(std::prev(smallest.end()));
            smallest.insert(h);
        }
    }
    std::vector<std::int64_t> out;
    for (const auto h : smallest) {
        out.push_back(static_cast<std::int64_t>(h));
    }
    return out;
}

} // namespace archiver::store::detail
