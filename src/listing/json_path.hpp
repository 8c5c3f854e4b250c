// SPDX-License-Identifier: MIT
// Dotted paths into JSON values, as written in a source's `[json]` table.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace archiver::listing::detail {

// A parsed path: `data.posts[]`, `author.name`, `tags[0]`, `["odd key"]`-free dotted form.
// `[]` fans out over an array; `[N]` picks one element.
struct PathStep {
    std::string key;                  // empty: apply to the current value itself
    bool each = false;                // `[]`
    std::optional<std::size_t> index; // `[N]`
};
using Path = std::vector<PathStep>;

// Parses `text`; nullopt on a syntax error (unbalanced brackets, bad index).
std::optional<Path> parse_path(std::string_view text);

// Every value `path` reaches from `root` (pointers into `root`); empty when it reaches none.
std::vector<const nlohmann::json*> evaluate(const nlohmann::json& root, const Path& path);

// The first value `path` reaches as text: strings as they are, numbers in their shortest
// form (integers without a fraction), booleans as true/false; nullopt for null, missing,
// objects and arrays.
std::optional<std::string> scalar_text(const nlohmann::json& root, const Path& path);

} // namespace archiver::listing::detail
