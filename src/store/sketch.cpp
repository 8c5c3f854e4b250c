// SPDX-License-Identifier: MIT
#include "sketch.hpp"

#include "impl.hpp"
#include "tokenizer.hpp"

#include <algorithm>
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

std::vector<std::int64_t> text_sketch(std::string_view text, std::size_t width,
                                      std::size_t count) {
    const std::u32string letters = folded_letters(text);
    const std::u32string_view view = letters;
    if (view.empty()) {
        return {};
    }
    width = std::min(width, view.size());
    // The `count` smallest distinct hashes, kept sorted in a small array.
    std::vector<std::uint64_t> smallest;
    smallest.reserve(count + 1);
    for (std::size_t i = 0; i + width <= view.size(); ++i) {
        const std::uint64_t h = shingle_hash(view.substr(i, width));
        if (smallest.size() == count && h >= smallest.back()) {
            continue;
        }
        const auto at = std::lower_bound(smallest.begin(), smallest.end(), h);
        if (at != smallest.end() && *at == h) {
            continue;
        }
        smallest.insert(at, h);
        if (smallest.size() > count) {
            smallest.pop_back();
        }
    }
    std::vector<std::int64_t> out;
    out.reserve(smallest.size());
    for (const auto h : smallest) {
        out.push_back(static_cast<std::int64_t>(h));
    }
    return out;
}

const TextKeys& keys_of(const ArticleRecord& record, TextKeys& scratch) {
    if (record.keys) {
        return *record.keys;
    }
    scratch = text_keys(record.text);
    return scratch;
}

} // namespace archiver::store::detail

namespace archiver::store {

TextKeys text_keys(std::string_view text) {
    TextKeys keys;
    keys.letters = detail::count_letters(text);
    if (keys.letters >= k_min_dedupe_chars) {
        keys.sketch = detail::text_sketch(text);
    }
    return keys;
}

} // namespace archiver::store
