// SPDX-License-Identifier: MIT
#include <archiver/html/selector.hpp>

#include "gumbo_output.hpp"
#include "selector_impl.hpp"

#include <algorithm>

namespace archiver::html {

namespace {

char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool equal(std::string_view a, std::string_view b, bool icase) noexcept {
    return icase ? detail::iequals(a, b) : a == b;
}

bool starts(std::string_view s, std::string_view p, bool icase) noexcept {
    return s.size() >= p.size() && equal(s.substr(0, p.size()), p, icase);
}

bool ends(std::string_view s, std::string_view p, bool icase) noexcept {
    return s.size() >= p.size() && equal(s.substr(s.size() - p.size()), p, icase);
}

bool contains(std::string_view s, std::string_view p, bool icase) noexcept {
    if (p.empty()) {
        return false;
    }
    if (!icase) {
        return s.find(p) != std::string_view::npos;
    }
    auto it = std::search(s.begin(), s.end(), p.begin(), p.end(),
                          [](char x, char y) { return lower(x) == lower(y); });
    return it != s.end();
}


bool matches_attr(const AttrTest& t, Node n) {
    if (!n.has_attr(t.name)) {
        return false;
    }
    std::string_view v = n.attr(t.name);
    switch (t.op) {
    case 0:
        return true;
    case '=':
        return equal(v, t.value, t.icase);
    case '~':
        return !t.value.empty() && has_word(v, t.value, t.icase);
    case '|':
        return equal(v, t.value, t.icase) ||
               (v.size() > t.value.size() && v[t.value.size()] == '-' &&
                starts(v, t.value, t.icase));
    case '^':
        return !t.value.empty() && starts(v, t.value, t.icase);
    case '$':
        return !t.value.empty() && ends(v, t.value, t.icase);
    case '*':
        return contains(v, t.value, t.icase);
    default:
        return false;
    }
}

// 1-based position of `n` among its parent's element children.
int element_position(Node n, bool from_end) {
    Node p = n.parent();
    if (!p) {
        return 1;
    }
    int pos = 0;
    std::size_t count = p.child_count();
    for (std::size_t k = 0; k < count; ++k) {
        Node c = p.child(from_end ? count - 1 - k : k);
        if (c.is_element()) {
            ++pos;
        }
        if (c == n) {
            return pos;
        }
    }
    return pos;
}

bool nth_matches(const Nth& nth, int pos) {
    if (nth.a == 0) {
        return pos == nth.b;
    }
    int diff = pos - nth.b;
    return diff % nth.a == 0 && diff / nth.a >= 0;
}

Node previous_element(Node n) {
    for (Node s = n.previous_sibling(); s; s = s.previous_sibling()) {
        if (s.is_element()) {
            return s;
        }
    }
    return {};
}

bool match_from(const Complex& c, std::size_t i, Node n) {
    if (!matches_compound(c.parts[i], n)) {
        return false;
    }
    if (i + 1 == c.parts.size()) {
        return true;
    }
    switch (c.links[i]) {
    case Combinator::child: {
        Node p = n.parent();
        return p.is_element() && match_from(c, i + 1, p);
    }
    case Combinator::descendant:
        for (Node p = n.parent(); p.is_element(); p = p.parent()) {
            if (match_from(c, i + 1, p)) {
                return true;
            }
        }
        return false;
    case Combinator::adjacent: {
        Node s = previous_element(n);
        return s && match_from(c, i + 1, s);
    }
    case Combinator::sibling:
        for (Node s = previous_element(n); s; s = previous_element(s)) {
            if (match_from(c, i + 1, s)) {
                return true;
            }
        }
        return false;
    }
    return false;
}

template <typename Visit> bool walk(Node scope, Visit&& visit) {
    std::size_t count = scope.child_count();
    for (std::size_t i = 0; i < count; ++i) {
        Node c = scope.child(i);
        if (!c.is_element()) {
            continue;
        }
        if (visit(c) || walk(c, visit)) {
            return true;
        }
    }
    return false;
}

} // namespace

bool has_word(std::string_view list, std::string_view word, bool icase) noexcept {
    std::size_t pos = 0;
    while (pos < list.size()) {
        while (pos < list.size() && (list[pos] == ' ' || list[pos] == '\t' || list[pos] == '\n' ||
                                     list[pos] == '\r' || list[pos] == '\f')) {
            ++pos;
        }
        std::size_t end = pos;
        while (end < list.size() && list[end] != ' ' && list[end] != '\t' && list[end] != '\n' &&
               list[end] != '\r' && list[end] != '\f') {
            ++end;
        }
        if (end > pos && equal(list.substr(pos, end - pos), word, icase)) {
            return true;
        }
        pos = end;
    }
    return false;
}

bool matches_compound(const Compound& c, Node n) {
    if (!n.is_element()) {
        return false;
    }
    if (!c.tag.empty() && !detail::iequals(n.tag(), c.tag)) {
        return false;
    }
    for (const auto& id : c.ids) {
        if (n.attr("id") != id) {
            return false;
        }
    }
    for (const auto& cls : c.classes) {
        if (!n.has_class(cls)) {
            return false;
        }
    }
    for (const auto& a : c.attrs) {
        if (!matches_attr(a, n)) {
            return false;
        }
    }
    for (const auto& nth : c.nth_child) {
        if (!nth_matches(nth, element_position(n, false))) {
            return false;
        }
    }
    if (c.last_child && element_position(n, true) != 1) {
        return false;
    }
    for (const auto& list : c.negations) {
        for (const auto& inner : list) {
            if (matches_compound(inner, n)) {
                return false;
            }
        }
    }
    return true;
}

bool matches_complex(const Complex& c, Node n) { return !c.parts.empty() && match_from(c, 0, n); }

bool Selector::matches(Node node) const {
    if (!m_impl) {
        return false;
    }
    return std::any_of(m_impl->alternatives.begin(),
                       m_impl->alternatives.end(),
                       [&](const Complex& c) { return matches_complex(c, node); });
}

std::vector<Node> Selector::select(Node scope) const {
    std::vector<Node> out;
    walk(scope, [&](Node n) {
        if (matches(n)) {
            out.push_back(n);
        }
        return false;
    });
    return out;
}

Node Selector::select_first(Node scope) const {
    Node found;
    walk(scope, [&](Node n) {
        if (matches(n)) {
            found = n;
            return true;
        }
        return false;
    });
    return found;
}

} // namespace archiver::html
