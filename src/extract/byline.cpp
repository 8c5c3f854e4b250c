// SPDX-License-Identifier: MIT
#include "byline.hpp"

#include "dates.hpp"

#include <archiver/html/unicode.hpp>

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <regex>
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

} // namespace

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
    static const std::regex k_author("(?:作者|记者|撰文|编译)\\s*(?:：|:|／|/|\\||\\s)\\s*([^\\s,;|:()]+)");
    static const std::regex k_editor("(?:责任编辑|责编|编辑)\\s*(?:：|:)\\s*([^\\s,;|:()]+)");
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
            // std::regex is slow and this runs on every short block of every page: search
            // only text holding one of the keywords the patterns start with.
            const auto holds = [&text](std::initializer_list<std::string_view> words) {
                return std::any_of(words.begin(), words.end(), [&text](std::string_view w) {
                    return text.find(w) != std::string::npos;
                });
            };
            std::smatch m;
            if (author_pattern.empty() && holds({"作者", "记者", "撰文", "编译"}) &&
                std::regex_search(text, m, k_author)) {
                author_pattern = cut_name(m[1].str());
            }
            if (editor.empty() && holds({"编辑", "责编"}) && std::regex_search(text, m, k_editor)) {
                editor = cut_name(m[1].str());
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
