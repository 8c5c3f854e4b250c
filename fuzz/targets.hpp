// SPDX-License-Identifier: MIT
// The properties the fuzz targets check, as plain functions: the libFuzzer entry points
// (fuzz_*.cpp) abort when one returns false, and tests/unit/hostile replays every kept
// crasher through them with the normal compiler. Each takes arbitrary bytes.
#pragma once

#include <archiver/core/time.hpp>
#include <archiver/core/url.hpp>
#include <archiver/extract/extract.hpp>
#include <archiver/feed/parse.hpp>
#include <archiver/markdown/render.hpp>
#include <archiver/text/charset.hpp>
#include <archiver/text/date.hpp>
#include <cstdint>
#include <string>
#include <string_view>

namespace archiver::fuzz {

// The feed parser on `bytes`, then both of its output formats. Never fails (crashes and
// sanitizer reports are the findings).
inline bool feed_target(std::string_view bytes) {
    feed::ParseOptions options;
    options.base_url = "https://example.com/feed/";
    if (auto doc = feed::parse_feed(bytes, options)) {
        (void)feed::to_json(*doc);
        (void)feed::to_tsv(*doc);
    }
    (void)feed::looks_like_feed(bytes, "");
    return true;
}

// Charset decoding, the extractor and the Markdown/text writers: the decoded text must be
// valid UTF-8, and so must everything written from it.
inline bool extract_target(std::string_view bytes) {
    const auto decoded = text::to_utf8(bytes, "", text::DocKind::html);
    if (!text::is_valid_utf8(decoded.text)) {
        return false;
    }
    extract::Options options;
    options.url = "https://news.example.com/a/2025/02/07/123.html";
    options.now = 1738900000;
    auto article = extract::extract_article(decoded.text, options);
    if (!article) {
        return true;
    }
    const std::string md = markdown::render_markdown(article->body);
    const std::string plain = markdown::render_text(article->body);
    const std::string summary = markdown::make_summary(plain);
    return text::is_valid_utf8(md) && text::is_valid_utf8(plain) && text::is_valid_utf8(summary) &&
           text::is_valid_utf8(article->title);
}

// The date parser in three zones: a date it reads (years 1000-9999), written as RFC 3339,
// reads back as the same instant.
inline bool date_target(std::string_view bytes) {
    static const TimeZone zones[] = {TimeZone(),
                                     TimeZone::fixed(8 * 3600),
                                     TimeZone::from_name("America/New_York").value_or(TimeZone())};
    for (const auto& zone : zones) {
        const auto dt = text::parse_date(bytes, zone, std::int64_t{1738900000});
        if (!dt) {
            continue;
        }
        const auto civil = civil_from_epoch(dt->epoch + dt->offset);
        if (civil.year < 1000 || civil.year > 9999) {
            continue;
        }
        const auto again = text::parse_date(format_rfc3339(*dt), zone);
        if (!again || again->epoch != dt->epoch) {
            return false;
        }
    }
    return true;
}

// The URL functions: parse/to_string is a fixed point and canonicalize is idempotent.
inline bool url_target(std::string_view bytes) {
    if (auto u = url::parse(bytes)) {
        const std::string s = url::to_string(*u);
        auto again = url::parse(s);
        if (!again || url::to_string(*again) != s) {
            return false;
        }
    }
    const std::string canonical = url::canonicalize(bytes);
    if (url::canonicalize(canonical) != canonical) {
        return false;
    }
    (void)url::resolve("https://example.com/a/b/c?q=1#f", bytes);
    (void)url::resolve(bytes, "../x/./y?z");
    (void)url::is_http(bytes);
    (void)url::percent_decode(bytes);
    return true;
}

} // namespace archiver::fuzz
