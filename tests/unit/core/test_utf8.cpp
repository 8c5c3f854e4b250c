// SPDX-License-Identifier: MIT
#include <archiver/core/utf8.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace archiver;

namespace {

std::vector<char32_t> decode_all(std::string_view s) {
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < s.size();) {
        out.push_back(decode_utf8(s, i));
    }
    return out;
}

} // namespace

TEST_CASE("decode_utf8 reads every length and round-trips through append_utf8", "[core][utf8]") {
    const std::vector<char32_t> cps = {U'a', U'\u00e9', U'\u4e2d', U'\u2026', U'\U0001F600',
                                       0x7F, 0x80, 0x7FF, 0x800, 0xFFFF, 0x10000, 0x10FFFF};
    std::string bytes;
    for (char32_t cp : cps) {
        append_utf8(bytes, cp);
    }
    CHECK(decode_all(bytes) == cps);
    CHECK(bytes.substr(0, 6) == "a\xC3\xA9\xE4\xB8\xAD");
}

TEST_CASE("decode_utf8 replaces each maximal invalid subpart with one U+FFFD", "[core][utf8]") {
    constexpr char32_t r = k_replacement_character;
    // Unicode §3.9's example: "\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64".
    CHECK(decode_all("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64") ==
          std::vector<char32_t>{U'a', r, r, r, U'b', r, U'c', r, r, U'd'});
    CHECK(decode_all("\xC0\xAF") == std::vector<char32_t>{r, r});         // overlong
    CHECK(decode_all("\xED\xA0\x80") == std::vector<char32_t>{r, r, r});  // surrogate
    CHECK(decode_all("\xF4\x90\x80\x80") == std::vector<char32_t>{r, r, r, r}); // > U+10FFFF
    CHECK(decode_all("\xE4\xB8") == std::vector<char32_t>{r});             // truncated
    CHECK(decode_all("\xFF") == std::vector<char32_t>{r});
}
