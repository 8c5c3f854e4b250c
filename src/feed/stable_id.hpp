// SPDX-License-Identifier: MIT
// Ids for entries that carry none (private to src/feed).
#pragma once

#include <archiver/core/model.hpp>

#include <string>

namespace archiver::feed::detail {

// A stable id for `entry` from what it does carry: its link when it has one, else a
// 64-bit FNV-1a hash of its title, date and text ("urn:archiver:entry:<16 hex digits>").
// The same entry always gets the same id; the hash never depends on the parse time.
std::string stable_entry_id(const Entry& entry);

} // namespace archiver::feed::detail
