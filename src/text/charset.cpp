// SPDX-License-Identifier: MIT
#include <archiver/text/charset.hpp>

#include "charset_sniff.hpp"
#include "utf8_scan.hpp"

#include <uchardet/uchardet.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <cerrno>
#include <iconv.h>
#include <memory>
#include <optional>


#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace archiver::text {
namespace {

using detail::scan_utf8;
using detail::utf8_seq_len;
using detail::Utf8Scan;

// An iconv descriptor owned for one conversion.
class Iconv {
public:
    Iconv(const char* to, const char* from) : m_cd(iconv_open(to, from)) {}
    ~Iconv() {
        if (ok()) {
            iconv_close(m_cd);
        }
    }
    Iconv(const Iconv&) = delete;
    Iconv& operator=(const Iconv&) = delete;
    bool ok() const { return m_cd != reinterpret_cast<iconv_t>(-1); }
    iconv_t get() const { return m_cd; }

private:
    iconv_t m_cd;
};

struct UchardetDeleter {
    void operator()(uchardet* p) const noexcept { uchardet_delete(p); }
};

// Appends U+FFFD.
void append_replacement(std::string& out) { out += "\xEF\xBF\xBD"; }

bool convert_strict(std::string_view bytes, const std::string& charset, std::string& out) {
    Iconv cd("UTF-8", charset.c_str());
    if (!cd.ok()) {
        return false;
    }
    out.clear();
    out.reserve(bytes.size() + bytes.size() / 2);
    // iconv's API takes a non-const input pointer but does not write through it.
    char* in = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size();
    char buf[8192];
    while (in_left > 0) {
        char* o = buf;
        std::size_t o_left = sizeof buf;
        const std::size_t r = iconv(cd.get(), &in, &in_left, &o, &o_left);
        out.append(buf, static_cast<std::size_t>(o - buf));
        if (r == static_cast<std::size_t>(-1) && errno != E2BIG) {
            return false; // EILSEQ or EINVAL (truncated sequence)
        }
    }
    char* o = buf;
    std::size_t o_left = sizeof buf;
    iconv(cd.get(), nullptr, nullptr, &o, &o_left);
    out.append(buf, static_cast<std::size_t>(o - buf));
    return true;
}

// Like convert_strict, but replaces each undecodable byte with U+FFFD.
std::string convert_lossy(std::string_view bytes, const std::string& charset) {
    Iconv cd("UTF-8", charset.c_str());
    if (!cd.ok()) {
        return sanitize_utf8(bytes);
    }
    std::string out;
    char* in = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size();
    char buf[8192];
    while (in_left > 0) {
        char* o = buf;
        std::size_t o_left = sizeof buf;
        const std::size_t r = iconv(cd.get(), &in, &in_left, &o, &o_left);
        out.append(buf, static_cast<std::size_t>(o - buf));
        if (r == static_cast<std::size_t>(-1) && errno != E2BIG) {
            append_replacement(out);
            ++in;
            --in_left;
            iconv(cd.get(), nullptr, nullptr, nullptr, nullptr);
        }
    }
    return sanitize_utf8(out);
}

std::string detect(std::string_view bytes) {
    std::unique_ptr<uchardet, UchardetDeleter> ud(uchardet_new());
    if (!ud) {
        return {};
    }
    const std::size_t n = std::min<std::size_t>(bytes.size(), 256 * 1024);
    if (uchardet_handle_data(ud.get(), bytes.data(), n) != 0) {
        return {};
    }
    uchardet_data_end(ud.get());
    const char* name = uchardet_get_charset(ud.get());
    return name ? std::string(name) : std::string();
}

// Maps C1 controls (U+0080..U+009F), which in real documents are windows-1252 bytes that
// were transcoded as Latin-1, to the characters windows-1252 gives them.
std::string demoronize(std::string text) {
    if (text.find('\xC2') == std::string::npos) {
        return text;
    }
    static constexpr std::array<char16_t, 32> k_cp1252 = {
        0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,   0x017D, 0x8F,
        0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
        if (c == 0xC2 && next >= 0x80 && next <= 0x9F) {
            const char16_t cp = k_cp1252[next - 0x80];
            if (cp >= 0x800) {
                out += static_cast<char>(0xE0 | (cp >> 12));
                out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                out += static_cast<char>(0x80 | (cp & 0x3F));
            } else if (cp >= 0x100) {
                out += static_cast<char>(0xC0 | (cp >> 6));
                out += static_cast<char>(0x80 | (cp & 0x3F));
            }
            // unmapped C1 controls are dropped
            ++i;
            continue;
        }
        out += static_cast<char>(c);
    }
    return out;
}

bool needs_cleanup(std::string_view text) noexcept {
    return scan_utf8(text) != Utf8Scan::clean;
}

// Copies `bytes` into `out`. A large copy (a whole feed) is asked to sit on huge pages:
// faulting in a fresh 4 KiB page at a time costs more than parsing its bytes.
void copy_large(std::string& out, std::string_view bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    constexpr std::size_t k_huge = std::size_t{2} << 20;
    if (bytes.size() >= 4 * k_huge) {
        out.clear();
        out.reserve(bytes.size());
        const auto begin = reinterpret_cast<std::uintptr_t>(out.data());
        const std::uintptr_t first = (begin + k_huge - 1) & ~(k_huge - 1);
        const std::uintptr_t last = (begin + out.capacity()) & ~(k_huge - 1);
        if (last > first) {
            // A hint: when it is refused, the copy below is only slower.
            static_cast<void>(madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE));
        }
    }
#endif
    out.assign(bytes.data(), bytes.size());
}

} // namespace

bool is_valid_utf8(std::string_view bytes) noexcept {
    return scan_utf8(bytes) != Utf8Scan::invalid;
}

bool is_clean_utf8(std::string_view bytes) noexcept {
    return scan_utf8(bytes) == Utf8Scan::clean;
}

std::string sanitize_utf8(std::string_view bytes) {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    std::string out;
    out.reserve(bytes.size());
    std::size_t i = 0;
    const std::size_t n = bytes.size();
    while (i < n) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                out += static_cast<char>(c);
            }
            ++i;
            continue;
        }
        const std::size_t len = utf8_seq_len(p + i, n - i);
        if (len == 0) {
            append_replacement(out);
            ++i;
        } else {
            out.append(bytes.substr(i, len));
            i += len;
        }
    }
    return out;
}

std::string charset_from_content_type(std::string_view content_type) {
    return content_type_charset(content_type);
}

bool convert(std::string_view bytes, std::string_view charset, std::string& out) {
    const std::string name = canonical_charset(charset);
    if (name.empty()) {
        return false;
    }
    if (name == "utf-8") {
        if (!is_valid_utf8(bytes)) {
            return false;
        }
        out.assign(bytes);
        return true;
    }
    if (convert_strict(bytes, iconv_name(name), out)) {
        return true;
    }
    // windows-1252 leaves five bytes undefined that Latin-1 maps to C1 controls.
    return name == "iso-8859-1" && convert_strict(bytes, "ISO-8859-1", out);
}

namespace {

// to_utf8, and to_utf8_view when `borrow` is set: clean UTF-8 is then viewed, not copied.
Decoded decode(std::string_view bytes,
               std::string_view http_charset,
               DocKind kind,
               std::string_view override_charset,
               std::optional<std::string_view>* borrow) {
    Decoded d;
    bool clean = false; // d.text is known to need no cleanup
    auto attempt = [&](std::string_view body, std::string_view charset) {
        const std::string name = canonical_charset(charset);
        if (name.empty()) {
            d.problem = "unknown charset '" + std::string(charset.substr(0, 40)) + "'";
            return false;
        }
        if (name == "utf-8") {
            // Validity and cleanliness in one scan; then a single copy.
            const Utf8Scan scan = scan_utf8(body);
            if (scan == Utf8Scan::invalid) {
                d.problem = "bytes are not valid " + name;
                return false;
            }
            clean = scan == Utf8Scan::clean;
            if (clean && borrow != nullptr) {
                *borrow = body;
            } else {
                copy_large(d.text, body);
            }
            d.encoding = name;
            return true;
        }
        if (!convert(body, name, d.text)) {
            d.problem = "bytes are not valid " + name;
            return false;
        }
        d.encoding = name;
        return true;
    };
    auto finish = [&]() -> Decoded {
        // Strip a BOM that survived conversion, and control characters; the common case
        // (clean UTF-8) is one scan and no copy.
        if (borrow != nullptr && borrow->has_value()) {
            if ((*borrow)->substr(0, 3) == "\xEF\xBB\xBF") {
                (*borrow)->remove_prefix(3);
            }
            return std::move(d); // clean: nothing to strip
        }
        if (d.text.compare(0, 3, "\xEF\xBB\xBF") == 0) {
            d.text.erase(0, 3);
        }
        if (!clean && needs_cleanup(d.text)) {
            d.text = demoronize(sanitize_utf8(d.text));
        }
        return std::move(d); // d is not used again: every caller returns this
    };
    if (!override_charset.empty() && attempt(bytes, override_charset)) {
        return finish();
    }
    if (const auto bom = sniff_bom(bytes)) {
        if (attempt(bytes.substr(bom->length), bom->charset)) {
            return finish();
        }
    }
    if (!http_charset.empty() && attempt(bytes, http_charset)) {
        return finish();
    }
    if (const std::string sniffed = sniff_utf16_32(bytes); !sniffed.empty()) {
        if (attempt(bytes, sniffed)) {
            return finish();
        }
    }
    std::string declared;
    if (kind == DocKind::xml) {
        declared = xml_declared_charset(bytes);
        if (declared.empty()) {
            declared = meta_charset(bytes); // XHTML served as XML
        }
    } else if (kind == DocKind::html) {
        declared = meta_charset(bytes);
        if (declared.empty()) {
            declared = xml_declared_charset(bytes);
        }
    }
    if (!declared.empty() && attempt(bytes, declared)) {
        return finish();
    }
    if (const Utf8Scan scan = scan_utf8(bytes); scan != Utf8Scan::invalid) {
        clean = scan == Utf8Scan::clean;
        if (clean && borrow != nullptr) {
            *borrow = bytes;
        } else {
            copy_large(d.text, bytes);
        }
        d.encoding = "utf-8";
        return finish();
    }
    if (const std::string guess = detect(bytes); !guess.empty() && attempt(bytes, guess)) {
        if (d.encoding == "gb18030") {
            // Undeclared Chinese text is named after the narrowest of GB2312 < GBK < GB18030
            // its bytes fit (the text is the same: GB18030 reads all three).
            std::string probe;
            if (convert_strict(bytes, "GB2312", probe)) {
                d.encoding = "gb2312";
            } else if (convert_strict(bytes, "GBK", probe)) {
                d.encoding = "gbk";
            }
        }
        d.problem = "no usable charset declared; detected " + d.encoding;
        return finish();
    }
    // Last resort: a declared legacy charset read lossily, else UTF-8 with replacements.
    std::string fallback = canonical_charset(declared.empty() ? http_charset : declared);
    if (fallback.empty() || fallback == "utf-8") {
        d.text = sanitize_utf8(bytes);
        d.encoding = "utf-8";
    } else {
        d.text = convert_lossy(bytes, iconv_name(fallback));
        d.encoding = fallback;
    }
    d.lossy = true;
    return finish();
}

} // namespace

Decoded to_utf8(std::string_view bytes,
                std::string_view http_charset,
                DocKind kind,
                std::string_view override_charset) {
    return decode(bytes, http_charset, kind, override_charset, nullptr);
}

DecodedView to_utf8_view(std::string_view bytes,
                         std::string_view http_charset,
                         DocKind kind,
                         std::string_view override_charset) {
    DecodedView out;
    std::optional<std::string_view> borrow;
    out.decoded = decode(bytes, http_charset, kind, override_charset, &borrow);
    if (borrow) {
        out.borrowed = *borrow;
        out.is_borrowed = true;
    }
    return out;
}

} // namespace archiver::text
