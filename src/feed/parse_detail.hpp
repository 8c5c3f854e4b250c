// SPDX-License-Identifier: MIT
// parse_feed and write_feed with the size from which a document is read entry by entry
// (private to src/feed; the public functions pass k_split_min_text). Tests pass 0 (every
// document that can be read so is) and SIZE_MAX (none is) and compare.
#pragma once

#include <archiver/feed/parse.hpp>

#include <cstddef>

namespace archiver::feed::detail {

class XmlWalk;

// parse_feed, reading documents of `split_min` bytes or more entry by entry when certain.
Result<FeedDoc> parse_feed(std::string_view bytes, const ParseOptions& options, std::size_t split_min);

// write_feed, likewise. When `writable` (the same bytes as `bytes`) is given, clean UTF-8
// XML is parsed in place; if that parse fails, `*spoilt` is set and nothing is written.
Result<void> write_feed(std::string_view bytes,
                        const ParseOptions& options,
                        OutputFormat format,
                        const OutputSink& sink,
                        std::size_t split_min,
                        char* writable = nullptr,
                        bool* spoilt = nullptr);

// write_feed_streamed, reading documents of `split_min` bytes or more, `window` bytes at a
// time at least (tests pass small windows: every cut between pieces).
Result<bool> write_feed_streamed(std::uint64_t size,
                                 const ByteReader& reader,
                                 const ParseOptions& options,
                                 OutputFormat format,
                                 const OutputSink& sink,
                                 std::size_t split_min,
                                 std::size_t window);

// Writes `doc`'s head (JSON) and the entries `walk` reads, in pieces of a few hundred KB.
void write_walked(const FeedDoc& doc, XmlWalk& walk, OutputFormat format, const OutputSink& sink);

} // namespace archiver::feed::detail
