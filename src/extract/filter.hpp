// SPDX-License-Identifier: MIT
// Block-level boilerplate left inside a chosen body: bylines, captions, promos.
#pragma once

#include <archiver/core/model.hpp>

namespace archiver::extract::detail {

// Removes paragraphs that are not article text: date/byline lines ("Updated Nov 19, 6:55
// AM", "2024年04月24日 来源：新华网"), link-only lines, shouted promos ("DON'T MISS"), stock
// phrases ("Continue Reading Below", "Advertisement"), bare counters, and the citation or
// copyright notice that ends a page. Only short blocks are judged.
void drop_boilerplate_blocks(ContentNode& body);

} // namespace archiver::extract::detail
