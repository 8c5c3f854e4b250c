// SPDX-License-Identifier: MIT
#include "byline.hpp"

#include "dates.hpp"

#include <archiver/html/unicode.hpp>

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace archiver::extract::detail {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

bool hint_in(html::Node n, std::initializer_list<std::string_view> words) {
    for (int up = 0; up < 3 && n.is_element(); ++up, n = n.parent()) {
        std::string v = lower(n.attr("class"));
        v += ' ';
        v += lower(n.attr("id"));
        v += ' ';
        v += lower(n.attr("itemprop"));
        v += ' ';
        v += lower(n.attr("rel"));
        for (std::string_view w : words) {
            if (v.find(w) != std::string::npos) {
                return true;
            }
        }
    }
    return false;
}

bool has_year(std::string_view s) {
    for (std::size_t i = 0; i + 4 <= s.size(); ++i) {
        if ((s[i] == '1' && s[i + 1] == '9') || (s[i] == '2' && s[i + 1] == '0')) {
            if (s[i + 2] >= '0' && s[i + 2] <= '9' && s[i + 3] >= '0' && s[i + 3] <= '9') {
                return true;
            }
        }
    }
    return false;
}

constexpr int k_short = 200; // weighted characters of a byline-sized block

std::string clean_name(std::string name) {
    name = html::collapse_whitespace(name);
    for (std::string_view prefix : {"By ", "by ", "BY "}) {
        if (name.compare(0, prefix.size(), prefix) == 0) {
            name = name.substr(prefix.size());
        }
    }
    return name;
}

// A name captured after `作者：` ends at CJK punctuation and is at most 16 code points.
std::string cut_name(const std::string& raw) {
    std::string out;
    std::size_t i = 0;
    std::size_t count = 0;
    while (i < raw.size() && count < 16) {
        std::size_t start = i;
        char32_t cp = html::next_code_point(raw, i);
        if (html::is_punctuation(cp) || html::is_space(cp)) {
            break;
        }
        out.append(raw, start, i - start);
        ++count;
    }
    return count >= 2 ? out : std::string();
}

// The byline patterns' character classes, as ECMAScript's \s and the name's class read
// bytes: ASCII spaces, and a name runs to the next space or ASCII , ; | : ( ).
bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

bool is_name_byte(char c) {
    return !is_space(c) && c != ',' && c != ';' && c != '|' && c != ':' && c != '(' && c != ')';
}

std::size_t skip_spaces(std::string_view text, std::size_t i) {
    while (i < text.size() && is_space(text[i])) {
        ++i;
    }
    return i;
}

std::string_view name_at(std::string_view text, std::size_t i) {
    std::size_t end = i;
    while (end < text.size() && is_name_byte(text[end])) {
        ++end;
    }
    return text.substr(i, end - i);
}

// The length of the first of `seps` at `i` of `text`, 0 when none is.
std::size_t separator_at(std::string_view text, std::size_t i,
                         std::initializer_list<std::string_view> seps) {
    for (std::string_view sep : seps) {
        if (text.substr(i).starts_with(sep)) {
            return sep.size();
        }
    }
    return 0;
}

// The first keyword of `keywords` at `i` of `text`, empty when none is.
std::string_view keyword_at(std::string_view text, std::size_t i,
                            std::initializer_list<std::string_view> keywords) {
    for (std::string_view k : keywords) {
        if (text.substr(i).starts_with(k)) {
            return k;
        }
    }
    return {};
}

} // namespace

std::optional<std::string_view> author_after_keyword(std::string_view text) {
    for (std::size_t p = 0; p < text.size(); ++p) {
        if (static_cast<unsigned char>(text[p]) < 0x80) {
            continue; // every keyword starts with a CJK character
        }
        const std::string_view k = keyword_at(text, p, {"作者", "记者", "撰文", "编译"});
        if (k.empty()) {
            continue;
        }
        const std::size_t after = p + k.size();
        const std::size_t r = skip_spaces(text, after);
        // The spaces, then a separator mark, then the name after any spaces.
        if (const std::size_t n = separator_at(text, r, {"：", ":", "／", "/", "|"}); n > 0) {
            if (const auto name = name_at(text, skip_spaces(text, r + n)); !name.empty()) {
                return name;
            }
        }
        // Else a space is the separator: the name starts after the spaces.
        if (r > after) {
            if (const auto name = name_at(text, r); !name.empty()) {
                return name;
            }
        }
    }
    return std::nullopt;
}

std::optional<std::string_view> editor_after_keyword(std::string_view text) {
    for (std::size_t p = 0; p < text.size(); ++p) {
        if (static_cast<unsigned char>(text[p]) < 0x80) {
            continue; // every keyword starts with a CJK character
        }
        const std::string_view k = keyword_at(text, p, {"责任编辑", "责编", "编辑"});
        if (k.empty()) {
            continue;
        }
        const std::size_t r = skip_spaces(text, p + k.size());
        if (const std::size_t n = separator_at(text, r, {"：", ":"}); n > 0) {
            if (const auto name = name_at(text, skip_spaces(text, r + n)); !name.empty()) {
                return name;
            }
        }
    }
    return std::nullopt;
}

void find_byline(const Analysis& a, const Options& options, const DateHints& hints, Article& out) {
    const bool date_has_time = hints.has_time;
    // A day-precise date is refined by a byline time on the same day.
    std::optional<DateTime> day_only;
    if (out.date && !date_has_time) {
        day_only = out.date;
        out.date.reset();
    }
    // The headline's position: bylines follow it.
    int headline = -1;
    for (std::size_t i = 0; i < a.infos.size(); ++i) {
        const Info& info = a.infos[i];
        if (info.tag == "h1" && !info.dead) {
            if (headline < 0 || info.node.text() == out.title) {
                headline = static_cast<int>(i);
                if (info.node.text() == out.title) {
                    break;
                }
            }
        }
    }
    struct Candidate {
        int rank = 1 << 30;
        FoundDate date;
    } best;
    std::string author_byline, author_pattern, editor;
    for (std::size_t i = 1; i < a.infos.size(); ++i) {
        const Info& info = a.infos[i];
        if (info.dead || info.chars == 0 || info.chars > k_short) {
            continue;
        }
        const Info& parent = a.infos[static_cast<std::size_t>(info.parent)];
        if (parent.chars <= k_short && info.parent > 0) {
            continue; // evaluated as part of the parent
        }
        std::string text = info.node.text();
        bool after = headline >= 0 && static_cast<int>(i) > headline;
        if (!out.date && has_year(text)) {
            if (auto d = find_date(text, options.zone)) {
                bool hinted = hint_in(info.node, {"date", "time", "pub", "info", "meta", "byline",
                                                  "source", "author", "post"});
                int rank = static_cast<int>(i) + (after ? 0 : 100000) + (hinted ? 0 : 50000) +
                           (d->has_time ? 0 : 20000);
                if (rank < best.rank) {
                    best = Candidate{rank, *d};
                }
            }
        }
        if (out.author.empty()) {
            if (author_byline.empty() && info.chars <= 100 &&
                hint_in(info.node, {"author", "byline", "writer"}) && !has_year(text)) {
                author_byline = clean_name(text);
            }
            if (author_pattern.empty()) {
                if (const auto name = author_after_keyword(text)) {
                    author_pattern = cut_name(std::string(*name));
                }
            }
            if (editor.empty()) {
                if (const auto name = editor_after_keyword(text)) {
                    editor = cut_name(std::string(*name));
                }
            }
        }
    }
    if (!out.date && best.rank != (1 << 30)) {
        bool same_day = !day_only || (best.date.has_time &&
                                      format_pattern(best.date.when, "%Y-%m-%d") ==
                                          format_pattern(*day_only, "%Y-%m-%d"));
        if (same_day) {
            out.date = best.date.when;
            out.provenance["date"] = day_only ? out.provenance["date"] + "+byline" : "byline";
        }
    }
    if (!out.date && day_only) {
        out.date = day_only;
    }
    if (!out.date && hints.fallback) {
        out.date = hints.fallback;
        out.provenance["date"] = "json-ld:pubDate";
    }
    if (!out.date) {
        if (auto d = find_url_date(out.url, options.zone)) {
            out.date = d->when;
            out.provenance["date"] = "url";
        }
    }
    if (out.author.empty()) {
        for (auto [value, rule] : {std::pair{&author_byline, "byline"},
                                   std::pair{&author_pattern, "byline:作者"},
                                   std::pair{&editor, "byline:责任编辑"}}) {
            if (!value->empty() && html::code_point_count(*value) <= 60) {
                out.author = *value;
                out.provenance["author"] = rule;
                break;
            }
        }
    }
}

} // namespace archiver::extract::detail
