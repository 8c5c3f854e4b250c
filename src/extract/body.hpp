// SPDX-License-Identifier: MIT
// Choosing the element(s) that hold the article body.
#pragma once

#include "analysis.hpp"

#include <vector>

namespace archiver::extract::detail {

// Scores text blocks (text length, commas and CJK sentence punctuation, class/id hints,
// link density) and returns the indexes of the chosen body container and the siblings
// that belong with it, in document order. Sets `Info::score`. Empty when the page has no
// scorable text.
std::vector<int> choose_body(Analysis& a);

// True when the element should be left out of a chosen body (readability's conditional
// cleaning: link-heavy, image-only, form-like or list-like blocks with little text).
bool is_clutter(const Analysis& a, const Info& info);

} // namespace archiver::extract::detail
