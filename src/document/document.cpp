// SPDX-License-Identifier: MIT
#include <archiver/document/document.hpp>

#include <archiver/core/utf8.hpp>

#include <cctype>
#include <cstdio>
#include <type_traits>

namespace archiver::document {

Value::Value() noexcept = default;
Value::Value(Variant x) noexcept : v(std::move(x)) {}
Value::Value(const Value&) = default;
Value::Value(Value&&) noexcept = default;
Value& Value::operator=(const Value&) = default;
Value& Value::operator=(Value&&) noexcept = default;
Value::~Value() = default;

bool operator==(const Value& a, const Value& b) {
    const auto empty_list = [](const Value& v) {
        const auto* strings = std::get_if<std::vector<std::string>>(&v.v);
        const auto* maps = std::get_if<std::vector<Map>>(&v.v);
        return (strings != nullptr && strings->empty()) || (maps != nullptr && maps->empty());
    };
    if (empty_list(a) && empty_list(b)) {
        return true;
    }
    return a.v == b.v;
}


const Value* Document::find(std::string_view key) const {
    for (const auto& [k, v] : front_matter) {
        if (k == key) {
            return &v;
        }
    }
    return nullptr;
}

std::string Document::get_string(std::string_view key) const {
    const Value* v = find(key);
    if (v == nullptr) {
        return {};
    }
    const auto* s = std::get_if<std::string>(&v->v);
    return s != nullptr ? *s : std::string{};
}

void Document::set(std::string key, Value value) {
    for (auto& [k, v] : front_matter) {
        if (k == key) {
            v = std::move(value);
            return;
        }
    }
    front_matter.emplace_back(std::move(key), std::move(value));
}

std::string sanitize_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t start = i;
        const char32_t cp = decode_utf8(text, i);
        if (cp == k_replacement_character && text.substr(start, i - start) != "\xEF\xBF\xBD") {
            append_utf8(out, cp); // an invalid sequence, not a real U+FFFD
        } else {
            out.append(text.substr(start, i - start));
        }
    }
    return out;
}

namespace {

void append_hex_escape(std::string& out, char kind, char32_t cp, int digits) {
    char buf[12];
    std::snprintf(buf, sizeof buf, "\\%c%0*X", kind, digits, static_cast<unsigned>(cp));
    out += buf;
}

// A YAML double-quoted scalar that every YAML 1.1/1.2 reader (yaml-cpp, PyYAML, Hugo's Go
// parser) reads back as the same string: only printable characters appear raw; line
// breaks, controls, C1, the Unicode line/paragraph separators, BOM and non-characters
// U+FFFE/U+FFFF are escaped. U+0085 is written `\x85`, not `\N`: yaml-cpp 0.7 decodes `\N`
// to a lone 0x85 byte.
void append_quoted(std::string& out, std::string_view text) {
    out += '"';
    std::size_t i = 0;
    while (i < text.size()) {
        const char32_t cp = decode_utf8(text, i);
        switch (cp) {
        case '"': out += "\\\""; continue;
        case '\\': out += "\\\\"; continue;
        case 0x00: out += "\\0"; continue;
        case 0x07: out += "\\a"; continue;
        case 0x08: out += "\\b"; continue;
        case 0x09: out += "\\t"; continue;
        case 0x0A: out += "\\n"; continue;
        case 0x0B: out += "\\v"; continue;
        case 0x0C: out += "\\f"; continue;
        case 0x0D: out += "\\r"; continue;
        case 0x1B: out += "\\e"; continue;
        case 0x2028: out += "\\L"; continue;
        case 0x2029: out += "\\P"; continue;
        default: break;
        }
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
            append_hex_escape(out, 'x', cp, 2);
        } else if (cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF) {
            append_hex_escape(out, 'u', cp, 4);
        } else {
            append_utf8(out, cp);
        }
    }
    out += '"';
}

bool is_plain_key(std::string_view key) {
    if (key.empty() || !(std::isalpha(static_cast<unsigned char>(key[0])) || key[0] == '_')) {
        return false;
    }
    for (char c : key) {
        const auto u = static_cast<unsigned char>(c);
        if (!(std::isalnum(u) || c == '_' || c == '-')) {
            return false;
        }
    }
    // Plain words YAML 1.1 readers would take as booleans or null.
    static constexpr std::string_view k_special[] = {"y", "n", "yes", "no", "on", "off",
                                                     "true", "false", "null"};
    std::string lower;
    for (char c : key) {
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    for (auto s : k_special) {
        if (lower == s) {
            return false;
        }
    }
    return true;
}

void append_key(std::string& out, std::string_view key) {
    if (is_plain_key(key)) {
        out += key;
    } else {
        append_quoted(out, key);
    }
}

void emit_map(std::string& out, const Map& map, int indent, bool after_dash);

// Writes `: value` after a key already written, with nested blocks at `indent` + 2.
void emit_value(std::string& out, const Value& value, int indent) {
    std::visit(
        [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>) {
                out += ": null\n";
            } else if constexpr (std::is_same_v<T, std::string>) {
                out += ": ";
                append_quoted(out, v);
                out += '\n';
            } else if constexpr (std::is_same_v<T, bool>) {
                out += v ? ": true\n" : ": false\n";
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
                out += ": " + std::to_string(v) + "\n";
            } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                if (v.empty()) {
                    out += ": []\n";
                    return;
                }
                out += ":\n";
                for (const auto& item : v) {
                    out.append(static_cast<std::size_t>(indent + 2), ' ');
                    out += "- ";
                    append_quoted(out, item);
                    out += '\n';
                }
            } else {
                static_assert(std::is_same_v<T, std::vector<Map>>);
                if (v.empty()) {
                    out += ": []\n";
                    return;
                }
                out += ":\n";
                for (const auto& item : v) {
                    out.append(static_cast<std::size_t>(indent + 2), ' ');
                    out += "- ";
                    if (item.empty()) {
                        out += "{}\n";
                    } else {
                        emit_map(out, item, indent + 4, true);
                    }
                }
            }
        },
        value.v);
}

// Writes the pairs of `map` at `indent`; the first one follows a `- ` when `after_dash`.
void emit_map(std::string& out, const Map& map, int indent, bool after_dash) {
    bool first = true;
    for (const auto& [key, value] : map) {
        if (!(first && after_dash)) {
            out.append(static_cast<std::size_t>(indent), ' ');
        }
        first = false;
        append_key(out, key);
        emit_value(out, value, indent);
    }
}

} // namespace

std::string to_string(const Document& doc) {
    std::string out = "---\n";
    emit_map(out, doc.front_matter, 0, false);
    out += "---\n\n";
    out += sanitize_utf8(doc.body);
    return out;
}

} // namespace archiver::document
