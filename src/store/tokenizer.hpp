// SPDX-License-Identifier: MIT
// The FTS5 tokenizer "archiver_cjk": words of letters and digits (ASCII-folded, lower-cased)
// for alphabetic scripts, and each CJK character a token of its own, so a Chinese word of
// any length is found as the phrase of its characters. Between two CJK characters parted
// by punctuation or space a gap token takes a position, so a phrase never matches across
// it. Offsets point into the original text, so snippet() and highlight() show it unchanged.
//
// Until schema 8 CJK runs were indexed as overlapping bigrams (with each run's last
// character colocated): the same matches, but every distinct pair of characters became a
// term of the index, which made indexing a Chinese article about ten times as costly
// (bench/README.md, "Store thread").
#pragma once

#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace archiver::store::detail {

inline constexpr const char* k_tokenizer_name = "archiver_cjk";

// The token standing for a separator between two CJK characters: never a word or a CJK
// character, so no query word can match it.
inline constexpr const char* k_gap_token = "\x01";

struct Token {
    std::string text;
    int start = 0, end = 0; // byte offsets in the input
    bool gap = false;       // the gap token (text k_gap_token)
};

// The tokens of `text` as FTS5 sees them (documents and queries alike).
std::vector<Token> tokenize(std::string_view text);

// The letters of `text` (CJK characters, letters, digits), case-folded, in order.
std::u32string folded_letters(std::string_view text);

// Number of letters (CJK characters, letters, digits) in `text`.
int count_letters(std::string_view text);

// Registers the tokenizer on `db` (every connection needs it to read or write the index).
// Returns false when FTS5 is unavailable.
bool register_tokenizer(sqlite3* db);

// A safe FTS5 MATCH expression for a user's query: each word or "quoted phrase" becomes a
// quoted phrase (so no FTS5 syntax leaks through), all of them required. Empty when nothing
// searchable is left.
std::string match_expression(std::string_view user_query);

} // namespace archiver::store::detail
