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

// A front-matter value: a string, bool, integer, or list of strings / of maps (revisions).
struct Value;
using Map = std::vector<std::pair<std::string, Value>>;
struct Value {
    std::variant<std::nullptr_t, std::string, bool, std::int64_t, std::vector<std::string>,
                 std::vector<Map>>
        v;
};

// One archived file: ordered front matter and the Markdown body.
struct Document {
    Map front_matter;
    std::string body; // Markdown, ending with the source link line

    const Value* find(std::string_view key) const;
    std::string get_string(std::string_view key) const; // "" when absent or not a string
    void set(std::string key, Value value);             // replaces in place or appends
};

// Serializes `doc` (SPEC §1): `---`, keys in order, strings double-quoted and escaped,
// lists one item a line, `---`, a blank line, the body.
std::string to_string(const Document& doc);

// Parses a file written by `to_string` (or edited by hand) with a real YAML parser.
Result<Document> parse(std::string_view text);

} // namespace archiver::document
