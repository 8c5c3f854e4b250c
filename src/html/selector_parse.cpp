// SPDX-License-Identifier: MIT
#include <archiver/html/selector.hpp>

#include "selector_impl.hpp"

#include <cstdlib>
#include <optional>

namespace archiver::html {

namespace {

bool is_ident_char(char c) noexcept {
    auto u = static_cast<unsigned char>(c);
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_' || u >= 0x80;
}

bool is_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

std::string to_lower(std::string s) {
    for (char& c : s) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return s;
}

class Parser {
public:
    explicit Parser(std::string_view text) : m_text(text) {}

    std::optional<std::vector<Complex>> parse_list(bool nested) {
        std::vector<Complex> list;
        for (;;) {
            skip_space();
            auto complex = parse_complex(nested);
            if (!complex) {
                return std::nullopt;
            }
            list.push_back(std::move(*complex));
            skip_space();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (nested ? peek() == ')' : at_end()) {
                return list;
            }
            return fail("unexpected character");
        }
    }

    std::string error() const {
        return "invalid CSS selector '" + std::string(m_text) + "' at offset " +
               std::to_string(m_pos) + ": " + m_error;
    }
    bool at_end() const { return m_pos >= m_text.size(); }

private:
    char peek() const { return at_end() ? '\0' : m_text[m_pos]; }
    void skip_space() {
        while (!at_end() && is_space(m_text[m_pos])) {
            ++m_pos;
        }
    }
    std::nullopt_t fail(const char* why) {
        if (m_error.empty()) {
            m_error = why;
        }
        return std::nullopt;
    }

    std::optional<std::string> ident() {
        std::string out;
        while (!at_end()) {
            char c = m_text[m_pos];
            if (c == '\\' && m_pos + 1 < m_text.size()) {
                out += m_text[m_pos + 1];
                m_pos += 2;
            } else if (is_ident_char(c)) {
                out += c;
                ++m_pos;
            } else {
                break;
            }
        }
        if (out.empty()) {
            return fail("expected a name");
        }
        return out;
    }

    std::optional<std::string> value() {
        char q = peek();
        if (q != '"' && q != '\'') {
            return ident();
        }
        ++m_pos;
        std::string out;
        while (!at_end() && m_text[m_pos] != q) {
            if (m_text[m_pos] == '\\' && m_pos + 1 < m_text.size()) {
                ++m_pos;
            }
            out += m_text[m_pos++];
        }
        if (at_end()) {
            return fail("unterminated string");
        }
        ++m_pos;
        return out;
    }

    std::optional<Complex> parse_complex(bool nested) {
        Complex c;
        std::vector<Compound> parts;
        std::vector<Combinator> links;
        for (;;) {
            auto compound = parse_compound(nested);
            if (!compound) {
                return std::nullopt;
            }
            parts.push_back(std::move(*compound));
            bool had_space = is_space(peek());
            skip_space();
            char ch = peek();
            Combinator comb = Combinator::descendant;
            if (ch == '>' || ch == '+' || ch == '~') {
                comb = ch == '>' ? Combinator::child
                               : (ch == '+' ? Combinator::adjacent : Combinator::sibling);
                ++m_pos;
                skip_space();
            } else if (!had_space || ch == ',' || ch == ')' || ch == '\0') {
                break;
            }
            links.push_back(comb);
        }
        // Stored right to left: the subject first.
        c.parts.assign(parts.rbegin(), parts.rend());
        c.links.assign(links.rbegin(), links.rend());
        return c;
    }

    std::optional<Compound> parse_compound(bool nested) {
        Compound c;
        bool any = false;
        if (peek() == '*') {
            ++m_pos;
            any = true;
        } else if (is_ident_char(peek())) {
            auto name = ident();
            if (!name) {
                return std::nullopt;
            }
            c.tag = to_lower(*name);
            any = true;
        }
        for (;;) {
            char ch = peek();
            if (ch == '#' || ch == '.') {
                ++m_pos;
                auto name = ident();
                if (!name) {
                    return std::nullopt;
                }
                (ch == '#' ? c.ids : c.classes).push_back(*name);
            } else if (ch == '[') {
                ++m_pos;
                if (!parse_attr(c)) {
                    return std::nullopt;
                }
            } else if (ch == ':') {
                ++m_pos;
                if (!parse_pseudo(c)) {
                    return std::nullopt;
                }
            } else {
                break;
            }
            any = true;
        }
        if (!any) {
            return fail(nested ? "expected a selector inside :not()" : "expected a selector");
        }
        return c;
    }

    bool parse_attr(Compound& c) {
        skip_space();
        auto name = ident();
        if (!name) {
            return false;
        }
        AttrTest t;
        t.name = to_lower(*name);
        skip_space();
        char ch = peek();
        if (ch == ']') {
            ++m_pos;
            c.attrs.push_back(std::move(t));
            return true;
        }
        if (ch == '=') {
            t.op = '=';
            ++m_pos;
        } else if ((ch == '~' || ch == '|' || ch == '^' || ch == '$' || ch == '*') &&
                   m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '=') {
            t.op = ch;
            m_pos += 2;
        } else {
            fail("unknown attribute operator");
            return false;
        }
        skip_space();
        auto v = value();
        if (!v) {
            return false;
        }
        t.value = *v;
        skip_space();
        if (peek() == 'i' || peek() == 'I') {
            t.icase = true;
            ++m_pos;
            skip_space();
        } else if (peek() == 's' || peek() == 'S') {
            ++m_pos;
            skip_space();
        }
        if (peek() != ']') {
            fail("expected ']'");
            return false;
        }
        ++m_pos;
        c.attrs.push_back(std::move(t));
        return true;
    }

    bool parse_pseudo(Compound& c) {
        auto name_opt = ident();
        if (!name_opt) {
            return false;
        }
        std::string name = to_lower(*name_opt);
        if (name == "first-child") {
            c.nth_child.push_back(Nth{0, 1});
            return true;
        }
        if (name == "last-child") {
            c.last_child = true;
            return true;
        }
        if (peek() != '(') {
            fail("unsupported pseudo-class");
            return false;
        }
        ++m_pos;
        skip_space();
        if (name == "not") {
            auto list = parse_list(true);
            if (!list) {
                return false;
            }
            std::vector<Compound> inner;
            for (auto& complex : *list) {
                if (complex.parts.size() != 1) {
                    fail(":not() takes compound selectors only");
                    return false;
                }
                inner.push_back(std::move(complex.parts[0]));
            }
            c.negations.push_back(std::move(inner));
        } else if (name == "nth-child") {
            std::size_t close = m_text.find(')', m_pos);
            if (close == std::string_view::npos) {
                fail("expected ')'");
                return false;
            }
            auto nth = parse_nth(m_text.substr(m_pos, close - m_pos));
            if (!nth) {
                fail("invalid An+B");
                return false;
            }
            c.nth_child.push_back(*nth);
            m_pos = close;
        } else {
            fail("unsupported pseudo-class");
            return false;
        }
        skip_space();
        if (peek() != ')') {
            fail("expected ')'");
            return false;
        }
        ++m_pos;
        return true;
    }

    static std::optional<Nth> parse_nth(std::string_view s) {
        std::string t;
        for (char ch : s) {
            if (!is_space(ch)) {
                t += (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
            }
        }
        if (t == "odd") {
            return Nth{2, 1};
        }
        if (t == "even") {
            return Nth{2, 0};
        }
        auto num = [](const std::string& x, int& out) {
            if (x.empty() || x == "+") {
                out = 1;
                return true;
            }
            if (x == "-") {
                out = -1;
                return true;
            }
            char* end = nullptr;
            long v = std::strtol(x.c_str(), &end, 10);
            out = static_cast<int>(v);
            return end != nullptr && *end == '\0';
        };
        std::size_t n = t.find('n');
        Nth nth;
        if (n == std::string::npos) {
            nth.a = 0;
            return num(t, nth.b) && !t.empty() ? std::optional<Nth>(nth) : std::nullopt;
        }
        if (!num(t.substr(0, n), nth.a)) {
            return std::nullopt;
        }
        std::string rest = t.substr(n + 1);
        if (rest.empty()) {
            nth.b = 0;
        } else if (!num(rest, nth.b) || rest == "+" || rest == "-") {
            return std::nullopt;
        }
        return nth;
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
    std::string m_error;
};

} // namespace

Result<Selector> Selector::parse(std::string_view text) {
    Parser parser(text);
    auto list = parser.parse_list(false);
    if (!list) {
        return unexpected(Error{Stage::parse, parser.error()});
    }
    auto impl = std::make_shared<Impl>();
    impl->alternatives = std::move(*list);
    Selector s;
    s.m_impl = std::move(impl);
    return s;
}

} // namespace archiver::html
