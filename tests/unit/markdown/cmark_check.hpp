// SPDX-License-Identifier: MIT
// Runs the real cmark-gfm binary on Markdown produced by the renderer.
#pragma once

#include <string>

namespace archiver::testing {

// cmark-gfm's HTML for `markdown` (table and strikethrough extensions on).
std::string cmark_html(const std::string& markdown);
// The visible text of cmark-gfm's HTML for `markdown`, every whitespace removed.
std::string cmark_text(const std::string& markdown);
// `text` with every whitespace removed (to compare with cmark_text).
std::string without_spaces(const std::string& text);

} // namespace archiver::testing
