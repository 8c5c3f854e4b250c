// SPDX-License-Identifier: MIT
#include <archiver/text/charset.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

using namespace archiver;
using text::DocKind;

namespace {

const std::string k_nian = "\xE5\xB9\xB4"; // 年 in UTF-8

// `utf8` converted to `charset` with iconv's own tables (through the converter under test
// in the other direction would prove nothing, so the bytes are spelled out).
std::string gbk_nian() { return "\xC4\xEA"; }

} // namespace

TEST_CASE("A byte-order mark decides the encoding", "[text][charset]") {
    SECTION("UTF-8 BOM is removed") {
        auto d = text::to_utf8("\xEF\xBB\xBF<a/>", "", DocKind::xml);
        CHECK(d.encoding == "utf-8");
        CHECK(d.text == "<a/>");
    }
    SECTION("UTF-16LE") {
        const std::string bytes("\xFF\xFE<\0a\0/\0>\0", 10);
        auto d = text::to_utf8(bytes, "", DocKind::xml);
        CHECK(d.encoding == "utf-16le");
        CHECK(d.text == "<a/>");
    }
    SECTION("UTF-32BE") {
        const std::string bytes("\0\0\xFE\xFF\0\0\0<\0\0\0a\0\0\0>", 16);
        auto d = text::to_utf8(bytes, "", DocKind::xml);
        CHECK(d.encoding == "utf-32be");
        CHECK(d.text == "<a>");
    }
}

TEST_CASE("UTF-16 without a BOM is recognised from the XML declaration's bytes", "[text][charset]") {
    const std::string bytes("<\0?\0x\0m\0l\0?\0>\0", 14);
    auto d = text::to_utf8(bytes, "", DocKind::xml);
    CHECK(d.encoding == "utf-16le");
    CHECK(d.text == "<?xml?>");
}

TEST_CASE("Stated charsets are used only when the bytes are valid in them", "[text][charset]") {
    const std::string gbk_doc = "<?xml version=\"1.0\" encoding=\"gb2312\"?><t>" + gbk_nian() + "</t>";
    SECTION("XML declaration, GB2312 read as GB18030") {
        auto d = text::to_utf8(gbk_doc, "", DocKind::xml);
        CHECK(d.encoding == "gb18030");
        CHECK(d.text.find("<t>" + k_nian + "</t>") != std::string::npos);
    }
    SECTION("HTTP charset wins over the declaration") {
        auto d = text::to_utf8("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><t>" + k_nian + "</t>",
                               "utf-8", DocKind::xml);
        CHECK(d.encoding == "utf-8");
        CHECK(d.text.find(k_nian) != std::string::npos);
    }
    SECTION("a lying HTTP charset is ignored") {
        auto d = text::to_utf8(gbk_doc, "utf-8", DocKind::xml);
        CHECK(d.encoding == "gb18030");
        CHECK_FALSE(d.problem.empty());
    }
    SECTION("meta charset in HTML") {
        auto d = text::to_utf8("<html><head><meta charset=\"GBK\"></head><p>" + gbk_nian(), "",
                               DocKind::html);
        CHECK(d.encoding == "gb18030");
        CHECK(d.text.find(k_nian) != std::string::npos);
    }
    SECTION("meta http-equiv in HTML") {
        auto d = text::to_utf8("<meta http-equiv=\"Content-Type\" content=\"text/html; "
                               "charset=gb2312\"><p>" + gbk_nian(), "", DocKind::html);
        CHECK(d.encoding == "gb18030");
    }
    SECTION("an unknown declared charset is reported") {
        auto d = text::to_utf8("<?xml version=\"1.0\" encoding=\"bogus\"?><t/>", "", DocKind::xml);
        CHECK(d.encoding == "utf-8");
        CHECK_FALSE(d.problem.empty());
    }
}

TEST_CASE("Legacy encodings transcode to UTF-8", "[text][charset]") {
    std::string out;
    SECTION("Big5") {
        REQUIRE(text::convert("\xA6\x7E", "big5", out));
        CHECK(out == k_nian);
    }
    SECTION("Shift_JIS") {
        REQUIRE(text::convert("\x94\x4E", "shift_jis", out));
        CHECK(out == k_nian);
    }
    SECTION("EUC-KR") {
        REQUIRE(text::convert("\xB3\xE2", "euc-kr", out));
        CHECK(out == "\xEB\x85\x84");
    }
    SECTION("EUC-JP") {
        REQUIRE(text::convert("\xC7\xAF", "euc-jp", out));
        CHECK(out == k_nian);
    }
    SECTION("KOI8-R") {
        REQUIRE(text::convert("\xC1", "koi8-r", out));
        CHECK(out == "\xD0\xB0");
    }
    SECTION("windows-1252 smart quotes") {
        REQUIRE(text::convert("\x93hi\x94", "windows-1252", out));
        CHECK(out == "\xE2\x80\x9Chi\xE2\x80\x9D");
    }
    SECTION("ISO-8859-2") {
        REQUIRE(text::convert("\xB1", "iso-8859-2", out));
        CHECK(out == "\xC4\x85");
    }
    SECTION("invalid bytes are refused") { CHECK_FALSE(text::convert("\xFF\xFF", "gb2312", out)); }
    SECTION("unknown names are refused") { CHECK_FALSE(text::convert("abc", "no-such", out)); }
}

TEST_CASE("Undeclared legacy text is detected", "[text][charset]") {
    // A paragraph of GB18030 Chinese text without any declaration.
    std::string gbk;
    for (int i = 0; i < 20; ++i) {
        gbk += "\xD6\xD0\xB9\xFA\xC8\xCB\xC3\xF1\xD5\xFE\xB8\xAE\xBD\xF1\xCC\xEC\xB7\xA2\xB2\xBC"
               "\xC1\xCB\xD0\xC2\xB5\xC4\xD5\xFE\xB2\xDF\xA1\xA3";
    }
    auto d = text::to_utf8("<p>" + gbk + "</p>", "", DocKind::html);
    CHECK(d.encoding == "gb2312"); // the narrowest set the bytes fit; read as GB18030
    CHECK_FALSE(d.problem.empty());
    CHECK(d.text.find("\xE4\xB8\xAD\xE5\x9B\xBD") != std::string::npos); // 中国
}

TEST_CASE("Invalid UTF-8 is replaced, never passed on", "[text][charset]") {
    CHECK(text::is_valid_utf8("abc \xE5\xB9\xB4"));
    CHECK_FALSE(text::is_valid_utf8("\xC0\xAF"));
    CHECK_FALSE(text::is_valid_utf8("\xED\xA0\x80")); // a surrogate
    CHECK(text::sanitize_utf8("a\xFF" "b\x01" "c") == "a\xEF\xBF\xBD" "bc");
    auto d = text::to_utf8("\xEF\xBB\xBF" "ok \xFF", "", DocKind::xml);
    CHECK(d.lossy);
    CHECK(text::is_valid_utf8(d.text));
}

TEST_CASE("Windows-1252 bytes mis-read as Latin-1 become their intended characters", "[text][charset]") {
    auto d = text::to_utf8("don\xC2\x92t", "", DocKind::xml);
    CHECK(d.text == "don\xE2\x80\x99t");
}

namespace {

// The definition of UTF-8 validity (RFC 3629), one byte at a time, to check the scanners'
// word-at-a-time and CJK shortcuts against.
bool valid_utf8_reference(const std::string& s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = 0;
        unsigned char lo = 0x80;
        unsigned char hi = 0xBF;
        if (c < 0x80) {
            ++i;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            n = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            lo = c == 0xE0 ? 0xA0 : 0x80;
            hi = c == 0xED ? 0x9F : 0xBF;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            lo = c == 0xF0 ? 0x90 : 0x80;
            hi = c == 0xF4 ? 0x8F : 0xBF;
        } else {
            return false;
        }
        for (std::size_t k = 1; k < n; ++k) {
            if (i + k >= s.size()) {
                return false;
            }
            const auto t = static_cast<unsigned char>(s[i + k]);
            if (t < (k == 1 ? lo : 0x80) || t > (k == 1 ? hi : 0xBF)) {
                return false;
            }
        }
        i += n;
    }
    return true;
}

} // namespace

TEST_CASE("UTF-8 validation agrees with the definition at every position", "[text][charset]") {
    std::uint32_t seed = 7;
    auto next = [&]() {
        seed = seed * 1103515245u + 12345u;
        return (seed >> 16) & 0x7FFF;
    };
    static constexpr unsigned char k_bytes[] = {'a', ' ', '\n', 0x7F, 0x80, 0x9F, 0xA0, 0xBF,
                                                0xC2, 0xE0, 0xE4, 0xED, 0xEE, 0xEF, 0xF0, 0xF4,
                                                0xF5, 0xB8, 0xAD};
    for (int round = 0; round < 5000; ++round) {
        std::string s(next() % 20, 'x'); // ASCII runs of every length before the tricky bytes
        const auto len = next() % 8;
        for (unsigned k = 0; k < len; ++k) {
            s += static_cast<char>(k_bytes[next() % sizeof k_bytes]);
        }
        s += std::string(next() % 12, 'y');
        INFO("round " << round);
        REQUIRE(text::is_valid_utf8(s) == valid_utf8_reference(s));
    }
}

TEST_CASE("Control characters are found wherever they sit in long ASCII text", "[text][charset]") {
    const std::string plain = "<rss>" + std::string(40, 'a') + k_nian + std::string(20, 'b') + "</rss>";
    CHECK(text::to_utf8(plain, "", DocKind::xml).text == plain);
    for (std::size_t at = 0; at < plain.size(); ++at) {
        if (static_cast<unsigned char>(plain[at]) >= 0x80) {
            continue;
        }
        for (const char ctl : {'\x01', '\x1F', '\0'}) {
            std::string s = plain;
            s.insert(at, 1, ctl);
            INFO("at " << at << " control " << static_cast<int>(ctl));
            const auto d = text::to_utf8(s, "", DocKind::xml);
            REQUIRE(d.text == plain);
            REQUIRE(d.encoding == "utf-8");
        }
        std::string tab = plain;
        tab.insert(at, 1, '\t'); // tab, newline and CR stay
        REQUIRE(text::to_utf8(tab, "", DocKind::xml).text == tab);
    }
    // C1 controls (windows-1252 bytes transcoded as Latin-1) become their characters.
    CHECK(text::to_utf8(std::string(16, 'a') + "\xC2\x93q\xC2\x94", "utf-8", DocKind::xml).text ==
          std::string(16, 'a') + "\xE2\x80\x9Cq\xE2\x80\x9D");
}

TEST_CASE("to_utf8_view borrows clean UTF-8 and otherwise equals to_utf8", "[text][charset]") {
    const std::string plain = "<rss>" + std::string(45, 'a') + k_nian + std::string(33, 'b') + "</rss>";
    SECTION("clean UTF-8 is viewed where it lies") {
        const auto v = text::to_utf8_view(plain, "", DocKind::xml);
        CHECK(v.is_borrowed);
        CHECK(v.text().data() == plain.data());
        CHECK(v.text() == plain);
        CHECK(v.decoded.encoding == "utf-8");
        CHECK(v.decoded.problem.empty());
        CHECK_FALSE(v.decoded.lossy);
    }
    SECTION("a BOM is left out of the view") {
        const std::string bom = "\xEF\xBB\xBF" + plain;
        const auto v = text::to_utf8_view(bom, "", DocKind::xml);
        CHECK(v.is_borrowed);
        CHECK(v.text() == plain);
        CHECK(v.text() == text::to_utf8(bom, "", DocKind::xml).text);
    }
    SECTION("whatever needs changing is decoded as to_utf8 decodes it") {
        std::vector<std::pair<std::string, std::string>> cases = {
            {"<a>" + gbk_nian() + "</a>", "gbk"},
            {"<a>" + gbk_nian() + std::string(40, 'x') + "</a>", ""},
            {"<?xml version='1.0' encoding='iso-8859-1'?><a>\xE9</a>", ""},
            {std::string(30, 'a') + "\xC2\x93q\xC2\x94", "utf-8"},
        };
        for (std::size_t at = 0; at < plain.size(); at += 3) {
            std::string bad = plain; // an invalid byte, then a control, at every offset
            bad.insert(at, 1, '\xFF');
            cases.emplace_back(bad, "");
            std::string ctl = plain;
            ctl.insert(at, 1, '\x01');
            cases.emplace_back(ctl, "");
        }
        for (const auto& [bytes, charset] : cases) {
            INFO(bytes);
            const auto v = text::to_utf8_view(bytes, charset, DocKind::xml);
            const auto d = text::to_utf8(bytes, charset, DocKind::xml);
            CHECK_FALSE(v.is_borrowed);
            CHECK(v.text() == d.text);
            CHECK(v.decoded.encoding == d.encoding);
            CHECK(v.decoded.problem == d.problem);
            CHECK(v.decoded.lossy == d.lossy);
        }
    }
}
