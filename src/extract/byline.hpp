// SPDX-License-Identifier: MIT
// Dates and authors stated in the page's visible text (the byline).
#pragma once

#include "metadata.hpp"

#include "analysis.hpp"

#include <archiver/core/model.hpp>
#include <archiver/extract/extract.hpp>

#include <optional>
#include <string_view>

namespace archiver::extract::detail {

// Fills `out.date` (when unset) from a short visible text block holding a date — preferring
// blocks after the headline and blocks whose class/id names a date or byline — then from
// the URL; fills `out.author` (when unset) from byline elements and patterns such as
// `作者：`, `记者 `, `By `, and last `责任编辑：`.
// When `hints.has_time` is false a date already set is day-precise: a byline time on the same
// day refines it. `hints.fallback` comes before the URL's date.
void find_byline(const Analysis& a, const Options& options, const DateHints& hints, Article& out);

// The name after the first byline keyword of `text` that is followed by a separator, as
// the pattern `(?:作者|记者|撰文|编译)\s*(?:：|:|／|/|\||\s)\s*([^\s,;|:()]+)` searched with
// ECMAScript rules would capture it (ASCII spaces; the name runs to the next space or
// ASCII , ; | : ( )). nullopt when there is none.
std::optional<std::string_view> author_after_keyword(std::string_view text);
// The same for the editor's line: `(?:责任编辑|责编|编辑)\s*(?:：|:)\s*([^\s,;|:()]+)`.
std::optional<std::string_view> editor_after_keyword(std::string_view text);

} // namespace archiver::extract::detail
