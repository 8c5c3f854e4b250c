// SPDX-License-Identifier: MIT
// Generators of hostile front-matter values for the document round-trip tests.
#pragma once

#include <archiver/document/document.hpp>

#include <random>
#include <string>
#include <vector>

namespace archiver::testing {

// Pieces that break naive YAML writers: indicators, document markers, quotes, escapes,
// line breaks, every kind of control character, Unicode separators, YAML 1.1 keywords,
// numbers-that-are-not, CJK and astral text, and invalid UTF-8.
inline const std::vector<std::string>& nasty_pieces() {
    static const std::vector<std::string> pieces = [] {
        std::vector<std::string> p = {
            "\"", "'", ":", ": ", " :", "---", "...", "\n---\n", "\n", "\r\n", "\r", "@", "&",
            "*", "!", "%", "#", " #", "|", ">", "{", "}", "[", "]", ",", "?", "- ", "`", "\\",
            "\\n", "\\\"", "\t", " ", "  ", "yes", "no", "on", "off", "null", "~", "true",
            "False", "0x1F", "1e3", "-0", "0777", ".inf", "2025-02-07", "12:20:46", "<<",
            "人民日报专访李开复：期待中国AI-First应用崛起之年", "《》“”（）", "😀", "𠀀",
            "\xC2\xA0", "\xC2\x85", "\xC2\x80", "\xC2\x9F", "\xE2\x80\xA8", "\xE2\x80\xA9",
            "\xEF\xBB\xBF", "\xEF\xBF\xBE", "\xEF\xBF\xBF", "\xEF\xBF\xBD", "\x7F",
            // invalid UTF-8: stray continuation, overlong '/', surrogate, truncated, > U+10FFFF
            "\x80", "\xFF", "\xC0\xAF", "\xED\xA0\x80", "\xE4\xB8", "\xF4\x90\x80\x80",
            "\xF0\x9F\x98",
        };
        for (int c = 0; c < 0x20; ++c) {
            p.emplace_back(1, static_cast<char>(c));
        }
        return p;
    }();
    return pieces;
}

// A random string of 0..`max_pieces` nasty pieces and ordinary words.
inline std::string nasty_string(std::mt19937& rng, int max_pieces = 12) {
    const auto& pieces = nasty_pieces();
    std::uniform_int_distribution<int> count(0, max_pieces);
    std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
    std::uniform_int_distribution<int> coin(0, 3);
    std::string s;
    const int n = count(rng);
    for (int i = 0; i < n; ++i) {
        s += coin(rng) == 0 ? std::string("word") : pieces[pick(rng)];
    }
    return s;
}

// A random document: every kind of Value, nasty keys among plain ones, a nasty body.
inline document::Document nasty_document(std::mt19937& rng) {
    using document::Map;
    using document::Value;
    document::Document doc;
    std::uniform_int_distribution<int> small(0, 4);
    doc.front_matter.emplace_back("title", Value{nasty_string(rng)});
    doc.front_matter.emplace_back("date", Value{std::string("2025-02-07 12:20:46")});
    std::vector<std::string> list;
    for (int i = small(rng); i > 0; --i) {
        list.push_back(nasty_string(rng));
    }
    doc.front_matter.emplace_back("tags", Value{list});
    doc.front_matter.emplace_back("comments", Value{small(rng) % 2 == 0});
    doc.front_matter.emplace_back("id", Value{std::int64_t{small(rng)} * 1'000'000'007 - 3});
    doc.front_matter.emplace_back("duplicate_of", Value{nullptr});
    std::vector<Map> revisions;
    for (int i = small(rng); i > 0; --i) {
        revisions.push_back(Map{{"time", Value{nasty_string(rng, 3)}},
                                {"previous", Value{nasty_string(rng, 3)}}});
    }
    doc.front_matter.emplace_back("revisions", Value{revisions});
    std::string key = nasty_string(rng, 3);
    if (!key.empty() && doc.find(key) == nullptr) {
        doc.front_matter.emplace_back(key, Value{nasty_string(rng)});
    }
    doc.body = nasty_string(rng, 40) + "\n";
    return doc;
}

// What a document reads back as: every string sanitized to valid UTF-8.
inline document::Value sanitized(const document::Value& value) {
    using document::Map;
    using document::Value;
    return std::visit(
        [](const auto& v) -> Value {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::string>) {
                return Value{document::sanitize_utf8(v)};
            } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                std::vector<std::string> out;
                for (const auto& s : v) {
                    out.push_back(document::sanitize_utf8(s));
                }
                return Value{out};
            } else if constexpr (std::is_same_v<T, std::vector<Map>>) {
                if (v.empty()) {
                    return Value{std::vector<std::string>{}}; // `[]` reads back as strings
                }
                std::vector<Map> out;
                for (const auto& m : v) {
                    Map copy;
                    for (const auto& [k, x] : m) {
                        copy.emplace_back(document::sanitize_utf8(k), sanitized(x));
                    }
                    out.push_back(copy);
                }
                return Value{out};
            } else {
                return Value{v};
            }
        },
        value.v);
}

inline document::Document sanitized(const document::Document& doc) {
    document::Document out;
    for (const auto& [k, v] : doc.front_matter) {
        out.front_matter.emplace_back(document::sanitize_utf8(k), sanitized(v));
    }
    out.body = document::sanitize_utf8(doc.body);
    return out;
}

} // namespace archiver::testing
