// SPDX-License-Identifier: MIT
// parse_feed: bytes to UTF-8, JSON Feed or XML (strict, else recovered), then the walk.
#include <archiver/feed/parse.hpp>

#include "jsonfeed.hpp"
#include "output.hpp"
#include "parse_detail.hpp"
#include "walk.hpp"
#include "xml_load.hpp"

#include <archiver/text/charset.hpp>

#include <algorithm>
#include <cctype>
#include <optional>

namespace archiver::feed {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// The first non-blank byte after a UTF-8 BOM.
std::size_t content_start(std::string_view bytes) {
    std::size_t p = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    while (p < bytes.size() && std::isspace(static_cast<unsigned char>(bytes[p]))) {
        ++p;
    }
    return p;
}

void note_bozo(FeedDoc& doc, const std::string& reason) {
    if (!doc.bozo) {
        doc.bozo = true;
        doc.bozo_reason = reason;
    }
}

} // namespace

namespace {

// A document read up to its entries: feed-level fields, version, encoding and bozo are
// known; the entries come from the walk (or, for JSON Feed, are already in `doc`).
struct Loaded {
    FeedDoc doc;
    std::string text; // the decoded text when it is not the input's bytes (split loads view it)
    detail::XmlDoc xml;
    std::optional<detail::XmlWalk> walk; // empty for JSON Feed
};

// `writable`, when not null, is `bytes` that may be written into: clean UTF-8 XML is then
// parsed where it lies. When that parse fails, `spoilt` is set and nothing else is done
// (the forgiving reader needs the original bytes).
Result<void> load(std::string_view bytes,
                  const ParseOptions& options,
                  std::size_t split_min,
                  Loaded& out,
                  char* writable = nullptr,
                  bool* spoilt = nullptr) {
    FeedDoc& doc = out.doc;
    const std::string http_charset = text::charset_from_content_type(options.content_type);
    const std::size_t start = content_start(bytes);
    if (start < bytes.size() && (bytes[start] == '{' || bytes[start] == '[')) {
        const text::Decoded d =
            text::to_utf8(bytes, http_charset, text::DocKind::plain, options.encoding);
        doc.encoding = d.encoding;
        std::string error;
        if (!detail::parse_json_feed(d.text, options.base_url, options.zone, doc, error)) {
            return unexpected(Error{Stage::parse, "not a feed: " + error});
        }
        if (d.lossy) {
            note_bozo(doc, "invalid bytes for " + d.encoding);
        }
        return {};
    }
    // Clean UTF-8 (most feeds) is read where it lies, not copied.
    text::DecodedView dv =
        text::to_utf8_view(bytes, http_charset, text::DocKind::xml, options.encoding);
    text::Decoded& d = dv.decoded;
    doc.encoding = d.encoding;
    detail::XmlDoc& xml = out.xml;
    const bool borrowed = dv.is_borrowed;
    std::string_view utf8 = dv.text();
    if (!borrowed) {
        out.text = std::move(d.text);
        utf8 = out.text;
    }
    // A large document entry by entry, when that is certain to read it as a whole.
    if (detail::load_xml_split(utf8, xml, split_min)) {
        out.walk.emplace(xml, options.zone, options.base_url, doc);
        if (!out.walk->complete()) {
            out.walk.reset();
            detail::reset_xml(xml);
            doc = FeedDoc{};
            doc.encoding = d.encoding;
        }
    }
    const bool in_place = writable != nullptr && borrowed && utf8.data() >= bytes.data() &&
                          utf8.data() + utf8.size() <= bytes.data() + bytes.size();
    if (!out.walk && in_place) {
        char* text = writable + (utf8.data() - bytes.data());
        if (!detail::load_xml_strict_in_place(text, utf8.size(), xml)) {
            *spoilt = true;
            return {};
        }
        out.walk.emplace(xml, options.zone, options.base_url, doc);
    }
    if (!out.walk) {
        std::string owned;
        if (borrowed) {
            // One copy to parse in place, on huge pages when large.
            owned.reserve(utf8.size());
            if (utf8.size() >= detail::k_arena_min_text) {
                detail::advise_huge_pages(owned.data(), owned.capacity());
            }
            owned.assign(utf8);
        } else {
            owned = std::move(out.text);
        }
        if (!detail::load_xml_strict(std::move(owned), xml)) {
            // The strict parse consumed the text in place; decoding again is cheaper than
            // copying every document for the rare broken one.
            if (borrowed) {
                detail::load_xml_loose(utf8, xml);
            } else {
                d = text::to_utf8(bytes, http_charset, text::DocKind::xml, options.encoding);
                detail::load_xml_loose(d.text, xml);
            }
        }
        out.walk.emplace(xml, options.zone, options.base_url, doc);
    }
    if (doc.version.empty() && out.walk->entry_count() == 0 && !doc.feed.title) {
        return unexpected(Error{Stage::parse, "not a feed: no RSS, Atom or JSON Feed document"});
    }
    if (!d.problem.empty()) {
        note_bozo(doc, "character encoding: " + d.problem);
    } else if (d.lossy) {
        note_bozo(doc, "invalid bytes for " + d.encoding);
    }
    if (xml.bozo) {
        note_bozo(doc, xml.bozo_reason);
    }
    return {};
}

} // namespace

namespace detail {

Result<FeedDoc> parse_feed(std::string_view bytes,
                           const ParseOptions& options,
                           std::size_t split_min) {
    Loaded loaded;
    if (auto r = load(bytes, options, split_min, loaded); !r) {
        return unexpected(r.error());
    }
    FeedDoc& doc = loaded.doc;
    if (loaded.walk) {
        doc.entries.reserve(loaded.walk->entry_count());
        loaded.walk->entries([&doc](Entry& e) { doc.entries.push_back(std::move(e)); });
    }
    return std::move(doc);
}

Result<void> write_feed(std::string_view bytes,
                        const ParseOptions& options,
                        OutputFormat format,
                        const OutputSink& sink,
                        std::size_t split_min,
                        char* writable,
                        bool* spoilt) {
    Loaded loaded;
    if (auto r = load(bytes, options, split_min, loaded, writable, spoilt); !r) {
        return r;
    }
    if (spoilt != nullptr && *spoilt) {
        return {};
    }
    if (!loaded.walk) {
        sink(format == OutputFormat::json ? to_json(loaded.doc) : to_tsv(loaded.doc));
        return {};
    }
    write_walked(loaded.doc, *loaded.walk, format, sink);
    return {};
}

void write_walked(const FeedDoc& doc, XmlWalk& walk, OutputFormat format, const OutputSink& sink) {
    // One buffer, handed on whenever it holds a few hundred KB: the output of a large feed
    // is never all in memory.
    constexpr std::size_t k_flush = std::size_t{256} << 10;
    std::string buf;
    buf.reserve(k_flush + (std::size_t{64} << 10));
    bool first = true;
    if (format == OutputFormat::json) {
        write_json_head(buf, doc);
    }
    walk.entries([&](Entry& e) {
        if (format == OutputFormat::json) {
            write_json_entry(buf, e, first);
        } else {
            write_tsv_entry(buf, e);
        }
        first = false;
        if (buf.size() >= k_flush) {
            sink(buf);
            buf.clear();
        }
    });
    if (format == OutputFormat::json) {
        write_json_tail(buf);
    }
    if (!buf.empty()) {
        sink(buf);
    }
}

} // namespace detail

Result<FeedDoc> parse_feed(std::string_view bytes, const ParseOptions& options) {
    return detail::parse_feed(bytes, options, detail::k_split_min_text);
}

Result<void> write_feed(std::string_view bytes,
                        const ParseOptions& options,
                        OutputFormat format,
                        const OutputSink& sink) {
    return detail::write_feed(bytes, options, format, sink, detail::k_split_min_text);
}

Result<bool> write_feed_in_place(std::span<char> bytes,
                                 const ParseOptions& options,
                                 OutputFormat format,
                                 const OutputSink& sink) {
    bool spoilt = false;
    auto r = detail::write_feed(std::string_view(bytes.data(), bytes.size()), options, format,
                                sink, detail::k_split_min_text, bytes.data(), &spoilt);
    if (!r) {
        return unexpected(r.error());
    }
    return !spoilt;
}

bool looks_like_feed(std::string_view bytes, std::string_view content_type) {
    const std::string ct = lower(content_type);
    if (ct.find("rss") != std::string::npos || ct.find("atom") != std::string::npos ||
        ct.find("feed+json") != std::string::npos) {
        return true;
    }
    const std::size_t start = content_start(bytes);
    const std::string_view rest = bytes.substr(start);
    if (!rest.empty() && rest.front() == '{') {
        return detail::looks_like_json_feed(rest);
    }
    // Past the prolog (declaration, comments, DOCTYPE), the root element decides.
    const std::string head = lower(rest.substr(0, 4096));
    std::size_t p = 0;
    while ((p = head.find('<', p)) != std::string::npos) {
        if (head.compare(p, 2, "<?") == 0 || head.compare(p, 2, "<!") == 0) {
            const std::size_t close = head.compare(p, 4, "<!--") == 0 ? head.find("-->", p)
                                                                       : head.find('>', p);
            if (close == std::string::npos) {
                return false;
            }
            p = close + 1;
            continue;
        }
        std::size_t q = p + 1;
        while (q < head.size() && (std::isalnum(static_cast<unsigned char>(head[q])) ||
                                   head[q] == ':' || head[q] == '-' || head[q] == '_')) {
            ++q;
        }
        std::string name = head.substr(p + 1, q - p - 1);
        if (auto colon = name.find(':'); colon != std::string::npos) {
            name = name.substr(colon + 1);
        }
        return name == "rss" || name == "feed" || name == "rdf" || name == "channel";
    }
    return false;
}

} // namespace archiver::feed
