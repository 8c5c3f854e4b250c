// SPDX-License-Identifier: MIT
// The vector scans against the bytewise scan around the 32-byte blocks: every short
// sequence, valid or not, where a block cuts it and at the end of the text.
#include "support/byte_sequences.hpp"
#include "text/utf8_scan.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

using archiver::text::detail::scan_utf8_bytewise;
using archiver::text::detail::ScanSimd;
using archiver::text::detail::Utf8Scan;
using archiver::testing::bytes;

namespace {

// Compares both vector paths with the bytewise scan; keeps the first text they differ on.
struct Compare {
    std::size_t texts = 0;
    std::string first_bad;
    void operator()(std::string_view text) {
        ++texts;
        const Utf8Scan expected = scan_utf8_bytewise(text);
        for (const ScanSimd simd : {ScanSimd::avx2, ScanSimd::sse2}) {
            if (archiver::text::detail::scan_utf8(text, simd) != expected && first_bad.empty()) {
                first_bad = (simd == ScanSimd::avx2 ? "avx2:" : "sse2:") +
                            archiver::testing::hex_bytes(text);
            }
        }
    }
};

// What goes before and after a sequence: ASCII, or two- and three-byte characters (the
// block before then not all ASCII), cut or padded with ASCII to `length` bytes.
std::string filler(std::size_t length, int kind) {
    std::string s;
    while (s.size() + 3 <= length) {
        s += kind == 0 ? "abc" : kind == 1 ? "\xE4\xB8\xAD" : "\xC3\xA9z";
    }
    s.append(length - s.size(), 'x');
    return s;
}

// `seq` across the first block boundary (its first byte at 28..32), across the second
// (61..63), and last in texts of 32, 34, 64, 65 and 67 bytes; after the first `kinds`
// filler kinds.
void place(Compare& compare, const std::string& seq, int kinds = 3) {
    for (int kind = 0; kind < kinds; ++kind) {
        for (const std::size_t at : {28, 29, 30, 31, 32, 61, 62, 63}) {
            compare(filler(at, kind) + seq + filler(40, kind));
        }
        for (const std::size_t end : {32, 34, 64, 65, 67}) {
            if (seq.size() <= end) {
                compare(filler(end - seq.size(), kind) + seq);
            }
        }
    }
}

// Byte values that tell the rules apart: ASCII and controls, each edge of the ranges of
// continuation bytes the leads take, lead bytes.
const std::vector<unsigned char> k_edges = {0x00, 0x09, 0x1F, 0x41, 0x7F, 0x80, 0x8F, 0x90,
                                             0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xE0, 0xF0, 0xFF};

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += bytes({0xC0 | (cp >> 6), 0x80 | (cp & 0x3F)});
    } else if (cp < 0x10000) {
        out += bytes({0xE0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3F), 0x80 | (cp & 0x3F)});
    } else {
        out += bytes({0xF0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3F), 0x80 | ((cp >> 6) & 0x3F),
                      0x80 | (cp & 0x3F)});
    }
}

} // namespace

TEST_CASE("the vector UTF-8 scans agree with the bytewise scan on every one- and two-byte "
          "sequence around block boundaries",
          "[text][utf8]") {
    Compare compare;
    archiver::testing::every_one_and_two_bytes(
        [&](const std::string& seq) { place(compare, seq); });
    INFO(compare.texts << " texts");
    CHECK(compare.first_bad == "");
}

TEST_CASE("the vector UTF-8 scans agree with the bytewise scan on three- and four-byte "
          "sequences around block boundaries",
          "[text][utf8]") {
    Compare compare;
    // Every lead byte with the edge values after it.
    archiver::testing::three_and_four_bytes(
        k_edges, [&](const std::string& seq) { place(compare, seq, 2); });
    INFO(compare.texts << " texts");
    CHECK(compare.first_bad == "");
}

TEST_CASE("the vector UTF-8 scans agree with the bytewise scan on long text with one byte "
          "changed",
          "[text][utf8]") {
    std::mt19937 rng(1130);
    // Latin, CJK, emoji and the edges of the ranges, mostly valid.
    const std::vector<std::pair<char32_t, char32_t>> ranges = {
        {0x20, 0x7E},       {0xA0, 0x24F},     {0x4E00, 0x9FFF},  {0x3040, 0x30FF},
        {0x1F300, 0x1FAFF}, {0x7FF, 0x800},    {0xD7FF, 0xD7FF},  {0xE000, 0xFFFF},
        {0xFFFF, 0x10000},  {0x10FFFF, 0x10FFFF}, {0x80, 0x9F},   {0x0, 0x1F}};
    std::uniform_int_distribution<std::size_t> pick(0, ranges.size() - 1);
    std::uniform_int_distribution<int> percent(0, 99);
    std::uniform_int_distribution<unsigned> byte(0, 255);
    Compare compare;
    int seen[3] = {0, 0, 0};
    for (int round = 0; round < 3000; ++round) {
        std::string text;
        const std::size_t length = 200 + round % 700;
        // Mostly one script per text, with some of the others.
        const std::size_t main = pick(rng) % 5;
        while (text.size() < length) {
            const auto [lo, hi] = ranges[percent(rng) < 85 ? main : pick(rng)];
            std::uniform_int_distribution<char32_t> cp(lo, hi);
            char32_t c = cp(rng);
            if ((c < 0x20 || (c >= 0x80 && c < 0xA0)) && percent(rng) < 90) {
                c = 'q'; // controls rarer, for some clean texts
            }
            append_utf8(text, c);
        }
        if (round % 4 != 0) {
            std::uniform_int_distribution<std::size_t> at(0, text.size() - 1);
            text[at(rng)] = static_cast<char>(byte(rng));
        }
        if (round % 7 == 0) {
            text.resize(text.size() - 1); // perhaps a sequence cut at the end
        }
        ++seen[static_cast<int>(scan_utf8_bytewise(text))];
        compare(text);
        // Other alignments of the same text.
        compare(std::string_view(text).substr(1 + round % 31));
    }
    INFO(compare.texts << " texts");
    CHECK(compare.first_bad == "");
    CHECK(seen[0] > 100);
    CHECK(seen[1] > 100);
    CHECK(seen[2] > 100);
}
