// SPDX-License-Identifier: MIT
#include "filter.hpp"

#include "dates.hpp"

#include <archiver/html/unicode.hpp>

#include <algorithm>
#include <array>
#include <string>

namespace archiver::extract::detail {

namespace {

void plain(const ContentNode& n, std::string& all, std::string& linked, bool in_link) {
    if (n.kind == NodeKind::text || n.kind == NodeKind::code) {
        all += n.text;
        if (in_link) {
            linked += n.text;
        }
    }
    for (const auto& c : n.children) {
        plain(c, all, linked, in_link || n.kind == NodeKind::link);
    }
}

bool starts_with_any(const std::string& s, std::initializer_list<std::string_view> prefixes) {
    for (std::string_view p : prefixes) {
        if (s.size() >= p.size() && std::equal(p.begin(), p.end(), s.begin(), [](char a, char b) {
                return (a >= 'A' && a <= 'Z' ? a - 'A' + 'a' : a) ==
                       (b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b);
            })) {
            return true;
        }
    }
    return false;
}

// True for a line written in capitals ("GET FOX BUSINESS ON THE GO"): promos and teasers.
bool is_shouted(const std::string& s) {
    int upper = 0;
    int lower = 0;
    int spaces = 0;
    for (std::size_t i = 0; i < s.size();) {
        if (html::is_cjk(html::next_code_point(s, i))) {
            return false; // CJK text with Latin acronyms ("AI 2.0时代") is not a capitals promo
        }
    }
    for (char c : s) {
        upper += (c >= 'A' && c <= 'Z') ? 1 : 0;
        lower += (c >= 'a' && c <= 'z') ? 1 : 0;
        spaces += c == ' ' ? 1 : 0;
    }
    return upper >= 6 && lower == 0 && spaces >= 1;
}

bool is_junk_block(const ContentNode& block) {
    std::string all, linked;
    plain(block, all, linked, false);
    if (all.empty()) {
        return false; // images
    }
    std::size_t len = html::code_point_count(all);
    if (len > 200) {
        return false;
    }
    bool letters = std::any_of(all.begin(), all.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80;
    });
    if (!letters && len <= 5) {
        return true; // "6", "1/12": gallery counters
    }
    if (!linked.empty() && linked.size() * 10 >= all.size() * 9 && len < 120) {
        return true; // a line that is one link: a teaser
    }
    if (len < 80 && is_shouted(all)) {
        return true;
    }
    if (starts_with_any(all, {"updated", "published", "posted", "last updated", "continue reading",
                              "you may also like", "read more", "related:", "related articles",
                              "trending", "advertisement", "citation:", "sign up", "subscribe",
                              "follow us", "click here", "share this", "image:", "photo:",
                              "credit:", "this document is subject to copyright",
                              "copyright ©", "© ", "all rights reserved", "责任编辑", "责编",
                              "来源：", "(责任编辑", "（责任编辑", "原标题", "本文来源",
                              "版权声明", "点击进入", "相关阅读", "相关新闻", "更多精彩",
                              "声明：", "免责声明"})) {
        return true;
    }
    if (len < 100) {
        if (auto d = find_date(all, TimeZone{})) {
            // A line that is mostly a date: a byline or timestamp.
            std::size_t digits = static_cast<std::size_t>(
                std::count_if(all.begin(), all.end(), [](char c) { return c >= '0' && c <= '9'; }));
            if (digits * 4 >= len || len < 40) {
                return true;
            }
        }
    }
    return false;
}

// A legal notice that opens a trailing run of blocks ("反侵权公告：" and the clauses under
// it): the index of its first block, or kids.size(). Only when less text follows than precedes.
std::size_t trailing_notice(const std::vector<ContentNode>& kids) {
    std::vector<std::size_t> sizes;
    std::size_t total = 0;
    std::size_t notice = kids.size();
    for (std::size_t i = 0; i < kids.size(); ++i) {
        std::string all, linked;
        plain(kids[i], all, linked, false);
        sizes.push_back(all.size());
        total += all.size();
        std::string_view text = all;
        while (text.substr(0, 3) == "\xE3\x80\x80" || text.substr(0, 1) == " ") {
            text.remove_prefix(text[0] == ' ' ? 1 : 3); // ideographic and ASCII spaces
        }
        if (notice == kids.size() && i > 0 && text.size() < 40 &&
            starts_with_any(std::string(text), {"反侵权公告", "版权声明", "免责声明", "侵权声明",
                                                "特别声明", "法律声明", "copyright notice",
                                                "legal notice", "disclaimer"})) {
            notice = i;
        }
    }
    if (notice == kids.size()) {
        return notice;
    }
    std::size_t before = 0;
    for (std::size_t i = 0; i < notice; ++i) {
        before += sizes[i];
    }
    return total - before < before ? notice : kids.size();
}

void filter(ContentNode& n) {
    auto& kids = n.children;
    kids.erase(kids.begin() + static_cast<std::ptrdiff_t>(trailing_notice(kids)), kids.end());
    kids.erase(std::remove_if(kids.begin(), kids.end(),
                              [](const ContentNode& c) {
                                  return (c.kind == NodeKind::paragraph ||
                                          c.kind == NodeKind::heading) &&
                                         is_junk_block(c);
                              }),
               kids.end());
    for (auto& c : kids) {
        if (c.kind == NodeKind::blockquote || c.kind == NodeKind::document) {
            filter(c);
        }
    }
    // Lists made only of teaser links.
    kids.erase(std::remove_if(kids.begin(), kids.end(),
                              [](const ContentNode& c) {
                                  if (c.kind != NodeKind::list || c.children.empty()) {
                                      return false;
                                  }
                                  std::string all, linked;
                                  plain(c, all, linked, false);
                                  return !all.empty() && linked.size() * 10 >= all.size() * 8;
                              }),
               kids.end());
}

} // namespace

void drop_boilerplate_blocks(ContentNode& body) { filter(body); }

} // namespace archiver::extract::detail
