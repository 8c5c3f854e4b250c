// SPDX-License-Identifier: MIT
#include <archiver/normalize/normalize.hpp>

#include <archiver/core/url.hpp>
#include <archiver/core/utf8.hpp>

#include "normalize/sha256.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace archiver::normalize {

namespace {

bool is_ascii_alnum(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// ASCII spellings of Latin-1 and Latin Extended-A letters (U+00C0..U+017F), so "Café Müller"
// becomes "cafe-muller". Index: code point - 0xC0.
constexpr std::array<const char*, 0x180 - 0xC0> k_latin = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // C0
    "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "ss", // D0
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // E0
    "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "y",  // F0
    "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",   // 100
    "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",   // 110
    "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",   // 120
    "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l", // 130
    "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",   // 140
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s", // 150
    "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",   // 160
    "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",   // 170
};

// Words of `text` in ASCII joined by '-': letters and digits kept (lower case), Latin
// letters with diacritics spelled in ASCII, everything else a separator. `foreign` counts
// letters of other scripts that were dropped.
std::string ascii_words(std::string_view text, std::size_t& foreign) {
    std::string out;
    bool gap = false;
    std::size_t i = 0;
    while (i < text.size()) {
        const char32_t c = decode_utf8(text, i);
        std::string piece;
        if (c < 0x80 && is_ascii_alnum(static_cast<char>(c))) {
            piece = lower(static_cast<char>(c));
        } else if (c >= 0xC0 && c < 0x180) {
            piece = k_latin[c - 0xC0];
        } else if (c >= 0xFF10 && c <= 0xFF5A && is_ascii_alnum(static_cast<char>(c - 0xFEE0))) {
            piece = lower(static_cast<char>(c - 0xFEE0)); // full-width ASCII
        } else if (c == '\'' || c == 0x2019) {
            continue; // "don't" -> "dont"
        } else if (c >= 0x80 && c != 0xFFFD && !(c >= 0x2000 && c <= 0x206F) &&
                   !(c >= 0x3000 && c <= 0x303F) && !(c >= 0xFF00 && c <= 0xFF65)) {
            ++foreign;
        }
        if (piece.empty()) {
            gap = true;
            continue;
        }
        if (gap && !out.empty()) {
            out += '-';
        }
        gap = false;
        out += piece;
    }
    return out;
}

// Cuts `slug` to `max_bytes`, at a '-' when one is in the second half.
std::string cut(std::string slug, std::size_t max_bytes) {
    if (slug.size() > max_bytes) {
        slug.resize(max_bytes);
        const std::size_t dash = slug.rfind('-');
        if (dash != std::string::npos && dash >= max_bytes / 2) {
            slug.resize(dash);
        }
    }
    while (!slug.empty() && slug.back() == '-') {
        slug.pop_back();
    }
    return slug;
}

bool has_digit(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A path segment or query value that names the article itself: `202502071089688`,
// `c1001-40414562`, `some-headline-words`, `n225789219` — not `index`, `05` or `news`.
bool looks_like_id(std::string_view slug) {
    if (slug.empty()) {
        return false;
    }
    static constexpr std::string_view k_generic[] = {
        "index", "default", "detail", "details", "article", "articles", "content", "show",
        "view",  "page",    "post",   "posts",   "news",    "story",    "amp",     "print"};
    for (auto g : k_generic) {
        if (slug == g) {
            return false;
        }
    }
    if (has_digit(slug)) {
        return slug.size() >= 4;
    }
    return std::count(slug.begin(), slug.end(), '-') >= 2; // a headline slug
}

std::string strip_extension(std::string segment) {
    static constexpr std::string_view k_extensions[] = {".html", ".htm", ".shtml", ".php",
                                                        ".aspx", ".asp", ".jsp",   ".xhtml"};
    for (auto ext : k_extensions) {
        if (segment.size() > ext.size() &&
            std::equal(ext.rbegin(), ext.rend(), segment.rbegin(),
                       [](char a, char b) { return a == lower(b); })) {
            segment.resize(segment.size() - ext.size());
            break;
        }
    }
    return segment;
}

// The id the article's URL carries: its last meaningful path segment, else an `id`-like
// query value. Empty when it has none.
std::string url_id(std::string_view text) {
    const auto parsed = url::parse(text);
    if (!parsed) {
        return {};
    }
    std::string path = parsed->path;
    while (!path.empty()) {
        const std::size_t slash = path.rfind('/');
        std::string segment = strip_extension(url::percent_decode(path.substr(slash + 1)));
        path.resize(slash == std::string::npos ? 0 : slash);
        std::size_t foreign = 0;
        std::string slug = ascii_words(segment, foreign);
        if (foreign > 0) {
            return {}; // a non-ASCII headline: the title does as well
        }
        if (looks_like_id(slug)) {
            return slug;
        }
        if (!slug.empty() && !has_digit(slug) && slug != "index") {
            break; // a section name ("tech"): what lies left of it is no article id
        }
        if (!slug.empty() && slug.size() < 4 && has_digit(slug)) {
            break; // a date part ("/2025/02/07/"): ditto
        }
    }
    // `?id=123`, `?articleId=...`, `?p=42`: the query's own id.
    std::string_view query = parsed->query;
    while (!query.empty()) {
        const std::size_t amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        const std::size_t eq = pair.find('=');
        if (eq == std::string_view::npos) {
            continue;
        }
        std::string name;
        for (char c : pair.substr(0, eq)) {
            name += lower(c);
        }
        if (name == "id" || name == "p" || name == "aid" || name == "docid" ||
            name.ends_with("_id") || (name.size() > 2 && name.ends_with("id"))) {
            std::size_t foreign = 0;
            std::string slug = ascii_words(url::percent_decode(pair.substr(eq + 1)), foreign);
            if (foreign == 0 && has_digit(slug)) {
                return slug;
            }
        }
    }
    return {};
}

} // namespace

std::string make_slug(std::string_view url, std::string_view title, std::size_t max_bytes) {
    max_bytes = std::clamp<std::size_t>(max_bytes, 16, 200);
    std::string slug = cut(url_id(url), max_bytes);
    if (!slug.empty()) {
        return slug;
    }
    std::size_t foreign = 0;
    const std::string words = ascii_words(title, foreign);
    // Pinyin is not available: a title mostly in another script gets a stable hash, so
    // two headlines sharing an ASCII acronym ("AI") do not collide.
    if (!words.empty() && foreign == 0) {
        slug = cut(words, max_bytes);
    }
    if (slug.empty()) {
        const std::string_view basis = title.empty() ? url : title;
        slug = detail::sha256_hex(basis).substr(0, 12);
    }
    return slug;
}

std::string safe_component(std::string_view text, std::size_t max_bytes) {
    max_bytes = std::clamp<std::size_t>(max_bytes, 16, 200);
    std::string out;
    for (char c : text) {
        const bool ok = is_ascii_alnum(c) || c == '.' || c == '_' || c == '-';
        const char next = ok ? c : '-';
        // Runs of separators and dots collapse: no "--", and never "..".
        if ((next == '-' || next == '.') && !out.empty() && (out.back() == '-' || out.back() == '.')) {
            if (next == '-' && out.back() == '.') {
                out.back() = '-';
            }
            continue;
        }
        out += next;
    }
    const auto trim = [](std::string& s) {
        const std::size_t first = s.find_first_not_of(".-");
        if (first == std::string::npos) {
            s.clear();
            return;
        }
        s.erase(0, first);
        s.erase(s.find_last_not_of(".-") + 1); // Windows drops trailing dots
    };
    trim(out);
    if (out.size() > max_bytes) {
        out.resize(max_bytes);
        trim(out);
    }
    if (out.empty()) {
        // Nothing ASCII survived (a name in another script): a stable name from its bytes.
        return text.empty() ? std::string("_") : "_" + detail::sha256_hex(text).substr(0, 12);
    }
    // Windows device names are reserved with any extension ("con.txt", "LPT1.md").
    std::string stem;
    for (char c : out.substr(0, out.find('.'))) {
        stem += lower(c);
    }
    static constexpr std::string_view k_reserved[] = {"con", "prn", "aux", "nul", "clock$"};
    bool reserved = std::find(std::begin(k_reserved), std::end(k_reserved), stem) !=
                    std::end(k_reserved);
    if (stem.size() == 4 && (stem.starts_with("com") || stem.starts_with("lpt")) &&
        stem[3] >= '0' && stem[3] <= '9') {
        reserved = true;
    }
    if (reserved) {
        out.insert(0, "_");
    }
    return out;
}

std::string synthesize_guid(std::string_view link, std::string_view title, std::string_view date) {
    std::string basis;
    basis.append(link).append(1, '\x1F').append(title).append(1, '\x1F').append(date);
    return "urn:archiver:" + detail::sha256_hex(basis).substr(0, 32);
}

} // namespace archiver::normalize
