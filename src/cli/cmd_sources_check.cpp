// SPDX-License-Identifier: MIT
// `archiver sources check NAME`: runs one source without storing anything and shows what
// would be archived and which rule gave each field (how a definition is written and debugged).
#include "context.hpp"
#include "sources_cmd.hpp"

#include <algorithm>
#include <archiver/core/error.hpp>
#include <archiver/core/time.hpp>
#include <archiver/core/url.hpp>
#include <archiver/extract/extract.hpp>
#include <archiver/feed/parse.hpp>
#include <archiver/listing/listing.hpp>
#include <archiver/markdown/render.hpp>
#include <archiver/text/charset.hpp>
#include <ctime>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace archiver::cli::sources {

std::string type_name(SourceType type) {
    switch (type) {
    case SourceType::feed:
        return "feed";
    case SourceType::html:
        return "html";
    case SourceType::json:
        return "json";
    case SourceType::automatic:
        break;
    }
    return "auto";
}

fetch::Fetcher make_fetcher(const archive::RunContext& ctx) {
    fetch::Options o;
    const auto& g = ctx.global;
    o.user_agent = g.user_agent;
    o.max_total = g.jobs;
    o.max_per_host = g.per_host;
    o.per_host_delay_ms = static_cast<long>(g.per_host_delay_ms);
    o.connect_timeout_ms = static_cast<long>(g.connect_timeout_ms);
    o.total_timeout_ms = static_cast<long>(g.timeout_ms);
    o.max_body_bytes = g.max_body_bytes;
    o.max_redirects = g.max_redirects;
    o.max_retries = g.retries;
    return fetch::Fetcher(o);
}

fetch::Request make_request(const Source& source, const std::string& url) {
    fetch::Request r;
    r.url = url;
    r.headers = source.headers;
    r.cookies = source.cookies;
    r.user_agent = source.user_agent;
    return r;
}

Result<std::string> read_file_or_url(const archive::RunContext& ctx,
                                     const Source& source,
                                     const std::string& where,
                                     std::string& content_type,
                                     std::string& final_url) {
    if (url::is_http(where)) {
        fetch::Fetcher fetcher = make_fetcher(ctx);
        auto response = fetcher.get(make_request(source, where));
        if (!response) {
            return unexpected(response.error());
        }
        content_type = response->content_type;
        final_url = response->url.empty() ? where : response->url;
        return std::move(response->body);
    }
    std::ifstream in(where, std::ios::binary);
    if (!in) {
        return unexpected(Error{Stage::fetch, "cannot read " + where});
    }
    content_type.clear();
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

namespace {

// The rule text behind an extractor provenance of "selector".
std::string explain(const Source& source, const std::string& field, const std::string& how) {
    if (how != "selector") {
        return how;
    }
    const auto& e = source.extract;
    const std::string& rule = field == "title"    ? e.title
                              : field == "date"   ? e.date
                              : field == "author" ? e.author
                              : field == "body"   ? e.body
                                                  : how;
    return "[extract] " + field + ": " + rule;
}

std::string short_text(const std::string& text, std::size_t max_code_points) {
    std::size_t i = 0;
    std::size_t n = 0;
    while (i < text.size() && n < max_code_points) {
        const auto c = static_cast<unsigned char>(text[i]);
        i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        ++n;
    }
    return i >= text.size() ? text : text.substr(0, i) + "…";
}

struct Listed {
    std::vector<Entry> entries;
    std::vector<std::pair<std::string, std::string>> provenance;
    std::string next_url;
};

Result<Listed> parse_list(const Source& source,
                          const std::string& bytes,
                          const std::string& content_type,
                          const std::string& base,
                          const TimeZone& zone,
                          std::optional<std::int64_t> now) {
    SourceType type = source.type;
    if (type == SourceType::automatic) {
        const auto first = bytes.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
        type = feed::looks_like_feed(bytes, content_type) ? SourceType::feed
               : first != std::string::npos && (bytes[first] == '{' || bytes[first] == '[')
                   ? SourceType::json
                   : SourceType::html;
    }
    Listed out;
    if (type == SourceType::feed) {
        feed::ParseOptions po{base, content_type, source.encoding, zone};
        auto doc = feed::parse_feed(bytes, po);
        if (!doc) {
            return unexpected(doc.error());
        }
        out.entries = std::move(doc->entries);
        out.provenance.emplace_back("list",
                                    "feed (" + doc->version + ", read as " + doc->encoding +
                                        (doc->bozo ? ", broken: " + doc->bozo_reason : "") + ")");
        return out;
    }
    listing::ListOptions lo;
    lo.base_url = base;
    lo.zone = zone;
    lo.now = now;
    lo.page = 1;
    Result<listing::ListPage> page = unexpected(Error{});
    if (type == SourceType::json) {
        page = listing::parse_json_list(bytes, source.json, source.url, lo);
    } else {
        const text::Decoded decoded = text::to_utf8(bytes,
                                                    text::charset_from_content_type(content_type),
                                                    text::DocKind::html,
                                                    source.encoding);
        page = listing::parse_html_list(decoded.text, source.list, lo);
    }
    if (!page) {
        return unexpected(page.error());
    }
    out.entries = std::move(page->entries);
    out.provenance = std::move(page->provenance);
    out.next_url = std::move(page->next_url);
    return out;
}

void print_entry(std::size_t index, const Entry& e) {
    std::cout << "  " << index + 1 << ". " << e.title.value_or("(no title)") << "\n"
              << "     link: " << e.link.value_or("-") << "\n";
    if (e.published) {
        std::cout << "     date: " << format_rfc3339(*e.published) << "\n";
    }
}

// Extracts one item and prints what would be archived. False on failure.
bool check_item(const archive::RunContext& ctx,
                const Source& source,
                const Entry& entry,
                const std::string& article_file,
                const TimeZone& zone,
                std::optional<std::int64_t> now) {
    const std::string link = entry.link.value_or("");
    std::cout << "\n== item: " << link << "\n";
    std::string html;
    std::string content_type;
    std::string page_url = link;
    const bool has_content = entry.content && !entry.content->empty();
    if (!article_file.empty()) {
        auto bytes = read_file_or_url(ctx, source, article_file, content_type, page_url);
        if (!bytes) {
            std::cout << "FAIL (" << stage_name(bytes.error().stage) << ") "
                      << bytes.error().message << "\n";
            return false;
        }
        page_url = link;
        html = std::move(*bytes);
        std::cout << "page: " << article_file << " (given with --article)\n";
    } else if (source.full_text == FullText::never ||
               (source.full_text == FullText::automatic && has_content)) {
        html = "<html><body><article>" + entry.content.value_or(entry.summary.value_or("")) +
               "</article></body></html>";
        std::cout << "page: the feed's own content (full_text = "
                  << (source.full_text == FullText::never ? "false" : "auto") << ")\n";
    } else {
        auto bytes = read_file_or_url(ctx, source, link, content_type, page_url);
        if (!bytes) {
            std::cout << "FAIL (" << stage_name(bytes.error().stage) << ") "
                      << bytes.error().message << "\n";
            return false;
        }
        html = std::move(*bytes);
        std::cout << "page: fetched " << page_url << "\n";
    }
    const text::Decoded decoded = text::to_utf8(
        html, text::charset_from_content_type(content_type), text::DocKind::html, source.encoding);
    extract::Options eo;
    eo.url = page_url;
    eo.rules = source.extract;
    eo.zone = zone;
    eo.now = now;
    auto article = extract::extract_article(decoded.text, eo);
    if (!article) {
        std::cout << "FAIL (extract) " << article.error().message << "\n";
        return false;
    }
    // What the list said wins where the page is silent, as in a run.
    if (article->title.empty() && entry.title) {
        article->title = *entry.title;
        article->provenance["title"] = "list";
    }
    if (!article->date && entry.published) {
        article->date = entry.published;
        article->provenance["date"] = "list";
    }
    std::cout << "encoding: " << decoded.encoding
              << (decoded.problem.empty() ? "" : " (" + decoded.problem + ")") << "\nrules:\n";
    for (const auto& [field, how] : article->provenance) {
        std::cout << "  " << field << " <- " << explain(source, field, how) << "\n";
    }
    const std::string text = markdown::render_text(article->body);
    std::cout << "would archive:\n"
              << "  title:   " << article->title << "\n"
              << "  date:    "
              << (article->date ? format_rfc3339(*article->date) : "(none: the fetch time)")
              << "\n";
    if (!article->author.empty()) {
        std::cout << "  author:  " << article->author << "\n";
    }
    std::cout << "  lang:    " << (source.lang.empty() ? article->lang : source.lang) << "\n"
              << "  guid:    " << entry.id.value_or(link) << "\n"
              << "  url:     " << (article->canonical_url.empty() ? link : article->canonical_url)
              << "\n"
              << "  summary: " << markdown::make_summary(text) << "\n"
              << "  body:    " << text.size() << " bytes of text\n";
    std::istringstream lines(markdown::render_markdown(article->body));
    std::vector<std::string> body;
    for (std::string line; std::getline(lines, line);) {
        if (!line.empty()) {
            body.push_back(line);
        }
    }
    for (std::size_t i = 0; i < body.size(); ++i) {
        if (i < 3 || i + 2 >= body.size()) {
            std::cout << "  | " << short_text(body[i], 100) << "\n";
        } else if (i == 3) {
            std::cout << "  | … (" << body.size() - 5 << " more paragraphs)\n";
        }
    }
    return true;
}

} // namespace

int run_check(const archive::RunContext& ctx, const CheckOptions& options) {
    auto it = std::find_if(ctx.sources.begin(), ctx.sources.end(), [&](const Source& s) {
        return s.name == options.name;
    });
    if (it == ctx.sources.end()) {
        for (const Error& e : ctx.config_errors) {
            std::cerr << "archiver: " << e.message << "\n";
        }
        std::cerr << "archiver: no usable source named \"" << options.name << "\"\n";
        return exit_code::k_usage;
    }
    const Source& source = *it;
    const TimeZone zone = TimeZone::from_name(source.timezone).value_or(TimeZone());
    std::optional<std::int64_t> now;
    if (!options.now.empty()) {
        try {
            now = parse_time_option(options.now, "--now");
        } catch (const UsageError& e) {
            std::cerr << "archiver: " << e.what() << "\n";
            return exit_code::k_usage;
        }
    } else {
        now = std::time(nullptr);
    }
    const std::string list_url = listing::page_url(source.url, 1);
    const std::string where = options.from.empty() ? list_url : options.from;
    std::string content_type;
    std::string final_url = list_url;
    auto bytes = read_file_or_url(ctx, source, where, content_type, final_url);
    std::cout << "source: " << source.name << " (" << type_name(source.type) << ", " << source.file
              << ")\nlist: " << where << "\n";
    if (!bytes) {
        std::cout << "[" << source.name << "] FAIL (" << stage_name(bytes.error().stage) << ") "
                  << bytes.error().message << "\n";
        return exit_code::k_partial;
    }
    auto listed = parse_list(source, *bytes, content_type, final_url, zone, now);
    if (!listed) {
        std::cout << "[" << source.name << "] FAIL (" << stage_name(listed.error().stage) << ") "
                  << listed.error().message << "\n";
        return exit_code::k_partial;
    }
    std::cout << "items: " << listed->entries.size() << "\n";
    for (const auto& [field, rule] : listed->provenance) {
        std::cout << "  " << field << " <- " << rule << "\n";
    }
    if (!listed->next_url.empty()) {
        std::cout << "next page: " << listed->next_url << " (max_pages = " << source.list.max_pages
                  << ")\n";
    }
    for (std::size_t i = 0; i < listed->entries.size() && i < 5; ++i) {
        print_entry(i, listed->entries[i]);
    }
    bool ok = !listed->entries.empty();
    const std::size_t count =
        std::min<std::size_t>(listed->entries.size(), static_cast<std::size_t>(options.items));
    for (std::size_t i = 0; i < count; ++i) {
        ok =
            check_item(ctx, source, listed->entries[i], i == 0 ? options.article : "", zone, now) &&
            ok;
    }
    std::cout << "\n[" << source.name << "] " << (ok ? "OK" : "FAIL") << " "
              << listed->entries.size() << " items listed, " << count
              << " checked (nothing stored)\n";
    return ok ? exit_code::k_ok : exit_code::k_partial;
}

} // namespace archiver::cli::sources
