// SPDX-License-Identifier: MIT
#pragma once

#include <archiver/core/model.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace archiver::markdown {

// Renders `body` as CommonMark/GFM (SPEC §1): one paragraph a line, a blank line between
// blocks, no wrapping, specials escaped, emphasis next to CJK punctuation in a form that
// parses as emphasis. Ends with one newline (empty string for an empty body).
std::string render_markdown(const ContentNode& body);

// The body as plain text: one paragraph (block) a line, no markup.
std::string render_text(const ContentNode& body);

// The first `max_code_points` Unicode code points of `text` with its lines run together,
// then "..." when it was cut (SPEC §1 `summary`).
std::string make_summary(std::string_view text, std::size_t max_code_points = 50);

} // namespace archiver::markdown
