// SPDX-License-Identifier: MIT
// Helpers shared by the exporters.
#pragma once

#include <archiver/document/document.hpp>

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace archiver::exporter {

// The keys every item-schema object has, in order (archiver-archive(5)); `path` and
// `markdown` come last.
inline constexpr std::array<const char*, 16> k_item_keys{
    "title",  "date",       "summary", "categories", "lang",         "translations",
    "tags",   "id",         "source",  "source_url", "guid",         "author",
    "fetched", "content_hash", "duplicate_of", "revisions"};

// True when `relative_path` stays inside the archive (no "..", not absolute).
bool is_safe_relative_path(const std::string& relative_path);

// A list-valued front-matter key (a lone string counts as a one-item list).
std::vector<std::string> string_list(const document::Document* doc, std::string_view key);

} // namespace archiver::exporter
