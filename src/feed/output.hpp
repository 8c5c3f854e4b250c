// SPDX-License-Identifier: MIT
// The pieces of `parse-feed`'s outputs, for writing them as entries are read (private to
// src/feed). to_json() is write_json_head, write_json_entry for each entry (`first` for
// the first one), write_json_tail; to_tsv() is write_tsv_entry for each entry.
#pragma once

#include <archiver/core/model.hpp>

#include <string>

namespace archiver::feed::detail {

// `dt` in UTC as format_utc writes it ("2025-02-07T04:20:46Z"), appended without a
// temporary.
void append_utc(std::string& out, const DateTime& dt);

// The JSON object up to and including the '[' that opens "entries".
void write_json_head(std::string& out, const FeedDoc& doc);

// One entry's JSON object, after a ',' unless it is the `first`.
void write_json_entry(std::string& out, const Entry& e, bool first);

// The end of the entries array and of the object, and the final newline.
void write_json_tail(std::string& out);

// One entry's TSV line (sfeed(5) columns).
void write_tsv_entry(std::string& out, const Entry& e);

} // namespace archiver::feed::detail
