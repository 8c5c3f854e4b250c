// SPDX-License-Identifier: MIT
// Private helpers shared by the html module's sources.
#pragma once

#include <archiver/html/dom.hpp>

#include <gumbo.h>

namespace archiver::html::detail {

inline const GumboNode* gnode(Node n) noexcept { return static_cast<const GumboNode*>(n.raw()); }

// Lower-case ASCII compare.
bool iequals(std::string_view a, std::string_view b) noexcept;

} // namespace archiver::html::detail
