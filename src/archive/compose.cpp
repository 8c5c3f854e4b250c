// SPDX-License-Identifier: MIT
#include <archiver/archive/compose.hpp>

#include <archiver/core/time.hpp>
#include <archiver/markdown/render.hpp>
#include <archiver/normalize/normalize.hpp>

#include <algorithm>
#include <array>

namespace archiver::archive {

namespace {

using document::Value;

// Keys the composer writes itself; a `[front_matter]` default never replaces them.
constexpr std::array<std::string_view, 17> k_composed_keys = {
    "title",   "date",         "summary",      "categories",       "lang",     "translations",
    "tags",    "id",           "source",       "source_url",       "guid",     "author",
    "fetched", "content_hash", "duplicate_of", "duplicate_reason", "revisions"};

bool is_composed(std::string_view key) {
    return std::find(k_composed_keys.begin(), k_composed_keys.end(), key) !=
           k_composed_keys.end();
}

Value to_value(const FrontMatterValue& v) {
    return std::visit([](const auto& x) { return Value{x}; }, v);
}

const FrontMatterValue* find_default(const Source& source, std::string_view key) {
    for (const auto& [k, v] : source.front_matter) {
        if (k == key) {
            return &v;
        }
    }
    return nullptr;
}

// Link text for the last line: Markdown specials escaped so the title stays literal.
std::string escape_link_text(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '\\' || c == '[' || c == ']' || c == '*' || c == '_' || c == '`' || c == '<' ||
            c == '>' || c == '!') {
            out += '\\';
        }
        out += c == '\n' || c == '\r' ? ' ' : c;
    }
    return out;
}

// A link destination that CommonMark reads back whole: spaces, parentheses, angle brackets
// and controls percent-encoded.
std::string escape_destination(std::string_view url) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : url) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7F || c == '(' || c == ')' || c == '<' || c == '>') {
            out += '%';
            out += k_hex[u >> 4];
            out += k_hex[u & 0x0F];
        } else {
            out += c;
        }
    }
    return out;
}

// `dt` shown in the source's zone when it has one, else in the offset it was stated in.
DateTime shown(DateTime dt, const std::optional<TimeZone>& zone) {
    return zone ? in_zone(dt, *zone) : dt;
}

} // namespace

document::Document compose_document(const Source& source,
                                    const Article& article,
                                    const ComposeInfo& info) {
    std::optional<TimeZone> zone;
    if (!source.timezone.empty()) {
        zone = TimeZone::from_name(source.timezone);
    }
    const bool ahead = info.summary && info.content_hash;
    const std::string text = ahead ? std::string() : markdown::render_text(article.body);
    const std::string lang = !source.lang.empty() ? source.lang : article.lang;

    document::Document doc;
    auto& fm = doc.front_matter;
    fm.emplace_back("title", Value{article.title});
    // An article without a date is dated by its fetch, as its archive path is (SPEC §1).
    if (article.date) {
        fm.emplace_back("date", Value{format_pattern(shown(*article.date, zone), info.date_format)});
    } else if (info.fetched != 0) {
        const DateTime fetched{info.fetched, 0};
        fm.emplace_back("date", Value{format_pattern(shown(fetched, zone), info.date_format)});
    }
    fm.emplace_back("summary", Value{ahead ? *info.summary : markdown::make_summary(text)});
    fm.emplace_back("categories", Value{source.categories});
    if (!lang.empty()) {
        fm.emplace_back("lang", Value{std::vector<std::string>{lang}});
    }
    // `translations` has its seed position; a `[front_matter]` value overrides [lang].
    if (const auto* t = find_default(source, "translations")) {
        fm.emplace_back("translations", to_value(*t));
    } else if (!lang.empty()) {
        fm.emplace_back("translations", Value{std::vector<std::string>{lang}});
    }
    fm.emplace_back("tags", Value{source.tags});
    for (const auto& [key, value] : source.front_matter) {
        if (!is_composed(key) && doc.find(key) == nullptr) {
            fm.emplace_back(key, to_value(value));
        }
    }

    // Machine fields: enough to rebuild the index from the archive alone.
    const std::string source_url = !article.url.empty() ? article.url : article.canonical_url;
    if (info.id != 0) {
        fm.emplace_back("id", Value{info.id});
    }
    fm.emplace_back("source", Value{source.name});
    fm.emplace_back("source_url", Value{source_url});
    fm.emplace_back("guid", Value{!info.guid.empty() ? info.guid : source_url});
    std::string author = article.author;
    if (const auto* a = find_default(source, "author"); author.empty() && a != nullptr) {
        if (const auto* s = std::get_if<std::string>(a)) {
            author = *s;
        }
    }
    if (!author.empty()) {
        fm.emplace_back("author", Value{author});
    }
    if (info.fetched != 0) {
        fm.emplace_back("fetched", Value{format_rfc3339(shown(DateTime{info.fetched, 0}, zone))});
    }
    fm.emplace_back("content_hash",
                    Value{ahead ? *info.content_hash : normalize::content_hash(text)});
    if (info.duplicate_of) {
        fm.emplace_back("duplicate_of", Value{*info.duplicate_of});
        if (!info.duplicate_reason.empty()) {
            fm.emplace_back("duplicate_reason", Value{info.duplicate_reason});
        }
    }
    if (!info.revisions.empty()) {
        fm.emplace_back("revisions", Value{info.revisions});
    }

    doc.body = info.markdown ? *info.markdown : markdown::render_markdown(article.body);
    if (!doc.body.empty()) {
        doc.body += '\n';
    }
    const std::string& link_text = !source.title.empty() ? source.title : source.name;
    doc.body += "[" + escape_link_text(link_text) + "](" + escape_destination(source_url) + ")\n";
    return doc;
}

} // namespace archiver::archive
