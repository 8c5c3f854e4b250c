// SPDX-License-Identifier: MIT
// Short byte sequences, valid UTF-8 or not, for tests that compare a vector routine with a
// reference one where its blocks cut a sequence (the UTF-8 scan, the JSON escaper).
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace archiver::testing {

// The bytes given, as a string.
inline std::string bytes(std::initializer_list<unsigned> list) {
    std::string s;
    for (const unsigned b : list) {
        s += static_cast<char>(b);
    }
    return s;
}

// " e4 b8 ad ..." (a failing input as a test prints it).
inline std::string hex_bytes(std::string_view s) {
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out;
    for (const char c : s) {
        const auto b = static_cast<unsigned char>(c);
        out += {' ', k_hex[b >> 4], k_hex[b & 15]};
    }
    return out;
}

// Calls visit(sequence) with every one- and two-byte sequence.
template <typename Visit> void every_one_and_two_bytes(Visit&& visit) {
    for (unsigned a = 0; a < 256; ++a) {
        visit(bytes({a}));
        for (unsigned b = 0; b < 256; ++b) {
            visit(bytes({a, b}));
        }
    }
}

// Calls visit(sequence) with every byte from 0x80 followed by two of `edges`, and every
// byte from 0xF0 followed by three (the byte values that tell a rule's cases apart).
template <typename Visit>
void three_and_four_bytes(const std::vector<unsigned char>& edges, Visit&& visit) {
    for (unsigned a = 0x80; a < 256; ++a) {
        for (const unsigned b : edges) {
            for (const unsigned c : edges) {
                visit(bytes({a, b, c}));
            }
        }
    }
    for (unsigned a = 0xF0; a < 256; ++a) {
        for (const unsigned b : edges) {
            for (const unsigned c : edges) {
                for (const unsigned d : edges) {
                    visit(bytes({a, b, c, d}));
                }
            }
        }
    }
}

} // namespace archiver::testing
