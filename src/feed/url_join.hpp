// SPDX-License-Identifier: MIT
// Resolving feed URLs against a base (private to src/feed): url::resolve, with the common
// shapes (an http(s) base with a plain host, and an absolute-path or absolute http(s)
// reference without dot segments) joined directly instead of parsed into parts.
#pragma once

#include <string>
#include <string_view>

namespace archiver::feed::detail {

// Exactly url::resolve(base, ref).
std::string resolve_url(std::string_view base, std::string_view ref);

} // namespace archiver::feed::detail
