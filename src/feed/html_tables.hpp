// SPDX-License-Identifier: MIT
// Name tables for feed HTML (private to src/feed).
#pragma once

#include <string_view>
#include <utility>
#include <vector>

namespace archiver::feed::tables {

extern const std::vector<std::pair<std::string_view, char32_t>> k_html_entities; // sorted
extern const std::vector<std::string_view> k_acceptable_elements;                 // sorted
extern const std::vector<std::string_view> k_acceptable_attributes;
extern const std::vector<std::string_view> k_unacceptable_with_end_tag;
extern const std::vector<std::string_view> k_acceptable_css_properties;
extern const std::vector<std::string_view> k_acceptable_css_keywords;
extern const std::vector<std::string_view> k_mathml_elements;
extern const std::vector<std::string_view> k_mathml_attributes;
extern const std::vector<std::string_view> k_svg_elements; // mixed case, sorted
extern const std::vector<std::string_view> k_svg_attributes;
extern const std::vector<std::string_view> k_acceptable_svg_properties;
extern const std::vector<std::string_view> k_acceptable_uri_schemes;
extern const std::vector<std::string_view> k_void_elements;

// True when sorted `table` holds `name`.
bool contains(const std::vector<std::string_view>& table, std::string_view name);

} // namespace archiver::feed::tables
