// SPDX-License-Identifier: MIT
// Dates and authors stated in the page's visible text (the byline).
#pragma once

#include "metadata.hpp"

#include "analysis.hpp"

#include <archiver/core/model.hpp>
#include <archiver/extract/extract.hpp>

namespace archiver::extract::detail {

// Fills `out.date` (when unset) from a short visible text block holding a date — preferring
// blocks after the headline and blocks whose class/id names a date or byline — then from
// the URL; fills `out.author` (when unset) from byline elements and patterns such as
// `作者：`, `记者 `, `By `, and last `责任编辑：`.
// When `hints.has_time` is false a date already set is day-precise: a byline time on the same
// day refines it. `hints.fallback` comes before the URL's date.
void find_byline(const Analysis& a, const Options& options, const DateHints& hints, Article& out);

} // namespace archiver::extract::detail
