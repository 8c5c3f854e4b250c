// SPDX-License-Identifier: MIT
#include "tokenizer.hpp"

#include <archiver/core/utf8.hpp>

#include <sqlite3.h>

#include <cstdint>

namespace archiver::store::detail {
namespace {

enum class CharClass { separator, word, cjk };

struct CodePoint {
    char32_t value = 0;
    int length = 1;
};

CodePoint decode(std::string_view s, std::size_t i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
        return {b0, 1};
    }
    int len = 0;
    char32_t cp = 0;
    if ((b0 & 0xE0) == 0xC0) {
        len = 2;
        cp = b0 & 0x1F;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3;
        cp = b0 & 0x0F;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4;
        cp = b0 & 0x07;
    } else {
        return {0xFFFD, 1};
    }
    if (i + static_cast<std::size_t>(len) > s.size()) {
        return {0xFFFD, 1};
    }
    for (int k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
        if ((b & 0xC0) != 0x80) {
            return {0xFFFD, 1};
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    return {cp, len};
}

bool in(char32_t cp, char32_t lo, char32_t hi) { return cp >= lo && cp <= hi; }

bool is_cjk(char32_t cp) {
    return in(cp, 0x3040, 0x30FF) || in(cp, 0x3400, 0x4DBF) || in(cp, 0x4E00, 0x9FFF) ||
           in(cp, 0xF900, 0xFAFF) || in(cp, 0xAC00, 0xD7AF) || in(cp, 0x1100, 0x11FF) ||
           in(cp, 0x3130, 0x318F) || in(cp, 0x20000, 0x323AF);
}

// An ASCII letter or digit (`classify` of an ASCII code point is `word` exactly then).
bool ascii_alnum(unsigned char b) {
    const auto lower = static_cast<unsigned char>(b | 0x20);
    return (b >= '0' && b <= '9') || (lower >= 'a' && lower <= 'z');
}

CharClass classify(char32_t cp) {
    if (cp < 0x80) {
        const bool alnum = in(cp, '0', '9') || in(cp, 'a', 'z') || in(cp, 'A', 'Z');
        return alnum ? CharClass::word : CharClass::separator;
    }
    if (is_cjk(cp)) {
        return CharClass::cjk;
    }
    // Punctuation, symbols, spaces and emoji separate words in every script.
    if (in(cp, 0x80, 0xBF) || cp == 0xD7 || cp == 0xF7 || in(cp, 0x2000, 0x2BFF) ||
        in(cp, 0x3000, 0x303F) || in(cp, 0xFE10, 0xFE6F) || in(cp, 0xFF00, 0xFF0F) ||
        in(cp, 0xFF1A, 0xFF20) || in(cp, 0xFF3B, 0xFF40) || in(cp, 0xFF5B, 0xFF65) ||
        in(cp, 0xFFF0, 0xFFFF) || in(cp, 0x1F000, 0x1FAFF) || in(cp, 0xE000, 0xF8FF)) {
        return CharClass::separator;
    }
    return CharClass::word;
}

char32_t fold(char32_t cp) {
    if (in(cp, 'A', 'Z')) {
        return cp + 0x20;
    }
    if (in(cp, 0xFF01, 0xFF5E)) { // full-width ASCII
        return fold(cp - 0xFEE0);
    }
    if ((in(cp, 0xC0, 0xDE) && cp != 0xD7) || in(cp, 0x391, 0x3A9) || in(cp, 0x410, 0x42F)) {
        return cp + 0x20;
    }
    if (in(cp, 0x400, 0x40F)) {
        return cp + 0x50;
    }
    return cp;
}

// The code point at `text[i]` (not ASCII): a CJK ideograph's three bytes are decoded in
// line, anything else by `decode`.
inline CodePoint decode_non_ascii(std::string_view text, std::size_t i) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    if ((b0 & 0xF0) == 0xE0 && i + 2 < text.size()) {
        const auto b1 = static_cast<unsigned char>(text[i + 1]);
        const auto b2 = static_cast<unsigned char>(text[i + 2]);
        if ((b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80) {
            return {static_cast<char32_t>(((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) |
                                          (b2 & 0x3Fu)),
                    3};
        }
    }
    return decode(text, i);
}

// `classify(cp)` for a code point above ASCII, the common CJK block first.
inline CharClass classify_non_ascii(char32_t cp) {
    if (cp >= 0x4E00 && cp <= 0x9FFF) {
        return CharClass::cjk;
    }
    return classify(cp);
}

// Calls `emit(token, start, end, gap)` for each token; stops when it returns false. Every
// CJK character is a token of its own; a word (letters and digits, folded) is one token.
// Between two CJK characters that a separator (punctuation, space, line break) parts, a gap
// token takes one position, so a CJK word (a phrase of its characters) is only found where
// its characters stand together, as with the bigrams of schema 7 and before.
// Hot loop of every full-text insert: an ASCII word already in lower case is handed over
// as a view of the text (no copy), and a CJK ideograph is decoded in line.
template <typename Emit> bool for_each_token(std::string_view text, Emit emit) {
    std::string word;
    bool after_cjk = false;        // the last token was a CJK character
    std::size_t separator = std::string_view::npos; // first separator byte since then
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        // ASCII is most of any text: classified without decoding.
        const auto b0 = static_cast<unsigned char>(text[i]);
        if (b0 < 0x80) {
            if (!ascii_alnum(b0)) {
                if (separator == std::string_view::npos) {
                    separator = i;
                }
                ++i;
                continue;
            }
            // An ASCII word: as a view when it is all lower case and ends before any
            // non-ASCII byte (which might continue it).
            const std::size_t start = i;
            bool upper = false;
            std::size_t end = i;
            while (end < n) {
                const auto b = static_cast<unsigned char>(text[end]);
                if (b >= 0x80 || !ascii_alnum(b)) {
                    break;
                }
                upper = upper || (b >= 'A' && b <= 'Z');
                ++end;
            }
            if (end == n || static_cast<unsigned char>(text[end]) < 0x80) {
                std::string_view tok = text.substr(start, end - start);
                if (upper) {
                    word.assign(tok);
                    for (auto& c : word) {
                        if (c >= 'A' && c <= 'Z') {
                            c = static_cast<char>(c + 0x20);
                        }
                    }
                    tok = word;
                }
                if (!emit(tok, static_cast<int>(start), static_cast<int>(end), false)) {
                    return false;
                }
                after_cjk = false;
                separator = std::string_view::npos;
                i = end;
                continue;
            }
            // Continues past ASCII: the general word loop below.
        }
        const bool ascii = b0 < 0x80;
        const CodePoint c = ascii ? CodePoint{b0, 1} : decode_non_ascii(text, i);
        const CharClass cls = ascii ? CharClass::word : classify_non_ascii(c.value);
        const auto len = static_cast<std::size_t>(c.length);
        if (cls == CharClass::separator) {
            if (separator == std::string_view::npos) {
                separator = i;
            }
            i += len;
            continue;
        }
        if (cls == CharClass::cjk) {
            if (after_cjk && separator != std::string_view::npos &&
                !emit(std::string_view(k_gap_token), static_cast<int>(separator),
                      static_cast<int>(i), true)) {
                return false;
            }
            if (!emit(text.substr(i, len), static_cast<int>(i), static_cast<int>(i + len), false)) {
                return false;
            }
            after_cjk = true;
            separator = std::string_view::npos;
            i += len;
            continue;
        }
        const std::size_t start = i;
        word.clear();
        while (i < n) {
            const auto b = static_cast<unsigned char>(text[i]);
            if (b < 0x80) { // ASCII: a letter or digit continues the word, lower-cased
                if (!ascii_alnum(b)) {
                    break;
                }
                word += static_cast<char>(b >= 'A' && b <= 'Z' ? b + 0x20 : b);
                ++i;
                continue;
            }
            const CodePoint w = decode_non_ascii(text, i);
            if (classify_non_ascii(w.value) != CharClass::word) {
                break;
            }
            append_utf8(word, fold(w.value));
            i += static_cast<std::size_t>(w.length);
        }
        if (!emit(std::string_view(word), static_cast<int>(start), static_cast<int>(i), false)) {
            return false;
        }
        after_cjk = false;
        separator = std::string_view::npos;
    }
    return true;
}

int fts_create(void*, const char**, int, Fts5Tokenizer** out) {
    static int instance = 0;
    *out = reinterpret_cast<Fts5Tokenizer*>(&instance);
    return SQLITE_OK;
}

void fts_delete(Fts5Tokenizer*) {}

int fts_tokenize(Fts5Tokenizer*,
                 void* context,
                 int /*flags*/,
                 const char* text,
                 int length,
                 int (*x_token)(void*, int, const char*, int, int, int)) {
    // Documents and queries are split alike (the gap token included), so a query phrase is
    // matched against the same positions it would have had in a document.
    int rc = SQLITE_OK;
    for_each_token(std::string_view(text, static_cast<std::size_t>(length < 0 ? 0 : length)),
                   [&](std::string_view tok, int start, int end, bool) {
                       rc = x_token(context, 0, tok.data(), static_cast<int>(tok.size()), start,
                                    end);
                       return rc == SQLITE_OK;
                   });
    return rc;
}

fts5_api* fts5_api_of(sqlite3* db) {
    fts5_api* api = nullptr;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) == SQLITE_OK) {
        sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
        sqlite3_step(stmt);
    }
    sqlite3_finalize(stmt);
    return api;
}

} // namespace

std::vector<Token> tokenize(std::string_view text) {
    std::vector<Token> out;
    for_each_token(text, [&](std::string_view tok, int start, int end, bool gap) {
        out.push_back({std::string(tok), start, end, gap});
        return true;
    });
    return out;
}

std::u32string folded_letters(std::string_view text) {
    std::u32string out;
    std::size_t i = 0;
    while (i < text.size()) {
        const CodePoint c = decode(text, i);
        if (classify(c.value) != CharClass::separator) {
            out.push_back(fold(c.value));
        }
        i += static_cast<std::size_t>(c.length);
    }
    return out;
}

int count_letters(std::string_view text) {
    int n = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        const CodePoint c = decode(text, i);
        if (classify(c.value) != CharClass::separator) {
            ++n;
        }
        i += static_cast<std::size_t>(c.length);
    }
    return n;
}

bool register_tokenizer(sqlite3* db) {
    fts5_api* api = fts5_api_of(db);
    if (api == nullptr) {
        return false;
    }
    static fts5_tokenizer tokenizer{fts_create, fts_delete, fts_tokenize};
    return api->xCreateTokenizer(api, k_tokenizer_name, nullptr, &tokenizer, nullptr) ==
           SQLITE_OK;
}

std::string match_expression(std::string_view user_query) {
    std::vector<std::string_view> pieces;
    std::size_t i = 0;
    while (i < user_query.size()) {
        const char c = user_query[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            ++i;
            continue;
        }
        if (c == '"') {
            const std::size_t close = user_query.find('"', i + 1);
            const std::size_t end = close == std::string_view::npos ? user_query.size() : close;
            pieces.push_back(user_query.substr(i + 1, end - i - 1));
            i = end + 1;
            continue;
        }
        std::size_t end = i;
        while (end < user_query.size() && user_query[end] != ' ' && user_query[end] != '\t' &&
               user_query[end] != '\n' && user_query[end] != '\r' && user_query[end] != '"') {
            ++end;
        }
        pieces.push_back(user_query.substr(i, end - i));
        i = end;
    }
    std::string expr;
    for (const auto piece : pieces) {
        const auto tokens = tokenize(piece);
        if (tokens.empty()) {
            continue;
        }
        // The phrase as text FTS5 splits again with this tokenizer into the same tokens:
        // CJK characters written together, a gap as a space between two of them, words
        // apart. Tokens hold no quotes (only letters, digits and CJK), so nothing leaks into
        // FTS5 syntax.
        std::string phrase;
        bool previous_cjk = false;
        for (const auto& t : tokens) {
            if (t.gap) {
                phrase += ' ';
                continue;
            }
            const bool cjk = is_cjk(decode(t.text, 0).value);
            if (!phrase.empty() && phrase.back() != ' ' && !(cjk && previous_cjk)) {
                phrase += ' ';
            }
            phrase += t.text;
            previous_cjk = cjk;
        }
        if (!expr.empty()) {
            expr += " AND ";
        }
        expr += '"' + phrase + '"';
    }
    return expr;
}

} // namespace archiver::store::detail
