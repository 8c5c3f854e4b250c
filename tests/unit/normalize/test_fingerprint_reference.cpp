// SPDX-License-Identifier: MIT
// The fingerprints are stored (content hashes, SimHashes), so a faster computation must give
// exactly the values of the plain one: each is checked here against a direct, unoptimized
// transcription of its definition, on the near-duplicate corpus and on awkward inputs.
#include <archiver/core/utf8.hpp>
#include <archiver/normalize/normalize.hpp>

#include "normalize/sha256.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <filesystem>
#include <random>

using namespace archiver;

namespace {

// fingerprint_text by its definition: every code point decoded, Unicode whitespace and
// punctuation dropped, full-width ASCII folded, ASCII lower-cased, each re-encoded.
bool reference_dropped(char32_t c) {
    const bool space = (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 ||
                       c == 0x1680 || (c >= 0x2000 && c <= 0x200F) || c == 0x2028 ||
                       c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x2060 ||
                       c == 0x3000 || c == 0xFEFF;
    const bool ascii_punct = c < 0x80 && ((c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) ||
                                          (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E) ||
                                          c < 0x20 || c == 0x7F);
    const bool other_punct =
        c >= 0x80 && ((c >= 0x80 && c <= 0xBF) || c == 0xD7 || c == 0xF7 ||
                      (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E) ||
                      (c >= 0x2E00 && c <= 0x2E7F) || (c >= 0x3001 && c <= 0x3004) ||
                      (c >= 0x3008 && c <= 0x3020) || c == 0x3030 || c == 0x303D ||
                      (c >= 0xFE10 && c <= 0xFE1F) || (c >= 0xFE30 && c <= 0xFE6F) ||
                      (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
                      (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) || c == 0xFFFD);
    return space || ascii_punct || other_punct;
}

std::string reference_fingerprint(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        char32_t c = decode_utf8(text, i);
        if (reference_dropped(c)) {
            continue;
        }
        if ((c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
            (c >= 0xFF41 && c <= 0xFF5A)) {
            c -= 0xFEE0;
        }
        if (c >= 'A' && c <= 'Z') {
            c += 'a' - 'A';
        }
        append_utf8(out, c);
    }
    return out;
}

std::uint64_t reference_hash(std::string_view bytes) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (char c : bytes) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return h;
}

// Every shingle of `width` code points in text order (the whole text when shorter).
std::vector<std::uint64_t> reference_shingles(std::string_view fp, std::size_t width) {
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < fp.size();) {
        starts.push_back(i);
        decode_utf8(fp, i);
    }
    std::vector<std::uint64_t> out;
    if (starts.empty()) {
        return out;
    }
    starts.push_back(fp.size());
    const std::size_t points = starts.size() - 1;
    width = std::min(width, points);
    for (std::size_t k = 0; k + width <= points; ++k) {
        out.push_back(reference_hash(fp.substr(starts[k], starts[k + width] - starts[k])));
    }
    return out;
}

// One vote per shingle and bit: +1 when set, -1 when not; the bit is set when positive.
std::uint64_t reference_simhash(std::string_view fp, std::size_t width) {
    std::array<long, 64> votes{};
    for (const std::uint64_t h : reference_shingles(fp, width)) {
        for (std::size_t bit = 0; bit < 64; ++bit) {
            votes[bit] += ((h >> bit) & 1U) != 0 ? 1 : -1;
        }
    }
    std::uint64_t out = 0;
    for (std::size_t bit = 0; bit < 64; ++bit) {
        if (votes[bit] > 0) {
            out |= std::uint64_t{1} << bit;
        }
    }
    return out;
}

std::vector<std::string> awkward_texts() {
    std::vector<std::string> out = {
        "",
        "a",
        "ab",
        "abc",
        "abcd",
        "abcde",
        "!!! ...",
        "Hello, World!  \n",
        "ＡＢＣ１２３ａｂｃ　全角",
        "bad \xFF bytes \xC3 cut \xE4\xB8 short \xED\xA0\x80 surrogate \xF4\x90\x80\x80 big",
        "\xF0\x9F\x98\x80 emoji \xF0\x9F\x98\x81\xF0\x9F\x98\x82\xF0\x9F\x98\x83\xF0\x9F\x98\x84",
        "中文，标点。“引号”《书名》——破折号…省略号",
        "Ünïcode Ça ñ ß Ø \xC2\xA0nbsp\xE2\x80\x8Bzwsp\xEF\xBB\xBF" "bom",
    };
    // Random bytes leaning on the interesting ranges, with a fixed seed.
    std::mt19937 rng(20261130);
    const std::array<std::string_view, 12> pieces = {
        "a", "Z", "9", " ", ",", "\xC3\xA9", "\xE4\xB8\xAD", "\xEF\xBC\xA1", "\xE3\x80\x82",
        "\xF0\x9F\x98\x80", "\xFF", "\xE4\xB8"};
    for (int t = 0; t < 200; ++t) {
        std::string s;
        const std::size_t len = rng() % 40;
        for (std::size_t k = 0; k < len; ++k) {
            s += pieces[rng() % pieces.size()];
        }
        out.push_back(s);
    }
    return out;
}

} // namespace

TEST_CASE("Fingerprints equal their plain definition on awkward texts", "[normalize]") {
    for (const auto& text : awkward_texts()) {
        INFO(text);
        const std::string fp = reference_fingerprint(text);
        REQUIRE(normalize::fingerprint_text(text) == fp);
        CHECK(normalize::content_hash(text) == "sha256:" + normalize::sha256_hex(fp));
        CHECK(normalize::simhash(text) == reference_simhash(fp, normalize::k_shingle_code_points));
        for (std::size_t width = 1; width <= 8; ++width) {
            CHECK(normalize::detail::simhash_fingerprint(fp, width) == reference_simhash(fp, width));
        }
        const auto prints = normalize::body_prints(text);
        CHECK(prints.content_hash == normalize::content_hash(text));
        CHECK(prints.simhash == normalize::simhash(text));
    }
}

TEST_CASE("Fingerprints equal their plain definition on the near-duplicate corpus", "[normalize]") {
    int texts = 0;
    for (const auto& entry : std::filesystem::directory_iterator(testing::data_path("normalize/docs"))) {
        const std::string text = testing::read_file(entry.path());
        INFO(entry.path().filename().string());
        const std::string fp = reference_fingerprint(text);
        REQUIRE(normalize::fingerprint_text(text) == fp);
        const auto prints = normalize::body_prints(text);
        CHECK(prints.content_hash == "sha256:" + normalize::sha256_hex(fp));
        CHECK(prints.simhash == reference_simhash(fp, normalize::k_shingle_code_points));
        CHECK(normalize::simhash(text) == prints.simhash);
        for (std::size_t width : {2, 3, 5, 8}) {
            CHECK(normalize::detail::simhash_fingerprint(fp, width) == reference_simhash(fp, width));
        }
        auto set = reference_shingles(fp, normalize::k_shingle_code_points);
        std::sort(set.begin(), set.end());
        set.erase(std::unique(set.begin(), set.end()), set.end());
        CHECK(normalize::shingle_set(text).hashes == set);
        ++texts;
    }
    CHECK(texts > 100);
}
