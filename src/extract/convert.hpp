// SPDX-License-Identifier: MIT
// Turning the chosen body elements into the ContentNode tree rendered by `markdown`.
#pragma once

#include "analysis.hpp"

#include <archiver/core/model.hpp>

#include <string>
#include <vector>

namespace archiver::extract::detail {

enum class Cleaning { generic, rules_only };

struct ConvertOptions {
    std::string base_url;   // relative links and images resolve against it
    std::string title;      // a heading repeating it is dropped
    Cleaning cleaning = Cleaning::generic;
};

// Converts `roots` (elements of `a`, document order) into a document node: paragraphs,
// headings, lists, quotes, code, data tables, images (lazy-loading attributes resolved),
// links (absolute), emphasis. Dropped elements are skipped; with Cleaning::generic, clutter
// inside the roots (is_clutter) is skipped too.
ContentNode convert_body(const Analysis& a,
                         const std::vector<html::Node>& roots,
                         const ConvertOptions& options);

// The image URL of an <img>: src, or its lazy-loading attributes (data-src, data-original,
// srcset's largest ...), resolved against `base`; "" for placeholders and data: URIs.
std::string image_source(html::Node img, const std::string& base);

} // namespace archiver::extract::detail
