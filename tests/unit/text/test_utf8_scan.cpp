// SPDX-License-Identifier: MIT
#include "text/utf8_scan.hpp"

#include <archiver/text/charset.hpp>

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

using archiver::text::detail::scan_utf8_bytewise;
using archiver::text::detail::Utf8Scan;

namespace {

// The scan through every vector path (AVX2 where the CPU has it), which must agree.
Utf8Scan scan_utf8(std::string_view text) {
    using archiver::text::detail::ScanSimd;
    const Utf8Scan sse2 = archiver::text::detail::scan_utf8(text, ScanSimd::sse2);
    REQUIRE(archiver::text::detail::scan_utf8(text, ScanSimd::avx2) == sse2);
    REQUIRE(archiver::text::detail::scan_utf8(text) == sse2);
    return sse2;
}

// Pieces texts are made of: ASCII, allowed and disallowed controls, C1 controls, valid
// sequences of every length, and every kind of invalid or cut sequence.
const std::vector<std::string>& pieces() {
    static const std::vector<std::string> p = {
        "a", "Z", "<", "&amp;", " ", "0123456789abcdef", "\t", "\n", "\r", std::string(1, '\0'),
        "\x01", "\x1F", "\x7F", "\xC2\x80", "\xC2\x9F", "\xC2\xA0", "\xC3\xA9", "\xDF\xBF",
        "\xE4\xB8\xAD", "\xE6\x96\x87", "\xEF\xBF\xBD", "\xE0\xA0\x80", "\xED\x9F\xBF",
        "\xF0\x9F\x98\x80", "\xF4\x8F\xBF\xBF",
        // invalid: stray continuation, overlong, surrogate, past U+10FFFF, bad lead bytes
        "\x80", "\xBF", "\xC0\xAF", "\xC1\xBF", "\xE0\x80\x80", "\xE0\x9F\xBF", "\xED\xA0\x80",
        "\xED\xBF\xBF", "\xF0\x80\x80\x80", "\xF0\x8F\xBF\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80",
        "\xFE", "\xFF",
        // cut: a lead byte without all its continuation bytes
        "\xC3", "\xE4\xB8", "\xE4", "\xF0\x9F\x98", "\xF0\x9F"};
    return p;
}

// What random_text may put in: valid clean text only, valid text with controls, anything.
enum class Mix { clean, controls, anything };

// Piece indexes (into pieces()): 0..8 ASCII, 9..14 controls (0x7F is not one), 15..24
// valid non-ASCII sequences, 25.. invalid or cut sequences.
std::string random_text(std::mt19937& rng, std::size_t target, Mix mix, bool dense) {
    const auto& p = pieces();
    const std::size_t limit = mix == Mix::anything ? p.size() : 25;
    std::uniform_int_distribution<std::size_t> any(0, limit - 1);
    std::uniform_int_distribution<std::size_t> ascii(0, 8);
    std::uniform_int_distribution<std::size_t> wide(15, 24);
    std::uniform_int_distribution<int> percent(0, 99);
    std::string out;
    while (out.size() < target) {
        // Mostly ASCII runs with some clean non-ASCII, as in real feeds; or mostly
        // non-ASCII (CJK text), sequences then crossing every block boundary.
        const int roll = percent(rng);
        const int ascii_share = dense ? 25 : 80;
        std::size_t k = roll < ascii_share ? ascii(rng) : roll < 97 ? wide(rng) : any(rng);
        if (mix == Mix::clean && k >= 9 && k <= 14) {
            continue;
        }
        out += p[k];
    }
    return out;
}

} // namespace

TEST_CASE("the 16-byte UTF-8 scan agrees with the bytewise scan on edge cases", "[text][utf8]") {
    CHECK(scan_utf8("") == Utf8Scan::clean);
    const std::string ascii(64, 'x');
    CHECK(scan_utf8(ascii) == Utf8Scan::clean);
    // Each piece at every offset across two 16-byte blocks, and at the very end.
    for (const std::string& piece : pieces()) {
        for (std::size_t at = 0; at <= 40; ++at) {
            for (const std::size_t total : {at + piece.size(), std::size_t{48}}) {
                std::string text(at, 'x');
                text += piece;
                if (text.size() < total) {
                    text.append(total - text.size(), 'y');
                }
                INFO("piece at " << at << ", length " << text.size());
                CHECK(scan_utf8(text) == scan_utf8_bytewise(text));
            }
        }
    }
}

TEST_CASE("the UTF-8 scans tell clean, needs-cleanup and invalid text apart", "[text][utf8]") {
    const std::string pad(20, 'a');
    CHECK(scan_utf8(pad + "caf\xC3\xA9 \xE4\xB8\xAD\xE6\x96\x87\t\r\n" + pad) == Utf8Scan::clean);
    CHECK(scan_utf8(pad + "\x01" + pad) == Utf8Scan::needs_cleanup);
    CHECK(scan_utf8(pad + "\xC2\x85" + pad) == Utf8Scan::needs_cleanup);
    CHECK(scan_utf8(pad + std::string(1, '\0') + pad) == Utf8Scan::needs_cleanup);
    CHECK(scan_utf8(pad + "\xED\xA0\x80" + pad) == Utf8Scan::invalid);
    CHECK(scan_utf8(pad + "\xE0\x80\x80" + pad) == Utf8Scan::invalid);
    CHECK(scan_utf8(pad + "\x01" + pad + "\xFF" + pad) == Utf8Scan::invalid);
    CHECK(scan_utf8(pad + pad + "\xE4\xB8") == Utf8Scan::invalid);
    CHECK(scan_utf8(pad + "\xF0\x9F\x98\x80" + pad) == Utf8Scan::clean);
    CHECK_FALSE(archiver::text::is_valid_utf8(pad + "\xC0\xAF" + pad));
    CHECK(archiver::text::is_valid_utf8(pad + "\x01\xC2\x85" + pad));
}

TEST_CASE("the 16-byte UTF-8 scan agrees with the bytewise scan on random text", "[text][utf8]") {
    std::mt19937 rng(20261130);
    std::uniform_int_distribution<std::size_t> length(0, 300);
    int seen[3] = {0, 0, 0};
    for (int round = 0; round < 12000; ++round) {
        const Mix mix = round % 3 == 0 ? Mix::clean : round % 3 == 1 ? Mix::controls : Mix::anything;
        const std::string text = random_text(rng, length(rng), mix, round % 2 == 0);
        const Utf8Scan expected = scan_utf8_bytewise(text);
        ++seen[static_cast<int>(expected)];
        INFO("round " << round << ", length " << text.size());
        REQUIRE(scan_utf8(text) == expected);
        // Every suffix start within the first block (alignment does not matter).
        const std::string_view view(text);
        for (std::size_t skip = 1; skip < 17 && skip < text.size(); skip += 5) {
            REQUIRE(scan_utf8(view.substr(skip)) == scan_utf8_bytewise(view.substr(skip)));
        }
    }
    // The random texts reach all three outcomes.
    CHECK(seen[0] > 100);
    CHECK(seen[1] > 100);
    CHECK(seen[2] > 100);
}
