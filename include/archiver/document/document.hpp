// SPDX-License-Identifier: MIT
#pragma once

#include <archiver/core/result.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace archiver::document {

// A front-matter value: null, a string, bool, integer, a list of strings, or a list of maps
// (`revisions`).
struct Value;
using Map = std::vector<std::pair<std::string, Value>>;
struct Value {
    using Variant = std::variant<std::nullptr_t, std::string, bool, std::int64_t,
                                 std::vector<std::string>, std::vector<Map>>;
    Variant v;

    // Declared here, defined in document.cpp: with the members defined inline, clang
    // (14 and 16, on libstdc++ 12) instantiates std::pair<std::string, Value> while Value is
    // still incomplete and rejects the header.
    Value() noexcept;
    Value(Variant x) noexcept; // NOLINT(google-explicit-constructor): Value{...} stays terse
    Value(const Value&);
    Value(Value&&) noexcept;
    Value& operator=(const Value&);
    Value& operator=(Value&&) noexcept;
    ~Value();

    // YAML has one empty sequence: an empty list of strings equals an empty list of maps
    // (both are written `[]` and read back as an empty list of strings).
    friend bool operator==(const Value&, const Value&);
};

// One archived file: ordered front matter and the Markdown body.
struct Document {
    Map front_matter;
    std::string body; // Markdown, ending with the source link line

    const Value* find(std::string_view key) const;
    std::string get_string(std::string_view key) const; // "" when absent or not a string
    void set(std::string key, Value value);             // replaces in place or appends

    friend bool operator==(const Document&, const Document&) = default;
};

// Serializes `doc` (SPEC §1): `---`, keys in order, strings double-quoted and escaped,
// lists one item a line, `---`, a blank line, the body. Invalid UTF-8 in keys, strings and
// the body is replaced with U+FFFD; control characters in strings are escaped, so any
// string value reads back unchanged. Keys that are not plain identifiers are quoted.
std::string to_string(const Document& doc);

// Parses a file written by `to_string` (or edited by hand, LF or CRLF) with a real YAML
// parser. Quoted scalars are strings; plain ones are read as YAML 1.2 core null, bool and
// integer where they look like one, else as strings. Fails with Stage::parse when the text
// does not open with a `---` line, the front matter is unclosed, is not a YAML mapping, or
// holds shapes a Value cannot carry (nested lists, a mapping as a value).
Result<Document> parse(std::string_view text);

// `text` with invalid UTF-8 sequences (overlong forms, surrogates, values past U+10FFFF,
// truncated sequences) replaced by U+FFFD, one per maximal invalid subpart.
std::string sanitize_utf8(std::string_view text);

} // namespace archiver::document
