// SPDX-License-Identifier: MIT
#include "charset_sniff.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <iconv.h>
#include <mutex>
#include <unordered_map>
#include <utility>

namespace archiver::text {
namespace {

std::string lower_trim(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '"' || c == '\'' || std::isspace(static_cast<unsigned char>(c))) {
            continue;
        }
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

bool iconv_knows(const std::string& name) {
    static std::mutex mutex;
    static std::unordered_map<std::string, bool> cache;
    std::lock_guard lock(mutex);
    auto it = cache.find(name);
    if (it != cache.end()) {
        return it->second;
    }
    iconv_t cd = iconv_open("UTF-8", name.c_str());
    const bool ok = cd != reinterpret_cast<iconv_t>(-1);
    if (ok) {
        iconv_close(cd);
    }
    cache.emplace(name, ok);
    return ok;
}

// Reads the value of `attr` (`attr="v"`, `attr='v'`, `attr=v`) in `s` from `pos`.
std::string attr_value(std::string_view s, std::size_t pos) {
    while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\n' ||
                              s[pos] == '\r')) {
        ++pos;
    }
    if (pos >= s.size() || s[pos] != '=') {
        return {};
    }
    ++pos;
    while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) {
        ++pos;
    }
    if (pos >= s.size()) {
        return {};
    }
    std::string out;
    const char quote = (s[pos] == '"' || s[pos] == '\'') ? s[pos++] : '\0';
    while (pos < s.size() && out.size() < 64) {
        const char c = s[pos++];
        if ((quote && c == quote) || (!quote && (c == ' ' || c == '>' || c == ';' ||
                                                 c == '/' || c == '"' || c == '\''))) {
            break;
        }
        out += c;
    }
    return out;
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

} // namespace

std::string canonical_charset(std::string_view charset) {
    std::string n = lower_trim(charset);
    if (n.empty() || n.size() > 40) {
        return {};
    }
    for (char c : n) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.' &&
            c != ':') {
            return {};
        }
    }
    std::string compact;
    for (char c : n) {
        if (c != '-' && c != '_') {
            compact += c;
        }
    }
    static const std::unordered_map<std::string, std::string> k_aliases = {
        {"utf8", "utf-8"}, {"unicode11utf8", "utf-8"}, {"xunicode20utf8", "utf-8"},
        {"utf16", "utf-16"}, {"utf16le", "utf-16le"}, {"utf16be", "utf-16be"},
        {"utf32", "utf-32"}, {"utf32le", "utf-32le"}, {"utf32be", "utf-32be"},
        {"ucs2", "utf-16"}, {"ucs4", "utf-32"}, {"iso10646ucs2", "utf-16"},
        {"gb2312", "gb18030"}, {"gbk", "gb18030"}, {"xgbk", "gb18030"}, {"cp936", "gb18030"},
        {"gb231280", "gb18030"}, {"chinese", "gb18030"}, {"csgb2312", "gb18030"},
        {"euccn", "gb18030"}, {"isoir58", "gb18030"}, {"windows936", "gb18030"},
        {"gb18030", "gb18030"}, {"hzgb2312", "hz-gb-2312"},
        {"big5", "big5"}, {"big5hkscs", "big5-hkscs"}, {"xxbig5", "big5"}, {"cnbig5", "big5"},
        {"csbig5", "big5"}, {"cp950", "big5"},
        {"shiftjis", "shift_jis"}, {"sjis", "shift_jis"}, {"xsjis", "shift_jis"},
        {"mskanji", "shift_jis"}, {"csshiftjis", "shift_jis"}, {"windows31j", "shift_jis"},
        {"cp932", "shift_jis"}, {"eucjp", "euc-jp"}, {"xeucjp", "euc-jp"},
        {"iso2022jp", "iso-2022-jp"}, {"euckr", "euc-kr"}, {"ksc56011987", "euc-kr"},
        {"cp949", "euc-kr"}, {"uhc", "euc-kr"}, {"windows949", "euc-kr"}, {"koi8r", "koi8-r"},
        {"koi8u", "koi8-u"}, {"latin1", "iso-8859-1"}, {"l1", "iso-8859-1"},
        {"latin2", "iso-8859-2"}, {"ascii", "us-ascii"}, {"usascii", "us-ascii"},
        {"ansix3.41968", "us-ascii"}, {"cp819", "iso-8859-1"}, {"macintosh", "macintosh"},
        {"xmaccyrillic", "x-mac-cyrillic"}, {"tis620", "tis-620"}, {"windows874", "windows-874"},
    };
    if (auto it = k_aliases.find(compact); it != k_aliases.end()) {
        return it->second;
    }
    // windows-125x, cp125x, x-cp125x
    for (std::string_view prefix : {"windows", "xcp", "cp"}) {
        if (compact.rfind(prefix, 0) == 0 && compact.size() == prefix.size() + 4 &&
            compact.compare(prefix.size(), 3, "125") == 0) {
            return "windows-" + compact.substr(prefix.size());
        }
    }
    // iso-8859-x, iso8859-x, iso_8859-x:1987
    if (compact.rfind("iso8859", 0) == 0) {
        std::string rest = compact.substr(7);
        if (auto colon = rest.find(':'); colon != std::string::npos) {
            rest.resize(colon);
        }
        if (!rest.empty() && rest.size() <= 2 &&
            std::all_of(rest.begin(), rest.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            return "iso-8859-" + rest;
        }
    }
    return iconv_knows(n) ? n : std::string();
}

std::string iconv_name(const std::string& canonical) {
    static const std::unordered_map<std::string, std::string> k_supersets = {
        {"euc-kr", "CP949"},        {"shift_jis", "CP932"}, {"big5", "BIG5-HKSCS"},
        {"iso-8859-1", "CP1252"},   {"us-ascii", "ASCII"},  {"utf-16", "UTF-16"},
        {"utf-32", "UTF-32"},
    };
    auto it = k_supersets.find(canonical);
    return it != k_supersets.end() ? it->second : canonical;
}

std::optional<Bom> sniff_bom(std::string_view b) {
    auto starts = [&](std::string_view p) { return b.substr(0, p.size()) == p; };
    using namespace std::string_view_literals;
    if (starts("\x00\x00\xFE\xFF"sv)) {
        return Bom{"utf-32be", 4};
    }
    if (starts("\xFF\xFE\x00\x00"sv)) {
        return Bom{"utf-32le", 4};
    }
    if (starts("\xEF\xBB\xBF"sv)) {
        return Bom{"utf-8", 3};
    }
    if (starts("\xFE\xFF"sv)) {
        return Bom{"utf-16be", 2};
    }
    if (starts("\xFF\xFE"sv)) {
        return Bom{"utf-16le", 2};
    }
    return std::nullopt;
}

std::string sniff_utf16_32(std::string_view b) {
    using namespace std::string_view_literals;
    auto starts = [&](std::string_view p) { return b.substr(0, p.size()) == p; };
    if (starts("\x00\x00\x00<"sv)) {
        return "utf-32be";
    }
    if (starts("<\x00\x00\x00"sv)) {
        return "utf-32le";
    }
    if (starts("\x00<\x00?"sv) || starts("\x00<\x00!"sv) || starts("\x00<\x00r"sv) ||
        starts("\x00<\x00f"sv)) {
        return "utf-16be";
    }
    if (starts("<\x00?\x00"sv) || starts("<\x00!\x00"sv) || starts("<\x00r\x00"sv) ||
        starts("<\x00f\x00"sv)) {
        return "utf-16le";
    }
    return {};
}

std::string xml_declared_charset(std::string_view bytes) {
    std::size_t start = 0;
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
        start = 3;
    }
    while (start < bytes.size() && std::isspace(static_cast<unsigned char>(bytes[start]))) {
        ++start;
    }
    if (bytes.substr(start, 5) != "<?xml") {
        return {};
    }
    const std::size_t end = bytes.find("?>", start);
    const std::string_view decl =
        bytes.substr(start, end == std::string_view::npos ? 200 : end - start);
    const std::size_t pos = decl.find("encoding");
    if (pos == std::string_view::npos) {
        return {};
    }
    return attr_value(decl, pos + 8);
}

std::string meta_charset(std::string_view bytes) {
    const std::string head = lower_ascii(bytes.substr(0, 4096));
    std::size_t pos = 0;
    while ((pos = head.find("<meta", pos)) != std::string::npos) {
        const std::size_t end = head.find('>', pos);
        const std::string_view tag(head.data() + pos,
                                   (end == std::string::npos ? head.size() : end) - pos);
        pos += 5;
        if (auto c = tag.find("charset"); c != std::string_view::npos) {
            std::string v = attr_value(tag, c + 7);
            if (!v.empty()) {
                return v;
            }
        }
    }
    return {};
}

std::string content_type_charset(std::string_view content_type) {
    const std::string ct = lower_ascii(content_type);
    const std::size_t pos = ct.find("charset");
    if (pos == std::string::npos) {
        return {};
    }
    return attr_value(ct, pos + 7);
}

} // namespace archiver::text
