// SPDX-License-Identifier: MIT
// JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1).
#include "jsonfeed.hpp"

#include "html_text.hpp"
#include "stable_id.hpp"
#include "url_join.hpp"

#include <archiver/core/url.hpp>
#include <archiver/text/date.hpp>

#include <nlohmann/json.hpp>

namespace archiver::feed::detail {
namespace {

using nlohmann::json;

std::optional<std::string> str(const json& obj, const char* key) {
    auto it = obj.find(key);
    if (it == obj.end()) {
        return std::nullopt;
    }
    if (it->is_string()) {
        return it->get<std::string>();
    }
    if (it->is_number_integer()) {
        return std::to_string(it->get<std::int64_t>());
    }
    return std::nullopt;
}

std::optional<std::string> absolute(const std::string& base, const std::optional<std::string>& u) {
    if (!u || u->empty()) {
        return std::nullopt;
    }
    return base.empty() ? *u : resolve_url(base, *u);
}

// JSON Feed 1.1's `authors` array, or 1.0's `author` object: the first name (or URL).
std::optional<std::string> author_of(const json& obj) {
    const json* a = nullptr;
    if (auto it = obj.find("authors"); it != obj.end() && it->is_array() && !it->empty()) {
        a = &(*it)[0];
    } else if (auto it1 = obj.find("author"); it1 != obj.end() && it1->is_object()) {
        a = &*it1;
    }
    if (!a || !a->is_object()) {
        return std::nullopt;
    }
    if (auto name = str(*a, "name")) {
        return name;
    }
    return str(*a, "url");
}

std::optional<DateTime> date_of(const json& obj, const char* key, const TimeZone& zone) {
    if (auto v = str(obj, key)) {
        return text::parse_date(*v, zone);
    }
    return std::nullopt;
}

Entry read_item(const json& item, const std::string& base, const TimeZone& zone) {
    Entry e;
    e.id = str(item, "id");
    e.title = str(item, "title");
    e.link = absolute(base, str(item, "url"));
    if (!e.link) {
        e.link = absolute(base, str(item, "external_url"));
    }
    e.published = date_of(item, "date_published", zone);
    e.updated = date_of(item, "date_modified", zone);
    e.author = author_of(item);
    if (auto html = str(item, "content_html")) {
        e.content = sanitize_html(*html, base);
    } else if (auto text = str(item, "content_text")) {
        e.content = *text;
    }
    if (auto summary = str(item, "summary")) {
        e.summary = *summary;
    } else {
        e.summary = e.content;
    }
    if (auto it = item.find("tags"); it != item.end() && it->is_array()) {
        for (const auto& t : *it) {
            if (t.is_string()) {
                add_category_json(e.categories, t.get<std::string>());
            }
        }
    }
    if (auto it = item.find("attachments"); it != item.end() && it->is_array()) {
        for (const auto& a : *it) {
            if (!a.is_object()) {
                continue;
            }
            Enclosure enc;
            enc.url = absolute(base, str(a, "url")).value_or("");
            enc.type = str(a, "mime_type");
            if (auto s = a.find("size_in_bytes"); s != a.end() && s->is_number_integer()) {
                enc.length = s->get<std::int64_t>();
            }
            if (!enc.url.empty()) {
                e.enclosures.push_back(std::move(enc));
            }
        }
    }
    if (!e.id || e.id->empty()) {
        e.id = stable_entry_id(e);
    }
    return e;
}

} // namespace

void add_category_json(std::vector<std::string>& cats, std::string term) {
    if (!term.empty() && std::find(cats.begin(), cats.end(), term) == cats.end()) {
        cats.push_back(std::move(term));
    }
}

bool looks_like_json_feed(std::string_view text) {
    const std::size_t p = text.find_first_not_of(" \t\r\n");
    if (p == std::string_view::npos || text[p] != '{') {
        return false;
    }
    return text.substr(0, 4096).find("jsonfeed.org/version") != std::string_view::npos;
}

bool parse_json_feed(std::string_view text,
                     const std::string& base,
                     const TimeZone& zone,
                     FeedDoc& doc,
                     std::string& error) {
    const json root = json::parse(text.begin(), text.end(), nullptr, false);
    if (root.is_discarded() || !root.is_object()) {
        error = "invalid JSON";
        return false;
    }
    const std::string version = str(root, "version").value_or("");
    if (version.find("jsonfeed.org/version/1.1") != std::string::npos) {
        doc.version = "json11";
    } else if (version.find("jsonfeed.org/version/1") != std::string::npos) {
        doc.version = "json10";
    } else {
        doc.version = "json";
        doc.bozo = true;
        doc.bozo_reason = "not a JSON Feed: no jsonfeed.org version";
    }
    FeedInfo& f = doc.feed;
    f.title = str(root, "title");
    f.link = absolute(base, str(root, "home_page_url"));
    f.description = str(root, "description");
    f.language = str(root, "language");
    f.author = author_of(root);
    f.image = absolute(base, str(root, "icon"));
    if (!f.image) {
        f.image = absolute(base, str(root, "favicon"));
    }
    if (auto it = root.find("items"); it != root.end() && it->is_array()) {
        for (const auto& item : *it) {
            if (item.is_object()) {
                doc.entries.push_back(read_item(item, base, zone));
            }
        }
    } else {
        doc.bozo = true;
        doc.bozo_reason = "JSON Feed without an items array";
    }
    return true;
}

} // namespace archiver::feed::detail
