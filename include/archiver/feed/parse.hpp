// SPDX-License-Identifier: MIT
#pragma once

#include <archiver/core/model.hpp>
#include <archiver/core/result.hpp>
#include <archiver/core/time.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>

namespace archiver::feed {

struct ParseOptions {
    std::string base_url;     // the feed's URL: relative links resolve against it
    std::string content_type; // the HTTP Content-Type, if any (charset and media type)
    std::string encoding;     // forced encoding (source `encoding`), empty: detect
    TimeZone zone;            // dates that state no zone are read in it
};

// Parses RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed bytes into a `FeedDoc`. Broken input
// yields what can be recovered with `bozo` set; an error only when nothing feed-like is
// found. Pure: no I/O, no clock.
Result<FeedDoc> parse_feed(std::string_view bytes, const ParseOptions& options);

// `parse-feed --format json` (SPEC §2): one JSON object, dates in UTC.
std::string to_json(const FeedDoc& doc);

// `parse-feed --format tsv`: sfeed's columns, one entry a line.
std::string to_tsv(const FeedDoc& doc);

// The output formats of `parse-feed`.
enum class OutputFormat { json, tsv };

// Receives the output in pieces, in order.
using OutputSink = std::function<void(std::string_view)>;

// parse_feed then to_json/to_tsv, written to `sink` as the entries are read: a feed of tens
// of MB never has all its entries in memory at once. The bytes written are exactly
// to_json(*parse_feed(...)) (or to_tsv); on error nothing is written.
Result<void> write_feed(std::string_view bytes,
                        const ParseOptions& options,
                        OutputFormat format,
                        const OutputSink& sink);

// write_feed on input the caller lets it write into: a feed in clean UTF-8 XML is parsed
// where it lies instead of being copied first (the copy of a 30 MB feed costs as much as a
// tenth of its parse). True when written; false, with nothing written, when the document
// is not well-formed XML: `bytes` are then spoilt, and write_feed must be called with the
// original bytes (read again) for the forgiving reader.
Result<bool> write_feed_in_place(std::span<char> bytes,
                                 const ParseOptions& options,
                                 OutputFormat format,
                                 const OutputSink& sink);

// Reads up to `size` bytes of a document at `offset` into `out`: the count read, 0 at its
// end, negative on error. (The caller's I/O: parsing stays pure.)
using ByteReader = std::function<std::ptrdiff_t(std::uint64_t offset, char* out, std::size_t size)>;

// write_feed on a large document read through `reader` (`size` bytes) a window at a time
// instead of held whole: clean UTF-8 XML is cut into its entries as it is read, then read
// again one window of entries at a time, so memory stays a few MB whatever the document's
// size. True when written (exactly what write_feed writes); false, with nothing written,
// when the document is not one read this way (small, not clean UTF-8 XML, unusual markup,
// not well-formed): then call write_feed on its bytes.
Result<bool> write_feed_streamed(std::uint64_t size,
                                 const ByteReader& reader,
                                 const ParseOptions& options,
                                 OutputFormat format,
                                 const OutputSink& sink);

// True when `bytes` look like a feed rather than an HTML page (used by `type = auto`).
bool looks_like_feed(std::string_view bytes, std::string_view content_type);

} // namespace archiver::feed
