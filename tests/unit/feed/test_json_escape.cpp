// SPDX-License-Identifier: MIT
// The 32-byte JSON escaper (one pass checking UTF-8 and finding escapes) against the
// 16-byte one: every short sequence, valid or not, and every escape where a block cuts it
// and at the end of the string; long text with one byte changed, also against nlohmann::json.
#include "feed/json_escape.hpp"
#include "support/byte_sequences.hpp"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

namespace json = archiver::feed::detail;
using archiver::testing::bytes;

namespace {

// Compares the AVX2 and SSE2 escapers (each after some output already there); keeps the
// first string they differ on.
struct Compare {
    std::size_t strings = 0;
    std::string first_bad;
    void operator()(std::string_view s) {
        ++strings;
        std::string sse2 = "[";
        std::string avx2 = "[";
        json::append_json_string(sse2, s, json::JsonSimd::sse2);
        json::append_json_string(avx2, s, json::JsonSimd::avx2);
        if (sse2 != avx2 && first_bad.empty()) {
            first_bad = archiver::testing::hex_bytes(s);
        }
    }
};

// ASCII, CJK or Latin with escapes, `length` bytes.
std::string filler(std::size_t length, int kind) {
    std::string s;
    while (s.size() + 3 <= length) {
        s += kind == 0 ? "abc" : kind == 1 ? "\xE4\xB8\xAD" : "\xC3\xA9\"";
    }
    s.append(length - s.size(), 'x');
    return s;
}

// `seq` across the first two block boundaries and last in strings of several lengths
// around them (and short enough to be written with its quotes as one block).
void place(Compare& compare, const std::string& seq, int kinds = 3) {
    for (int kind = 0; kind < kinds; ++kind) {
        for (const std::size_t at : {0, 29, 30, 31, 32, 62, 63}) {
            compare(filler(at, kind) + seq + filler(40, kind));
        }
        for (const std::size_t end : {5, 30, 31, 32, 34, 64, 66}) {
            if (seq.size() <= end) {
                compare(filler(end - seq.size(), kind) + seq);
            }
        }
    }
}

const std::vector<unsigned char> k_edges = {0x00, 0x0A, 0x22, 0x5C, 0x7F, 0x80, 0x8F, 0x90,
                                             0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xE0, 0xF0, 0xFF};

} // namespace

TEST_CASE("JSON escaping with AVX2 matches SSE2 on every one- and two-byte sequence around "
          "block boundaries",
          "[feed][output][json]") {
    Compare compare;
    // (the two-byte ones after the first two fillers only; all one-byte ones after every filler)
    archiver::testing::every_one_and_two_bytes(
        [&](const std::string& seq) { place(compare, seq, seq.size() == 1 ? 3 : 2); });
    INFO(compare.strings << " strings");
    CHECK(compare.first_bad == "");
}

TEST_CASE("JSON escaping with AVX2 matches SSE2 on three- and four-byte sequences around "
          "block boundaries",
          "[feed][output][json]") {
    Compare compare;
    archiver::testing::three_and_four_bytes(
        k_edges, [&](const std::string& seq) { place(compare, seq, seq.size() == 3 ? 2 : 1); });
    INFO(compare.strings << " strings");
    CHECK(compare.first_bad == "");
}

TEST_CASE("JSON escaping with AVX2 matches SSE2 and nlohmann::json on long text with one "
          "byte changed",
          "[feed][output][json]") {
    std::mt19937 rng(2026);
    static constexpr std::string_view k_pieces[] = {
        "plain text ", "a", "\xC3\xA9", "\xE4\xBA\xBA", "\xE7\xBB\x8F\xE6\xB5\x8E",
        "\xF0\x9F\x98\x80", "\xE0\xA0\x80", "\xED\x9F\xBF", "\xF4\x8F\xBF\xBF", "\"", "\\",
        "\n", "\t", "\x01", "\x1F", "<p class=\"x\">"};
    std::uniform_int_distribution<std::size_t> piece(0, std::size(k_pieces) - 1);
    std::uniform_int_distribution<unsigned> byte(0, 255);
    Compare compare;
    for (int round = 0; round < 3000; ++round) {
        std::string s;
        const std::size_t length = round % 500;
        while (s.size() < length) {
            s += k_pieces[piece(rng)];
        }
        if (round % 3 != 0 && !s.empty()) {
            std::uniform_int_distribution<std::size_t> at(0, s.size() - 1);
            s[at(rng)] = static_cast<char>(byte(rng));
        }
        if (round % 5 == 0 && !s.empty()) {
            s.pop_back(); // perhaps a sequence cut at the end
        }
        compare(s);
        compare(std::string_view(s).substr(std::min<std::size_t>(s.size(), 1 + round % 31)));
        std::string avx2;
        json::append_json_string(avx2, s, json::JsonSimd::avx2);
        INFO("round " << round);
        REQUIRE(avx2 ==
                nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
    INFO(compare.strings << " strings");
    CHECK(compare.first_bad == "");
}
