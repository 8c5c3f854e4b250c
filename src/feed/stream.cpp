// SPDX-License-Identifier: MIT
// write_feed_streamed: a large feed read a window at a time. The first pass reads the
// document once, piece by piece, into one reused buffer: it decides the encoding as the
// whole-document read does, checks that every piece is clean UTF-8, runs the raw scans and
// cuts the skeleton and the entries out (xml_split.hpp). The second pass, the walk, reads
// the entries again a window at a time and parses each where it lies. Anything the whole
// read would do differently (another encoding, a cut that is not certain) stops before a
// byte is written, and the caller reads the document whole.
#include "parse_detail.hpp"
#include "raw_scan.hpp"
#include "walk.hpp"
#include "xml_load.hpp"
#include "xml_split.hpp"

#include <archiver/text/charset.hpp>

#include <algorithm>
#include <cstring>
#include <memory>

namespace archiver::feed {
namespace detail {
namespace {

// The bytes read at once. Both passes share one buffer of this size (on the split
// document's huge pages), small enough to stay in the CPU's cache from the read to the
// last scan (measured on 30 MB Atom: with 512 KB, the cut, the first to read each piece,
// took 8% of the time in cache misses; with 128 KB, 2.5%).
constexpr std::size_t k_window = std::size_t{128} << 10;

// The whole-document read decides the encoding on the first 4 KB (BOM, XML declaration,
// <meta charset>) and a scan of the rest; the first piece must hold them.
constexpr std::size_t k_prolog = 4096;
constexpr std::size_t k_head = std::size_t{64} << 10;

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Fills `buf` from `held` up to `capacity` bytes; false on a read error.
struct Filler {
    const ByteReader& reader;
    std::uint64_t next = 0; // the document offset to read next
    bool at_end = false;

    bool fill(char* buf, std::size_t& held, std::size_t capacity) {
        while (held < capacity && !at_end) {
            const std::ptrdiff_t n = reader(next, buf + held, capacity - held);
            if (n < 0) {
                return false;
            }
            if (n == 0) {
                at_end = true;
                break;
            }
            held += static_cast<std::size_t>(n);
            next += static_cast<std::uint64_t>(n);
        }
        return true;
    }
};

// Where the text starts in `first` (the document's first bytes: all of them when
// `complete`) when the whole-document read would take the document as clean UTF-8 XML
// viewed where it lies; npos otherwise.
std::size_t utf8_text_start(std::string_view first, bool complete, const ParseOptions& options) {
    std::size_t p = first.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    while (p < first.size() && is_blank(first[p])) {
        ++p;
    }
    if (p >= first.size() || first[p] != '<') {
        return SplitDoc::npos; // JSON Feed, or not markup
    }
    // The decision's own piece (its first 64 KB at most: the pieces are all scanned
    // later) ends before a '<', never inside a character.
    std::size_t end = first.size();
    if (!complete || end > k_head) {
        end = first.substr(0, k_head).rfind('<');
        if (end == std::string_view::npos || end < k_prolog) {
            return SplitDoc::npos;
        }
    }
    const std::string_view head = first.substr(0, end);
    if (head.compare(p, 5, "<?xml") == 0 && head.find("?>", p) == std::string_view::npos) {
        return SplitDoc::npos; // the declaration must be read whole
    }
    const text::DecodedView dv =
        text::to_utf8_view(head, text::charset_from_content_type(options.content_type),
                           text::DocKind::xml, options.encoding);
    if (!dv.is_borrowed || dv.decoded.encoding != "utf-8" || !dv.decoded.problem.empty() ||
        dv.decoded.lossy) {
        return SplitDoc::npos;
    }
    return static_cast<std::size_t>(dv.borrowed.data() - head.data());
}

} // namespace

Result<bool> write_feed_streamed(std::uint64_t size,
                                 const ByteReader& reader,
                                 const ParseOptions& options,
                                 OutputFormat format,
                                 const OutputSink& sink,
                                 std::size_t split_min,
                                 std::size_t window) {
    if (!options.encoding.empty() || size == 0 || size < split_min) {
        return false;
    }
    auto split = std::make_unique<SplitDoc>();
    // The first read holds the prolog whatever the window; later reads add a window.
    std::size_t capacity = std::max(window, 2 * k_prolog);
    char* buf = split->piece_buffer(capacity, 0);
    std::size_t held = 0;
    Filler filler{reader};
    if (!filler.fill(buf, held, capacity)) {
        return false;
    }
    const std::size_t start = utf8_text_start(std::string_view(buf, held), filler.at_end, options);
    if (start == SplitDoc::npos || size - start < split_min) {
        return false;
    }
    split->begin_pieces(
        [&reader, start](std::uint64_t offset, char* out, std::size_t n) {
            return reader(offset + start, out, n);
        },
        window);
    // The first pass: each piece is cut, checked and scanned, then dropped.
    bool references_clear = true;
    RawPrefixes prefixes;
    std::size_t pos = start; // the piece's first byte in `buf`
    for (;;) {
        const bool last = filler.at_end;
        const std::string_view piece(buf + pos, held - pos);
        const std::size_t used = split->cut_piece(piece, last);
        if (used == SplitDoc::npos) {
            return false;
        }
        const std::string_view done = piece.substr(0, used);
        if (!text::is_clean_utf8(done)) {
            return false;
        }
        references_clear = references_clear && references_known(done, EntityMap{});
        merge_prefixes(prefixes, scan_prefixes(done));
        if (last) {
            break;
        }
        // The rest goes to the front, then more bytes after it (a larger buffer when
        // nothing could be cut from a full one).
        held = piece.size() - used;
        std::memmove(buf, piece.data() + used, held);
        pos = 0;
        if (held == capacity) {
            capacity *= 2;
            buf = split->piece_buffer(capacity, held);
        }
        if (!filler.fill(buf, held, std::min(capacity, held + window))) {
            return false;
        }
    }
    XmlDoc xml;
    if (!load_split(std::move(split), references_clear, prefixes, xml)) {
        return false;
    }
    FeedDoc doc;
    doc.encoding = "utf-8";
    XmlWalk walk(xml, options.zone, options.base_url, doc);
    if (!walk.complete() || (doc.version.empty() && walk.entry_count() == 0 && !doc.feed.title)) {
        return false;
    }
    if (xml.bozo) {
        doc.bozo = true;
        doc.bozo_reason = xml.bozo_reason;
    }
    write_walked(doc, walk, format, sink);
    return true;
}

} // namespace detail

Result<bool> write_feed_streamed(std::uint64_t size,
                                 const ByteReader& reader,
                                 const ParseOptions& options,
                                 OutputFormat format,
                                 const OutputSink& sink) {
    return detail::write_feed_streamed(size, reader, options, format, sink,
                                       detail::k_split_min_text, detail::k_window);
}

} // namespace archiver::feed
