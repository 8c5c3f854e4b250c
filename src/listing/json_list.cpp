// SPDX-License-Identifier: MIT
// JSON list endpoints: items found by a path (`data.posts[]`), fields mapped by path.
#include "json_path.hpp"

#include <archiver/core/url.hpp>
#include <archiver/listing/listing.hpp>
#include <archiver/text/date.hpp>
#include <cmath>
#include <nlohmann/json.hpp>

namespace archiver::listing {
namespace {

using detail::Path;

// One `[json]` field rule: the key, its text and the parsed path (empty text: unset).
struct FieldRule {
    std::string key;
    std::string text;
    Path path;
    bool set() const { return !text.empty(); }
};

Result<FieldRule> compile(std::string key, const std::string& text) {
    FieldRule rule{std::move(key), text, {}};
    if (text.empty()) {
        return rule;
    }
    auto path = detail::parse_path(text);
    if (!path) {
        return unexpected(
            Error{Stage::parse, "[json] " + rule.key + " \"" + text + "\": not a valid path"});
    }
    rule.path = std::move(*path);
    return rule;
}

bool url_safe(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~' || c == '/';
}

std::string percent_encode(std::string_view value) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string out;
    for (const char ch : value) {
        const auto c = static_cast<unsigned char>(ch);
        if (url_safe(c)) {
            out += ch;
        } else {
            out += '%';
            out += k_hex[c >> 4];
            out += k_hex[c & 0xF];
        }
    }
    return out;
}

// A `link_template` split once into literal text and `{field}` placeholders.
struct TemplatePart {
    std::string literal;
    std::optional<Path> field; // `{id}`, `{author.slug}`
    bool page = false;         // `{page}`
};

std::vector<TemplatePart> compile_template(std::string_view tmpl) {
    std::vector<TemplatePart> parts;
    std::size_t i = 0;
    while (i < tmpl.size()) {
        const std::size_t open = tmpl.find('{', i);
        const std::size_t close = open == std::string_view::npos ? open : tmpl.find('}', open);
        if (close == std::string_view::npos) {
            parts.push_back({std::string(tmpl.substr(i)), std::nullopt, false});
            break;
        }
        parts.push_back({std::string(tmpl.substr(i, open - i)), std::nullopt, false});
        const std::string_view name = tmpl.substr(open + 1, close - open - 1);
        if (name == "page") {
            parts.push_back({{}, std::nullopt, true});
        } else if (auto path = detail::parse_path(name)) {
            parts.push_back({{}, std::move(*path), false});
        } else {
            parts.push_back(
                {std::string(tmpl.substr(open, close - open + 1)), std::nullopt, false});
        }
        i = close + 1;
    }
    return parts;
}

// Fills the placeholders from `item` (`{page}`: the page number); nullopt when a field has no
// value in the item.
std::optional<std::string>
fill_template(const std::vector<TemplatePart>& parts, const nlohmann::json& item, int page) {
    std::string out;
    for (const TemplatePart& part : parts) {
        out += part.literal;
        if (part.page) {
            out += std::to_string(page);
        } else if (part.field) {
            auto value = detail::scalar_text(item, *part.field);
            if (!value || value->empty()) {
                return std::nullopt;
            }
            out += percent_encode(*value);
        }
    }
    return out;
}

// A date field: numbers are Unix times (seconds, or milliseconds when that large), strings
// go through the date parser (zone-less values read in the source's zone).
std::optional<DateTime>
json_date(const nlohmann::json& item, const Path& path, const ListOptions& options) {
    for (const nlohmann::json* v : detail::evaluate(item, path)) {
        if (v->is_number()) {
            double seconds = v->get<double>();
            if (std::fabs(seconds) >= 1e11) {
                seconds /= 1000; // milliseconds
            }
            return in_zone(DateTime{static_cast<std::int64_t>(seconds), 0}, options.zone);
        }
        if (v->is_string()) {
            return text::parse_date(v->get<std::string>(), options.zone, options.now);
        }
    }
    return std::nullopt;
}

// Entry::summary is an HTML string: plain text from JSON is escaped, HTML kept.
std::string as_html(std::string text) {
    if (text.find("</") != std::string::npos || text.find("<p") != std::string::npos ||
        text.find("<br") != std::string::npos) {
        return text;
    }
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string describe(const FieldRule& rule) {
    return "[json] " + rule.key + ": " + rule.text;
}

} // namespace

std::string page_url(const std::string& url_template, int page) {
    std::string out = url_template;
    const std::string placeholder = "{page}";
    for (std::size_t at = out.find(placeholder); at != std::string::npos;
         at = out.find(placeholder, at)) {
        const std::string number = std::to_string(page);
        out.replace(at, placeholder.size(), number);
        at += number.size();
    }
    return out;
}

Result<ListPage> parse_json_list(std::string_view json,
                                 const JsonRules& rules,
                                 const std::string& url_template,
                                 const ListOptions& options) {
    auto items = compile("items", rules.items);
    auto id = compile("id", rules.id);
    auto title = compile("title", rules.title);
    auto link = compile("link", rules.link);
    auto date = compile("date", rules.date);
    auto summary = compile("summary", rules.summary);
    auto author = compile("author", rules.author);
    for (const auto* r : {&items, &id, &title, &link, &date, &summary, &author}) {
        if (!*r) {
            return unexpected(r->error());
        }
    }
    if (!link->set() && rules.link_template.empty()) {
        return unexpected(Error{Stage::config, "[json] needs link or link_template"});
    }

    const nlohmann::json root = nlohmann::json::parse(json, nullptr, false);
    if (root.is_discarded()) {
        return unexpected(Error{Stage::parse, "not valid JSON"});
    }
    // The items path must exist; an empty array there is a last page, not an error.
    Path container = items->path;
    if (!container.empty() && container.back().each) {
        container.back().each = false;
    }
    if (detail::evaluate(root, container).empty()) {
        return unexpected(Error{Stage::parse, "[json] items \"" + rules.items + "\" not found"});
    }
    std::vector<const nlohmann::json*> nodes = detail::evaluate(root, items->path);
    // `data.posts` naming the array itself means its elements.
    if (nodes.size() == 1 && nodes.front()->is_array()) {
        std::vector<const nlohmann::json*> elements;
        for (const auto& element : *nodes.front()) {
            elements.push_back(&element);
        }
        nodes = std::move(elements);
    }

    const std::vector<TemplatePart> link_template = compile_template(rules.link_template);
    const std::string link_rule_path = describe(*link);
    const std::string link_rule_template = "[json] link_template: " + rules.link_template;
    ListPage page;
    const std::string base =
        options.base_url.empty() ? page_url(url_template, options.page) : options.base_url;
    for (const nlohmann::json* item : nodes) {
        if (!item->is_object()) {
            continue;
        }
        Entry entry;
        const std::string* link_rule = nullptr;
        if (link->set()) {
            if (auto value = detail::scalar_text(*item, link->path); value && !value->empty()) {
                std::string absolute = url::resolve(base, *value);
                if (url::is_http(absolute)) {
                    entry.link = std::move(absolute);
                    link_rule = &link_rule_path;
                }
            }
        }
        if (!entry.link && !rules.link_template.empty()) {
            if (auto filled = fill_template(link_template, *item, options.page)) {
                std::string absolute = url::resolve(base, *filled);
                if (url::is_http(absolute)) {
                    entry.link = std::move(absolute);
                    link_rule = &link_rule_template;
                }
            }
        }
        if (!entry.link) {
            continue; // an item without a URL cannot be archived
        }
        // Provenance is shown for the first item only (`sources check`).
        const bool first = page.entries.empty();
        std::vector<std::pair<std::string, std::string>> provenance;
        if (first) {
            provenance.emplace_back("link", *link_rule);
        }
        auto text_field = [&](const FieldRule& rule, std::optional<std::string>& out) {
            if (!rule.set()) {
                return;
            }
            if (auto value = detail::scalar_text(*item, rule.path); value && !value->empty()) {
                out = std::move(value);
                if (first) {
                    provenance.emplace_back(rule.key, describe(rule));
                }
            }
        };
        text_field(*id, entry.id);
        if (!entry.id) {
            entry.id = entry.link;
        }
        text_field(*title, entry.title);
        text_field(*author, entry.author);
        text_field(*summary, entry.summary);
        if (entry.summary) {
            entry.summary = as_html(std::move(*entry.summary));
        }
        if (date->set()) {
            entry.published = json_date(*item, date->path, options);
            if (entry.published && first) {
                provenance.emplace_back("date", describe(*date));
            }
        }
        if (page.entries.empty()) {
            page.provenance = std::move(provenance);
        }
        page.entries.push_back(std::move(entry));
    }
    if (!page.entries.empty() && url_template.find("{page}") != std::string::npos) {
        page.next_url = page_url(url_template, options.page + 1);
        page.provenance.emplace_back("next", "{page} in url: " + url_template);
    }
    return page;
}

} // namespace archiver::listing
