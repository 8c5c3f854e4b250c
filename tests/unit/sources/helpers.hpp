// SPDX-License-Identifier: MIT
// Loading the shipped feeds.d definitions and running their rules over fixtures.
#pragma once

#include <archiver/config/config.hpp>
#include <archiver/core/model.hpp>
#include <archiver/core/time.hpp>
#include <archiver/extract/extract.hpp>
#include <archiver/text/charset.hpp>
#include <catch2/catch.hpp>
#include <string>
#include <support/temp_dir.hpp>

namespace archiver::testing {

// The repository's own feeds.d/NAME.toml, parsed by the real loader.
inline Source shipped_source(const std::string& name) {
    const auto path = data_path("../../feeds.d/" + name + ".toml");
    auto source = config::parse_source(read_file(path), path.string(), name, Source{});
    if (!source) {
        FAIL(source.error().message);
    }
    return *source;
}

inline TimeZone zone_of(const Source& source) {
    auto zone = TimeZone::from_name(source.timezone);
    REQUIRE(zone);
    return *zone;
}

// Decodes the page as the run would (BOM, HTTP charset, <meta>, detection) and extracts it
// with the source's [extract] rules.
inline Result<Article>
extract_with(const Source& source, const std::string& bytes, const std::string& url) {
    const text::Decoded decoded = text::to_utf8(bytes, "", text::DocKind::html, source.encoding);
    extract::Options options;
    options.url = url;
    options.rules = source.extract;
    options.zone = zone_of(source);
    return extract::extract_article(decoded.text, options);
}

// The body as plain text, paragraphs joined by newlines.
inline void append_text(const ContentNode& node, std::string& out) {
    if (node.kind == NodeKind::text || node.kind == NodeKind::code) {
        out += node.text;
    }
    for (const auto& child : node.children) {
        append_text(child, out);
    }
    if (node.kind == NodeKind::paragraph || node.kind == NodeKind::heading ||
        node.kind == NodeKind::list_item || node.kind == NodeKind::code_block) {
        out += '\n';
    }
}

inline std::string body_text(const Article& article) {
    std::string out;
    append_text(article.body, out);
    return out;
}

inline bool starts_with(const std::string& text, const std::string& prefix) {
    return text.compare(0, prefix.size(), prefix) == 0;
}

// True when `text`, trimmed, ends with `suffix`.
inline bool ends_with_trimmed(std::string text, const std::string& suffix) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
        text.pop_back();
    }
    return text.size() >= suffix.size() &&
           text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

} // namespace archiver::testing
