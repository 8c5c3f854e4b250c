// SPDX-License-Identifier: MIT
#include <archiver/html/dom.hpp>

#include "gumbo_output.hpp"

#include <algorithm>
#include <array>

namespace archiver::html {

namespace detail {

bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i];
        char y = b[i];
        if (x >= 'A' && x <= 'Z') {
            x = static_cast<char>(x - 'A' + 'a');
        }
        if (y >= 'A' && y <= 'Z') {
            y = static_cast<char>(y - 'A' + 'a');
        }
        if (x != y) {
            return false;
        }
    }
    return true;
}

} // namespace detail

bool is_block_tag(std::string_view tag) noexcept {
    // By length, then by name: most tags are short inline ones that one comparison rules out.
    switch (tag.size()) {
    case 1:
        return tag[0] == 'p';
    case 2:
        return tag == "dd" || tag == "dl" || tag == "dt" || tag == "hr" || tag == "li" ||
               tag == "ol" || tag == "td" || tag == "th" || tag == "tr" || tag == "ul" ||
               (tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6');
    case 3:
        return tag == "div" || tag == "dir" || tag == "nav" || tag == "pre";
    case 4:
        return tag == "body" || tag == "form" || tag == "main" || tag == "menu";
    case 5:
        return tag == "aside" || tag == "table";
    case 6:
        return tag == "center" || tag == "dialog" || tag == "figure" || tag == "footer" ||
               tag == "header";
    case 7:
        return tag == "address" || tag == "article" || tag == "caption" || tag == "details" ||
               tag == "section";
    case 8:
        return tag == "fieldset";
    case 10:
        return tag == "blockquote" || tag == "figcaption";
    default:
        return false;
    }
}

namespace {

// Length of the whitespace sequence at `s[i]`: ASCII space/tab/CR/LF/FF, U+00A0, U+3000,
// U+2000..U+200B, U+FEFF; 0 when none.
std::size_t whitespace_at(std::string_view s, std::size_t i) noexcept {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        return 1;
    }
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
        return 2;
    }
    if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        static_cast<unsigned char>(s[i + 2]) == 0x80) {
        return 3;
    }
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) {
        auto d = static_cast<unsigned char>(s[i + 2]);
        if (d >= 0x80 && d <= 0x8B) {
            return 3;
        }
    }
    if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBB &&
        static_cast<unsigned char>(s[i + 2]) == 0xBF) {
        return 3;
    }
    return 0;
}

} // namespace

// Bytes that may begin a whitespace sequence (see whitespace_at).
struct WhitespaceLeads {
    bool of[256];
    constexpr WhitespaceLeads() : of() {
        for (unsigned char c : {' ', '\t', '\n', '\r', '\f', '\v'}) {
            of[c] = true;
        }
        for (unsigned char c : {0xC2, 0xE2, 0xE3, 0xEF}) {
            of[c] = true;
        }
    }
};

constexpr WhitespaceLeads k_whitespace_leads;

std::string collapse_whitespace(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    std::size_t i = 0;
    while (i < text.size()) {
        // A run that holds no whitespace is copied in one piece.
        std::size_t j = i;
        while (j < text.size() && !k_whitespace_leads.of[static_cast<unsigned char>(text[j])]) {
            ++j;
        }
        if (j > i) {
            if (pending_space) {
                out += ' ';
                pending_space = false;
            }
            out.append(text.substr(i, j - i));
            i = j;
            continue;
        }
        if (std::size_t w = whitespace_at(text, i); w > 0) {
            pending_space = !out.empty();
            i += w;
            continue;
        }
        if (pending_space) {
            out += ' ';
            pending_space = false;
        }
        out += text[i];
        ++i;
    }
    return out;
}

std::string decode_entities(std::string_view text) {
    if (text.find('&') == std::string_view::npos) {
        return std::string(text);
    }
    // <textarea> is RCDATA: character references are decoded and tags are not parsed. The
    // leading newline is the one the HTML parser drops right after the start tag.
    std::string wrapped = "<textarea>\n";
    wrapped += text;
    Document doc = Document::parse(wrapped);
    Node area = doc.body().select_first("textarea");
    std::string out;
    for (std::size_t i = 0; i < area.child_count(); ++i) {
        out += area.child(i).text_value();
    }
    return out;
}

} // namespace archiver::html
