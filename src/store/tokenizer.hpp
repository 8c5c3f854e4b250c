// SPDX-License-Identifier: MIT
// The FTS5 tokenizer "archiver_cjk": words of letters and digits (ASCII-folded, lower-cased)
// for alphabetic scripts, overlapping character bigrams for CJK runs, so a two-character
// Chinese word is found as well as an English one. Offsets point into the original text,
// so snippet() and highlight() show it unchanged.
#pragma once

#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace archiver::store::detail {

inline constexpr const char* k_tokenizer_name = "archiver_cjk";

struct Token {
    std::string text;
    int start = 0, end = 0; // byte offsets in the input
    bool colocated = false; // same position as the previous token
};

enum class TokenizeFor { document, query };

// The tokens of `text` as FTS5 sees them.
std::vector<Token> tokenize(std::string_view text, TokenizeFor purpose);

// The letters of `text` (CJK characters, letters, digits), case-folded, in order.
std::u32string folded_letters(std::string_view text);

// Number of letters (CJK characters, letters, digits) in `text`.
int count_letters(std::string_view text);

// Registers the tokenizer on `db` (every connection needs it to read or write the index).
// Returns false when FTS5 is unavailable.
bool register_tokenizer(sqlite3* db);

// A safe FTS5 MATCH expression for a user's query: each word or "quoted phrase" becomes a
// quoted phrase (so no FTS5 syntax leaks through), all of them required; a single CJK
// character becomes a prefix query. Empty when nothing searchable is left.
std::string match_expression(std::string_view user_query);

} // namespace archiver::store::detail
