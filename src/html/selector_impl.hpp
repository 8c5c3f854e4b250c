// SPDX-License-Identifier: MIT
// The parsed form of a CSS selector list (private to the html module).
#pragma once

#include <archiver/html/selector.hpp>

#include <string>
#include <vector>

namespace archiver::html {

struct AttrTest {
    std::string name;  // lower-case
    char op = 0;       // 0: present; '=', '~', '|', '^', '$', '*'
    std::string value;
    bool icase = false;
};

struct Compound;

// An+B of :nth-child.
struct Nth {
    int a = 0, b = 1;
};

struct Compound {
    std::string tag; // lower-case; empty: any element
    std::vector<std::string> ids, classes;
    std::vector<AttrTest> attrs;
    std::vector<std::vector<Compound>> negations; // :not(a, b): each a list of compounds
    std::vector<Nth> nth_child;                    // :first-child is 0n+1
    bool last_child = false;
};

enum class Combinator { descendant, child, adjacent, sibling };

// Compounds right to left: parts[0] is the subject; link[i] joins parts[i] to parts[i+1].
struct Complex {
    std::vector<Compound> parts;
    std::vector<Combinator> links;
};

struct Selector::Impl {
    std::vector<Complex> alternatives;
};

bool matches_compound(const Compound& c, Node n);
bool matches_complex(const Complex& c, Node n);

} // namespace archiver::html
