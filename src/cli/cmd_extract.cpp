// SPDX-License-Identifier: MIT
// `archiver extract`: HTML in, article out (SPEC §2). A pure transform: no store, no network.
#include "app.hpp"

#include <archiver/archive/compose.hpp>
#include <archiver/config/config.hpp>
#include <archiver/core/error.hpp>
#include <archiver/core/url.hpp>
#include <archiver/document/document.hpp>
#include <archiver/core/time.hpp>
#include <archiver/extract/extract.hpp>
#include <archiver/html/unicode.hpp>
#include <archiver/markdown/render.hpp>
#include <archiver/text/charset.hpp>
#include <archiver/text/date.hpp>

#include <nlohmann/json.hpp>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>

namespace archiver::cli {
namespace {

struct ExtractOptions {
    std::string file = "-";
    std::string url;
    std::string source;
    std::string content_type;
    std::string format = "markdown";
    std::string now;
};

ExtractOptions& options() {
    static ExtractOptions opts;
    return opts;
}

// The charset parameter of a Content-Type value, lower-case.
std::string charset_of(std::string_view content_type) {
    std::string lower(content_type);
    for (char& c : lower) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    auto pos = lower.find("charset=");
    if (pos == std::string::npos) {
        return {};
    }
    std::string value = lower.substr(pos + 8);
    value = value.substr(0, value.find_first_of("; \t"));
    if (!value.empty() && (value.front() == '"' || value.front() == '\'')) {
        value = value.substr(1, value.find_first_of("\"'", 1) - 1);
    }
    return value;
}

// SPEC §3: without a source, a page in Chinese or under .cn is read in +08:00, others in UTC.
TimeZone default_zone(std::string_view page_url, std::string_view text) {
    std::string host(page_url);
    if (auto scheme = host.find("://"); scheme != std::string::npos) {
        host = host.substr(scheme + 3);
    }
    host = host.substr(0, host.find_first_of("/:?#"));
    if (host.size() >= 3 && host.compare(host.size() - 3, 3, ".cn") == 0) {
        return TimeZone::fixed(8 * 3600);
    }
    std::size_t han = 0;
    std::size_t i = 0;
    while (i < text.size() && han < 50) {
        char32_t cp = html::next_code_point(text, i);
        han += (cp >= 0x4E00 && cp <= 0x9FFF) ? 1 : 0;
    }
    return han >= 50 ? TimeZone::fixed(8 * 3600) : TimeZone{};
}

std::optional<std::int64_t> parse_now(const std::string& text) {
    if (text.empty()) {
        return std::nullopt;
    }
    char* end = nullptr;
    long long epoch = std::strtoll(text.c_str(), &end, 10);
    if (end != nullptr && *end == '\0') {
        return epoch;
    }
    if (auto dt = text::parse_date(text, TimeZone{})) {
        return dt->epoch;
    }
    return std::nullopt;
}

nlohmann::ordered_json or_null(const std::string& s) { return s.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(s); }

// The source the page belongs to: `--source S` reads `<config>/feeds.d/S.toml` (with the
// global defaults of archiver.toml); otherwise an ad-hoc source for the URL.
Result<Source> load_source(const GlobalOptions& global,
                           const ExtractOptions& o,
                           std::string& date_format) {
    if (o.source.empty()) {
        std::string name = "extract";
        if (auto u = url::parse(o.url); u && !u->host.empty()) {
            name = u->host;
        }
        return config::adhoc_source(name, o.url);
    }
    config::Paths paths = config::default_paths(global.config_dir);
    auto settings = config::load_global(paths);
    if (!settings) {
        return unexpected(settings.error());
    }
    date_format = settings->date_format;
    auto file = paths.feeds_dir / (o.source + ".toml");
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return unexpected(Error{Stage::config, "no source file " + file.string()});
    }
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return config::parse_source(text, file.string(), o.source, settings->defaults);
}

int run_extract(const GlobalOptions& global) {
    const ExtractOptions& o = options();
    std::string bytes;
    try {
        bytes = read_input(o.file);
    } catch (const std::exception& e) {
        std::cerr << "archiver extract: " << e.what() << "\n";
        return exit_code::k_usage;
    }
    auto now = parse_now(o.now);
    if (!o.now.empty() && !now) {
        std::cerr << "archiver extract: --now: not a time: " << o.now << "\n";
        return exit_code::k_usage;
    }
    std::string date_format = archive::ComposeInfo{}.date_format;
    auto loaded = load_source(global, o, date_format);
    if (!loaded) {
        std::cerr << "archiver extract: " << loaded.error().message << "\n";
        return exit_code::k_usage;
    }
    Source source = std::move(loaded).value();
    text::Decoded decoded = text::to_utf8(bytes, charset_of(o.content_type), text::DocKind::html,
                                          source.encoding);

    extract::Options eo;
    eo.url = o.url;
    eo.rules = source.extract;
    eo.now = now;
    std::optional<TimeZone> zone;
    if (!source.timezone.empty()) {
        zone = TimeZone::from_name(source.timezone);
    }
    if (!zone) {
        zone = default_zone(o.url, decoded.text);
        if (zone->offset_at_utc(0) != 0) {
            source.timezone = "+08:00";
        }
    }
    eo.zone = *zone;
    auto article = extract::extract_article(decoded.text, eo);
    if (!article) {
        std::cerr << "archiver extract: " << article.error().message << "\n";
        return exit_code::k_partial;
    }
    if (o.format == "text") {
        std::cout << markdown::render_text(article->body);
        return exit_code::k_ok;
    }
    std::string body = markdown::render_markdown(article->body);
    if (o.format == "json") {
        std::string text = markdown::render_text(article->body);
        nlohmann::ordered_json j;
        j["title"] = or_null(article->title);
        j["date"] = article->date ? nlohmann::ordered_json(format_rfc3339(*article->date)) : nlohmann::ordered_json();
        j["author"] = or_null(article->author);
        j["lang"] = or_null(article->lang);
        j["url"] = or_null(article->canonical_url.empty() ? article->url : article->canonical_url);
        j["image"] = or_null(article->image);
        j["summary"] = markdown::make_summary(text);
        j["text"] = text;
        j["markdown"] = body;
        std::cout << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
        return exit_code::k_ok;
    }
    archive::ComposeInfo info;
    info.date_format = date_format;
    info.fetched = now ? *now
                       : std::chrono::duration_cast<std::chrono::seconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
    std::cout << document::to_string(archive::compose_document(source, *article, info));
    return exit_code::k_ok;
}

void setup_extract(CLI::App& app) {
    ExtractOptions& o = options();
    app.add_option("file", o.file, "HTML file, or - for stdin")->default_val("-");
    app.add_option("--url", o.url, "The page's URL: relative links resolve against it");
    app.add_option("--source", o.source, "Use this source's [extract] rules and settings");
    app.add_option("--content-type", o.content_type, "The HTTP Content-Type (its charset is used)");
    app.add_option("--format", o.format, "markdown (the archived document), json or text")
        ->check(CLI::IsMember({"markdown", "json", "text"}));
    app.add_option("--now", o.now, "Pin the current time (RFC 3339 or epoch seconds)");
}

const bool k_registered = register_command(Command{
    "extract", "Extract the article from an HTML page (no store)", 40, setup_extract, run_extract});

} // namespace
} // namespace archiver::cli
