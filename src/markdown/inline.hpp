// SPDX-License-Identifier: MIT
// Inline rendering shared by the block renderer.
#pragma once

#include <archiver/core/model.hpp>

#include <string>

namespace archiver::markdown::detail {

enum class Context { block, table_cell };

// Renders the inline children of `container` (paragraph, heading, cell) as Markdown.
std::string render_inlines(const ContentNode& container, Context context);

// Escapes `text` so that CommonMark reads it back as the same literal characters.
std::string escape_text(std::string_view text, Context context);

// Escapes what would start a block (`#`, `>`, `-`, `1.`) at the start of each line.
std::string escape_line_starts(std::string text);

// The plain text of inline children: links' text, no images, line breaks as "\n".
void plain_inlines(const ContentNode& n, std::string& out);

} // namespace archiver::markdown::detail
