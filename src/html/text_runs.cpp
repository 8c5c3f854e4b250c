// SPDX-License-Identifier: MIT
#include "parse.hpp"
#include "scan.hpp"

#include <array>
#include <atomic>
#include <cstring>

namespace archiver::html::detail {

namespace {

std::atomic<bool> g_folding{true};

// A run shorter than this stays: its marker would save gumbo little.
constexpr std::size_t k_min_run = 16;
// The markers are two code points of U+E000..U+EFFF (UTF-8 lead byte 0xEE), 12 bits of the
// run's index each.
constexpr unsigned char k_marker_lead = 0xEE;
constexpr std::size_t k_marker_bytes = 6;
constexpr std::size_t k_max_runs = std::size_t{1} << 24;

void append_marker(std::string& out, std::size_t index) {
    for (const std::size_t part : {index >> 12, index & 0xFFF}) {
        out += static_cast<char>(k_marker_lead);
        out += static_cast<char>(0x80 | (part >> 6));
        out += static_cast<char>(0x80 | (part & 0x3F));
    }
}

bool is_html_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\f'; }

// Bytes a run may hold as they are: printable ASCII other than the ones a tokenizer state
// acts on ('<', '&', '>', ']'; CR and NUL are rewritten by gumbo; other controls reported).
constexpr auto k_run_ascii = [] {
    std::array<bool, 128> t{};
    for (int c = 0x20; c < 0x7F; ++c) {
        t[static_cast<std::size_t>(c)] = c != '<' && c != '&' && c != '>' && c != ']';
    }
    t['\t'] = t['\n'] = t['\f'] = true;
    return t;
}();

// Length of the non-ASCII code point at s[i] when it is one a run may hold (valid UTF-8,
// U+00A0 and above, not a noncharacter: gumbo passes it through unchanged), else 0.
std::size_t run_code_point(std::string_view s, std::size_t i) noexcept {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char b0 = b(i);
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2;
        cp = b0 & 0x1Fu;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3;
        cp = b0 & 0x0Fu;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4;
        cp = b0 & 0x07u;
    } else {
        return 0;
    }
    if (i + len > s.size()) {
        return 0;
    }
    for (std::size_t k = 1; k < len; ++k) {
        if ((b(i + k) & 0xC0) != 0x80) {
            return 0;
        }
        cp = (cp << 6) | (b(i + k) & 0x3Fu);
    }
    const std::uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < least[len] || cp < 0xA0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ||
        (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) {
        return 0;
    }
    return len;
}

// Where the markup that starts at html[i] ('<') ends (the index after it), as far as gumbo
// could take it: a tag to its '>' (quoted values skipped), a comment to "-->", other "<!" and
// "<?" constructs and "</" + non-letter to the first '>'. 0 for a '<' that is text; npos when
// the markup does not end.
std::size_t markup_end(std::string_view html, std::size_t i) noexcept {
    const auto is_letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    const auto after = [](std::size_t gt) { return gt == std::string_view::npos ? gt : gt + 1; };
    if (i + 1 >= html.size()) {
        return 0;
    }
    const char c = html[i + 1];
    if (is_letter(c)) {
        return after(tag_end(html, i + 2));
    }
    if (c == '/') {
        if (i + 2 < html.size() && is_letter(html[i + 2])) {
            return after(tag_end(html, i + 3));
        }
        return after(html.find('>', i + 2));
    }
    if (c == '!') {
        if (at_ci(html, i, "<!--")) {
            const std::size_t end = html.find("-->", i + 4);
            return end == std::string_view::npos ? end : end + 3;
        }
        return after(html.find('>', i + 2));
    }
    if (c == '?') {
        return after(html.find('>', i + 2));
    }
    return 0;
}

// Whether a numeric character reference of `html` stands for a code point of the markers'
// range (gumbo would decode it into a text node, where it would pass for a marker).
bool references_marker_range(std::string_view html) noexcept {
    for (std::size_t at = html.find("&#"); at != std::string_view::npos; at = html.find("&#", at + 2)) {
        std::size_t k = at + 2;
        const bool hex = k < html.size() && (html[k] == 'x' || html[k] == 'X');
        k += hex ? 1 : 0;
        std::uint64_t value = 0;
        for (; k < html.size() && value <= 0x10FFFF; ++k) {
            const char c = html[k];
            int digit = -1;
            if (c >= '0' && c <= '9') {
                digit = c - '0';
            } else if (hex && c >= 'a' && c <= 'f') {
                digit = c - 'a' + 10;
            } else if (hex && c >= 'A' && c <= 'F') {
                digit = c - 'A' + 10;
            }
            if (digit < 0) {
                break;
            }
            value = value * (hex ? 16 : 10) + static_cast<std::uint64_t>(digit);
        }
        if (value >= 0xE000 && value <= 0xEFFF) {
            return true;
        }
    }
    return false;
}

} // namespace

void set_text_run_folding(bool on) noexcept { g_folding.store(on, std::memory_order_relaxed); }

bool fold_text_runs(std::string_view html, std::string& marked, std::vector<TextRun>& runs) {
    runs.clear();
    marked.clear();
    if (!g_folding.load(std::memory_order_relaxed) || html.size() > 0xFFFFFFFFu ||
        std::memchr(html.data(), k_marker_lead, html.size()) != nullptr ||
        references_marker_range(html)) {
        return false;
    }
    const std::size_t n = html.size();
    std::size_t copied = 0;   // html[0, copied) is in `marked`
    bool can_start = false;   // a run may start here: after whitespace or markup
    std::size_t i = 0;
    while (i < n && runs.size() < k_max_runs) {
        const char c = html[i];
        if (c == '<') {
            const std::size_t end = markup_end(html, i);
            if (end == std::string_view::npos) {
                break; // unterminated markup: the rest stays as it is
            }
            if (end == 0) {
                ++i; // a '<' that is text
                can_start = false;
                continue;
            }
            const bool script_start =
                at_ci(html, i, "<script") && i + 7 < n && is_tag_name_end(html[i + 7]);
            i = end;
            can_start = true;
            if (script_start) { // "<script/>" starts script data too
                // Script data: nothing in it is folded, and a body holding "<!--" (where gumbo's
                // escaped states begin) ends the folding altogether.
                const std::size_t close = find_ci(html, "</script", i);
                if (close == std::string_view::npos ||
                    html.substr(i, close - i).find("<!--") != std::string_view::npos) {
                    break;
                }
                i = close;
            }
            continue;
        }
        if (is_html_space(c)) {
            can_start = true;
            ++i;
            continue;
        }
        if (!can_start) {
            ++i;
            continue;
        }
        // A run: safe characters from here; it ends after its last character that is
        // neither whitespace nor '-' (a script's escaped states count dashes).
        const std::size_t start = i;
        std::size_t last = i;
        while (i < n) {
            const auto b = static_cast<unsigned char>(html[i]);
            if (b < 0x80) {
                if (!k_run_ascii[b]) {
                    break;
                }
                ++i;
                if (!is_html_space(static_cast<char>(b)) && b != '-') {
                    last = i;
                }
                continue;
            }
            // U+1000..U+CFFF (most CJK text): three bytes, valid whenever the two after the
            // lead are continuation bytes; anything else is checked in full.
            if (b >= 0xE1 && b <= 0xEC && i + 2 < n &&
                (static_cast<unsigned char>(html[i + 1]) & 0xC0) == 0x80 &&
                (static_cast<unsigned char>(html[i + 2]) & 0xC0) == 0x80) {
                i += 3;
                last = i;
                continue;
            }
            const std::size_t len = run_code_point(html, i);
            if (len == 0) {
                break;
            }
            i += len;
            last = i;
        }
        if (last - start >= k_min_run) {
            marked.append(html, copied, start - copied);
            append_marker(marked, runs.size());
            runs.push_back(TextRun{static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(last - start)});
            copied = last;
        }
        can_start = false; // stopped at a character a run may not hold (or the end)
        if (i == start) {
            ++i;
        }
    }
    if (runs.empty()) {
        marked.clear();
        return false;
    }
    marked.append(html, copied, n - copied);
    return true;
}

bool unfold_text_runs(GumboNode* document,
                      std::string_view source,
                      const std::vector<TextRun>& runs,
                      Arena& arena) {
    std::vector<bool> seen(runs.size(), false);
    std::size_t found = 0;
    std::vector<GumboNode*> stack{document};
    while (!stack.empty()) {
        GumboNode* node = stack.back();
        stack.pop_back();
        if (GumboVector* kids = children_of(node)) {
            for (unsigned k = 0; k < kids->length; ++k) {
                stack.push_back(static_cast<GumboNode*>(kids->data[k]));
            }
            continue;
        }
        if (node->type != GUMBO_NODE_TEXT && node->type != GUMBO_NODE_WHITESPACE &&
            node->type != GUMBO_NODE_CDATA) {
            continue;
        }
        const std::string_view text = node->v.text.text;
        if (text.find(static_cast<char>(k_marker_lead)) == std::string_view::npos) {
            continue;
        }
        // First the size and the runs (every marker whole, each run once), then the copy.
        std::size_t size = 0;
        std::vector<std::size_t> order;
        for (std::size_t i = 0; i < text.size();) {
            if (static_cast<unsigned char>(text[i]) != k_marker_lead) {
                ++i;
                ++size;
                continue;
            }
            if (i + k_marker_bytes > text.size() ||
                static_cast<unsigned char>(text[i + 3]) != k_marker_lead) {
                return false;
            }
            const auto part = [&](std::size_t at) {
                return (static_cast<std::size_t>(static_cast<unsigned char>(text[at + 1]) & 0x3F) << 6) |
                       (static_cast<unsigned char>(text[at + 2]) & 0x3F);
            };
            const std::size_t index = (part(i) << 12) | part(i + 3);
            if (index >= runs.size() || seen[index]) {
                return false;
            }
            seen[index] = true;
            ++found;
            order.push_back(index);
            size += runs[index].length;
            i += k_marker_bytes;
        }
        auto* out = static_cast<char*>(arena.allocate(size + 1));
        char* o = out;
        std::size_t next = 0;
        for (std::size_t i = 0; i < text.size();) {
            if (static_cast<unsigned char>(text[i]) != k_marker_lead) {
                *o++ = text[i++];
                continue;
            }
            const TextRun& run = runs[order[next++]];
            std::memcpy(o, source.data() + run.offset, run.length);
            o += run.length;
            i += k_marker_bytes;
        }
        *o = '\0';
        node->v.text.text = out;
    }
    return found == runs.size();
}

} // namespace archiver::html::detail
